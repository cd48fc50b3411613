import HarkAnalysis
import HarkText

/// How a theme dictionary meets a corpus: for each theme and each pattern, how many records it
/// hits; the share of word tokens the dictionary covers (LIWC's "Dic" figure); patterns never
/// hit; the theme pairs that overlap most. Built one record at a time.
public struct DictionaryUsage: Sendable {
  public struct ThemeUsage: Sendable, Hashable {
    public var id: String
    public var label: String
    /// Records assigned the theme.
    public var assigned = 0
    /// Records with at least one kept match (assigned or not).
    public var matched = 0
    /// Word tokens inside this theme's kept matches.
    public var coveredTokens = 0
    /// Records each pattern fired in (kept matches), by pattern text; every pattern of the theme
    /// is a key, so never-hit patterns have 0.
    public var patternRecords: [String: Int]
  }

  public private(set) var themes: [ThemeUsage]
  public private(set) var records = 0
  public private(set) var wordTokens = 0
  /// Word tokens inside any theme's kept match.
  public private(set) var coveredTokens = 0
  /// Records assigned both themes, by index pair (i < j).
  private var pairs: [Int: Int] = [:]
  private let classifier: ThemeClassifier

  public init(classifier: ThemeClassifier) {
    self.classifier = classifier
    themes = classifier.dictionary.allThemes.map { theme in
      ThemeUsage(
        id: theme.id, label: theme.label,
        patternRecords: Dictionary(theme.patterns.map { ($0.match, 0) }, uniquingKeysWith: { a, _ in a }))
    }
  }

  public mutating func add(_ document: Document) {
    records += 1
    let scores = classifier.score(document)
    var covered = Set<Int>()
    var assigned: [Int] = []
    for (t, score) in scores.enumerated() {
      if score.isAssigned { themes[t].assigned += 1; assigned.append(t) }
      guard !score.evidence.isEmpty else { continue }
      themes[t].matched += 1
      var themeCovered = Set<Int>()
      for evidence in score.evidence {
        for i in evidence.tokens where document.tokens[i].isWordLike { themeCovered.insert(i) }
      }
      themes[t].coveredTokens += themeCovered.count
      covered.formUnion(themeCovered)
      for pattern in Set(score.evidence.map(\.pattern)) { themes[t].patternRecords[pattern, default: 0] += 1 }
    }
    for (a, i) in assigned.enumerated() {
      for j in assigned[(a + 1)...] { pairs[i * themes.count + j, default: 0] += 1 }
    }
    wordTokens += document.tokens.count { $0.isWordLike }
    coveredTokens += covered.count
  }

  /// The share of word tokens inside some theme's match, in [0, 1].
  public var coverage: Double { wordTokens > 0 ? Double(coveredTokens) / Double(wordTokens) : 0 }

  /// Theme pairs by records assigned both, with their Jaccard overlap, most overlapping first.
  public func overlaps(limit: Int = 10) -> [(first: String, second: String, both: Int, jaccard: Double)] {
    let n = themes.count
    return pairs.map { key, both in
      let (i, j) = (key / n, key % n)
      let union = themes[i].assigned + themes[j].assigned - both
      return (themes[i].id, themes[j].id, both, union > 0 ? Double(both) / Double(union) : 0)
    }
    .sorted { ($0.jaccard, $0.both, $1.first, $1.second) > ($1.jaccard, $1.both, $0.first, $0.second) }
    .prefix(limit).map { $0 }
  }
}
