import Foundation
import HarkLexicon
import HarkText

/// Hark's default sentiment scorer: lexicon valences shaped by valence-shifter rules, scored per
/// sentence and combined into the document score. Each rule is a named constant below, with an
/// example; ``SentimentExplanation`` lists every rule applied to every term.
///
/// 1. **Valence**: the longest lexicon match at each token (multi-word entries first: "not fit for
///    purpose", "would be good"). An elongated word not in the lexicon is looked up with its
///    doubled letters collapsed one at a time ("soo" -> "so").
/// 2. **All caps**: a sentiment word in capitals, when the text is not all capitals, gains
///    ``capsIncrement`` in its direction ("GOOD" vs "good").
/// 3. **Intensity**: an amplifier or dampener up to ``modifierWindow`` words before the term in its
///    clause multiplies it, its effect decaying by ``modifierDecay`` per word of distance
///    ("very good" = 1.9 × 1.3; "very, very good" counts both).
/// 4. **Negation**: negators earlier in the same clause flip the term and scale it by
///    ``negationScale`` ("not good" = -0.74 × 1.9); an even number cancels ("not without merit").
///    Under negation an amplifier acts as a dampener ("not very good" is milder than "not good").
/// 5. **Irrealis**: markers earlier in the clause ("would", "if", "hope") multiply the term by
///    their factor; a demand ("should", "needs to") also turns positive sentiment negative
///    ("should be improved" is a complaint, not praise).
/// 6. **Adversatives**: after the last contrast marker of a sentence ("but", "however",
///    "whereas") terms weigh ``contrastAfter``, before it ``contrastBefore``; a concession clause
///    ("although", "despite", "whilst") weighs ``concessionWeight`` and the rest of its sentence
///    ``mainClauseWeight``; a sentence that opens with a contrast marker halves the one before.
/// 7. **Emphasis**: each "!" of a sentence adds ``exclamationIncrement`` (at most
///    ``maximumExclamations``) and two or more "?" add ``questionIncrement`` each (at most
///    ``maximumQuestionEmphasis``), in the direction of the sentence's score.
/// 8. **Combination**: the document's raw score is the sum of its sentences' scores;
///    `compound = raw / sqrt(raw² + normalizationAlpha)`. `positive`, `negative` and `neutral` are
///    shares of positive mass, negative mass and words without sentiment (each sentiment term
///    counts its value plus one, as in VADER). The label is `mixed` when one part of the text (a
///    clause, split again at adversatives) scores at least ``mixedClauseThreshold`` and another at
///    most its negative (normalised like compound, before adversative weighting);
///    otherwise positive or negative beyond ``labelThreshold``, else neutral.
public struct HarkSentimentScorer: Sendable {
  /// "not good" = -0.74 × good (Hutto & Gilbert's empirical negation scalar).
  public static let negationScale = 0.74
  /// "GOOD" = good + 0.733 when the text is not all capitals.
  public static let capsIncrement = 0.733
  /// How many words before a term an amplifier or dampener reaches.
  public static let modifierWindow = 3
  /// An amplifier two words away has 80% of its effect, three words away 64%.
  public static let modifierDecay = 0.8
  public static let contrastBefore = 0.5
  public static let contrastAfter = 1.5
  public static let concessionWeight = 0.5
  public static let mainClauseWeight = 1.5
  /// "But ..." at the start of a sentence halves the sentence before.
  public static let previousSentenceContrast = 0.5
  public static let exclamationIncrement = 0.292
  public static let maximumExclamations = 4
  public static let questionIncrement = 0.18
  public static let maximumQuestionEmphasis = 0.96
  public static let normalizationAlpha = 15.0
  /// compound at or beyond ±0.05 is positive or negative (VADER's convention).
  public static let labelThreshold = 0.05
  /// A clause whose normalised score reaches ±0.3 is clearly positive or negative.
  public static let mixedClauseThreshold = 0.3

  public let model: SentimentModel

  public init(model: SentimentModel) {
    self.model = model
  }

  public func score(_ document: Document) -> SentimentScores {
    analyse(document, recording: false, keepsTerms: false).scores
  }

  public func explain(_ document: Document) -> SentimentExplanation {
    analyse(document, recording: true)
  }

  /// The explanation without its texts, rule steps and shifters (contributions keep their tokens,
  /// values and sources): what theme classification needs, at scoring cost.
  /// - Parameter words: the document's norms prepared for matching, when the caller shares them
  ///   with other matchers (`MatchWords(document)`); made here otherwise.
  public func explainWithoutText(_ document: Document, words: MatchWords? = nil) -> SentimentExplanation {
    analyse(document, recording: false, words: words)
  }

  // MARK: - Matching

  private struct Item {
    var tokens: Range<Int>
    /// Index into the model's terms.
    var termIndex: Int
    var valence: Double?
    var shifter: SentimentTerm.Shifter?
    /// Whether the valence (not the shifter role) is used.
    var asSentiment: Bool
  }

  private func matchItems(_ document: Document, words: MatchWords?) -> [Item] {
    let tokens = document.tokens
    let words = words ?? MatchWords(document, normalizedText: false)  // one matcher: norms read in place
    // Bound once: calling through `model.matcher` copied the whole matcher (216 bytes) per word.
    let matcher = model.matcher
    var items: [Item] = []
    items.reserveCapacity(16)  // most texts hold fewer: one allocation, not one per doubling
    var i = 0
    while i < tokens.count {
      guard tokens[i].isWordLike else {
        i += 1
        continue
      }
      var match = matcher.longestMatch(in: words, at: i)
      if match == nil && tokens[i].flags.contains(.elongated) {
        match = elongationVariantMatch(words, at: i)
      }
      guard let match, tokens[i + match.length - 1].sentence == tokens[i].sentence else {
        i += 1
        continue
      }
      let termIndex = matcher.payload(of: match.entry)
      let shifter = model.terms[termIndex].shifter
      items.append(
        Item(tokens: i..<i + match.length, termIndex: termIndex, valence: model.terms[termIndex].valence, shifter: shifter, asSentiment: shifter == nil))
      i += match.length
    }
    // A term that is both a shifter and a sentiment word ("terribly", "hope") acts as a shifter when
    // a sentiment term follows within its reach (an intensity word: the modifier window; a negator
    // or irrealis marker: its clause; an adversative: its sentence), otherwise as sentiment.
    for k in items.indices where items[k].shifter != nil && items[k].valence != nil {
      let start = tokens[items[k].tokens.lowerBound]
      var modifies = false
      for next in items[(k + 1)...] where next.valence != nil {
        let token = tokens[next.tokens.lowerBound]
        switch items[k].shifter {
        case .intensity:
          modifies = token.clause == start.clause
            && wordDistance(tokens, from: items[k].tokens.upperBound - 1, to: next.tokens.lowerBound) <= Self.modifierWindow
        case .adversative:
          modifies = token.sentence == start.sentence
        default:
          modifies = token.clause == start.clause
        }
        break
      }
      items[k].asSentiment = !modifies
    }
    return items
  }

  private func elongationVariantMatch(_ matchWords: MatchWords, at i: Int) -> (length: Int, entry: Int)? {
    let scalars = Array(matchWords[i].unicodeScalars)
    guard scalars.count >= 2 else { return nil }
    var words = matchWords.words
    for k in 1..<scalars.count where scalars[k] == scalars[k - 1] {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[..<k])
      view.append(contentsOf: scalars[(k + 1)...])
      words[i] = String(view)
      if let match = model.matcher.longestMatch(in: words, at: i) { return match }
    }
    return nil
  }

  /// The number of word-like tokens from `from` (exclusive) to `to` (inclusive).
  private func wordDistance(_ tokens: [Token], from: Int, to: Int) -> Int {
    guard to > from else { return 0 }
    var distance = 0
    for j in (from + 1)...to where tokens[j].isWordLike { distance += 1 }
    return distance
  }

  // MARK: - Scoring

  /// - Parameter keepsTerms: whether contributions carry their term and source (else empty: for
  ///   callers that keep only the scores).
  private func analyse(_ document: Document, recording: Bool, keepsTerms: Bool = true, words: MatchWords? = nil) -> SentimentExplanation {
    let tokens = document.tokens
    let items = matchItems(document, words: words)
    // All caps: every token with letters is in capitals (or a single letter), and there is one.
    var hasLetters = false
    var textIsAllCaps = true
    // Loops over token indices read fields in place; `for token in tokens` would copy each token
    // (and retain its norm).
    for i in tokens.indices where tokens[i].caseShape != .none {
      hasLetters = true
      if tokens[i].caseShape != .allCaps && tokens[i].scalarRange.count != 1 {
        textIsAllCaps = false
        break
      }
    }
    textIsAllCaps = textIsAllCaps && hasLetters

    var contributions: [SentimentExplanation.Contribution] = []
    contributions.reserveCapacity(items.count)  // at most one per item: one allocation
    var shifterMatches: [SentimentExplanation.ShifterMatch] = []
    let text = document.text
    func surface(_ range: Range<Int>) -> String {
      let utf8 = text.utf8
      let start = utf8.index(utf8.startIndex, offsetBy: tokens[range.lowerBound].utf8Range.lowerBound)
      let end = utf8.index(utf8.startIndex, offsetBy: tokens[range.upperBound - 1].utf8Range.upperBound)
      return String(text[start..<end])
    }

    for (k, item) in items.enumerated() {
      let first = item.tokens.lowerBound
      guard item.asSentiment, let valence = item.valence else {
        if recording, let shifter = item.shifter {
          let term = model.terms[item.termIndex]
          shifterMatches.append(.init(tokens: item.tokens, text: surface(item.tokens), term: term.term, role: Self.roleName(shifter), source: term.source))
        }
        continue
      }
      var value = valence
      var steps: [SentimentExplanation.Step] = []
      func apply(_ rule: SentimentRule, _ detail: @autoclosure () -> String, _ newValue: Double) {
        value = newValue
        if recording { steps.append(.init(rule: rule, detail: detail(), value: value)) }
      }
      let clause = tokens[first].clause
      if !textIsAllCaps && item.tokens.allSatisfy({ tokens[$0].caseShape == .allCaps || !tokens[$0].isWordLike })
        && item.tokens.contains(where: { tokens[$0].caseShape == .allCaps })
      {
        apply(.allCaps, surface(item.tokens), value + (value > 0 ? Self.capsIncrement : -Self.capsIncrement))
      }
      // Shifters earlier in the same clause: items[clauseStart..<k], read in place (collecting them
      // into lists cost up to three allocations per sentiment term).
      var clauseStart = k
      var negatorCount = 0
      while clauseStart > 0 && tokens[items[clauseStart - 1].tokens.lowerBound].clause == clause {
        clauseStart -= 1
        if !items[clauseStart].asSentiment, case .negator = items[clauseStart].shifter { negatorCount += 1 }
      }
      let negated = negatorCount % 2 == 1
      for j in clauseStart..<k where !items[j].asSentiment {  // in text order
        guard case .intensity(let m) = items[j].shifter else { continue }
        let distance = wordDistance(tokens, from: items[j].tokens.upperBound - 1, to: first)
        guard distance <= Self.modifierWindow else { continue }
        var effect = 1 + (m - 1) * pow(Self.modifierDecay, Double(distance - 1))
        if negated { effect = 1 / effect }
        apply(.intensity, "\(surface(items[j].tokens)) ×\(shortNumber(effect))", value * effect)
      }
      if negated || negatorCount >= 2 {
        /// The negators' surfaces, nearest first.
        func negators() -> String {
          stride(from: k - 1, through: clauseStart, by: -1).filter { j in
            guard !items[j].asSentiment, case .negator = items[j].shifter else { return false }
            return true
          }.map { surface(items[$0].tokens) }.joined(separator: ", ")
        }
        if negated {
          apply(.negation, negators(), -value * Self.negationScale)
        } else {
          apply(.doubleNegation, negators(), value)
        }
      }
      for j in clauseStart..<k where !items[j].asSentiment {  // in text order
        guard case .irrealis(let m, let demand) = items[j].shifter else { continue }
        if demand && value > 0 {
          apply(.demand, surface(items[j].tokens), -value * m)
        } else {
          apply(.irrealis, surface(items[j].tokens), value * m)
        }
      }
      let range = tokens[first].scalarRange.lowerBound..<tokens[item.tokens.upperBound - 1].scalarRange.upperBound
      contributions.append(
        .init(
          tokens: item.tokens, text: recording ? surface(item.tokens) : "", scalarRange: range,
          term: keepsTerms ? model.terms[item.termIndex].term : "",
          source: keepsTerms ? model.terms[item.termIndex].source : "", valence: valence, steps: steps, value: value, sentence: tokens[first].sentence,
          clause: clause))
    }

    // The mixed rule looks at clauses before adversative weighting: "welcome, but …" is mixed even
    // though "but" halves "welcome".
    // Parts are clauses, further split at adversatives ("great but awful" has two parts).
    // (clause and adversatives before, sum): a text has few parts, so a list beats a dictionary.
    var clauseSums: [(part: Int, sum: Double)] = []
    if !contributions.isEmpty { clauseSums.reserveCapacity(8) }
    // Loops over contributions read their fields in place: `for contribution in contributions`
    // copied each (retaining its strings and steps).
    for c in contributions.indices {
      let (clause, start, value) = (contributions[c].clause, contributions[c].tokens.lowerBound, contributions[c].value)
      let markersBefore = items.count {
        if case .adversative = $0.shifter, !$0.asSentiment {
          return tokens[$0.tokens.lowerBound].clause == clause && $0.tokens.lowerBound < start
        }
        return false
      }
      let part = clause * 1_000 + markersBefore
      if let k = clauseSums.firstIndex(where: { $0.part == part }) {
        clauseSums[k].sum += value
      } else {
        clauseSums.append((part, value))
      }
    }
    applyAdversatives(items: items, tokens: tokens, contributions: &contributions, recording: recording, surface: surface)

    // Sentences: contributions plus emphasis.
    var sentenceScores: [SentimentExplanation.SentenceScore] = document.sentences.map {
      .init(index: $0.index, contributions: 0, emphasis: 0)
    }
    for c in contributions.indices where contributions[c].sentence < sentenceScores.count {
      sentenceScores[contributions[c].sentence].contributions += contributions[c].value
    }
    // Norm hashes first: most punctuation is neither, and comparing hashes costs no string access.
    let (bang, query) = (Token.hash(ofNorm: "!"), Token.hash(ofNorm: "?"))
    for sentence in document.sentences {
      let sum = sentenceScores[sentence.index].contributions
      guard sum != 0 else { continue }
      var exclamations = 0
      var questions = 0
      for i in sentence.tokens where tokens[i].kind == .punctuation {
        let hash = tokens[i].normHash
        if hash == bang && tokens[i].norm == "!" {
          exclamations += 1
        } else if hash == query && tokens[i].norm == "?" {
          questions += 1
        }
      }
      var emphasis = Double(min(exclamations, Self.maximumExclamations)) * Self.exclamationIncrement
      if questions >= 2 { emphasis += min(Double(questions) * Self.questionIncrement, Self.maximumQuestionEmphasis) }
      sentenceScores[sentence.index].emphasis = sum > 0 ? emphasis : -emphasis
    }
    let raw = sentenceScores.reduce(0) { $0 + $1.score }
    let compound = Self.normalize(raw)

    // Proportions, VADER-style: each sentiment term counts its value plus one.
    var positive = 0.0
    var negative = 0.0
    for c in contributions.indices {
      let value = contributions[c].value
      if value > 0 { positive += value + 1 }
      if value < 0 { negative += -value + 1 }
    }
    // Items never overlap (matching resumes after each), so the uncovered word-like tokens are
    // those outside them.
    var neutralCount = 0
    for i in tokens.indices where tokens[i].isWordLike { neutralCount += 1 }
    for item in items {
      for i in item.tokens where tokens[i].isWordLike { neutralCount -= 1 }
    }
    let neutral = Double(neutralCount)
    let total = positive + negative + neutral

    // Label: mixed when one clause is clearly positive and another clearly negative.
    var (high, low) = (-Double.infinity, Double.infinity)
    for part in clauseSums.indices {
      let score = Self.normalize(clauseSums[part].sum)
      (high, low) = (max(high, score), min(low, score))
    }
    let label: SentimentLabel
    if high >= Self.mixedClauseThreshold && low <= -Self.mixedClauseThreshold {
      label = .mixed
    } else {
      label = SentimentScores.label(forCompound: compound, threshold: Self.labelThreshold)
    }
    let scores = SentimentScores(
      label: label, compound: compound, positive: total > 0 ? positive / total : 0,
      negative: total > 0 ? negative / total : 0, neutral: total > 0 ? neutral / total : 0)
    return SentimentExplanation(contributions: contributions, shifters: shifterMatches, sentences: sentenceScores, raw: raw, scores: scores)
  }

  private func applyAdversatives(
    items: [Item], tokens: [Token], contributions: inout [SentimentExplanation.Contribution], recording: Bool,
    surface: (Range<Int>) -> String
  ) {
    func weigh(_ index: Int, _ factor: Double, _ rule: SentimentRule, _ detail: String) {
      contributions[index].value *= factor
      if recording { contributions[index].steps.append(.init(rule: rule, detail: detail, value: contributions[index].value)) }
    }
    var contrastBySentence: [Int: (position: Int, text: String)] = [:]
    var concessions: [(sentence: Int, clause: Int, position: Int, text: String)] = []
    var openingContrast: [Int: String] = [:]
    for item in items where !item.asSentiment {
      guard case .adversative(let kind) = item.shifter else { continue }
      let token = tokens[item.tokens.lowerBound]
      let text = recording ? surface(item.tokens) : model.terms[item.termIndex].term
      switch kind {
      case .contrast:
        contrastBySentence[token.sentence] = (item.tokens.lowerBound, text)  // the last one wins
        let opensSentence = !tokens[..<item.tokens.lowerBound].contains { $0.sentence == token.sentence && $0.isWordLike }
        if opensSentence && token.sentence > 0 { openingContrast[token.sentence] = text }
      case .concession:
        concessions.append((token.sentence, token.clause, item.tokens.lowerBound, text))
      }
    }
    // Most texts hold no adversative: nothing to weigh.
    if contrastBySentence.isEmpty && concessions.isEmpty && openingContrast.isEmpty { return }
    for index in contributions.indices {
      // The fields the rules read (copying the whole contribution retained its strings and steps).
      let contribution = (
        sentence: contributions[index].sentence, clause: contributions[index].clause,
        tokens: contributions[index].tokens
      )
      if let contrast = contrastBySentence[contribution.sentence], contrast.position != contribution.tokens.lowerBound {
        if contribution.tokens.lowerBound < contrast.position {
          weigh(index, Self.contrastBefore, .contrastBefore, contrast.text)
        } else {
          weigh(index, Self.contrastAfter, .contrastAfter, contrast.text)
        }
      } else {
        let inSentence = concessions.filter { $0.sentence == contribution.sentence }
        if !inSentence.isEmpty {
          if let concession = inSentence.first(where: { $0.clause == contribution.clause && $0.position < contribution.tokens.lowerBound }) {
            weigh(index, Self.concessionWeight, .concession, concession.text)
          } else {
            weigh(index, Self.mainClauseWeight, .mainClause, inSentence[0].text)
          }
        }
      }
      if let opener = openingContrast[contribution.sentence + 1] {
        weigh(index, Self.previousSentenceContrast, .nextSentenceContrast, opener)
      }
    }
  }

  static func normalize(_ raw: Double) -> Double {
    raw / (raw * raw + normalizationAlpha).squareRoot()
  }

  static func roleName(_ shifter: SentimentTerm.Shifter) -> String {
    switch shifter {
    case .negator: "negator"
    case .intensity(let m): m >= 1 ? "amplifier ×\(shortNumber(m))" : "dampener ×\(shortNumber(m))"
    case .adversative(let kind): "adversative (\(kind.rawValue))"
    case .irrealis(let m, let demand): demand ? "demand ×\(shortNumber(m))" : "irrealis ×\(shortNumber(m))"
    }
  }
}

/// A factor or multiplier as shown in explanations: three decimals at most.
func shortNumber(_ value: Double) -> String {
  "\((value * 1000).rounded() / 1000)"
}
