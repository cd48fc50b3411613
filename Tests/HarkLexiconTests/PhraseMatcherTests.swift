import Foundation
@testable import HarkLexicon
import HarkTestSupport
import HarkText
import Testing

@Suite struct PhraseMatcherTests {
  static func matcher(_ patterns: [String]) -> (PhraseMatcher, [String]) {
    let matcher = PhraseMatcher(
      patterns.enumerated().map { index, pattern in .init(words: pattern.split(separator: " ").map(WordPattern.init), payload: index) })
    return (matcher, patterns)
  }

  @Test(arguments: [
    (["good", "not good", "not good enough"], "it is not good enough", 2, "not good enough"),
    (["good", "not good", "not good enough"], "it is not good at all", 2, "not good"),
    (["fit for purpose", "not fit for purpose"], "not fit for purpose", 0, "not fit for purpose"),
    (["disappoint*", "disappointed"], "so disappointed", 1, "disappointed"),
    (["disappoint*"], "so disappointing", 1, "disappoint*"),
    (["one-word judgement*"], "the one-word judgements", 1, "one-word judgement*"),
    (["colo?r"], "bright colour", 1, "colo?r"),
    (["colo?r"], "bright color", 1, nil),
    (["a b c"], "a b", 0, nil),
  ] as [([String], String, Int, String?)])
  func longestMatchWins(patterns: [String], text: String, at: Int, expected: String?) {
    let words = text.split(separator: " ").map(String.init)
    let (matcher, payloads) = Self.matcher(patterns)
    let match = matcher.longestMatch(in: words, at: at)
    #expect(match.map { payloads[matcher.entries[$0.entry].payload] } == expected)
    #expect(matcher.longestMatch(in: MatchWords(words), at: at).map(\.entry) == match.map(\.entry))
  }

  /// Every entry matching at a position, in a fixed order (literal first words, then globs by
  /// three-scalar prefix, by initial, then those starting with a wildcard; longest first within
  /// each); the same through prepared words. Hundreds of entries make the tables grow.
  @Test func forEachMatchVisitsEveryMatchingEntryInOrder() {
    var patterns = ["te*", "t*", "*ea", "tea", "tea time", "tea*", "tè*", "thé", "*"]
    patterns += (0..<300).map { "word\($0)" } + (0..<300).map { "glob\($0)*" }
    let (matcher, payloads) = Self.matcher(patterns)
    let text = ["tea", "time", "word17", "glob170x", "thé", "tè", ""]
    let expected: [[String]] = [
      ["tea time", "tea", "tea*", "te*", "t*", "*ea", "*"], ["t*", "*"], ["word17", "*"], ["glob1*", "glob17*", "glob170*", "*"],
      ["thé", "t*", "*"], ["t*", "tè*", "*"], ["*"],
    ]
    for (at, want) in expected.enumerated() {
      var plain: [String] = []
      matcher.forEachMatch(in: text, at: at) { _, entry in plain.append(payloads[matcher.entries[entry].payload]) }
      var prepared: [String] = []
      matcher.forEachMatch(in: MatchWords(text), at: at) { _, entry in prepared.append(payloads[matcher.entries[entry].payload]) }
      #expect(plain == want, "at \(at)")
      #expect(prepared == plain)
    }
  }

  /// Matching by tables (entries listed by their first characters, a glob's literal prefix checked
  /// on a word's first bytes before the glob runs) finds exactly the entries that match one by
  /// one, on random globs and words over ASCII and multi-byte characters, short and long.
  @Test func tablesFindWhatMatchingEachEntryFinds() {
    var generator = SplitMix64(seed: 2026)
    func random(_ alphabet: [Character], _ maximum: Int) -> String {
      String((0..<Int(generator.next() % UInt64(maximum + 1))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
    let letters: [Character] = ["a", "b", "a", "b", "c", "é", "日"]
    var patterns = Set<String>()
    while patterns.count < 400 {
      let pattern = random(letters + ["*", "?"], 11)
      if !pattern.isEmpty { patterns.insert(pattern) }
    }
    let (matcher, payloads) = Self.matcher(patterns.sorted())
    var mismatches: [String] = []
    for _ in 0..<3_000 {
      let word = random(letters, 12)
      let expected = Set(payloads.filter { WordPattern($0).matches(word) })
      var found = Set<String>()
      matcher.forEachMatch(in: MatchWords([word]), at: 0) { _, entry in found.insert(payloads[matcher.entries[entry].payload]) }
      let longest = matcher.longestMatch(in: MatchWords([word]), at: 0)
      if found != expected || (longest == nil) != expected.isEmpty { mismatches.append(word) }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) words, first: \(mismatches.prefix(5))")
  }

  /// A document's words read in place (no normalised text) match exactly as prepared words do;
  /// the normalised text holds each norm at its range, joined by a space within a sentence and by
  /// a blank line between sentences.
  @Test(arguments: [
    "tea time. Thé, tè? word17 glob170x", "Ça va 😀😀. Résumé!\n\nTEA-time tea", "", "   ", "日本語のテキスト。tea time",
    "a\u{301}b tea!!! TEA... t\u{0}ea",
  ])
  func unpreparedWordsMatchAsPreparedOnes(text: String) throws {
    var patterns = ["te*", "t*", "*ea", "tea", "tea time", "tea*", "tè*", "thé", "*", "t?a", "ré*", "😀 😀"]
    patterns += (0..<50).map { "glob\($0)*" }
    let (matcher, _) = Self.matcher(patterns)
    let document = try Tokenizer().tokenize(text)
    let prepared = MatchWords(document)
    let unprepared = MatchWords(document, normalizedText: false)
    #expect(prepared.hasNormalizedText && !unprepared.hasNormalizedText && unprepared.normalizedText.isEmpty)
    var expectedText: [UInt8] = []
    for (i, token) in document.tokens.enumerated() {
      if i > 0 { expectedText += token.sentence == document.tokens[i - 1].sentence ? [0x20] : [0x0A, 0x0A] }
      #expect(prepared.normRange(at: i).lowerBound == expectedText.count)
      expectedText += Array(token.norm.utf8)
      #expect(Array(Array(prepared.normalizedText.utf8)[prepared.normRange(at: i)]) == Array(token.norm.utf8))
      #expect(prepared.withNormBytes(at: i) { Array($0) } == Array(token.norm.utf8))
      #expect(unprepared.withNormBytes(at: i) { Array($0) } == Array(token.norm.utf8))
      var (a, b): ([Int], [Int]) = ([], [])
      matcher.forEachMatch(in: prepared, at: i) { _, entry in a.append(entry) }
      matcher.forEachMatch(in: unprepared, at: i) { _, entry in b.append(entry) }
      #expect(a == b, "at \(i)")
      #expect(matcher.longestMatch(in: prepared, at: i).map(\.entry) == matcher.longestMatch(in: unprepared, at: i).map(\.entry))
    }
    #expect(Array(prepared.normalizedText.utf8) == expectedText)
  }

  /// Which of a fixed list of words each pattern matches, from the words' UTF-8 and from the
  /// strings (`?` takes one whole scalar, `*` any run, a literal the word itself).
  @Test(arguments: [
    ("tea", ["tea"]), ("te*", ["tea", "team"]), ("*ea", ["tea"]), ("t?a", ["tea"]), ("colo?r", ["colour"]),
    ("*", ["tea", "team", "thé", "tè", "colour", "color", "", "t", "日本", "本", "e\u{301}"]), ("thé", ["thé"]),
    ("t*é", ["thé"]), ("?", ["t", "本"]), ("日*", ["日本"]), ("*本*", ["日本", "本"]), ("t?", ["tè"]), ("e?", ["e\u{301}"]),
  ] as [(String, [String])])
  func globsMatchWordsByTheirBytes(pattern: String, expected: [String]) {
    let compiled = WordPattern(pattern)
    let words = ["tea", "team", "thé", "tè", "colour", "color", "", "t", "日本", "本", "e\u{301}"]
    let fromBytes = words.filter { word in
      var utf8 = word
      return utf8.withUTF8 { compiled.matches(utf8: $0) }
    }
    #expect(fromBytes == expected)
    #expect(words.filter(compiled.matches) == expected)
  }

  @Test(arguments: [
    ("well-being", [["well-being"], ["well", "being"]]),
    ("Ofsted Inspection", [["ofsted", "inspection"]]),
    ("a - b", [["a", "-", "b"]]),
    ("one-word judgement*", [["one-word", "judgement*"], ["one", "word", "judgement*"]]),
  ] as [(String, [[String]])])
  func phraseVariants(phrase: String, expected: [[String]]) {
    #expect(WordPattern.variants(phrase).map { $0.map(\.text) } == expected)
  }

  @Test(arguments: [
    ("*", "", true), ("*", "abc", true), ("a*c", "abbbc", true), ("a*c", "abcd", false), ("?b", "ab", true),
    ("a**b", "ab", true), ("*ing", "caring", true), ("care*ful", "careful", true), ("é*", "ecole", false), ("é*", "été", true),
  ])
  func globs(pattern: String, word: String, matches: Bool) {
    #expect(WordPattern(pattern).matches(word) == matches)
  }
}

@Suite struct LexiconFileTests {
  static func write(_ text: String) throws -> String {
    let path = TestScratch.path("lexicon", suffix: ".tsv")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func readsHarkTSVWithCommentsAndCRLF() throws {
    let path = try Self.write("# comment\r\ngood\t1.9\r\n\r\nnot fit for purpose\t-2.8\r\n")
    var lexicon = SentimentLexicon()
    try lexicon.load(path: path, format: .hark)
    #expect(lexicon.count == 2)
    #expect(lexicon["good"]?.valence == 1.9)
    #expect(lexicon["not fit for purpose"]?.source == "\(path):4")
  }

  @Test(arguments: [
    ("good\n", 1, "expected term<TAB>valence"),
    ("good\t1.9\nbad\tworse\n", 2, "is not a number"),
    ("good\t1.9\nawful\t-5\n", 2, "from -4 to 4"),
  ])
  func malformedLinesNameFileAndLine(text: String, line: Int, reason: String) throws {
    let path = try Self.write(text)
    var lexicon = SentimentLexicon()
    let error = #expect(throws: LexiconError.self) { try lexicon.load(path: path, format: .hark) }
    guard case .malformed(let errorPath, let errorLine, let message) = error else {
      Issue.record("unexpected \(String(describing: error))")
      return
    }
    #expect(errorPath == path)
    #expect(errorLine == line)
    #expect(message.contains(reason))
    #expect(error?.description.hasPrefix("\(path):\(line): ") == true)
  }

  @Test func readsVADERAndAFINNFormats() throws {
    let vader = try Self.write("good\t1.9\t0.9434\t[2, 1, 1, 3, 2, 4, 2, 2, 1, 1]\n:D\t2.9\t0.83\t[3, 3]\n")
    #expect(try SentimentLexicon.guessFormat(path: vader) == .vader)
    var lexicon = SentimentLexicon()
    try lexicon.load(path: vader, format: .vader)
    #expect(lexicon[":D"]?.valence == 2.9)
    let afinn = TestScratch.path("AFINN-test", suffix: ".txt")
    try "abandon\t-2\nsuperb\t5\n".write(toFile: afinn, atomically: true, encoding: .utf8)
    #expect(try SentimentLexicon.guessFormat(path: afinn) == .afinn)
    try lexicon.load(path: afinn, format: .afinn)
    #expect(lexicon["superb"]?.valence == 4.0)
  }

  @Test func bundledLexiconsLoadAndAreLarge() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let directory = try LexiconLocator.directory(explicit: root.appendingPathComponent("lexicons").path)
    var lexicon = SentimentLexicon()
    for name in ["en-words-a-l.tsv", "en-words-m-z.tsv", "en-phrases.tsv", "en-emoji.tsv"] {
      try lexicon.load(path: "\(directory)/sentiment/\(name)", format: .hark)
    }
    #expect(lexicon.count >= 7_000)
    #expect(lexicon.order.count(where: { $0.contains(" ") }) >= 300)
    let shifters = try ShifterLexicon(directory: directory + "/shifters")
    for negator in ["without", "lack of", "no longer", "never", "nobody", "nothing", "hardly"] {
      #expect(shifters.negators[negator] != nil, "\(negator)")
    }
    for adversative in ["but", "however", "although", "though", "yet", "whereas", "nevertheless", "despite"] {
      #expect(shifters.adversatives[adversative] != nil, "\(adversative)")
    }
    for marker in ["should", "would", "could", "if", "hope", "needs to", "wish"] {
      #expect(shifters.irrealis[marker] != nil, "\(marker)")
    }
  }
}

@Suite struct HashFilterTests {
  /// No false negatives, and far fewer false positives than a full table at the lexicon sizes we
  /// ship (about 10,000 first words).
  @Test func insertedHashesAreAlwaysFoundAndOthersMostlyNot() {
    var generator = SystemRandomNumberGenerator()
    let inserted = (0..<10_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
    var filter = HashFilter()
    for hash in inserted { filter.insert(hash) }
    #expect(inserted.allSatisfy(filter.mayContain))
    let others = (0..<10_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
    let falsePositives = others.filter(filter.mayContain).count
    #expect(falsePositives < 2_000, "\(falsePositives) of 10,000")
  }

  /// The first-word filter keeps each hash's roles: a hash inserted as beginning an entry, a pair
  /// or both always reads back at least those roles, and most hashes never inserted read 0 (at
  /// 10,000 first words, as in the sentiment lexicon).
  @Test func firstWordFilterKeepsEveryRoleInserted() {
    var generator = SplitMix64(seed: 21)
    let roles: [UInt64] = [FirstWordFilter.beginsEntry, FirstWordFilter.beginsPair, FirstWordFilter.beginsEntry | FirstWordFilter.beginsPair]
    let inserted = (0..<10_000).map { _ in (hash: generator.next(), role: roles.randomElement(using: &generator)!) }
    var filter = FirstWordFilter()
    for (hash, role) in inserted {
      if role & FirstWordFilter.beginsEntry != 0 { filter.insert(hash, role: FirstWordFilter.beginsEntry) }
      if role & FirstWordFilter.beginsPair != 0 { filter.insert(hash, role: FirstWordFilter.beginsPair) }
    }
    #expect(inserted.allSatisfy { filter.roles($0.hash) & $0.role == $0.role })
    #expect(inserted.allSatisfy { filter.roles($0.hash) <= 3 })
    let others = (0..<10_000).map { _ in generator.next() }
    let falsePositives = others.filter { filter.roles($0) != 0 }.count
    #expect(falsePositives < 3_000, "\(falsePositives) of 10,000")
    let empty = FirstWordFilter()
    #expect(others.allSatisfy { empty.roles($0) == 0 })
  }

  /// The glob keys read from ASCII bytes agree with the scalar-based definition for every mix of
  /// ASCII and non-ASCII in the first three characters.
  @Test(arguments: ["", "a", "ab", "abc", "abcd", "é", "aé", "abé", "éab", "aéb", "ab\u{301}", "日本語", "x日", "@me", "café"])
  func globKeysMatchTheScalarDefinition(word: String) {
    let keys = WordKeys(word)
    #expect(keys.prefix == WordKeys.prefix(of: word), "\(word)")
    #expect(keys.initial == (word.unicodeScalars.first?.value ?? 0), "\(word)")
  }
}
