/// What a summary state accumulates, and its memory caps. Two states merge only when their
/// configurations are equal; report-time choices (how many quotes, terms and members to show)
/// live in `ReportOptions` instead.
public struct SummaryConfiguration: Codable, Sendable, Hashable {
  /// A theme or alert as the dictionary defines it.
  public struct Category: Codable, Sendable, Hashable {
    public var id: String
    public var label: String
    public var description: String

    public init(id: String, label: String, description: String) {
      self.id = id
      self.label = label
      self.description = description
    }
  }

  /// Top-level themes of every dictionary, in dictionary order.
  public var themes: [Category]
  public var alerts: [Category]
  /// Names of the theme dictionaries (e.g. `big-listen`).
  public var dictionaries: [String]
  /// `--by` columns, in order.
  public var segmentColumns: [String]
  /// Candidate quotes kept per theme (a hash-ordered sample, the same under any split).
  public var quotePoolSize = 40
  /// Record ids kept per alert (counts stay exact beyond it).
  public var maxAlertIDs = 1_000
  /// Distinct values kept per `--by` column; further values are pooled as `(other)`.
  public var maxSegmentValues = 100
  /// Distinct terms counted exactly; beyond it, the rarest are pruned (lossy counting).
  public var termCapacity = 400_000
  /// Records kept in the near-duplicate index; beyond it, records with no near duplicate so far
  /// are pruned.
  public var campaignCapacity = 50_000
  /// Distinct normalised texts counted for exact duplicates; beyond it, singletons are pruned.
  public var duplicateCapacity = 1_000_000

  public init(themes: [Category], alerts: [Category], dictionaries: [String], segmentColumns: [String]) {
    self.themes = themes
    self.alerts = alerts
    self.dictionaries = dictionaries
    self.segmentColumns = segmentColumns
  }
}

/// Report-time choices; they do not affect the state, so any partial state can be reported with
/// any options.
public struct ReportOptions: Sendable, Hashable {
  public var title = "Hark summary"
  public var quotesPerTheme = 3
  public var distinctiveTerms = 10
  /// A term must occur in at least this many records of a theme to be listed as distinctive.
  public var minimumTermDocuments = 5
  public var unclassifiedTerms = 15
  /// Near-duplicate clusters smaller than this are not reported as campaigns.
  public var campaignMinimumSize = 3
  /// Estimated Jaccard similarity two records need to join a cluster.
  public var campaignSimilarity = 0.5
  public var campaignMembersShown = 10
  public var campaignsShown = 20
  public var redact = true

  public init() {}
}
