import Foundation
import HarkLexicon

/// Reproduces vaderSentiment 3.3.2's `polarity_scores`, quirks included, for people migrating from
/// VADER who need the same numbers. It reads VADER's own lexicon and emoji files (from the
/// vaderSentiment package) and follows its published rules: whitespace tokens with edge
/// punctuation stripped unless that leaves two characters or fewer; boosters (±0.293) decaying
/// over three preceding words; negation ×-0.74 up to three words back; ALL-CAPS +0.733 when the
/// text is not all caps; "no", "least", "never so", "without doubt" special cases; only the first
/// "but" weighting earlier words ×0.5 and later ones ×1.5; "!" (+0.292 each, at most 4) and "?"
/// (2-3: +0.18 each; more: +0.96); compound = x / sqrt(x² + 15). Its known faults are kept on
/// purpose: multi-word lexicon entries never match, emoticon keys with capitals never match, a
/// curly apostrophe defeats negation, and `_but_check` updates the first equal value it finds.
///
/// `VaderCompatibilityTests` compares it with the Python package on thousands of sentences.
public struct VaderScorer: Sendable {
  static let boosterIncrement = 0.293
  static let boosterDecrement = -0.293
  static let capsIncrement = 0.733
  static let negationScalar = -0.74

  let lexicon: [String: Double]
  let emojis: [String: String]

  /// - Parameters:
  ///   - lexiconPath: VADER's `vader_lexicon.txt` (`term<TAB>mean<TAB>sd<TAB>ratings`).
  ///   - emojiLexiconPath: VADER's `emoji_utf8_lexicon.txt` (`emoji<TAB>description`).
  public init(lexiconPath: String, emojiLexiconPath: String) throws(LexiconError) {
    var lexicon = SentimentLexicon()
    try lexicon.load(path: lexiconPath, format: .vader)
    self.lexicon = lexicon.entries.mapValues(\.valence)
    let file = try LexiconFile(path: emojiLexiconPath, commentPrefix: nil)
    var emojis: [String: String] = [:]
    for line in file.lines where line.fields.count >= 2 {
      emojis[String(line.fields[0]).pythonStripped] = String(line.fields[1]).pythonStripped
    }
    self.emojis = emojis
  }

  init(lexicon: [String: Double], emojis: [String: String]) {
    self.lexicon = lexicon
    self.emojis = emojis
  }

  public func polarityScores(_ text: String) -> SentimentScores {
    let prepared = replacingEmojis(text).pythonStripped
    let words = prepared.pythonSplit().map(Self.stripPunctuationIfWord)
    let lowered = words.map(\.pythonLowercased)
    let isCapDiff = Self.allCapDifferential(words)
    var sentiments: [Double] = []
    sentiments.reserveCapacity(words.count)
    for i in words.indices {
      if Self.boosters[lowered[i]] != nil {
        sentiments.append(0)
        continue
      }
      if i < words.count - 1 && lowered[i] == "kind" && lowered[i + 1] == "of" {
        sentiments.append(0)
        continue
      }
      sentiments.append(valence(at: i, words: words, lowered: lowered, isCapDiff: isCapDiff))
    }
    Self.butCheck(lowered, &sentiments)
    return Self.score(sentiments, text: prepared)
  }

  // MARK: - VADER's steps

  /// Emoji (single code points only, as VADER iterates characters) become their descriptions.
  func replacingEmojis(_ text: String) -> String {
    var result = ""
    var previousSpace = true
    for scalar in text.unicodeScalars {
      if let description = emojis[String(scalar)] {
        if !previousSpace { result += " " }
        result += description
        previousSpace = false
      } else {
        result.unicodeScalars.append(scalar)
        previousSpace = scalar == " "
      }
    }
    return result
  }

  static func stripPunctuationIfWord(_ token: Substring) -> String {
    let scalars = Array(token.unicodeScalars)
    var start = 0
    var end = scalars.count
    while start < end && isASCIIPunctuation(scalars[start]) { start += 1 }
    while end > start && isASCIIPunctuation(scalars[end - 1]) { end -= 1 }
    if end - start <= 2 { return String(token) }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
  }

  static func isASCIIPunctuation(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
    default: false
    }
  }

  /// True when some but not all words are ALL CAPS.
  static func allCapDifferential(_ words: [String]) -> Bool {
    let allCaps = words.count(where: \.pythonIsUpper)
    let differential = words.count - allCaps
    return differential > 0 && differential < words.count
  }

  func valence(at i: Int, words: [String], lowered: [String], isCapDiff: Bool) -> Double {
    guard let base = lexicon[lowered[i]] else { return 0 }
    var valence = base
    let n = words.count
    if lowered[i] == "no" && i != n - 1 && lexicon[lowered[i + 1]] != nil {
      valence = 0
    }
    if (i > 0 && lowered[i - 1] == "no") || (i > 1 && lowered[i - 2] == "no")
      || (i > 2 && lowered[i - 3] == "no" && (lowered[i - 1] == "or" || lowered[i - 1] == "nor"))
    {
      valence = base * Self.negationScalar
    }
    if words[i].pythonIsUpper && isCapDiff {
      valence += valence > 0 ? Self.capsIncrement : -Self.capsIncrement
    }
    for startI in 0..<3 where i > startI && lexicon[lowered[i - (startI + 1)]] == nil {
      var s = Self.scalarIncDec(words[i - (startI + 1)], lowered: lowered[i - (startI + 1)], valence: valence, isCapDiff: isCapDiff)
      if startI == 1 && s != 0 { s *= 0.95 }
      if startI == 2 && s != 0 { s *= 0.9 }
      valence += s
      valence = Self.negationCheck(valence, lowered, startI, i)
      if startI == 2 { valence = Self.specialIdiomsCheck(valence, lowered, i) }
    }
    return leastCheck(valence, lowered, i)
  }

  static func scalarIncDec(_ word: String, lowered: String, valence: Double, isCapDiff: Bool) -> Double {
    guard var scalar = boosters[lowered] else { return 0 }
    if valence < 0 { scalar *= -1 }
    if word.pythonIsUpper && isCapDiff {
      scalar += valence > 0 ? capsIncrement : -capsIncrement
    }
    return scalar
  }

  static func isNegated(_ word: String) -> Bool {
    negations.contains(word) || containsNT(word)
  }

  /// Python's `"n't" in word`: a code-point substring test, done on the bytes (Foundation's
  /// `contains` is a much slower search, once per word).
  static func containsNT(_ word: String) -> Bool {
    var (previous, beforePrevious): (UInt8, UInt8) = (0, 0)
    for b in word.utf8 {
      if b == 0x74 && previous == 0x27 && beforePrevious == 0x6E { return true }  // n ' t
      (beforePrevious, previous) = (previous, b)
    }
    return false
  }

  static func negationCheck(_ valence: Double, _ l: [String], _ startI: Int, _ i: Int) -> Double {
    var valence = valence
    switch startI {
    case 0:
      if isNegated(l[i - 1]) { valence *= negationScalar }
    case 1:
      if l[i - 2] == "never" && (l[i - 1] == "so" || l[i - 1] == "this") {
        valence *= 1.25
      } else if l[i - 2] == "without" && l[i - 1] == "doubt" {
        // unchanged
      } else if isNegated(l[i - 2]) {
        valence *= negationScalar
      }
    default:
      if (l[i - 3] == "never" && (l[i - 2] == "so" || l[i - 2] == "this")) || (l[i - 1] == "so" || l[i - 1] == "this") {
        valence *= 1.25
      } else if l[i - 3] == "without" && (l[i - 2] == "doubt" || l[i - 1] == "doubt") {
        // unchanged
      } else if isNegated(l[i - 3]) {
        valence *= negationScalar
      }
    }
    return valence
  }

  static func specialIdiomsCheck(_ valence: Double, _ l: [String], _ i: Int) -> Double {
    var valence = valence
    let oneZero = "\(l[i - 1]) \(l[i])"
    let twoOneZero = "\(l[i - 2]) \(l[i - 1]) \(l[i])"
    let twoOne = "\(l[i - 2]) \(l[i - 1])"
    let threeTwoOne = "\(l[i - 3]) \(l[i - 2]) \(l[i - 1])"
    let threeTwo = "\(l[i - 3]) \(l[i - 2])"
    for sequence in [oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo] {
      if let special = specialCases[sequence] {
        valence = special
        break
      }
    }
    if l.count - 1 > i, let special = specialCases["\(l[i]) \(l[i + 1])"] { valence = special }
    if l.count - 1 > i + 1, let special = specialCases["\(l[i]) \(l[i + 1]) \(l[i + 2])"] { valence = special }
    for ngram in [threeTwoOne, threeTwo, twoOne] {
      if let booster = boosters[ngram] { valence += booster }
    }
    return valence
  }

  func leastCheck(_ valence: Double, _ l: [String], _ i: Int) -> Double {
    if i > 1 && lexicon[l[i - 1]] == nil && l[i - 1] == "least" {
      if l[i - 2] != "at" && l[i - 2] != "very" { return valence * Self.negationScalar }
    } else if i > 0 && lexicon[l[i - 1]] == nil && l[i - 1] == "least" {
      return valence * Self.negationScalar
    }
    return valence
  }

  /// VADER's `_but_check`, including its habit of updating the first position holding an equal
  /// value rather than the position being visited.
  static func butCheck(_ lowered: [String], _ sentiments: inout [Double]) {
    guard let butIndex = lowered.firstIndex(of: "but") else { return }
    for k in sentiments.indices {
      let sentiment = sentiments[k]
      guard let si = sentiments.firstIndex(of: sentiment) else { continue }
      if si < butIndex {
        sentiments[si] = sentiment * 0.5
      } else if si > butIndex {
        sentiments[si] = sentiment * 1.5
      }
    }
  }

  static func punctuationEmphasis(_ text: String) -> Double {
    var exclamations = 0
    var questions = 0
    for scalar in text.unicodeScalars {
      if scalar == "!" { exclamations += 1 } else if scalar == "?" { questions += 1 }
    }
    let exclamationAmplifier = Double(min(exclamations, 4)) * 0.292
    var questionAmplifier = 0.0
    if questions > 1 { questionAmplifier = questions <= 3 ? Double(questions) * 0.18 : 0.96 }
    return exclamationAmplifier + questionAmplifier
  }

  static func score(_ sentiments: [Double], text: String) -> SentimentScores {
    guard !sentiments.isEmpty else {
      return SentimentScores(label: .neutral, compound: 0, positive: 0, negative: 0, neutral: 0)
    }
    var sum = sentiments.reduce(0, +)
    let emphasis = punctuationEmphasis(text)
    if sum > 0 { sum += emphasis } else if sum < 0 { sum -= emphasis }
    let compound = normalize(sum)
    var positiveSum = 0.0
    var negativeSum = 0.0
    var neutralCount = 0.0
    for s in sentiments {
      if s > 0 { positiveSum += s + 1 }
      if s < 0 { negativeSum += s - 1 }
      if s == 0 { neutralCount += 1 }
    }
    if positiveSum > abs(negativeSum) {
      positiveSum += emphasis
    } else if positiveSum < abs(negativeSum) {
      negativeSum -= emphasis
    }
    let total = positiveSum + abs(negativeSum) + neutralCount
    let roundedCompound = pythonRound(compound, places: 4)
    return SentimentScores(
      label: SentimentScores.label(forCompound: roundedCompound), compound: roundedCompound,
      positive: pythonRound(abs(positiveSum / total), places: 3), negative: pythonRound(abs(negativeSum / total), places: 3),
      neutral: pythonRound(abs(neutralCount / total), places: 3))
  }

  static func normalize(_ score: Double, alpha: Double = 15) -> Double {
    min(1, max(-1, score / (score * score + alpha).squareRoot()))
  }

  /// Python's `round(x, places)`: the decimal nearest the exact binary value, ties to even.
  static func pythonRound(_ value: Double, places: Int) -> Double {
    Double(String(format: "%.\(places)f", value)) ?? value
  }

  // MARK: - VADER's word lists (facts of vaderSentiment 3.3.2)

  static let negations: Set<String> = [
    "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't",
    "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't",
    "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor",
    "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't",
    "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom",
    "despite",
  ]

  static let boosters: [String: Double] = {
    let increments = [
      "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
      "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
      "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
      "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
      "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite",
      "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously",
      "uber", "unbelievably", "unusually", "utter", "utterly", "very",
    ]
    let decrements = [
      "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
      "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
      "somewhat", "sort of", "sorta", "sortof", "sort-of",
    ]
    var table: [String: Double] = [:]
    for word in increments { table[word] = boosterIncrement }
    for word in decrements { table[word] = boosterDecrement }
    return table
  }()

  static let specialCases: [String: Double] = [
    "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0, "yeah right": -2,
    "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5,
  ]
}

// MARK: - Python's string semantics, as VADER relies on them

extension StringProtocol {
  /// Python's `str.isspace()` characters: Unicode white space plus the ASCII separators 0x1C-0x1F.
  static func isPythonSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
  }

  /// Python's `str.split()` with no arguments.
  func pythonSplit() -> [Substring] {
    let string = Substring(self)
    var result: [Substring] = []
    var start: String.Index?
    var index = string.startIndex
    let scalars = string.unicodeScalars
    while index < string.endIndex {
      let scalar = scalars[index]
      let next = scalars.index(after: index)
      if Self.isPythonSpace(scalar) {
        if let s = start { result.append(string[s..<index]) }
        start = nil
      } else if start == nil {
        start = index
      }
      index = next
    }
    if let s = start { result.append(string[s..<string.endIndex]) }
    return result
  }

  /// Python's `str.strip()` with no arguments.
  var pythonStripped: String {
    let scalars = Array(unicodeScalars)
    var start = 0
    var end = scalars.count
    while start < end && Self.isPythonSpace(scalars[start]) { start += 1 }
    while end > start && Self.isPythonSpace(scalars[end - 1]) { end -= 1 }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
  }

  /// Python's `str.lower()`.
  var pythonLowercased: String {
    if utf8.allSatisfy({ $0 < 0x80 }) {
      return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
    return lowercased()
  }

  /// Python's `str.isupper()`: at least one cased character, none lower or title case.
  var pythonIsUpper: Bool {
    var cased = false
    for scalar in unicodeScalars {
      let properties = scalar.properties
      if properties.isLowercase || properties.generalCategory == .titlecaseLetter { return false }
      if properties.isUppercase { cased = true }
    }
    return cased
  }
}
