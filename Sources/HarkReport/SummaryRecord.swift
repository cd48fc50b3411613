import HarkAnalysis
import HarkText

/// What one analysed record contributes to a summary: everything the aggregate needs, computed
/// once (possibly on a worker thread) from the record's text and its classification.
public struct SummaryRecord: Sendable {
  /// A theme assigned to the record.
  public struct Theme: Sendable, Hashable {
    public var id: String
    public var score: Double
    /// The theme's own sentiment (from the sentences holding its evidence), if any.
    public var sentiment: Double?

    public init(id: String, score: Double, sentiment: Double?) {
      self.id = id
      self.score = score
      self.sentiment = sentiment
    }
  }

  public var id: String
  public var text: String
  /// True when the text has no word, number, emoji or emoticon token.
  public var isEmpty: Bool
  public var label: SentimentLabel
  /// In [-1, 1].
  public var compound: Double
  public var themes: [Theme]
  /// Alert ids (`distress`, ...).
  public var alerts: [String]
  /// One value per configured `--by` column, in order (`(missing)` when absent or empty).
  public var segments: [String]
  /// Distinct content words and phrases (see `TermExtractor`).
  public var words: [String]
  public var phrases: [String]
  /// MinHash signature of the word shingles (nil for short texts).
  public var signature: [UInt32]?
  /// Hash of the normalised word sequence: equal for texts that differ only in case, spacing and
  /// punctuation.
  public var normalisedTextHash: UInt64

  /// Builds the contribution of a tokenised, classified record.
  public init(
    id: String, document: Document, sentiment: SentimentScores, themes: [Theme], alerts: [String],
    segments: [String], extractor: TermExtractor
  ) {
    self.id = id
    text = document.text
    label = sentiment.label
    compound = sentiment.compound
    self.themes = themes
    self.alerts = alerts
    self.segments = segments.map { $0.isEmpty ? Self.missingSegment : $0 }
    (words, phrases) = extractor.terms(in: document)
    var forms: [String] = []
    forms.reserveCapacity(document.tokens.count)
    var hasContent = false
    for token in document.tokens {
      switch token.kind {
      case .word, .number:
        forms.append(token.norm)
        hasContent = true
      case .emoji, .emoticon, .hashtag, .mention, .url, .email:
        hasContent = true
      default:
        break
      }
    }
    isEmpty = !hasContent
    signature = MinHasher.signature(words: forms)
    normalisedTextHash = StableHash.of(forms.joined(separator: " "))
  }

  public static let missingSegment = "(missing)"
}
