import HarkAnalysis
import HarkText

/// Candidate words and phrases for a theme's patterns: terms over-represented in the records
/// assigned the theme against the rest (log-odds ratio with an informative Dirichlet prior,
/// z-scored, counted in documents), and terms frequent in records no theme matched that lean
/// towards the theme. Terms the dictionary already covers are left out.
public struct TermSuggester: Sendable {
  public struct Suggestion: Sendable, Hashable {
    public enum Source: String, Sendable { case theme, unclassified }
    public var term: String
    public var source: Source
    /// Records of the theme containing the term.
    public var themeDocuments: Int
    /// Other records containing it.
    public var otherDocuments: Int
    /// Records no theme matched containing it.
    public var unclassifiedDocuments: Int
    /// z-score of the log-odds ratio, theme against the rest.
    public var z: Double
    public var examples: [KeywordInContext] = []
  }

  public let extractor: TermExtractor
  /// Columns: 0 all records, 1 the theme's records, 2 records no theme matched.
  public private(set) var table = TermTable(columns: 3, capacity: 2_000_000)

  public init(extractor: TermExtractor) {
    self.extractor = extractor
  }

  /// First pass: one record, whether it has the theme, and whether it has no theme at all.
  public mutating func add(_ document: Document, inTheme: Bool, unclassified: Bool) {
    let (words, phrases) = extractor.terms(in: document)
    var columns: [Int] = []
    if inTheme { columns.append(1) }
    if unclassified { columns.append(2) }
    table.add(words + phrases, columns: columns)
  }

  /// The candidates: `limit` of each source, best first. `isCovered(term, source)` says whether
  /// the dictionary already matches the term (for the theme, or for any theme).
  public func suggestions(
    minimumDocuments: Int, limit: Int, isCovered: (String, Suggestion.Source) -> Bool
  ) -> [Suggestion] {
    let all = Double(table.totals[0])
    let group = Double(table.totals[1])
    guard all > 0 else { return [] }
    var themeCandidates: [Suggestion] = []
    var unclassifiedCandidates: [Suggestion] = []
    for row in table.terms.indices {
      let total = table.count(row: row, column: 0)
      let inTheme = table.count(row: row, column: 1)
      let unclassified = table.count(row: row, column: 2)
      guard inTheme >= minimumDocuments || unclassified >= minimumDocuments else { continue }
      let prior = SummaryReportBuilder.priorTotal * Double(total) / all
      let (_, z) = Statistics.logOddsWithPrior(
        inGroup: Double(inTheme), groupTotal: group, inRest: Double(total - inTheme), restTotal: all - group, prior: prior,
        priorTotal: SummaryReportBuilder.priorTotal)
      let term = table.terms[row]
      let suggestion = Suggestion(
        term: term, source: .theme, themeDocuments: inTheme, otherDocuments: total - inTheme, unclassifiedDocuments: unclassified, z: z)
      if inTheme >= minimumDocuments && z >= SummaryReportBuilder.minimumZ {
        themeCandidates.append(suggestion)
      } else if unclassified >= minimumDocuments && inTheme > 0 && z > 0 {
        var fromUnclassified = suggestion
        fromUnclassified.source = .unclassified
        unclassifiedCandidates.append(fromUnclassified)
      }
    }
    themeCandidates.sort { ($0.z, $1.term) > ($1.z, $0.term) }
    unclassifiedCandidates.sort { ($0.unclassifiedDocuments, $0.z, $1.term) > ($1.unclassifiedDocuments, $1.z, $0.term) }
    var result: [Suggestion] = []
    for (candidates, source) in [(themeCandidates, Suggestion.Source.theme), (unclassifiedCandidates, .unclassified)] {
      var taken = 0
      for candidate in candidates where taken < limit && !isCovered(candidate.term, source) {
        result.append(candidate)
        taken += 1
      }
    }
    return result
  }

  /// Second pass: up to `perTerm` keyword-in-context examples for each suggestion, from records
  /// of its source (the theme's records, or unclassified ones).
  public func addExamples(
    to suggestions: inout [Suggestion], id: String, document: Document, inTheme: Bool, unclassified: Bool,
    perTerm: Int = 2, window: Int = 6, redactions: [Redaction] = []
  ) {
    let norms = document.tokens.map(\.norm)
    for k in suggestions.indices where suggestions[k].examples.count < perTerm {
      let wanted = suggestions[k].source == .theme ? inTheme : unclassified
      guard wanted else { continue }
      let words = suggestions[k].term.split(separator: " ").map(String.init)
      guard let start = (0...max(0, norms.count - words.count)).first(where: { i in
        i + words.count <= norms.count && Array(norms[i..<(i + words.count)]) == words
      }) else { continue }
      suggestions[k].examples += KeywordInContext.lines(
        id: id, document: document, matches: [(start..<(start + words.count), suggestions[k].term)], window: window,
        redactions: redactions)
    }
  }
}
