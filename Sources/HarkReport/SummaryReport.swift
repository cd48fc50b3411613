/// What an analyst reads: the themed summary of a run, computed from a `SummaryState` by
/// `SummaryReportBuilder` and written by the Markdown, JSON, HTML and CSV renderers.
///
/// Every figure is derived from integer counts in the state, so the same state always gives the
/// same report (and a merged state gives the report of one run over the concatenated input).
/// Shares are fractions in [0, 1]; compound sentiment is in [-1, 1]. Quoted text (quotes, campaign
/// templates and what members added) has already been redacted unless redaction was switched off.
public struct SummaryReport: Sendable, Hashable {
  /// The JSON schema identifier; bump the number on any incompatible change.
  public static let schema = "hark-summary/1"

  public var title: String
  /// Names of the theme dictionaries used (e.g. `big-listen`).
  public var dictionaries: [String]
  public var totals: Totals
  /// Sentiment over every analysed, non-empty record.
  public var sentiment: SentimentSummary
  public var alerts: [AlertSummary]
  /// Themes in dictionary order.
  public var themes: [ThemeSummary]
  public var unclassified: UnclassifiedSummary
  /// One breakdown per `--by` column, in the order given.
  public var segments: [SegmentBreakdown]
  public var campaigns: CampaignSummary
  public var redaction: RedactionSummary
  /// Caveats a reader must see (caps that were reached, sections left out and why).
  public var notes: [String]

  public init(
    title: String, dictionaries: [String], totals: Totals, sentiment: SentimentSummary, alerts: [AlertSummary],
    themes: [ThemeSummary], unclassified: UnclassifiedSummary, segments: [SegmentBreakdown],
    campaigns: CampaignSummary, redaction: RedactionSummary, notes: [String]
  ) {
    self.title = title
    self.dictionaries = dictionaries
    self.totals = totals
    self.sentiment = sentiment
    self.alerts = alerts
    self.themes = themes
    self.unclassified = unclassified
    self.segments = segments
    self.campaigns = campaigns
    self.redaction = redaction
    self.notes = notes
  }

  /// A count out of a total with its Wilson 95% score interval.
  public struct Proportion: Sendable, Hashable {
    public var count: Int
    public var total: Int
    /// `count / total` (0 when `total` is 0).
    public var share: Double
    public var low: Double
    public var high: Double

    public init(count: Int, total: Int) {
      self.count = count
      self.total = total
      share = total > 0 ? Double(count) / Double(total) : 0
      (low, high) = Statistics.wilsonInterval(count: count, total: total)
    }
  }

  /// A mean with its 95% interval (normal approximation; equal bounds for n < 2).
  public struct MeanEstimate: Sendable, Hashable {
    public var n: Int
    public var mean: Double
    public var low: Double
    public var high: Double

    public init(n: Int, mean: Double, low: Double, high: Double) {
      self.n = n
      self.mean = mean
      self.low = low
      self.high = high
    }
  }

  public struct Totals: Sendable, Hashable {
    /// Records read: analysed + errors.
    public var records: Int
    /// Records analysed (read without error), empty ones included.
    public var analysed: Int
    /// Analysed records whose text is empty or only whitespace.
    public var empty: Int
    /// Records that could not be read (reported by the reader; never analysed).
    public var errors: Int
    /// Non-empty analysed records that no theme matched, out of the non-empty analysed records.
    public var unclassified: Proportion
  }

  /// Sentiment label counts and the mean compound score with its interval.
  public struct SentimentSummary: Sendable, Hashable {
    public var positive: Int
    public var negative: Int
    public var neutral: Int
    public var mixed: Int
    public var compound: MeanEstimate

    public var total: Int { positive + negative + neutral + mixed }
  }

  public struct AlertSummary: Sendable, Hashable {
    public var id: String
    public var label: String
    public var count: Int
    /// Record ids, in natural order; never the text. At most the configured cap.
    public var ids: [String]
    /// True when there were more ids than the cap (`count` stays exact).
    public var idsTruncated: Bool
  }

  public struct ThemeSummary: Sendable, Hashable {
    public var id: String
    public var label: String
    public var description: String
    /// Records assigned the theme, out of the non-empty analysed records.
    public var share: Proportion
    /// The count with every campaign counted once instead of once per member.
    public var countCampaignsOnce: Int
    /// Sentiment of the records assigned the theme (whole-record scores).
    public var sentiment: SentimentSummary
    /// The theme's own sentiment: from the sentences holding its evidence.
    public var themeSentiment: MeanEstimate
    public var cooccurring: [Cooccurrence]
    public var distinctiveTerms: [DistinctiveTerm]
    public var quotes: [Quote]
  }

  public struct Cooccurrence: Sendable, Hashable {
    public var id: String
    /// Records assigned both themes.
    public var count: Int
    /// `count` out of the records assigned this theme.
    public var shareOfTheme: Double
    /// Observed over expected co-occurrence if the two themes were independent.
    public var lift: Double
  }

  /// A term over-represented in a theme's records against the rest (Monroe, Colaresi & Quinn 2008:
  /// log-odds ratio with an informative Dirichlet prior, z-scored), counted in documents.
  public struct DistinctiveTerm: Sendable, Hashable {
    public var term: String
    public var z: Double
    public var logOddsRatio: Double
    /// Records of the theme containing the term.
    public var themeDocuments: Int
    /// Other non-empty records containing the term.
    public var otherDocuments: Int
  }

  public struct Quote: Sendable, Hashable {
    public var id: String
    /// Redacted text.
    public var text: String
    public var compound: Double
    public var label: String
  }

  public struct TermCount: Sendable, Hashable {
    public var term: String
    /// Records containing the term.
    public var documents: Int
  }

  public struct UnclassifiedSummary: Sendable, Hashable {
    public var share: Proportion
    /// The most frequent single words (stop words left out) in records no theme matched.
    public var topWords: [TermCount]
    /// The most frequent two-word phrases there.
    public var topPhrases: [TermCount]
  }

  public struct SegmentBreakdown: Sendable, Hashable {
    public var column: String
    public var values: [SegmentValue]
    /// True when the column had more distinct values than the cap; the rest are in `(other)`.
    public var truncated: Bool
  }

  public struct SegmentValue: Sendable, Hashable {
    public var value: String
    /// Records in the segment, out of all non-empty analysed records.
    public var share: Proportion
    public var sentiment: SentimentSummary
    public var themes: [SegmentTheme]
  }

  public struct SegmentTheme: Sendable, Hashable {
    public var id: String
    /// Records of the segment assigned the theme, out of the segment's records.
    public var share: Proportion
    /// The theme's share among records outside the segment.
    public var restShare: Double
    /// Two-proportion z statistic, segment against the rest.
    public var z: Double
    /// Two-sided p-value of `z`, Bonferroni-adjusted over every segment value and theme of the column.
    public var adjustedP: Double
    /// `adjustedP < 0.05`.
    public var flagged: Bool
  }

  public struct CampaignSummary: Sendable, Hashable {
    /// Groups of two or more records with the same normalised text.
    public var exactDuplicateGroups: Int
    /// Records in those groups.
    public var exactDuplicateRecords: Int
    /// Near-duplicate clusters (MinHash/LSH over word shingles), largest first; at most the
    /// configured number shown.
    public var clusters: [CampaignCluster]
    /// Clusters found, shown or not.
    public var clustersFound: Int
    /// Records in any cluster.
    public var recordsInClusters: Int
    /// False when a memory cap forced records out of the index (counts may then be low).
    public var exact: Bool
  }

  public struct CampaignCluster: Sendable, Hashable {
    public var id: String
    public var size: Int
    public var templateID: String
    /// The template text (the most central member), redacted.
    public var template: String
    /// Up to the configured number of members, each with what it added to the template.
    public var members: [CampaignMember]
    /// Themes assigned to at least half of the members.
    public var themes: [String]
  }

  public struct CampaignMember: Sendable, Hashable {
    public var id: String
    /// The words this member has that the template lacks (runs joined with " … "), redacted.
    public var added: String
  }

  public struct RedactionSummary: Sendable, Hashable {
    public var enabled: Bool
    /// Redactions made in the quoted text of this report, by kind (`email`, `phone`, ...).
    public var counts: [String: Int]
  }
}
