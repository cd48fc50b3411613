import Foundation
import HarkAnalysis
import HarkText
import Testing

@testable import HarkReport

/// A deterministic generator of classified records: random sentences, some campaign letters with a
/// personal line, random themes, alerts and segments.
struct RecordFactory {
  static let themeIDs = ["grading", "workload", "conduct", "safeguarding", "reform"]
  static let configuration = SummaryConfiguration(
    themes: themeIDs.map { .init(id: $0, label: $0.capitalized, description: "About \($0).") },
    alerts: [.init(id: "distress", label: "Distress", description: ""), .init(id: "threat", label: "Threat", description: "")],
    dictionaries: ["test"], segmentColumns: ["respondent_type"])
  static let words = """
    inspection inspectors grade grades judgement workload marking stress teachers parents pupils school governors \
    report framework fair unfair deep dive curriculum safeguarding leaders wellbeing morale pressure visit call \
    outstanding inadequate improvement support trust listen complaint review reform abolish data evidence
    """.split(separator: " ").map(String.init)
  static let campaign = """
    I am writing to ask Ofsted to end single word judgements because one word cannot capture the work of a \
    school and the stakes attached to it drive good people out of the profession
    """

  var state: UInt64
  let tokenizer: Tokenizer
  let extractor = TermExtractor(stopWords: ["the", "a", "of", "to", "and", "i", "am", "it", "is"])

  init(seed: UInt64) throws {
    state = seed
    tokenizer = try Tokenizer()
  }

  mutating func next() -> UInt64 {
    state = StableHash.mix(state)
    return state
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

  mutating func record(number: Int) throws -> SummaryRecord {
    let text: String
    switch next() % 10 {
    case 0: text = ""
    case 1, 2: text = Self.campaign + " " + (0..<Int(next() % 6)).map { _ in pick(Self.words) }.joined(separator: " ")
    default: text = (0..<Int(3 + next() % 40)).map { _ in pick(Self.words) }.joined(separator: " ") + "."
    }
    let themes = Self.themeIDs.filter { _ in next() % 3 == 0 }.map {
      SummaryRecord.Theme(id: $0, score: Double(next() % 3000) / 1000, sentiment: next() % 2 == 0 ? nil : Double(Int(next() % 2001) - 1000) / 1000)
    }
    let alerts = next() % 25 == 0 ? ["distress"] : []
    let compound = Double(Int(next() % 2001) - 1000) / 1000
    let label: SentimentLabel = compound > 0.05 ? .positive : compound < -0.05 ? .negative : (next() % 2 == 0 ? .neutral : .mixed)
    let segment = pick(["parent", "teacher", "headteacher", "governor", ""])
    return SummaryRecord(
      id: "r-\(number)", document: try tokenizer.tokenize(text),
      sentiment: SentimentScores(label: label, compound: compound, positive: 0, negative: 0, neutral: 0),
      themes: themes, alerts: alerts, segments: [segment], extractor: extractor)
  }

  static func records(_ count: Int, seed: UInt64 = 7) throws -> [SummaryRecord] {
    var factory = try RecordFactory(seed: seed)
    return try (1...count).map { try factory.record(number: $0) }
  }
}

@Suite struct SummaryStateTests {
  static func state(_ records: some Sequence<SummaryRecord>, errors: Int = 0, configuration: SummaryConfiguration = RecordFactory.configuration) -> SummaryState {
    var state = SummaryState(configuration: configuration)
    for record in records { state.add(record) }
    for _ in 0..<errors { state.addError() }
    return state
  }

  static func report(_ state: SummaryState) -> String {
    JSONReportRenderer.render(SummaryReportBuilder().report(state))
  }

  /// The central promise: any split of the input, merged in any order and any grouping, gives the
  /// state (and so the report) of one run over everything.
  @Test(arguments: [1, 2, 3, 5, 8])
  func mergeOfAnySplitEqualsOneRun(shards: Int) throws {
    let records = try RecordFactory.records(400)
    let whole = Self.state(records, errors: 3)
    var generator = try RecordFactory(seed: UInt64(shards) * 31)
    // Random cut points, then shards merged in a random order, pairwise as a random tree.
    var cuts = Set<Int>()
    while cuts.count < shards - 1 { cuts.insert(1 + Int(generator.next() % UInt64(records.count - 1))) }
    let bounds = [0] + cuts.sorted() + [records.count]
    var parts = zip(bounds, bounds.dropFirst()).enumerated().map { k, range in
      Self.state(records[range.0..<range.1], errors: k == 0 ? 3 : 0)
    }
    while parts.count > 1 {
      let i = Int(generator.next() % UInt64(parts.count))
      var left = parts.remove(at: i)
      let j = Int(generator.next() % UInt64(parts.count))
      let right = parts.remove(at: j)
      try left.merge(right)
      parts.append(left)
    }
    let merged = parts[0]
    let sameState = merged == whole
    #expect(sameState, "merged state differs from one run")
    let sameBytes = try merged.encoded() == whole.encoded()
    #expect(sameBytes, "merged state encodes differently")
    #expect(Self.report(merged) == Self.report(whole))
  }

  @Test func mergeIsCommutative() throws {
    let records = try RecordFactory.records(200, seed: 11)
    var ab = Self.state(records[..<120])
    try ab.merge(Self.state(records[120...]))
    var ba = Self.state(records[120...])
    try ba.merge(Self.state(records[..<120]))
    #expect(try ab.encoded() == ba.encoded())
  }

  @Test func encodedStateRoundTrips() throws {
    let state = Self.state(try RecordFactory.records(150, seed: 3), errors: 2)
    let data = try state.encoded()
    let decoded = try SummaryState.decode(data, path: "test.json")
    let same = decoded == state
    #expect(same, "decoded state differs")
    let sameBytes = try decoded.encoded() == data
    #expect(sameBytes, "re-encoded state differs")
    #expect(Self.report(decoded) == Self.report(state))
  }

  @Test func rejectsForeignAndIncompatibleStates() throws {
    #expect(throws: SummaryError.self) { try SummaryState.decode(Data("{\"format\":\"x\"}".utf8), path: "x.json") }
    #expect(throws: SummaryError.self) { try SummaryState.decode(Data("not json".utf8), path: "x.json") }
    var other = RecordFactory.configuration
    other.segmentColumns = ["region"]
    var state = SummaryState(configuration: RecordFactory.configuration)
    #expect(throws: SummaryError.self) { try state.merge(SummaryState(configuration: other)) }
  }

  /// Records read = analysed + errors; empty ones are counted, not dropped.
  @Test func everyRecordIsAccountedFor() throws {
    let records = try RecordFactory.records(300, seed: 5)
    let state = Self.state(records, errors: 4)
    #expect(state.records == 304)
    #expect(state.analysed == 300)
    #expect(state.empty == records.filter(\.isEmpty).count)
    #expect(state.empty > 0)
    let report = SummaryReportBuilder().report(state)
    #expect(report.totals.records == 304 && report.totals.errors == 4)
    #expect(report.totals.unclassified.total == 300 - state.empty)
    let segmentTotal = report.segments[0].values.reduce(0) { $0 + $1.share.count }
    #expect(segmentTotal == 300 - state.empty)
  }

  @Test func alertRecordsAreNeverQuoted() throws {
    let records = try RecordFactory.records(400, seed: 9)
    let alertIDs = Set(records.filter { !$0.alerts.isEmpty && !$0.isEmpty }.map(\.id))
    #expect(!alertIDs.isEmpty)
    var options = ReportOptions()
    options.quotesPerTheme = 10
    let report = SummaryReportBuilder(options: options).report(Self.state(records))
    let quoted = report.themes.flatMap(\.quotes).map(\.id)
    #expect(!quoted.isEmpty)
    #expect(alertIDs.isDisjoint(with: quoted))
    #expect(report.alerts[0].count == alertIDs.count)
    #expect(Set(report.alerts[0].ids) == alertIDs)
  }

  @Test(arguments: [0, 1, 3, 5])
  func quotesPerThemeIsRespected(quotes: Int) throws {
    var options = ReportOptions()
    options.quotesPerTheme = quotes
    let report = SummaryReportBuilder(options: options).report(Self.state(try RecordFactory.records(300, seed: 21)))
    #expect(report.themes.allSatisfy { $0.quotes.count <= quotes })
    #expect(report.themes.contains { $0.quotes.count == quotes })
    // Quotes of a theme are distinct records.
    #expect(report.themes.allSatisfy { Set($0.quotes.map(\.id)).count == $0.quotes.count })
  }

  @Test func campaignLettersFormOneClusterAndCountOnce() throws {
    let records = try RecordFactory.records(400, seed: 13)
    let report = SummaryReportBuilder().report(Self.state(records))
    let letters = records.filter { $0.text.hasPrefix("I am writing") }
    #expect(report.campaigns.clusters.count == 1)
    let cluster = try #require(report.campaigns.clusters.first)
    #expect(cluster.size == letters.count)
    #expect(report.campaigns.recordsInClusters == letters.count)
    // Theme counts keep every member; counted once, each campaign is one voice.
    for (i, theme) in report.themes.enumerated() {
      let members = letters.filter { $0.themes.contains { $0.id == RecordFactory.themeIDs[i] } }.count
      #expect(theme.countCampaignsOnce == theme.share.count - members + (members > 0 ? 1 : 0))
    }
  }

  @Test func capsAreReportedNotSilent() throws {
    var configuration = RecordFactory.configuration
    configuration.termCapacity = 20
    configuration.campaignCapacity = 10
    let state = Self.state(try RecordFactory.records(200, seed: 17), configuration: configuration)
    #expect(state.terms.terms.count <= 20)
    #expect(!state.terms.isExact)
    #expect(state.campaigns.entries.count <= 10)
    let report = SummaryReportBuilder().report(state)
    #expect(!report.campaigns.exact)
    #expect(report.notes.contains { $0.contains("term table") })
    #expect(report.notes.contains { $0.contains("near-duplicate index") })
  }

  @Test func distinctiveTermsFindAPlantedTerm() throws {
    let tokenizer = try Tokenizer()
    let extractor = TermExtractor(stopWords: ["the", "was"])
    var state = SummaryState(configuration: RecordFactory.configuration)
    for k in 0..<200 {
      let inTheme = k % 4 == 0
      let text = inTheme ? "the marking policy was exhausting number \(k)" : "the visit was fine number \(k)"
      state.add(
        SummaryRecord(
          id: "\(k)", document: try tokenizer.tokenize(text),
          sentiment: .init(label: .neutral, compound: 0, positive: 0, negative: 0, neutral: 1),
          themes: inTheme ? [.init(id: "workload", score: 1, sentiment: nil)] : [], alerts: [], segments: ["x"],
          extractor: extractor))
    }
    let report = SummaryReportBuilder().report(state)
    let workload = try #require(report.themes.first { $0.id == "workload" })
    let terms = workload.distinctiveTerms.map(\.term)
    #expect(terms.contains("marking"))
    #expect(terms.contains("marking policy"))
    #expect(!terms.contains("visit"))
    #expect(!terms.contains("number"))
    #expect(report.unclassified.topWords.map(\.term).contains("visit"))
  }
}

@Suite struct CampaignPartsTests {
  @Test(arguments: [
    ("Dear Ofsted, end grades now. Thanks, Sam", "Dear Ofsted, end grades now.", "Thanks, Sam"),
    ("Dear Ofsted, please end grades now.", "Dear Ofsted, end grades now.", "please"),
    ("Dear Ofsted, end grades now.", "Dear Ofsted, end grades now.", ""),
    ("As a parent in Leeds: Dear Ofsted, end grades now.", "Dear Ofsted, end grades now.", "As a parent in Leeds:"),
    ("Dear OFSTED end GRADES now!!", "Dear Ofsted, end grades now.", ""),
    ("One two three", "", "One two three"),
    ("", "template", ""),
  ] as [(String, String, String)])
  func templateDiff(text: String, template: String, added: String) {
    #expect(TemplateDiff.added(text, template: template) == added)
  }

  @Test func minHashEstimatesSimilarity() throws {
    let base = (0..<60).map { "w\($0)" }
    let a = try #require(MinHasher.signature(words: base))
    let near = try #require(MinHasher.signature(words: base + ["extra", "words", "here"]))
    let far = try #require(MinHasher.signature(words: (0..<60).map { "v\($0)" }))
    #expect(MinHasher.similarity(a, a) == 1)
    #expect(MinHasher.similarity(a, near) > 0.75)
    #expect(MinHasher.similarity(a, far) < 0.2)
    #expect(MinHasher.signature(words: ["too", "short"]) == nil)
    #expect(Set(MinHasher.bandKeys(a)).intersection(MinHasher.bandKeys(near)).count > 0)
  }

  @Test func termExtractorKeepsContentWordsAndPhrases() throws {
    let document = try Tokenizer().tokenize("The inspectors were fobbed off, and the marking was 2023 work.")
    let extractor = TermExtractor(stopWords: ["the", "and", "were", "was"])
    let (words, phrases) = extractor.terms(in: document)
    #expect(words == ["fobbed", "inspectors", "marking", "off", "work"])
    // No phrase across the comma, or through a stop word or a number.
    #expect(phrases == ["fobbed off"])
  }

  @Test func packedIntegersRoundTrip() {
    let wide: [UInt64] = [0, 1, .max, 0x0123_4567_89AB_CDEF, 1 << 63]
    #expect(PackedIntegers.decode(PackedIntegers.encode(wide), as: UInt64.self) == wide)
    let narrow: [UInt32] = [7, .max, 0]
    #expect(PackedIntegers.decode(PackedIntegers.encode(narrow), as: UInt32.self) == narrow)
    #expect(PackedIntegers.decode("", as: UInt32.self) == [])
    #expect(PackedIntegers.decode("not base64!", as: UInt32.self) == nil)
    // Five bytes are not a whole number of UInt32 values.
    #expect(PackedIntegers.decode(Data([1, 2, 3, 4, 5]).base64EncodedString(), as: UInt32.self) == nil)
  }

  @Test func quotePoolKeepsTheSmallestKeysWhateverTheOrder() {
    let candidates = (0..<50).map {
      QuotePool.Candidate(key: StableHash.mix(UInt64($0)), id: "\($0)", text: "t", compound: 0, score: 0, themeCount: 1)
    }
    var forward = QuotePool(size: 7)
    var backward = QuotePool(size: 7)
    for c in candidates { forward.offer(c) }
    for c in candidates.reversed() { backward.offer(c) }
    let same = forward == backward
    #expect(same)
    #expect(forward.candidates.map(\.key) == candidates.map(\.key).sorted().prefix(7).map { $0 })
  }
}

@Suite struct AlertIDListTests {
  /// The alert id list keeps the first `cap` ids in natural order whatever order they arrive in.
  @Test(arguments: [0, 1, 2, 3])
  func keepsTheFirstIDsInNaturalOrder(seed: UInt64) {
    var generator = Shuffler(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
    let ids = (1...3_000).map { "r-\($0)" } + ["x2", "x02", "a", "r-1"]
    let arrivals = seed == 0 ? ids : ids.shuffled(using: &generator)
    var list: [String] = []
    for id in arrivals { SummaryState.insertID(id, into: &list, cap: 1_000) }
    let expected = Array(ids.sorted { NaturalOrder.less($0, $1) }.prefix(1_000))
    #expect(list.count == 1_000)
    #expect(list.elementsEqual(expected) { !NaturalOrder.less($0, $1) && !NaturalOrder.less($1, $0) })
  }
}

/// A seeded generator for shuffles (xorshift64).
struct Shuffler: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state ^= state << 13
    state ^= state >> 7
    state ^= state << 17
    return state
  }
}
