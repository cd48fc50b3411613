import Foundation
import HarkLexicon
import HarkText

/// One piece of evidence for a theme: the words that matched and the pattern that fired.
public struct ThemeEvidence: Sendable, Hashable {
  /// Token indices in the ``HarkText/Document``.
  public var tokens: Range<Int>
  /// The matched surface text.
  public var text: String
  /// Unicode scalar offsets into the original text.
  public var scalarRange: Range<Int>
  /// The pattern as written in the dictionary (`near(a, b, 5)` for proximity rules).
  public var pattern: String
  public var weight: Double
}

/// A theme (or alert) found in a text.
public struct ThemeAssignment: Sendable, Hashable {
  public var id: String
  /// The sum of the weights of its evidence.
  public var score: Double
  /// The theme's own sentiment: the normalised sum of the scores of the sentences holding its
  /// evidence, in [-1, 1]; nil when no sentence scores were given.
  public var sentiment: Double?
  public var evidence: [ThemeEvidence]
  /// Sub-themes also assigned, by id.
  public var subthemes: [String]
}

/// How a theme scored on a text, assigned or not, with what was cancelled: for explanations.
public struct ThemeScore: Sendable, Hashable {
  /// A match that did not count, and why.
  public struct Cancelled: Sendable, Hashable {
    public var evidence: ThemeEvidence
    /// `excluded by "…"` or `preceded by "…"`.
    public var reason: String
  }

  public var id: String
  public var threshold: Double
  public var score: Double
  public var evidence: [ThemeEvidence]
  /// Matches cancelled by an exclusion or an `unless_preceded_by` context.
  public var cancelled: [Cancelled]

  public var isAssigned: Bool { score >= threshold && score > 0 }
}

/// A compiled theme (or alert) dictionary: multi-label, deterministic.
///
/// Rules, in order:
/// 1. Every pattern of every theme is matched at every word of a sentence (globs, phrases; a
///    hyphenated pattern word also matches the words written apart). `re:` patterns run on the
///    normalised text (the tokens' norms joined by single spaces, sentences by blank lines),
///    searching each sentence on its own (lookarounds see past its ends; `^` and `$` match only at
///    the ends of the text); each is tried only on sentences that hold the literals any of its
///    matches must contain (``RegexLiterals``), which changes speed, never results.
/// 2. A match that overlaps one of its theme's `exclude` phrases is cancelled; so is one preceded,
///    within ``unlessWindow`` words in its clause, by one of its theme's or pattern's
///    `unless_preceded_by` phrases.
/// 3. Within one theme, overlapping matches resolve to the longest (then the earliest); across
///    themes, the same words may count for several themes (multi-label).
/// 4. A `near` rule adds its weight once per sentence in which all its terms occur within its
///    window of each other (terms inside an excluded phrase do not count).
/// 5. A theme's score is the sum of the weights of its surviving evidence; it is assigned when
///    the score reaches its threshold (the theme's own, else the dictionary's `threshold`, else
///    1.0). Sub-themes are assigned the same way and reported under their parent.
/// 6. A dictionary's `fallback` theme is given, with score 0, to a text that is clearly
///    evaluative (|compound| ≥ ``fallbackMinimumSentiment``) but matched no theme.
public final class ThemeClassifier: @unchecked Sendable {
  // @unchecked: all stored state is immutable after init; NSRegularExpression is documented as
  // immutable and safe to use from several threads.

  /// Words before a match within which `unless_preceded_by` phrases cancel it.
  public static let unlessWindow = 4
  /// A fallback theme needs clearly evaluative text: |compound| at least this (the same "clear"
  /// as ``HarkSentimentScorer/mixedClauseThreshold``), so "Nothing to add, thanks" stays unthemed.
  public static let fallbackMinimumSentiment = HarkSentimentScorer.mixedClauseThreshold

  public let dictionary: ThemeDictionary

  /// `unless_preceded_by` phrases, ready to be looked for: each phrase's words, and the norm hash
  /// of its last word when that is a literal, compared before anything else (most words before a
  /// match are none of the phrases' last words). A literal thus matches a norm with the same
  /// bytes, as the lexicon matcher's literals do.
  private struct UnlessPhrases {
    let phrases: [[WordPattern]]
    /// Per phrase, ``HarkText/Token/hash(ofNorm:)`` of its last word; nil for a glob.
    let lastHashes: [UInt32?]

    init(_ phrases: [[WordPattern]]) {
      self.phrases = phrases
      lastHashes = phrases.map { phrase in phrase.last.flatMap { $0.isGlob ? nil : Token.hash(ofNorm: $0.text) } }
    }

    var isEmpty: Bool { phrases.isEmpty }
  }

  private struct ThemeInfo {
    var id: String
    var threshold: Double
    var parent: Int?
    var unless: UnlessPhrases
  }

  private struct PatternInfo {
    var theme: Int
    var weight: Double
    var text: String
    var unless: UnlessPhrases
  }

  private struct RegexInfo {
    var theme: Int
    var weight: Double
    var text: String
    var regex: NSRegularExpression
    var unless: UnlessPhrases
    /// Whether ``RegexLiterals`` read literal sets from the regex: it searches a sentence that
    /// holds a literal of every set (else every sentence). The first, strongest set is group `r`
    /// (the regex's index) of ``ThemeClassifier/regexFilter``; the others are `otherGroups` of
    /// ``ThemeClassifier/regexVerifier``, looked for only in the sentences where the first was found.
    var hasLiteralSets: Bool
    var otherGroups: [Int]
  }

  private struct NearInfo {
    var theme: Int
    /// Indices into `nearTerms`.
    var terms: [Int]
    var within: Int
    var weight: Double
    var text: String
  }

  private let themes: [ThemeInfo]
  /// Each theme's sub-themes, by position.
  private let children: [[Int]]
  private let patterns: [PatternInfo]
  /// Patterns, exclusion phrases and near-rule terms in one matcher (one lookup per word); the
  /// payload says which (``MatchRole``) and indexes its table.
  private let matcher: PhraseMatcher
  private let regexes: [RegexInfo]
  /// The literals of the regexes' first (strongest) literal sets, the group of each being the
  /// regex's index (see `RegexInfo.hasLiteralSets`); nil when they are too many for one automaton
  /// (the regexes then run on every document). Only the first sets: the more common words of the
  /// weaker sets made the scan stop at most words.
  private let regexFilter: LiteralAutomaton?
  /// The literals of the regexes' other literal sets, one group per set (see `RegexInfo.otherGroups`);
  /// nil when they are too many for one automaton (a regex whose first set is found then searches).
  private let regexVerifier: LiteralAutomaton?
  /// Whether some regex has no required literal: it searches every sentence.
  private let hasRegexesWithoutGroups: Bool
  private let nearRules: [NearInfo]
  /// For each near-rule term, the rules (indices into `nearRules`, ascending) whose first term it is.
  private let nearRulesByFirstTerm: [[Int]]

  /// What a ``matcher`` entry is: its payload is `index * roleCount + role`.
  private enum MatchRole: Int {
    /// Index: into `patterns`.
    case pattern
    /// Index: the theme whose `exclude` phrase it is.
    case exclusion
    /// Index: the near-rule term.
    case nearTerm
  }
  private static let roleCount = 3

  private static func payload(_ role: MatchRole, _ index: Int) -> Int { index * roleCount + role.rawValue }

  /// Whether regular expressions are skipped on documents that contain none of their required
  /// literals (read by ``RegexLiterals``; found in one pass by a ``LiteralAutomaton``). On by
  /// default; the result is the same either way, which a test checks.
  public let prefiltersRegexes: Bool

  public init(dictionary: ThemeDictionary, prefiltersRegexes: Bool = true) throws(LexiconError) {
    self.dictionary = dictionary
    self.prefiltersRegexes = prefiltersRegexes
    let all = dictionary.allThemes
    var index: [String: Int] = [:]
    for (i, theme) in all.enumerated() { index[theme.id] = i }
    var themes: [ThemeInfo] = []
    var patterns: [PatternInfo] = []
    var entries: [PhraseMatcher.Entry] = []
    var regexes: [RegexInfo] = []
    var regexLiterals: [(bytes: [UInt8], group: Int)] = []
    var otherLiterals: [(bytes: [UInt8], group: Int)] = []
    var otherGroupCount = 0
    var nearRules: [NearInfo] = []
    var nearTermIndex: [String: Int] = [:]
    for (t, theme) in all.enumerated() {
      let themeUnless = theme.unlessPrecededBy.flatMap(WordPattern.variants)
      themes.append(
        ThemeInfo(id: theme.id, threshold: theme.threshold, parent: theme.parent.flatMap { index[$0] }, unless: UnlessPhrases(themeUnless)))
      for pattern in theme.patterns {
        let unless = pattern.unlessPrecededBy.flatMap(WordPattern.variants)
        if let expression = pattern.regularExpression {
          do {
            let regex = try NSRegularExpression(pattern: expression, options: Self.regexOptions(for: expression))
            // Literals keep the regex's word boundaries, looked for in the automaton's word view
            // ("\bhe\b" is " he " there, which "the" does not hold). Sorted: the order of a set's
            // literals must not depend on the (per-process) order of a Swift set.
            let literalSets = (RegexLiterals.required(expression, boundaries: true) ?? []).map { set in
              set.sorted().compactMap(LiteralAutomaton.wordViewBytes(of:))
            }
            for bytes in literalSets.first ?? [] { regexLiterals.append((bytes, regexes.count)) }
            var otherGroups: [Int] = []
            for set in literalSets.dropFirst() {
              otherGroups.append(otherGroupCount)
              for bytes in set { otherLiterals.append((bytes, otherGroupCount)) }
              otherGroupCount += 1
            }
            regexes.append(
              RegexInfo(
                theme: t, weight: pattern.weight, text: pattern.match, regex: regex, unless: UnlessPhrases(unless),
                hasLiteralSets: !literalSets.isEmpty, otherGroups: otherGroups))
          } catch {
            throw .malformed(path: dictionary.path, line: 0, reason: "theme '\(theme.id)': invalid regular expression \(pattern.match)")
          }
          continue
        }
        let id = patterns.count
        patterns.append(PatternInfo(theme: t, weight: pattern.weight, text: pattern.match, unless: UnlessPhrases(unless)))
        for words in WordPattern.variants(pattern.match) { entries.append(.init(words: words, payload: Self.payload(.pattern, id))) }
      }
      for phrase in theme.exclude {
        for words in WordPattern.variants(phrase) { entries.append(.init(words: words, payload: Self.payload(.exclusion, t))) }
      }
      for rule in theme.near {
        let text = "near(\(rule.terms.joined(separator: ", ")), \(rule.within))"
        let terms = rule.terms.map { term -> Int in
          let key = term.lowercased()
          if let index = nearTermIndex[key] { return index }
          let index = nearTermIndex.count
          nearTermIndex[key] = index
          entries.append(.init(words: [WordPattern(key)], payload: Self.payload(.nearTerm, index)))
          return index
        }
        nearRules.append(NearInfo(theme: t, terms: terms, within: rule.within, weight: rule.weight, text: text))
      }
    }
    self.themes = themes
    self.children = themes.indices.map { t in themes.indices.filter { themes[$0].parent == t } }
    self.patterns = patterns
    self.matcher = PhraseMatcher(entries)
    self.regexes = regexes
    self.regexFilter = LiteralAutomaton(regexLiterals, byteMap: LiteralAutomaton.wordView)
    self.regexVerifier = LiteralAutomaton(otherLiterals, byteMap: LiteralAutomaton.wordView)
    self.hasRegexesWithoutGroups = regexes.contains { !$0.hasLiteralSets }
    self.nearRules = nearRules
    var byFirstTerm = [[Int]](repeating: [], count: nearTermIndex.count)
    for (r, rule) in nearRules.enumerated() { byFirstTerm[rule.terms[0]].append(r) }
    self.nearRulesByFirstTerm = byFirstTerm
  }

  /// What theme classification uses of a text's sentiment.
  public struct SentimentContext: Sendable {
    /// Each sentence's raw sentiment score (contributions plus emphasis).
    public var sentenceScores: [Double]
    /// Token ranges of the sentiment terms, the evidence for a fallback theme.
    public var terms: [Range<Int>]
    public var compound: Double

    public init(sentenceScores: [Double], terms: [Range<Int>], compound: Double) {
      self.sentenceScores = sentenceScores
      self.terms = terms
      self.compound = compound
    }

    public init(_ explanation: SentimentExplanation) {
      self.init(sentenceScores: explanation.sentences.map(\.score), terms: explanation.contributions.map(\.tokens), compound: explanation.scores.compound)
    }
  }

  /// The themes assigned to `document`, highest score first (ties by dictionary order).
  /// - Parameter sentiment: the text's sentiment, for each theme's own sentiment and for the
  ///   dictionary's fallback theme (given when no theme is assigned and |compound| reaches
  ///   ``fallbackMinimumSentiment``; its evidence is the sentiment terms).
  /// - Parameter words: the document's norms prepared for matching, when the caller shares them
  ///   with other matchers (`MatchWords(document)`); made here otherwise.
  public func classify(_ document: Document, sentiment: SentimentContext? = nil, words: MatchWords? = nil) -> [ThemeAssignment] {
    let sentenceScores = sentiment?.sentenceScores
    var scores = matchedScores(document, words: words)
    var assignments: [ThemeAssignment] = []
    // Scores are read in place and their evidence moved out: copying a score retained its id and
    // both its lists.
    for k in scores.themes.indices where themes[scores.themes[k]].parent == nil && scores.scores[k].isAssigned {
      let t = scores.themes[k]
      let subthemes = children[t].isEmpty ? [] : children[t].filter { scores.isAssigned($0) }.map { themes[$0].id }
      let evidence = scores.takeEvidence(at: k)
      let score = scores.scores[k].score
      var sentiment: Double?
      if let sentenceScores {
        // Each sentence once, in evidence order (no set or list made: a theme has little evidence).
        func sentence(_ k: Int) -> Int { document.tokens[evidence[k].tokens.lowerBound].sentence }
        var raw = 0.0
        for k in evidence.indices where !(0..<k).contains(where: { sentence($0) == sentence(k) }) {
          raw += sentence(k) < sentenceScores.count ? sentenceScores[sentence(k)] : 0
        }
        sentiment = HarkSentimentScorer.normalize(raw)
      }
      // Highest score first, then in dictionary order (themes come in that order): inserted in
      // place, so that no sorted copy is made and no theme id looked up.
      let assignment = ThemeAssignment(id: themes[t].id, score: score, sentiment: sentiment, evidence: evidence, subthemes: subthemes)
      if assignments.isEmpty { assignments.reserveCapacity(4) }
      assignments.insert(assignment, at: assignments.firstIndex { $0.score < score } ?? assignments.endIndex)
    }
    if assignments.isEmpty, let fallback = dictionary.fallback, let sentiment, !sentiment.terms.isEmpty,
      abs(sentiment.compound) >= Self.fallbackMinimumSentiment
    {
      let evidence = sentiment.terms.map { makeEvidence(document, $0, pattern: "fallback: overall evaluation", weight: 0) }
      assignments.append(
        ThemeAssignment(id: fallback, score: 0, sentiment: HarkSentimentScorer.normalize(sentiment.sentenceScores.reduce(0, +)), evidence: evidence, subthemes: []))
    }
    return assignments
  }

  /// Every theme's score on `document`, in dictionary order (parents before children).
  public func score(_ document: Document, words: MatchWords? = nil) -> [ThemeScore] {
    var results = themes.map { ThemeScore(id: $0.id, threshold: $0.threshold, score: 0, evidence: [], cancelled: []) }
    let matched = matchedScores(document, words: words)
    for (t, score) in zip(matched.themes, matched.scores) { results[t] = score }
    return results
  }

  /// The scores of the themes with any match (kept or cancelled), by theme index: most texts
  /// match few of a dictionary's themes, and the rest need no score built.
  private struct MatchedScores {
    /// Theme indices, ascending.
    var themes: [Int] = []
    var scores: [ThemeScore] = []

    /// Whether `theme` has a score and it is assigned.
    func isAssigned(_ theme: Int) -> Bool {
      guard let k = themes.firstIndex(of: theme) else { return false }
      return scores[k].isAssigned
    }

    /// The evidence of score `k`, moved out (the score keeps an empty list).
    mutating func takeEvidence(at k: Int) -> [ThemeEvidence] {
      var evidence: [ThemeEvidence] = []
      swap(&evidence, &scores[k].evidence)
      return evidence
    }

    /// The score of `theme`, added (empty, in theme order) if missing.
    mutating func slot(of theme: Int, _ make: () -> ThemeScore) -> Int {
      let k = themes.firstIndex { $0 >= theme } ?? themes.endIndex
      if k < themes.count && themes[k] == theme { return k }
      themes.insert(theme, at: k)
      scores.insert(make(), at: k)
      return k
    }
  }

  private func matchedScores(_ document: Document, words: MatchWords?) -> MatchedScores {
    // Unwrapped with `if let`, not `??`: `??` takes its operand as its own, a copy of the words
    // (retaining and releasing what they hold, at every call).
    if let words { return matchedScores(document, words) }
    return matchedScores(document, MatchWords(document))
  }

  private func matchedScores(_ document: Document, _ words: MatchWords) -> MatchedScores {
    let tokens = document.tokens
    // All themes' candidates in one array, and the exclusion phrases found: one allocation each
    // per text rather than one per theme.
    var candidates: [Candidate] = []
    var exclusions: [(theme: Int, tokens: Range<Int>)] = []
    // Where each distinct near-rule term occurs, in token order.
    // Allocated on the first occurrence: most texts hold no near-rule term.
    var nearHits: [(term: Int, position: Int)] = []

    matcher.forEachMatch(in: words) { i, length, entry in
      let payload = matcher.payload(of: entry)
      let index = payload / Self.roleCount
      switch MatchRole(rawValue: payload % Self.roleCount)! {
      case .exclusion:
        exclusions.append((index, i..<i + length))
      case .nearTerm:
        if nearHits.isEmpty { nearHits.reserveCapacity(16) }
        nearHits.append((index, i))
      case .pattern:
        guard tokens[i + length - 1].sentence == tokens[i].sentence else { return }
        if candidates.isEmpty { candidates.reserveCapacity(16) }  // one allocation, not one per doubling
        candidates.append(
          Candidate(theme: patterns[index].theme, order: candidates.count, tokens: i..<i + length, weight: patterns[index].weight, source: .pattern(index)))
      }
    }
    if !regexes.isEmpty { matchRegexes(document, words, into: &candidates) }

    // By theme; within one, longest first, then earliest, then in the order found.
    candidates.sort {
      if $0.theme != $1.theme { return $0.theme < $1.theme }
      if $0.tokens.count != $1.tokens.count { return $0.tokens.count > $1.tokens.count }
      if $0.tokens.lowerBound != $1.tokens.lowerBound { return $0.tokens.lowerBound < $1.tokens.lowerBound }
      return $0.order < $1.order
    }
    var results = MatchedScores()
    if !candidates.isEmpty {  // one allocation each, not one per doubling
      results.themes.reserveCapacity(8)
      results.scores.reserveCapacity(8)
    }
    var first = 0
    while first < candidates.count {
      let t = candidates[first].theme
      var end = first + 1
      while end < candidates.count && candidates[end].theme == t { end += 1 }
      // The theme's fields are read in place: a copy of the theme retained its strings and arrays.
      let themeHasUnless = !themes[t].unless.isEmpty
      var kept: [ThemeEvidence] = []
      kept.reserveCapacity(end - first)
      var cancelled: [ThemeScore.Cancelled] = []
      for candidate in candidates[first..<end] {
        func evidence() -> ThemeEvidence {
          makeEvidence(document, candidate.tokens, pattern: text(of: candidate.source), weight: candidate.weight)
        }
        if let exclusion = exclusions.first(where: { $0.theme == t && $0.tokens.overlaps(candidate.tokens) }) {
          cancelled.append(.init(evidence: evidence(), reason: "excluded by \"\(tokens[exclusion.tokens].map { $0.norm }.joined(separator: " "))\""))
          continue
        }
        if themeHasUnless || hasUnless(candidate.source),
          let blocker = precedingBlocker(tokens, words, before: candidate.tokens.lowerBound, themes[t].unless, unless(of: candidate.source))
        {
          cancelled.append(.init(evidence: evidence(), reason: "preceded by \"\(blocker)\""))
          continue
        }
        // Covered by a longer match?
        if kept.indices.contains(where: { kept[$0].tokens.overlaps(candidate.tokens) }) { continue }
        kept.append(evidence())
      }
      kept.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
      var total = 0.0
      for k in kept.indices { total += kept[k].weight }
      results.themes.append(t)
      results.scores.append(ThemeScore(id: themes[t].id, threshold: themes[t].threshold, score: total, evidence: kept, cancelled: cancelled))
      first = end
    }
    if !nearHits.isEmpty { applyNearRules(document, hits: nearHits, exclusions: exclusions, into: &results) }
    return results
  }

  private struct Candidate {
    enum Source {
      case pattern(Int)
      case regex(Int)
    }
    var theme: Int
    /// The candidate's place in the order found (which breaks ties).
    var order: Int
    var tokens: Range<Int>
    var weight: Double
    var source: Source
  }

  private func text(of source: Candidate.Source) -> String {
    switch source {
    case .pattern(let p): patterns[p].text
    case .regex(let r): regexes[r].text
    }
  }

  /// Whether the pattern or regex has `unless` phrases (read in place, without copying them).
  private func hasUnless(_ source: Candidate.Source) -> Bool {
    switch source {
    case .pattern(let p): !patterns[p].unless.isEmpty
    case .regex(let r): !regexes[r].unless.isEmpty
    }
  }

  private func unless(of source: Candidate.Source) -> UnlessPhrases {
    switch source {
    case .pattern(let p): patterns[p].unless
    case .regex(let r): regexes[r].unless
    }
  }

  private func makeEvidence(_ document: Document, _ range: Range<Int>, pattern: String, weight: Double) -> ThemeEvidence {
    let tokens = document.tokens
    let bytes = tokens[range.lowerBound].utf8Range.lowerBound..<tokens[range.upperBound - 1].utf8Range.upperBound
    // Decoded from the bytes (token offsets lie on scalar boundaries): slicing the string by
    // indices validated each index, about 400 instructions a piece of evidence.
    let utf8 = document.text.utf8
    let text =
      utf8.withContiguousStorageIfAvailable { String(decoding: UnsafeBufferPointer(rebasing: $0[bytes]), as: UTF8.self) }
      ?? String(document.text[utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)])
    return ThemeEvidence(
      tokens: range, text: text,
      scalarRange: tokens[range.lowerBound].scalarRange.lowerBound..<tokens[range.upperBound - 1].scalarRange.upperBound,
      pattern: pattern, weight: weight)
  }

  /// The first phrase of `themePhrases`, then of `patternPhrases`, that ends within
  /// ``unlessWindow`` words before `start` in its clause.
  private func precedingBlocker(
    _ tokens: [Token], _ words: MatchWords, before start: Int, _ themePhrases: UnlessPhrases, _ patternPhrases: UnlessPhrases
  ) -> String? {
    let clause = tokens[start].clause
    var position = start - 1
    var wordCount = 0
    /// The phrase of `list` that ends at `position`, if any.
    func phrase(in list: UnlessPhrases) -> String? {
      for p in list.phrases.indices {
        if let last = list.lastHashes[p], last != words.normHash(at: position) { continue }
        let first = position - list.phrases[p].count + 1
        if first >= 0 && tokens[first].clause == clause && matcher.matches(list.phrases[p], words, first) {
          return list.phrases[p].map(\.text).joined(separator: " ")
        }
      }
      return nil
    }
    while position >= 0 && tokens[position].clause == clause && wordCount < Self.unlessWindow {
      if tokens[position].isWordLike { wordCount += 1 }
      if let found = phrase(in: themePhrases) ?? phrase(in: patternPhrases) { return found }
      position -= 1
    }
    return nil
  }

  private func matchRegexes(_ document: Document, _ words: MatchWords, into candidates: inout [Candidate]) {
    // The regexes run on the normalised text (`words.normalizedText`: norms joined by spaces,
    // sentences by blank lines). Each regex searches each sentence on its own (lookarounds and \b
    // see the text around it; ^ and $ match only at the ends of the whole text), so no match
    // crosses a sentence. The prefilter reads the same bytes and picks out the sentences that
    // hold a literal of each of a regex's groups: only those are searched.
    let tokens = document.tokens
    guard !tokens.isEmpty else { return }
    if !words.hasNormalizedText { return matchRegexes(document, MatchWords(document), into: &candidates) }
    // Each sentence's tokens (a document's sentences are the runs of its tokens, none empty).
    let sentences = document.sentences
    /// The sentences that a regex with groups needs searching in, as (regex, sentence) pairs
    /// sorted by regex, then sentence; nil when the prefilter is off (every regex searches every
    /// sentence). Regexes without groups always search every sentence.
    var qualified: [(regex: Int, sentence: Int)]?
    if prefiltersRegexes, let regexFilter {
      var result: [(regex: Int, sentence: Int)] = []
      var found = FoundGroups(groupCount: regexFilter.groupCount)
      var normalized = words.normalizedText
      normalized.withUTF8 { text in
        // The text is read as if it began and ended with a space (the view's non-word byte), so
        // that a boundary at either end is seen: `view` is that text. Sentence `s` owns the bytes
        // of its norms and the one after them (the first of the blank line, or the final space);
        // the space before the text belongs to the first.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count + 2) { view in
          view[0] = 0x20
          if let source = text.baseAddress, !text.isEmpty { (view.baseAddress! + 1).update(from: source, count: text.count) }
          view[text.count + 1] = 0x20
          var sentence = 0
          var from = 0  // where the sentence's bytes start in `text`
          /// Where sentence `sentence`'s bytes end in `text` (its norms' end and the byte after).
          func through() -> Int { min(words.normRange(at: sentences[sentence].tokens.upperBound - 1).upperBound + 1, text.count) }
          var end = through()
          // A regex qualifies in a sentence when its first set was found there and a literal of
          // each other set occurs in the sentence's bytes, with the spaces around them (a match
          // lies within the sentence, and the characters its boundaries look at lie within these
          // bytes).
          func qualify() {
            var verified = FoundGroups(groupCount: regexVerifier?.groupCount ?? 0)
            // The sentence's bytes in `view`, with the space before the text (first sentence) or
            // after it (last sentence).
            let lower = from == 0 ? 0 : from + 1
            let upper = end == text.count ? end + 2 : end + 1
            regexVerifier?.scan(UnsafeBufferPointer(rebasing: view[lower..<upper]), into: &verified)
            found.forEach { r in
              if regexVerifier == nil || regexes[r].otherGroups.allSatisfy({ verified[$0] }) {
                if result.isEmpty { result.reserveCapacity(8) }
                result.append((r, sentence))
              }
            }
            found.removeAll()
          }
          for occurrence in regexFilter.occurrences(in: UnsafeBufferPointer(view)) {
            // The literal's last byte is `view[occurrence.end - 1]`, so `text[occurrence.end - 2]`
            // (or the final space, which the last sentence owns).
            while Int(occurrence.end) - 2 >= end && end < text.count {
              if !found.isEmpty { qualify() }
              (sentence, from) = (sentence + 1, end)
              end = through()
            }
            found.insert(Int(occurrence.group))
          }
          if !found.isEmpty { qualify() }
        }
      }
      guard !result.isEmpty || hasRegexesWithoutGroups else { return }
      // By regex, then sentence: the order the regexes were searched in without a prefilter. (Not
      // called on an empty list: sorting one gave it storage of its own, an allocation per text.)
      if result.count > 1 { result.sort { $0.regex != $1.regex ? $0.regex < $1.regex : $0.sentence < $1.sentence } }
      qualified = result
    }
    let text = words.normalizedText
    // UTF-16 offsets, as NSRegularExpression counts, of each token's norm: in ASCII text the
    // UTF-8 offsets.
    var starts: [Int] = []
    var ends: [Int] = []
    starts.reserveCapacity(tokens.count)
    ends.reserveCapacity(tokens.count)
    let isASCII = words.normalizedText.utf8.count == words.normalizedText.utf16.count
    var shift = 0  // UTF-16 offset minus UTF-8 offset so far
    for i in tokens.indices {
      let range = words.normRange(at: i)
      starts.append(range.lowerBound + shift)
      if !isASCII { shift += words.withNormBytes(at: i) { Self.utf16Count(ofUTF8: $0) } - range.count }
      ends.append(range.upperBound + shift)
    }
    let sentenceRanges = sentences.map {
      NSRange(location: starts[$0.tokens.lowerBound], length: ends[$0.tokens.upperBound - 1] - starts[$0.tokens.lowerBound])
    }
    /// The token whose norm starts at or before UTF-16 offset `offset`.
    func token(at offset: Int) -> Int {
      var (low, high) = (0, starts.count)  // invariant: starts[low] <= offset < starts[high]
      while high - low > 1 {
        let middle = (low + high) / 2
        if starts[middle] <= offset { low = middle } else { high = middle }
      }
      return low
    }
    func search(_ r: Int, in sentence: Int) {
      let info = regexes[r]
      let matches = info.regex.matches(in: text, options: [.withTransparentBounds, .withoutAnchoringBounds], range: sentenceRanges[sentence])
      for match in matches where match.range.length > 0 {
        let first = token(at: match.range.location)
        let last = token(at: match.range.location + match.range.length - 1)
        candidates.append(Candidate(theme: info.theme, order: candidates.count, tokens: first..<last + 1, weight: info.weight, source: .regex(r)))
      }
    }
    var next = 0  // the next pair of `qualified`
    for r in regexes.indices {
      if let qualified, regexes[r].hasLiteralSets {
        while next < qualified.count && qualified[next].regex == r {
          search(r, in: qualified[next].sentence)
          next += 1
        }
      } else {
        for sentence in sentenceRanges.indices { search(r, in: sentence) }
      }
    }
  }

  /// How a dictionary's `re:` pattern is compiled. Patterns match case-insensitively, but they run
  /// on case-folded text: a pattern without upper-case letters matches it the same either way, and
  /// ICU's case-insensitive matching folds every character it compares (it cost a sixth of the
  /// regex time on the benchmark corpus). A pattern with any upper-case letter (a literal, or an
  /// escape such as `\W`) keeps the option.
  static func regexOptions(for pattern: String) -> NSRegularExpression.Options {
    pattern.unicodeScalars.contains { $0.properties.isUppercase || $0.properties.changesWhenCaseFolded } ? [.caseInsensitive] : []
  }

  /// The UTF-16 length of the valid UTF-8 `bytes`: one unit per scalar, two for a 4-byte one.
  static func utf16Count(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    for b in bytes where b & 0xC0 != 0x80 { count += b >= 0xF0 ? 2 : 1 }
    return count
  }

  /// - Parameter hits: each occurrence of a near-rule term (term, token position), in token order.
  private func applyNearRules(
    _ document: Document, hits: [(term: Int, position: Int)], exclusions: [(theme: Int, tokens: Range<Int>)], into results: inout MatchedScores
  ) {
    guard !nearRules.isEmpty else { return }
    let tokens = document.tokens
    // Only the rules whose first term occurs, in rule order (most texts hold a term or two).
    var candidates: [Int] = []
    for (k, hit) in hits.enumerated() where !hits[..<k].contains(where: { $0.term == hit.term }) {
      let rules = nearRulesByFirstTerm[hit.term]
      if rules.isEmpty { continue }
      if candidates.isEmpty { candidates.reserveCapacity(16) }  // one allocation, not one per term
      candidates += rules
    }
    if candidates.count > 1 { candidates.sort() }
    for r in candidates where nearRules[r].terms.allSatisfy({ term in hits.contains { $0.term == term } }) {
      let rule = nearRules[r]
      func usable(_ i: Int) -> Bool { !exclusions.contains { $0.theme == rule.theme && $0.tokens.contains(i) } }
      var sentencesDone: [Int] = []  // a short list: a set cost more to make
      // A term's occurrences are read straight from `hits` (in token order): most texts hold a
      // term or two, so a list per term would cost more than it saves.
      for anchorHit in hits where anchorHit.term == rule.terms[0] {
        let anchor = anchorHit.position
        guard usable(anchor) && !sentencesDone.contains(tokens[anchor].sentence) else { continue }
        let sentence = tokens[anchor].sentence
        var low = anchor
        var high = anchor
        var complete = true
        for term in rule.terms.dropFirst() {
          var best: Int?
          for hit in hits where hit.term == term {
            let position = hit.position
            guard position != anchor && abs(position - anchor) <= rule.within && tokens[position].sentence == sentence && usable(position)
            else { continue }
            if best == nil || abs(position - anchor) < abs(best! - anchor) { best = position }
          }
          guard let best else {
            complete = false
            break
          }
          low = min(low, best)
          high = max(high, best)
        }
        guard complete else { continue }
        sentencesDone.append(sentence)
        let evidence = makeEvidence(document, low..<high + 1, pattern: rule.text, weight: rule.weight)
        let theme = themes[rule.theme]
        let k = results.slot(of: rule.theme) { ThemeScore(id: theme.id, threshold: theme.threshold, score: 0, evidence: [], cancelled: []) }
        results.scores[k].evidence.append(evidence)
        results.scores[k].score += rule.weight
      }
    }
  }
}
