import Foundation

/// Turns a summary state into a report: shares with Wilson intervals, distinctive terms, segment
/// tests, quote choice, campaign clusters and redaction. A pure function of the state and the
/// options.
public struct SummaryReportBuilder: Sendable {
  public var options: ReportOptions
  public var redactor: Redactor

  /// α₀ of the informative Dirichlet prior: the prior counts of all terms add up to this, spread
  /// in proportion to each term's count over all records.
  public static let priorTotal = 500.0
  /// Distinctive terms need at least this z-score (two-sided 95%).
  public static let minimumZ = 1.96
  /// A segment cell is flagged when its Bonferroni-adjusted p-value is below this.
  public static let segmentAlpha = 0.05

  public init(options: ReportOptions = ReportOptions(), redactor: Redactor = Redactor()) {
    self.options = options
    self.redactor = redactor
  }

  public func report(_ state: SummaryState) -> SummaryReport {
    var campaignIndex = state.campaigns
    campaignIndex.canonicalise()
    let configuration = state.configuration
    let nonEmpty = state.analysed - state.empty
    var redactionCounts: [String: Int] = [:]
    func redacted(_ text: String) -> String {
      guard options.redact else { return text }
      let result = redactor.redact(text)
      for (kind, count) in result.counts { redactionCounts[kind.rawValue, default: 0] += count }
      return result.text
    }
    var notes: [String] = []

    // Campaigns first: quotes avoid their members, and theme counts are given with each counted once.
    let clusterer = CampaignClusterer(similarity: options.campaignSimilarity, minimumSize: options.campaignMinimumSize)
    let clusters = clusterer.clusters(of: campaignIndex)
    let entries = campaignIndex.entries
    var campaignMemberIDs = Set<String>()
    var countsOnce = state.themes.map(\.count)
    for cluster in clusters {
      var withTheme = Array(repeating: 0, count: configuration.themes.count)
      for member in cluster.members {
        campaignMemberIDs.insert(entries[member].id)
        for theme in entries[member].themes { withTheme[theme] += 1 }
      }
      for (theme, count) in withTheme.enumerated() where count > 0 { countsOnce[theme] -= count - 1 }
    }
    var reportedClusters: [SummaryReport.CampaignCluster] = []
    for (number, cluster) in clusters.prefix(options.campaignsShown).enumerated() {
      let template = entries[cluster.template]
      let members = cluster.members.filter { $0 != cluster.template }.prefix(options.campaignMembersShown).map { member in
        SummaryReport.CampaignMember(
          id: entries[member].id,
          added: entries[member].isAlert ? "(not shown: alert record)" : redacted(TemplateDiff.added(entries[member].text, template: template.text)))
      }
      var themeVotes = Array(repeating: 0, count: configuration.themes.count)
      for member in cluster.members { for theme in entries[member].themes { themeVotes[theme] += 1 } }
      reportedClusters.append(
        .init(
          id: "campaign-\(number + 1)", size: cluster.members.count, templateID: template.id,
          template: template.isAlert ? "(not shown: alert record)" : redacted(template.text), members: Array(members),
          themes: themeVotes.enumerated().filter { $0.element * 2 >= cluster.members.count && $0.element > 0 }
            .map { configuration.themes[$0.offset].id }))
    }
    if clusters.count > options.campaignsShown {
      notes.append("\(clusters.count) campaign clusters found; the \(options.campaignsShown) largest are shown.")
    }
    let duplicateFigures = state.duplicates.duplicates
    if !campaignIndex.isExact {
      notes.append(
        "The near-duplicate index reached its cap of \(configuration.campaignCapacity) records; \(campaignIndex.pruned) records were pruned, so campaign sizes are lower bounds.")
    }
    if !state.duplicates.isExact {
      notes.append("The exact-duplicate counter reached its cap; duplicate counts are lower bounds.")
    }

    // Themes.
    let n = configuration.themes.count
    var themes: [SummaryReport.ThemeSummary] = []
    for (i, category) in configuration.themes.enumerated() {
      let tally = state.themes[i]
      var cooccurring: [SummaryReport.Cooccurrence] = []
      for (j, other) in configuration.themes.enumerated() where j != i {
        let both = state.cooccurrence[i * n + j]
        guard both > 0 else { continue }
        let expected = Double(tally.count) * Double(state.themes[j].count) / Double(max(nonEmpty, 1))
        cooccurring.append(
          .init(
            id: other.id, count: both, shareOfTheme: Double(both) / Double(max(tally.count, 1)),
            lift: expected > 0 ? Double(both) / expected : 0))
      }
      cooccurring.sort { ($0.count, $1.id) > ($1.count, $0.id) }
      themes.append(
        .init(
          id: category.id, label: category.label, description: category.description,
          share: .init(count: tally.count, total: nonEmpty), countCampaignsOnce: countsOnce[i],
          sentiment: tally.sentiment.summary, themeSentiment: tally.themeSentiment.estimate,
          cooccurring: Array(cooccurring.prefix(5)), distinctiveTerms: distinctiveTerms(state.terms, column: i + 1),
          quotes: quotes(state.quotes[i], excluding: campaignMemberIDs).map {
            .init(id: $0.id, text: redacted($0.text), compound: Double($0.compound) / SentimentTally.scale, label: label(of: $0))
          }))
    }
    if !state.terms.isExact {
      notes.append(
        "The term table reached its cap of \(configuration.termCapacity) terms; terms seen \(state.terms.pruneLevel) times or fewer were pruned, so term counts are approximate.")
    }

    // Unclassified records.
    var words: [SummaryReport.TermCount] = []
    var phrases: [SummaryReport.TermCount] = []
    let unclassifiedColumn = n + 1
    let ranked = state.terms.terms.indices
      .map { (row: $0, count: state.terms.count(row: $0, column: unclassifiedColumn)) }
      .filter { $0.count > 1 }
      .sorted { ($0.count, state.terms.terms[$1.row]) > ($1.count, state.terms.terms[$0.row]) }
    for (row, count) in ranked {
      let term = state.terms.terms[row]
      if term.contains(" ") {
        if phrases.count < options.unclassifiedTerms { phrases.append(.init(term: term, documents: count)) }
      } else if words.count < options.unclassifiedTerms {
        words.append(.init(term: term, documents: count))
      }
      if words.count >= options.unclassifiedTerms && phrases.count >= options.unclassifiedTerms { break }
    }

    // Segments.
    var segments: [SummaryReport.SegmentBreakdown] = []
    for (c, column) in configuration.segmentColumns.enumerated() {
      let values = state.segments[c].values.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
      let tests = max(1, values.count * n)
      var rows: [SummaryReport.SegmentValue] = []
      for (value, tally) in values {
        let restCount = nonEmpty - tally.count
        let cells = configuration.themes.enumerated().map { i, theme -> SummaryReport.SegmentTheme in
          let inSegment = tally.themeCounts[i]
          let inRest = state.themes[i].count - inSegment
          let z = Statistics.twoProportionZ(inSegment, tally.count, inRest, restCount)
          let p = min(1, Statistics.twoSidedP(z) * Double(tests))
          return .init(
            id: theme.id, share: .init(count: inSegment, total: tally.count),
            restShare: restCount > 0 ? Double(inRest) / Double(restCount) : 0, z: z, adjustedP: p,
            flagged: p < Self.segmentAlpha)
        }
        rows.append(.init(value: value, share: .init(count: tally.count, total: nonEmpty), sentiment: tally.sentiment.summary, themes: cells))
      }
      if state.segments[c].truncated {
        notes.append("Column '\(column)' had more than \(configuration.maxSegmentValues) values; the rest are pooled as \(SummaryState.otherSegment).")
      }
      segments.append(.init(column: column, values: rows, truncated: state.segments[c].truncated))
    }

    let alerts = configuration.alerts.enumerated().map { a, category in
      SummaryReport.AlertSummary(
        id: category.id, label: category.label, count: state.alerts[a].count, ids: state.alerts[a].ids,
        idsTruncated: state.alerts[a].count > state.alerts[a].ids.count)
    }
    if state.analysed == 0 { notes.append("No records were analysed.") }
    return SummaryReport(
      title: options.title, dictionaries: configuration.dictionaries,
      totals: .init(
        records: state.records, analysed: state.analysed, empty: state.empty, errors: state.errors,
        unclassified: .init(count: state.unclassified, total: nonEmpty)),
      sentiment: state.sentiment.summary, alerts: alerts, themes: themes,
      unclassified: .init(share: .init(count: state.unclassified, total: nonEmpty), topWords: words, topPhrases: phrases),
      segments: segments,
      campaigns: .init(
        exactDuplicateGroups: duplicateFigures.groups, exactDuplicateRecords: duplicateFigures.records,
        clusters: reportedClusters, clustersFound: clusters.count, recordsInClusters: clusters.reduce(0) { $0 + $1.members.count },
        exact: campaignIndex.isExact && state.duplicates.isExact),
      redaction: .init(enabled: options.redact, counts: redactionCounts), notes: notes)
  }

  /// Terms over-represented in `column` against every other non-empty record, by z-score.
  func distinctiveTerms(_ table: TermTable, column: Int) -> [SummaryReport.DistinctiveTerm] {
    let groupTotal = Double(table.totals[column])
    let allTotal = Double(table.totals[0])
    guard groupTotal > 0, allTotal > groupTotal else { return [] }
    var result: [SummaryReport.DistinctiveTerm] = []
    for row in table.terms.indices {
      let inGroup = table.count(row: row, column: column)
      guard inGroup >= options.minimumTermDocuments else { continue }
      let all = table.count(row: row, column: 0)
      let inRest = all - inGroup
      let prior = Self.priorTotal * Double(all) / allTotal
      let (delta, z) = Statistics.logOddsWithPrior(
        inGroup: Double(inGroup), groupTotal: groupTotal, inRest: Double(inRest), restTotal: allTotal - groupTotal,
        prior: prior, priorTotal: Self.priorTotal)
      guard z >= Self.minimumZ else { continue }
      result.append(.init(term: table.terms[row], z: z, logOddsRatio: delta, themeDocuments: inGroup, otherDocuments: inRest))
    }
    result.sort { $0.z != $1.z ? $0.z > $1.z : $0.term < $1.term }
    return Array(result.prefix(options.distinctiveTerms))
  }

  /// Chooses quotes: first the most typical candidate (fewest other themes, then highest theme
  /// score), then each next one the candidate least like those chosen (word overlap), preferring a
  /// sentiment not yet shown. Campaign members are skipped.
  func quotes(_ pool: QuotePool, excluding members: Set<String>) -> [QuotePool.Candidate] {
    let candidates = pool.candidates.filter { !members.contains($0.id) }
    guard !candidates.isEmpty, options.quotesPerTheme > 0 else { return [] }
    let wordSets = candidates.map { Set($0.text.lowercased().split { !$0.isLetter }) }
    var chosen: [Int] = []
    let first = candidates.indices.min { a, b in
      (candidates[a].themeCount, -candidates[a].score, candidates[a].key) < (candidates[b].themeCount, -candidates[b].score, candidates[b].key)
    }!
    chosen.append(first)
    while chosen.count < min(options.quotesPerTheme, candidates.count) {
      let shownLabels = Set(chosen.map { label(of: candidates[$0]) })
      var best = -1
      var bestScore = -Double.infinity
      for k in candidates.indices where !chosen.contains(k) {
        let overlap = chosen.map { jaccard(wordSets[k], wordSets[$0]) }.max() ?? 0
        let novelty = shownLabels.contains(label(of: candidates[k])) ? 0.0 : 0.5
        let typicality = 1.0 / Double(candidates[k].themeCount)
        let score = (1 - overlap) + novelty + 0.25 * typicality
        if score > bestScore {
          bestScore = score
          best = k
        }
      }
      chosen.append(best)
    }
    return chosen.map { candidates[$0] }
  }

  private func jaccard(_ a: Set<Substring>, _ b: Set<Substring>) -> Double {
    let union = a.union(b).count
    return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
  }

  private func label(of candidate: QuotePool.Candidate) -> String {
    let compound = Double(candidate.compound) / SentimentTally.scale
    return compound >= 0.05 ? "positive" : compound <= -0.05 ? "negative" : "neutral"
  }
}
