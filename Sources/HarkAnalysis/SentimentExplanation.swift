/// Everything that went into a text's sentiment, for `hark explain` and for auditing a score.
///
/// Invariant: the contributions' `value`s plus the sentences' `emphasis` add up to `raw`, and
/// `scores.compound` is `raw / sqrt(raw² + 15)`.
public struct SentimentExplanation: Sendable {
  /// One rule applied to a contribution, in order.
  public struct Step: Sendable, Hashable {
    public var rule: SentimentRule
    /// What triggered it, e.g. the negator's text.
    public var detail: String
    /// The contribution after the step.
    public var value: Double
  }

  /// A matched sentiment term and what the rules made of it.
  public struct Contribution: Sendable, Hashable {
    /// Token indices of the match in the ``HarkText/Document``.
    public var tokens: Range<Int>
    /// The matched surface text.
    public var text: String
    /// Unicode scalar offsets of the match in the original text.
    public var scalarRange: Range<Int>
    public var term: String
    /// `path:line` of the lexicon entry.
    public var source: String
    public var valence: Double
    public var steps: [Step]
    /// The final contribution to the text's raw score.
    public var value: Double
    public var sentence: Int
    public var clause: Int
  }

  /// A matched shifter (negator, amplifier, dampener, adversative, irrealis marker).
  public struct ShifterMatch: Sendable, Hashable {
    public var tokens: Range<Int>
    public var text: String
    public var term: String
    public var role: String
    public var source: String
  }

  public struct SentenceScore: Sendable, Hashable {
    public var index: Int
    /// The sum of the sentence's contributions.
    public var contributions: Double
    /// What "!" and "?" added, in the direction of the contributions.
    public var emphasis: Double
    public var score: Double { contributions + emphasis }
  }

  public var contributions: [Contribution]
  public var shifters: [ShifterMatch]
  public var sentences: [SentenceScore]
  /// The unnormalised document score.
  public var raw: Double
  public var scores: SentimentScores
}

/// The rules of Hark's sentiment scorer, as named in explanations.
public enum SentimentRule: String, Sendable, Hashable, CaseIterable {
  case allCaps = "all-caps"
  case elongation
  case intensity
  case negation
  case doubleNegation = "double-negation"
  case irrealis
  case demand
  case contrastBefore = "contrast-before"
  case contrastAfter = "contrast-after"
  case concession
  case mainClause = "main-clause"
  case nextSentenceContrast = "next-sentence-contrast"
}
