import Foundation
import HarkLexicon

/// What a lexicon term does in Hark's sentiment rules. A term can carry a valence and a shifter
/// role at once ("terribly" is negative alone and an amplifier before another sentiment word).
public struct SentimentTerm: Sendable, Hashable {
  public enum Shifter: Sendable, Hashable {
    case negator
    /// Scales the magnitude of the sentiment that follows (> 1 amplifies, < 1 dampens).
    case intensity(Double)
    case adversative(ShifterLexicon.AdversativeKind)
    /// Scales the sentiment in its clause down; `demand` also turns positive sentiment negative.
    case irrealis(Double, demand: Bool)
  }

  /// The term as written in its file.
  public var term: String
  public var valence: Double?
  public var shifter: Shifter?
  /// `path:line` of the valence entry (or of the shifter entry).
  public var source: String
}

/// Hark's compiled sentiment lexicon: every sentiment term and shifter in one longest-match
/// matcher over normalised words. Built once, read-only, shared by all tasks.
public struct SentimentModel: Sendable {
  public let matcher: PhraseMatcher
  /// The terms; the matcher's payloads index this array.
  public let terms: [SentimentTerm]
  /// Files the model was built from, in order.
  public let sources: [String]

  public init(lexicon: SentimentLexicon, shifters: ShifterLexicon, shifterSource: String, sources: [String]) {
    var terms: [String: SentimentTerm] = [:]
    var order: [String] = []
    let expected = lexicon.count + shifters.negators.count + shifters.amplifiers.count + shifters.dampeners.count
      + shifters.adversatives.count + shifters.irrealis.count
    terms.reserveCapacity(expected)
    order.reserveCapacity(expected)
    func entry(_ term: String, source: String) -> SentimentTerm {
      if let existing = terms[term] { return existing }
      order.append(term)
      return SentimentTerm(term: term, valence: nil, shifter: nil, source: source)
    }
    for term in lexicon.order {
      guard let item = lexicon[term] else { continue }
      // Lexicon terms are distinct: no look-up needed before the shifters are added.
      order.append(term)
      terms[term] = SentimentTerm(term: term, valence: item.valence, shifter: nil, source: item.source)
    }
    func addShifter(_ term: String, _ shifter: SentimentTerm.Shifter, _ file: String) {
      var value = entry(term, source: "\(shifterSource)/\(file)")
      value.shifter = shifter
      terms[term] = value
    }
    for term in shifters.negators.keys.sorted() { addShifter(term, .negator, "negators.tsv") }
    for (term, m) in shifters.amplifiers.sorted(by: { $0.key < $1.key }) { addShifter(term, .intensity(m), "amplifiers.tsv") }
    for (term, m) in shifters.dampeners.sorted(by: { $0.key < $1.key }) { addShifter(term, .intensity(m), "dampeners.tsv") }
    for (term, kind) in shifters.adversatives.sorted(by: { $0.key < $1.key }) { addShifter(term, .adversative(kind), "adversatives.tsv") }
    for (term, m) in shifters.irrealis.sorted(by: { $0.key < $1.key }) {
      addShifter(term, .irrealis(m, demand: shifters.demands.contains(term)), "irrealis.tsv")
    }
    var entries: [PhraseMatcher.Entry] = []
    var table: [SentimentTerm] = []
    table.reserveCapacity(order.count)
    for term in order {
      guard let value = terms[term] else { continue }
      entries.append(.init(words: term.split(separator: " ").map(WordPattern.init), payload: table.count))
      table.append(value)
    }
    self.matcher = PhraseMatcher(entries)
    self.terms = table
    self.sources = sources
  }

  /// Loads the bundled lexicons from `directory` (`sentiment/*.tsv` and `shifters/`), then layers
  /// `extra` word lists over them, or uses only `extra` (with the bundled shifters) when
  /// `replacing` is set.
  public static func load(directory: String, extra: [String] = [], replacing: Bool = false) throws(LexiconError) -> SentimentModel {
    var lexicon = SentimentLexicon()
    var sources: [String] = []
    if !replacing || extra.isEmpty {
      for file in bundledWordLists(in: directory) {
        // Bundled entries are named relative to the lexicons folder: "lexicons/sentiment/…:line".
        let label = "lexicons/" + file.dropFirst(directory.count + 1)
        try lexicon.load(path: file, format: .hark, label: label)
        sources.append(file)
      }
    }
    for path in extra {
      try lexicon.load(path: path, format: try SentimentLexicon.guessFormat(path: path))
      sources.append(path)
    }
    let shifters = try ShifterLexicon(directory: directory + "/shifters")
    sources.append(directory + "/shifters")
    return SentimentModel(lexicon: lexicon, shifters: shifters, shifterSource: "lexicons/shifters", sources: sources)
  }

  static func bundledWordLists(in directory: String) -> [String] {
    let folder = directory + "/sentiment"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".tsv") }.sorted().map { folder + "/" + $0 }
  }
}
