import HarkAnalysis

/// Sentiment label counts and compound sums in fixed point (units of 1e-4), so that sums are
/// exact and merging in any order gives the same state.
public struct SentimentTally: Codable, Sendable, Hashable {
  /// Compound units per 1.0.
  public static let scale: Double = 10_000

  public var positive = 0
  public var negative = 0
  public var neutral = 0
  public var mixed = 0
  /// The compound scores, in fixed point.
  public var compound = MeanTally()

  public init() {}

  public var count: Int { positive + negative + neutral + mixed }

  public mutating func add(label: SentimentLabel, compound value: Double) {
    switch label {
    case .positive: positive += 1
    case .negative: negative += 1
    case .neutral: neutral += 1
    case .mixed: mixed += 1
    }
    compound.add(value)
  }

  public mutating func merge(_ other: SentimentTally) {
    positive += other.positive
    negative += other.negative
    neutral += other.neutral
    mixed += other.mixed
    compound.merge(other.compound)
  }

  /// `value` clamped to [-1, 1] in units of 1e-4, rounded.
  public static func units(_ value: Double) -> Int64 {
    Int64((max(-1, min(1, value)) * scale).rounded())
  }

  public var summary: SummaryReport.SentimentSummary {
    .init(positive: positive, negative: negative, neutral: neutral, mixed: mixed, compound: compound.estimate)
  }
}

/// A count, sum and sum of squares in fixed point (units of 1e-4).
public struct MeanTally: Codable, Sendable, Hashable {
  public var n = 0
  public var sum: Int64 = 0
  public var squares: Int64 = 0

  public init() {}

  public init(n: Int, sum: Int64, squares: Int64) {
    self.n = n
    self.sum = sum
    self.squares = squares
  }

  public mutating func add(_ value: Double) {
    let units = SentimentTally.units(value)
    n += 1
    sum += units
    squares += units * units
  }

  public mutating func merge(_ other: MeanTally) {
    n += other.n
    sum += other.sum
    squares += other.squares
  }

  public var estimate: SummaryReport.MeanEstimate {
    let scale = SentimentTally.scale
    let (mean, low, high) = Statistics.meanInterval(
      n: n, sum: Double(sum) / scale, sumOfSquares: Double(squares) / (scale * scale))
    return .init(n: n, mean: mean, low: low, high: high)
  }
}
