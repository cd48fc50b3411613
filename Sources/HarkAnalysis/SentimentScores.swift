/// A text's sentiment label.
public enum SentimentLabel: String, Sendable, Hashable, CaseIterable, Codable {
  case positive, negative, neutral
  /// Clearly positive and clearly negative parts in one text ("welcome, but much more needs to be done").
  case mixed
}

/// The scores every scorer reports, in the units of PRODUCT.md's output schema.
public struct SentimentScores: Hashable, Sendable, Codable {
  public var label: SentimentLabel
  /// The overall score, in [-1, 1].
  public var compound: Double
  /// Shares of the text's sentiment mass that are positive, negative and neutral; they sum to 1
  /// (0 each for a text with no words).
  public var positive: Double
  public var negative: Double
  public var neutral: Double

  public init(label: SentimentLabel, compound: Double, positive: Double, negative: Double, neutral: Double) {
    self.label = label
    self.compound = compound
    self.positive = positive
    self.negative = negative
    self.neutral = neutral
  }

  /// VADER's own convention for a label from `compound`: ±0.05.
  public static func label(forCompound compound: Double, threshold: Double = 0.05) -> SentimentLabel {
    compound >= threshold ? .positive : compound <= -threshold ? .negative : .neutral
  }
}
