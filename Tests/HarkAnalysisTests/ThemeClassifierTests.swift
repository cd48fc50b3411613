import Foundation
@testable import HarkAnalysis
import HarkIO
import HarkLexicon
import HarkText
import HarkTestSupport
import Testing

@Suite struct ThemeClassifierTests {
  /// A classifier over a dictionary written inline.
  static func classifier(_ yaml: String) throws -> ThemeClassifier {
    let path = TestScratch.path("themes", suffix: ".yaml")
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return try ThemeClassifier(dictionary: ThemeDictionary.load(path: path))
  }

  static let small = """
    dictionary: test
    themes:
      - id: grading
        patterns:
          - single-word judgement*
          - {match: outstanding, weight: 0.5}
          - {match: inadequate, weight: 0.5}
          - {match: "re:grade [1-4]", weight: 1.0}
        exclude: [inadequate funding, outstanding issues]
        near:
          - {terms: [grade*, unfair*], within: 3, weight: 1.0}
        children:
          - id: grading.report_cards
            patterns: [report card*]
      - id: funding
        patterns: [funding, budget*]
      - id: wellbeing
        threshold: 2.0
        patterns: [stress, anxiety, burnout]
    """

  static func assigned(_ classifier: ThemeClassifier, _ text: String) throws -> [String] {
    try classifier.classify(Tokenizer().tokenize(text)).map(\.id)
  }

  @Test(arguments: [
    ("Single-word judgements must go", ["grading"]),
    ("single word judgements must go", ["grading"]),
    ("Rated outstanding", []),
    ("Outstanding one year, inadequate the next", ["grading"]),
    ("There is inadequate funding for SEND", ["funding"]),
    ("We got grade 3 last time", ["grading"]),
    ("The grades felt unfair to everyone", ["grading"]),
    ("The grades were, in my long experience, unfair", []),
    ("Stress", []),
    ("Stress, anxiety and burnout", ["wellbeing"]),
    ("Outstanding issues with the budget", ["funding"]),
    ("", []),
  ] as [(String, [String])])
  func assignsThemes(text: String, expected: [String]) throws {
    #expect(try Self.assigned(Self.classifier(Self.small), text).sorted() == expected.sorted())
  }

  @Test func evidenceSlicesTheOriginalAndNamesThePattern() throws {
    let text = "Café staff say: the single-word judgements hurt; grade 2 again."
    let classifier = try Self.classifier(Self.small)
    let grading = try #require(classifier.classify(Tokenizer().tokenize(text)).first { $0.id == "grading" })
    let scalars = Array(text.unicodeScalars)
    #expect(grading.evidence.map(\.pattern) == ["single-word judgement*", "re:grade [1-4]"])
    for evidence in grading.evidence {
      #expect(String(String.UnicodeScalarView(scalars[evidence.scalarRange])) == evidence.text)
    }
    #expect(grading.score == 2.0)
  }

  /// Regex matches map back to their words after norms whose UTF-16 and UTF-8 lengths differ
  /// (accents, CJK, emoji) and in later sentences.
  @Test(arguments: [
    ("grade 3", "grade 3"),
    ("Naïve café 😀 then grade 4 again", "grade 4"),
    ("日本語のテキスト. Then grade 1.", "grade 1"),
    ("Ça va 😀😀. Résumé! It was GRADE 2 👍", "GRADE 2"),
  ])
  func regexEvidenceAfterNonASCII(text: String, expected: String) throws {
    let document = try Tokenizer().tokenize(text)
    let grading = try #require(Self.classifier(Self.small).classify(document).first { $0.id == "grading" })
    let evidence = try #require(grading.evidence.first { $0.pattern == "re:grade [1-4]" })
    #expect(evidence.text == expected)
    let scalars = Array(text.unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[evidence.scalarRange])) == expected)
  }

  /// Regexes without upper-case letters compile case-sensitively (the text they run on is case
  /// folded); any upper-case letter or case-folding character keeps them case-insensitive.
  @Test(arguments: [
    ("grade [1-4]", false), ("\\bwaited (?:\\d+|an?) hours?\\b", false), ("£ ?\\d", false),
    ("\\bNHS\\b", true), ("\\W+", true), ("straße", true), ("[A-Z]", true),
  ])
  func regexCaseOptions(pattern: String, caseInsensitive: Bool) {
    #expect(ThemeClassifier.regexOptions(for: pattern).contains(.caseInsensitive) == caseInsensitive)
  }

  /// Either way, regexes match whatever the case of the text and of the pattern.
  @Test(arguments: ["We got GRADE 3", "we got grade 3", "Grade 3 again"])
  func regexesMatchInAnyCase(text: String) throws {
    let yaml = """
      dictionary: test
      themes:
        - id: lower
          patterns: ["re:grade [1-4]"]
        - id: upper
          patterns: ["re:GRADE [1-4]"]
      """
    #expect(try Self.assigned(Self.classifier(yaml), text).sorted() == ["lower", "upper"])
  }

  /// The UTF-16 length read from UTF-8 bytes (how regex offsets are mapped back) is Swift's own.
  @Test(arguments: ["", "grade", "naïve", "日本語", "😀", "a😀b👍🏽", "e\u{301}", "\u{10FFFF}x"])
  func utf16CountFromUTF8(text: String) {
    var copy = text
    #expect(copy.withUTF8 { ThemeClassifier.utf16Count(ofUTF8: $0) } == text.utf16.count)
  }

  @Test func subthemesAreReportedUnderTheirParent() throws {
    let classifier = try Self.classifier(Self.small)
    let result = try classifier.classify(Tokenizer().tokenize("Replace single-word judgements with report cards"))
    #expect(result.map(\.id) == ["grading"])
    #expect(result[0].subthemes == ["grading.report_cards"])
  }

  @Test func cancelledMatchesSayWhy() throws {
    let classifier = try Self.classifier(Self.small)
    let scores = classifier.score(try Tokenizer().tokenize("inadequate funding"))
    let grading = try #require(scores.first { $0.id == "grading" })
    #expect(grading.score == 0)
    #expect(grading.cancelled.map(\.reason) == ["excluded by \"inadequate funding\""])
  }

  @Test func unlessPrecededByCancelsInTheClauseOnly() throws {
    let classifier = try Self.classifier("""
      dictionary: alerts
      alerts:
        - id: distress
          threshold: 1.0
          unless_preceded_by: [never, "would never"]
          patterns: ["end it all", "can't go on"]
      """)
    #expect(try Self.assigned(classifier, "I can't go on") == ["distress"])
    #expect(try Self.assigned(classifier, "I would never end it all") == [])
    #expect(try Self.assigned(classifier, "I never said so, but I can't go on") == ["distress"])
  }

  /// Pattern-level phrases, globs and multi-word phrases cancel too; the theme's phrases are
  /// looked for before the pattern's at each word, nearest word first, and the reason names the
  /// phrase found.
  @Test(arguments: [
    ("I want to end it all", nil),
    ("nobody would ever end it all", "preceded by \"nobody\""),
    ("it was not for them to end it all", "preceded by \"not for them\""),
    ("hypothetically I will end it all", "preceded by \"hypothetic*\""),
    ("never, I will end it all", nil),
    ("never hypothetically end it all", "preceded by \"hypothetic*\""),
    ("hypothetically never end it all", "preceded by \"never\""),
    ("nobody never end it all", "preceded by \"never\""),
  ] as [(String, String?)])
  func unlessPhrasesOfThemesAndPatterns(text: String, reason: String?) throws {
    let classifier = try Self.classifier("""
      dictionary: alerts
      alerts:
        - id: distress
          threshold: 1.0
          unless_preceded_by: [never, hypothetic*]
          patterns:
            - {match: "end it all", unless_preceded_by: [nobody, "not for them"]}
      """)
    let score = try #require(classifier.score(Tokenizer().tokenize(text)).first { $0.id == "distress" })
    #expect(score.cancelled.first?.reason == reason)
    #expect(score.isAssigned == (reason == nil))
  }

  @Test func fallbackThemeTakesEvaluationsWithoutATopic() throws {
    let classifier = try Self.classifier("""
      dictionary: feedback
      fallback: service_quality
      themes:
        - id: service_quality
          patterns: [treatment]
        - id: staff
          patterns: [nurse]
      """)
    let scorer = Bundled.scorer
    func themes(_ text: String) throws -> [ThemeAssignment] {
      let document = try Tokenizer().tokenize(text)
      return classifier.classify(document, sentiment: .init(scorer.explainWithoutText(document)))
    }
    let fallback = try themes("Very good, thank you")
    #expect(fallback.map(\.id) == ["service_quality"])
    #expect(fallback[0].evidence.map(\.text).contains("good"))
    #expect(try themes("The nurse was lovely").map(\.id) == ["staff"])
    #expect(try themes("Nothing to add").map(\.id) == [])
  }

  @Test func invalidDictionariesNameTheFile() throws {
    let path = TestScratch.path("bad", suffix: ".yaml")
    try "dictionary: x\nthemes:\n  - id: a\n    patterns: [x\n".write(toFile: path, atomically: true, encoding: .utf8)
    let error = #expect(throws: LexiconError.self) { try ThemeDictionary.load(path: path) }
    #expect(error?.description.hasPrefix(path) == true)
    try "dictionary: x\nfallback: nope\nthemes:\n  - id: a\n    patterns: [x]\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: LexiconError.self) { try ThemeDictionary.load(path: path) }
  }
}

/// The bundled dictionaries against TAXONOMIES.md.
@Suite struct BundledDictionaryTests {
  static let bigListen = [
    "grading", "wellbeing", "inspector_conduct", "consistency", "context", "safeguarding", "complaints", "workload",
    "workforce", "consequences", "curriculum", "trust", "support", "process", "reform",
  ]
  static let serviceFeedback = [
    "service_quality", "staff", "communication", "access", "environment", "coordination", "dignity",
    "complaint_handling", "cost", "safety",
  ]

  @Test(arguments: [("big-listen", bigListen), ("service-feedback", serviceFeedback)])
  func idsAreExactlyTheTaxonomy(name: String, ids: [String]) throws {
    let dictionary = try ThemeDictionary.load(path: "\(TestPaths.lexicons)/themes/\(name).yaml")
    #expect(dictionary.themes.map(\.id) == ids)
    for theme in dictionary.themes {
      #expect(theme.patterns.count >= 30, "\(theme.id)")
      #expect(theme.patterns.contains { $0.match.contains(" ") }, "\(theme.id) has no phrase")
    }
    _ = try ThemeClassifier(dictionary: dictionary)
  }

  static let alerts: ThemeClassifier = {
    do { return try ThemeClassifier(dictionary: ThemeDictionary.load(path: "\(TestPaths.lexicons)/alerts.yaml")) } catch {
      fatalError("alerts.yaml: \(error)")
    }
  }()

  /// TAXONOMIES.md's examples, both ways.
  @Test(arguments: [
    ("I can't go on", ["distress"]),
    ("I have thought about ending it", ["distress"]),
    ("I'm at breaking point and don't see a way out", ["distress"]),
    ("We need suicide prevention training for inspectors", []),
    ("Mental health awareness training for inspectors would help", []),
    ("The death of a headteacher should have changed everything", []),
    ("This will kill morale", []),
    ("My stepdad hits me every night and I am scared to go home", ["safeguarding_disclosure"]),
    ("Our safeguarding policy was judged ineffective", []),
    ("If that inspector comes back I will kill him", ["threat"]),
  ] as [(String, [String])])
  func alertExamples(text: String, expected: [String]) throws {
    #expect(try Self.alerts.classify(Tokenizer().tokenize(text)).map(\.id) == expected)
  }
}

@Suite struct RegexPrefilterTests {
  @Test(arguments: [
    (#"\bwish(?:ed)? i"#, [["wish i", "wished i"]]),
    (#"\b(?:got|have|had) the"#, [["got the", "have the", "had the"]]),
    (#"grades? [1-4]"#, [["grade 1", "grade 2", "grade 3", "grade 4", "grades 1", "grades 2", "grades 3", "grades 4"]]),
    // Literals are cut to 12 scalars (a literal's start is as required as the literal).
    (#"\bi (?:hit|slap) myself\b(?! on)"#, [["i hit myself", "i slap mysel"]]),
    // Parts that can be absent, or classes, separate the parts that every match must hold.
    (#"\b(?:a|b)? \w+ paracetamol"#, [[" paracetamol"]]),
    (#"\b(?:he|she)(?: \w+){0,2} (?:hit|punched) (?:him|her)"#, [[" hit him", " hit her", " punched him", " punched her"], ["he"]]),
    (#"\b(?:i will|he will) (?:kill|hurt) (?:\w+ )?him\b"#, [["i will kill ", "i will hurt ", "he will kill", "he will hurt"], ["him"]]),
    (#"x+ab"#, [["ab"], ["x"]]),
    // A repeat count requires the repeated text (and so shows a pattern no normalised text has).
    (#"ab{3}c"#, [["bbb"], ["a"], ["b"], ["c"]]),
    (#"x{5,}"#, [["xxxxx"], ["x"]]),
    (#"a[xyZ]c[^a]de"#, [["axc", "ayc", "azc"], ["de"]]),
    (#"\b\d+(?:\.\d{2})? ?(?:pounds|quid|gbp)\b"#, [["pounds", "quid", "gbp"]]),
    (#"£ ?\d"#, [["£"]]),
    (#"A\.M"#, [["a.m"]]),
    (#"(?:wait|waits)? (?:for)"#, [[" for"]]),
    // An alternation needs one of its branches: the best set of each, joined.
    (#"(?:abcd (?:\w+ )?ef|ghij)"#, [["abcd ", "ghij"]]),
    // Nothing certain: every part optional, a class, or syntax not read.
    (#"\b(?:a|b)? x?"#, nil),
    (#"\d+ [a-z]*"#, nil),
    (#"(?i)abc"#, nil),
    (#"(a)\1"#, nil),
    (#"(?:abc|\w)"#, nil),
    (#"abc("#, nil),
    (String(repeating: "(?:", count: 150) + "abc" + String(repeating: ")", count: 150), nil),  // too deep to read
    (String(repeating: "(?:", count: 50) + "abc" + String(repeating: ")", count: 50), [["abc"]]),
  ] as [(String, [Set<String>]?)])
  func readsRequiredLiterals(pattern: String, expected: [Set<String>]?) {
    #expect(RegexLiterals.required(pattern).map(Set.init) == expected.map(Set.init))
  }

  /// With boundaries, `\b` stays in the literals as U+0001 where it stands.
  @Test(arguments: [
    (#"\bhe\b"#, [["\u{1}he\u{1}"]]),
    (#"\b(?:he|she) hit\b"#, [["\u{1}he hit\u{1}", "\u{1}she hit\u{1}"]]),
    (#"\bwish(?:ed)? i"#, [["\u{1}wish i", "\u{1}wished i"]]),
    (#"x\Bz"#, [["xz"]]),  // \B still matches nothing
  ] as [(String, [Set<String>])])
  func readsBoundaries(pattern: String, expected: [Set<String>]) {
    #expect(RegexLiterals.required(pattern, boundaries: true) == expected)
  }

  /// What a literal with boundaries looks like in the word view: a boundary at the literal's
  /// edge beside a word character is a space; inside, dropped when it holds, impossible when not.
  @Test(arguments: [
    ("\u{1}he\u{1}", " he "), ("\u{1}co-codamol", " co codamol"), ("a\u{1}b", nil), ("a\u{1} b", "a b"),
    ("\u{1} x", " x"), ("é\u{1}x", "  x"), ("he\u{1}\u{1}", "he "), ("x\u{1}", "x "), ("-\u{1}", " "), ("i'm", "i m"),
  ] as [(String, String?)])
  func wordViewOfALiteral(literal: String, expected: String?) {
    #expect(LiteralAutomaton.wordViewBytes(of: literal) == expected.map { Array($0.utf8) })
  }

  /// The word view finds at least what the regex does: on random texts, whenever a regex made of
  /// a random literal with boundaries matches, the literal's view occurs in the text's view (with
  /// a space at each end), and a literal the view calls impossible never matches.
  @Test func wordViewNeverMissesAMatch() throws {
    var generator = SystemRandomNumberGenerator()
    let alphabet: [String] = ["a", "b", " ", "-", "é", "_", "1", "'", "\n"]
    let marker = String(Character(RegexLiterals.boundary))
    for _ in 0..<3_000 {
      let literal = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
        Bool.random(using: &generator) ? marker : alphabet.randomElement(using: &generator)!
      }.joined()
      let pattern = literal.split(separator: Character(marker), omittingEmptySubsequences: false)
        .map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: #"\b"#)
      let regex = try NSRegularExpression(pattern: pattern)
      let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
      let matches = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
      guard matches else { continue }
      let view = [UInt8(0x20)] + text.utf8.map { LiteralAutomaton.wordView[Int($0)] } + [0x20]
      let bytes = try #require(LiteralAutomaton.wordViewBytes(of: literal), "\(pattern) matched \(text)")
      #expect(bytes.isEmpty || (0...(view.count - bytes.count)).contains { view[$0..<$0 + bytes.count].elementsEqual(bytes) }, "\(pattern) in \(text)")
    }
  }

  @Test func automatonFindsEveryGroupWithALiteralInTheText() throws {
    let literals: [(String, Int)] = [("he", 0), ("she", 1), ("his", 2), ("hers", 3), ("xyz", 4), ("s", 5)]
    let automaton = try #require(LiteralAutomaton(literals.map { (Array($0.0.utf8), $0.1) }))
    let texts = ["ushers", "", "h", "this is hers", "xy z", "she sells", "ahishers xyz", "zzz"]
    for text in texts {
      var found = FoundGroups(groupCount: automaton.groupCount)
      Array(text.utf8).withUnsafeBufferPointer { automaton.scan($0, into: &found) }
      let expected = (0..<6).map { group in literals.contains { $0.1 == group && text.contains($0.0) } }
      var flags: [Bool] = []
      for group in 0..<6 { flags.append(found[group]) }
      var list: [Int] = []
      found.forEach { list.append($0) }
      #expect(flags == expected, "\(text)")
      #expect(Set(list) == Set((0..<6).filter { expected[$0] }) && list.count == Set(list).count, "\(text)")
      found.removeAll()
      flags = []
      for group in 0..<6 { flags.append(found[group]) }
      let isEmpty = found.isEmpty
      #expect(isEmpty && !flags.contains(true))
    }
  }

  /// An automaton too big for 16-bit transitions falls back to 32-bit ones and finds the same.
  @Test func automatonWithTooManyStatesForNarrowRowsStillFindsEveryGroup() throws {
    var generator = SplitMix64(seed: 11)
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let literals = (0..<2_000).map { group in
      (String((0..<12).map { _ in letters.randomElement(using: &generator)! }), group)
    }
    let automaton = try #require(LiteralAutomaton(literals.map { (Array($0.0.utf8), $0.1) }))
    #expect(automaton.isWide)
    for _ in 0..<200 {
      // Texts holding a few of the literals among random letters.
      var text = ""
      for _ in 0..<4 {
        text += String((0..<Int.random(in: 0...20, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
        if Bool.random(using: &generator) { text += literals.randomElement(using: &generator)!.0 }
      }
      var found = FoundGroups(groupCount: automaton.groupCount)
      Array(text.utf8).withUnsafeBufferPointer { automaton.scan($0, into: &found) }
      var list: [Int] = []
      found.forEach { list.append($0) }
      let expected = Set(literals.filter { text.contains($0.0) }.map(\.1))
      #expect(Set(list) == expected, "\(text)")
    }
    #expect(try #require(LiteralAutomaton([(Array("he".utf8), 0)])).isWide == false)
  }

  /// `occurrences(in:)` (one stream below 64 bytes, two from 64, four from 128) finds each place
  /// where a literal of each group ends, once, in order of the end, as a naive search does: texts
  /// from empty to 300 bytes (all three ways of scanning), literals that overlap each other and the
  /// cuts between the streams' parts, literals longer than half the text, and a table too wide for
  /// 16 bits.
  @Test(arguments: [false, true])
  func automatonOccurrencesEqualANaiveSearch(wide: Bool) throws {
    var generator = SplitMix64(seed: wide ? 12 : 13)
    let alphabet = wide ? Array("abcdefghijklmnopqrstuvwxyz") : Array("ab c")
    let literals: [(String, Int)] = (0..<(wide ? 2_000 : 40)).map { index in
      let length = wide ? 12 : Int.random(in: 1...(index < 2 ? 90 : 9), using: &generator)
      return (String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }), wide ? index : index % 15)
    }
    let automaton = try #require(LiteralAutomaton(literals.map { (Array($0.0.utf8), $0.1) }))
    #expect(automaton.isWide == wide)
    for _ in 0..<300 {
      var text = ""
      while text.utf8.count < Int.random(in: 0...300, using: &generator) {
        text += Bool.random(using: &generator) ? literals.randomElement(using: &generator)!.0 : String(alphabet.randomElement(using: &generator)!)
      }
      let bytes = Array(text.utf8)
      let found = bytes.withUnsafeBufferPointer { automaton.occurrences(in: $0) }
      var expected = Set<[Int]>()
      for (literal, group) in literals {
        let needle = Array(literal.utf8)
        for start in 0..<max(0, bytes.count - needle.count + 1) where bytes[start..<start + needle.count].elementsEqual(needle) {
          expected.insert([group, start + needle.count])
        }
      }
      let pairs = found.map { [Int($0.group), Int($0.end)] }
      #expect(Set(pairs) == expected, "\(text)")
      #expect(pairs.count == Set(pairs).count, "an occurrence reported twice in \(text)")
      #expect(zip(found, found.dropFirst()).allSatisfy { $0.end <= $1.end }, "out of order in \(text)")
    }
  }

  /// Every regex in the bundled dictionaries has literals to filter on, so that none runs on every
  /// document (an expression the reader cannot read would cost throughput, not correctness).
  @Test(arguments: ["themes/big-listen.yaml", "themes/service-feedback.yaml", "alerts.yaml"])
  func bundledRegexesAreAllFiltered(dictionary: String) throws {
    let loaded = try ThemeDictionary.load(path: "\(TestPaths.lexicons)/\(dictionary)")
    for theme in loaded.allThemes {
      for pattern in theme.patterns {
        guard let expression = pattern.regularExpression else { continue }
        #expect(RegexLiterals.required(expression) != nil, "\(theme.id): \(expression)")
      }
    }
  }

  /// The prefilter only saves time: the bundled dictionaries give the same results with and
  /// without it on the bundled corpora and on sentences written to match each regex.
  @Test(arguments: ["themes/big-listen.yaml", "themes/service-feedback.yaml", "alerts.yaml"])
  func changesNothing(dictionary: String) throws {
    let loaded = try ThemeDictionary.load(path: "\(TestPaths.lexicons)/\(dictionary)")
    let fast = try ThemeClassifier(dictionary: loaded)
    let plain = try ThemeClassifier(dictionary: loaded, prefiltersRegexes: false)
    let tokenizer = try Tokenizer()
    var texts: [String] = []
    for (folder, file) in [("big-listen", "submissions.csv"), ("service-feedback", "feedback.csv")] {
      let reader = try RecordReader(path: TestPaths.packageRoot.appendingPathComponent("corpora/\(folder)/\(file)").path, format: .csv)
      var number = 0
      while let result = try reader.next(number: number + 1) {
        number += 1
        if case .success(let record) = result { texts.append(record.text) }
      }
    }
    #expect(texts.count == 1_600)
    // Sentences written to match each bundled regex (and near misses), so that every regex runs.
    let examples = try String(contentsOf: TestPaths.fixtures.appendingPathComponent("regex-examples.txt"), encoding: .utf8)
    texts += examples.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    #expect(texts.count > 1_800)
    var fired = Set<String>()
    for text in texts {
      let document = try tokenizer.tokenize(text)
      let scores = fast.score(document)
      #expect(scores == plain.score(document))
      for score in scores { fired.formUnion((score.evidence.map(\.pattern) + score.cancelled.map(\.evidence.pattern)).filter { $0.hasPrefix("re:") }) }
    }
    let regexes = Set(loaded.allThemes.flatMap(\.patterns).filter { $0.regularExpression != nil }.map(\.match))
    #expect(fired == regexes, "regexes that never matched: \(regexes.subtracting(fired).sorted())")
  }
}

@Suite struct VaderNegationTests {
  /// VADER's `"n't" in word`, on the bytes.
  @Test(arguments: [
    ("don't", true), ("isn't", true), ("n't", true), ("wouldn't've", true), ("dont", false), ("nt", false),
    ("n'", false), ("'t", false), ("", false), ("on't", true), ("n’t", false), ("ñ't", false),
  ])
  func containsNT(word: String, expected: Bool) {
    #expect(VaderScorer.containsNT(word) == expected)
  }
}
