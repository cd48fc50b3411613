import Foundation
import HarkAnalysis

/// The aggregate of a summary run, built in one streaming pass and exactly mergeable.
///
/// Every field is an integer count, a fixed-point sum or a hash-ordered sample, so `merge` is
/// commutative and associative: states built over any split of the input and merged in any order
/// equal the state of one run over the whole input (while no memory cap was reached; the caps are
/// in `SummaryConfiguration` and every cap that bites is reported). Memory is bounded by the
/// configuration, not by the input.
public struct SummaryState: Codable, Sendable, Hashable {
  /// The partial-state file format; `hark merge` refuses others.
  public static let format = "hark-summary-state/1"

  public struct ThemeTally: Codable, Sendable, Hashable {
    public var count = 0
    public var sentiment = SentimentTally()
    /// The theme's own sentiment, over records where it had one.
    public var themeSentiment = MeanTally()
  }

  public struct AlertTally: Codable, Sendable, Hashable {
    public var count = 0
    /// Record ids in natural order, at most `maxAlertIDs`.
    public var ids: [String] = []
  }

  public struct SegmentTally: Codable, Sendable, Hashable {
    public var count = 0
    public var sentiment = SentimentTally()
    public var themeCounts: [Int]
  }

  public struct SegmentColumn: Codable, Sendable, Hashable {
    public var values: [String: SegmentTally] = [:]
    /// True once a value had to be pooled as `(other)`.
    public var truncated = false
  }

  public static let otherSegment = "(other)"

  public var format = SummaryState.format
  public let configuration: SummaryConfiguration
  /// Records analysed (empty ones included).
  public private(set) var analysed = 0
  public private(set) var empty = 0
  /// Records reported as errors by the reader.
  public private(set) var errors = 0
  /// Non-empty records no theme matched.
  public private(set) var unclassified = 0
  /// Over non-empty records.
  public private(set) var sentiment = SentimentTally()
  public private(set) var themes: [ThemeTally]
  /// Records assigned both theme i and theme j, at `i * themes.count + j`.
  public private(set) var cooccurrence: [Int]
  public private(set) var alerts: [AlertTally]
  public private(set) var segments: [SegmentColumn]
  public private(set) var terms: TermTable
  public private(set) var quotes: [QuotePool]
  public private(set) var campaigns: CampaignIndex
  public private(set) var duplicates: DuplicateCounter

  public init(configuration: SummaryConfiguration) {
    self.configuration = configuration
    let n = configuration.themes.count
    themes = Array(repeating: ThemeTally(), count: n)
    cooccurrence = Array(repeating: 0, count: n * n)
    alerts = Array(repeating: AlertTally(), count: configuration.alerts.count)
    segments = Array(repeating: SegmentColumn(), count: configuration.segmentColumns.count)
    terms = TermTable(columns: n + 2, capacity: configuration.termCapacity)
    quotes = Array(repeating: QuotePool(size: configuration.quotePoolSize), count: n)
    campaigns = CampaignIndex(capacity: configuration.campaignCapacity)
    duplicates = DuplicateCounter(capacity: configuration.duplicateCapacity)
  }

  /// Records read: analysed + errors.
  public var records: Int { analysed + errors }

  /// Counts a record the reader could not read.
  public mutating func addError() {
    errors += 1
  }

  /// Adds one analysed record. Themes and alerts not in the configuration are ignored.
  public mutating func add(_ record: SummaryRecord) {
    buildIndexes()
    analysed += 1
    guard !record.isEmpty else {
      empty += 1
      return
    }
    sentiment.add(label: record.label, compound: record.compound)
    let themeIndexes = record.themes.compactMap { theme in cache.themes[theme.id].map { (theme, $0) } }
    if themeIndexes.isEmpty { unclassified += 1 }
    let n = configuration.themes.count
    for (theme, i) in themeIndexes {
      themes[i].count += 1
      themes[i].sentiment.add(label: record.label, compound: record.compound)
      if let own = theme.sentiment { themes[i].themeSentiment.add(own) }
      for (_, j) in themeIndexes { cooccurrence[i * n + j] += 1 }
    }
    var isAlert = false
    for alert in record.alerts {
      guard let a = cache.alerts[alert] else { continue }
      isAlert = true
      alerts[a].count += 1
      Self.insertID(record.id, into: &alerts[a].ids, cap: configuration.maxAlertIDs)
    }
    for (c, value) in record.segments.prefix(segments.count).enumerated() {
      addSegment(column: c, value: value, themes: themeIndexes.map(\.1), label: record.label, compound: record.compound)
    }
    let columns = themeIndexes.isEmpty ? [n + 1] : themeIndexes.map { $0.1 + 1 }
    terms.add(record.words + record.phrases, columns: columns)
    if !isAlert && QuotePool.isEligible(record.text) {
      for (theme, i) in themeIndexes {
        quotes[i].offer(
          .init(
            key: StableHash.of(configuration.themes[i].id, record.id, record.text), id: record.id, text: record.text,
            compound: SentimentTally.units(record.compound), score: Int64((theme.score * 1000).rounded()),
            themeCount: themeIndexes.count))
      }
    }
    if let signature = record.signature {
      campaigns.add(
        .init(
          key: StableHash.of(record.id, record.text), id: record.id, text: CampaignIndex.truncated(record.text),
          signature: signature, themes: themeIndexes.map(\.1).sorted(), isAlert: isAlert))
    }
    duplicates.add(record.normalisedTextHash)
  }

  private mutating func addSegment(column: Int, value: String, themes assigned: [Int], label: SentimentLabel, compound: Double) {
    var key = value
    if segments[column].values[key] == nil && segments[column].values.count >= configuration.maxSegmentValues {
      key = Self.otherSegment
      segments[column].truncated = true
    }
    var tally = segments[column].values[key] ?? SegmentTally(themeCounts: Array(repeating: 0, count: themes.count))
    tally.count += 1
    tally.sentiment.add(label: label, compound: compound)
    for i in assigned { tally.themeCounts[i] += 1 }
    segments[column].values[key] = tally
  }

  /// Adds another state's counts to this one. Both must have the same configuration.
  public mutating func merge(_ other: SummaryState) throws(SummaryError) {
    guard other.configuration == configuration else {
      throw .incompatible(reason: Self.difference(configuration, other.configuration))
    }
    analysed += other.analysed
    empty += other.empty
    errors += other.errors
    unclassified += other.unclassified
    sentiment.merge(other.sentiment)
    for i in themes.indices {
      themes[i].count += other.themes[i].count
      themes[i].sentiment.merge(other.themes[i].sentiment)
      themes[i].themeSentiment.merge(other.themes[i].themeSentiment)
    }
    for k in cooccurrence.indices { cooccurrence[k] += other.cooccurrence[k] }
    for a in alerts.indices {
      alerts[a].count += other.alerts[a].count
      for id in other.alerts[a].ids { Self.insertID(id, into: &alerts[a].ids, cap: configuration.maxAlertIDs) }
    }
    for c in segments.indices {
      for (value, tally) in other.segments[c].values.sorted(by: { $0.key < $1.key }) {
        var key = value
        if segments[c].values[key] == nil && segments[c].values.count >= configuration.maxSegmentValues {
          key = Self.otherSegment
          segments[c].truncated = true
        }
        var mine = segments[c].values[key] ?? SegmentTally(themeCounts: Array(repeating: 0, count: themes.count))
        mine.count += tally.count
        mine.sentiment.merge(tally.sentiment)
        for i in mine.themeCounts.indices { mine.themeCounts[i] += tally.themeCounts[i] }
        segments[c].values[key] = mine
      }
      segments[c].truncated = segments[c].truncated || other.segments[c].truncated
    }
    terms.merge(other.terms)
    for i in quotes.indices { quotes[i].merge(other.quotes[i]) }
    campaigns.merge(other.campaigns)
    duplicates.merge(other.duplicates)
  }

  /// The state as JSON with sorted keys and canonical orders: equal states give equal bytes.
  public func encoded() throws -> Data {
    var copy = self
    copy.campaigns.canonicalise()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(copy)
  }

  /// Reads a state written by `encoded()`.
  public static func decode(_ data: Data, path: String) throws(SummaryError) -> SummaryState {
    let state: SummaryState
    do {
      state = try JSONDecoder().decode(SummaryState.self, from: data)
    } catch {
      throw .invalidState(path: path, reason: "\(error)")
    }
    guard state.format == format else {
      throw .invalidState(path: path, reason: "format \(state.format), expected \(format)")
    }
    let n = state.configuration.themes.count
    guard state.themes.count == n, state.cooccurrence.count == n * n, state.quotes.count == n,
      state.alerts.count == state.configuration.alerts.count,
      state.segments.count == state.configuration.segmentColumns.count, state.terms.columns == n + 2
    else {
      throw .invalidState(path: path, reason: "its tables do not match its configuration")
    }
    return state
  }

  /// Theme and alert positions by id: derived from the configuration, not encoded, and ignored by
  /// equality.
  struct IndexCache: Sendable, Hashable {
    var themes: [String: Int] = [:]
    var alerts: [String: Int] = [:]
    var isBuilt = false

    static func == (_: IndexCache, _: IndexCache) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
  }

  private var cache = IndexCache()

  private mutating func buildIndexes() {
    guard !cache.isBuilt else { return }
    cache.themes = Dictionary(configuration.themes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    cache.alerts = Dictionary(configuration.alerts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    cache.isBuilt = true
  }

  private enum CodingKeys: String, CodingKey {
    case format, configuration, analysed, empty, errors, unclassified, sentiment, themes, cooccurrence, alerts, segments
    case terms, quotes, campaigns, duplicates
  }

  /// Inserts `id` into `ids` (kept in ``NaturalOrder``, at most `cap` long) after any equal ids.
  static func insertID(_ id: String, into ids: inout [String], cap: Int) {
    // Binary search for the first id greater than `id`; records mostly arrive in order, so a full
    // list usually rejects the newcomer at its first comparison, with the last id.
    if ids.count >= cap, let last = ids.last, !NaturalOrder.less(id, last) { return }
    var (low, high) = (0, ids.count)
    while low < high {
      let middle = (low + high) / 2
      if NaturalOrder.less(id, ids[middle]) { high = middle } else { low = middle + 1 }
    }
    let position = low
    guard position < cap else { return }
    ids.insert(id, at: position)
    if ids.count > cap { ids.removeLast() }
  }

  private static func difference(_ a: SummaryConfiguration, _ b: SummaryConfiguration) -> String {
    if a.themes != b.themes { return "the theme dictionaries differ (\(a.dictionaries) against \(b.dictionaries))" }
    if a.alerts != b.alerts { return "the alert dictionaries differ" }
    if a.segmentColumns != b.segmentColumns { return "the --by columns differ (\(a.segmentColumns) against \(b.segmentColumns))" }
    return "the memory caps differ"
  }
}

/// Natural order for record ids: digit runs compare by value ("r-9" < "r-10"), the rest by scalar.
public enum NaturalOrder {
  public static func less(_ a: String, _ b: String) -> Bool {
    var i = a.unicodeScalars.makeIterator()
    var j = b.unicodeScalars.makeIterator()
    var x = i.next()
    var y = j.next()
    while let p = x, let q = y {
      if isDigit(p) && isDigit(q) {
        var left = ""
        var right = ""
        while let d = x, isDigit(d) { left.unicodeScalars.append(d); x = i.next() }
        while let d = y, isDigit(d) { right.unicodeScalars.append(d); y = j.next() }
        let l = left.drop { $0 == "0" }
        let r = right.drop { $0 == "0" }
        if l.count != r.count { return l.count < r.count }
        if l != r { return l < r }
        if left.count != right.count { return left.count < right.count }
        continue
      }
      if p != q { return p.value < q.value }
      x = i.next()
      y = j.next()
    }
    return x == nil && y != nil
  }

  private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
}
