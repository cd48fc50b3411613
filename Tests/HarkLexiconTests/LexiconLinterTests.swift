import Foundation
import HarkLexicon
import HarkTestSupport
import Testing

/// Fixtures are written to a fresh temporary folder by each test (no files in the package).
enum LintFixture {
  static func directory() -> String {
    let path = TestScratch.path("lint")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func write(_ name: String, _ bytes: [UInt8], in directory: String = directory()) throws -> String {
    let path = directory + "/" + name
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func write(_ name: String, _ text: String, in directory: String = directory()) throws -> String {
    try write(name, Array(text.utf8), in: directory)
  }

  /// Findings in a compact, comparable form: `LINE severity code` (line 0 when there is none).
  static func summary(_ findings: [LintFinding]) -> [String] {
    findings.map { "\($0.line ?? 0) \($0.severity.rawValue) \($0.code.rawValue)" }.sorted()
  }

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

@Suite struct LexiconLintWordListTests {
  /// (file name, contents, expected findings as `LINE severity code`).
  @Test(arguments: [
    // Clean files: no findings.
    ("sentiment.tsv", "# comment\ngood\t1.9\nnot fit for purpose\t-2.8\n👍\t1.8\n:)\t1.6\nXD\t2.0\nxD\t2.0\nnaïve\t-0.5\n", []),
    ("sentiment.tsv", "disappoint*\t-2\ndisappointed\t-2.1\n", []),  // a specific entry overriding a glob
    ("sentiment.tsv", "not goodness\t-1\nnot good*\t-2\n", []),  // listed first, so it wins
    // Duplicates and conflicts.
    ("sentiment.tsv", "good\t1.9\ngood\t1.9\n", ["2 warning duplicate"]),
    ("sentiment.tsv", "good\t1.9\n\ngood\t-1\n", ["3 error conflicting-valence"]),
    ("sentiment.tsv", "good\t1.9\nGood\t1.9\n", ["2 warning duplicate", "2 warning not-normal-form"]),
    // Values.
    ("sentiment.tsv", "awful\t-4.5\n", ["1 error valence-range"]),
    ("sentiment.tsv", "# c\nawful\tterrible\n", ["2 error invalid-valence"]),
    ("sentiment.tsv", "awful\tnan\n", ["1 error invalid-valence"]),
    ("sentiment.tsv", "okay\t0\n", ["1 warning zero-valence"]),
    ("sentiment.tsv", "good 1.9\n", ["1 error fields"]),
    ("sentiment.tsv", "good\t1.9\nbad\t-2\t1\n", ["2 error fields"]),  // three fields on line 1 would mean VADER
    ("sentiment.tsv", " \t1.0\n", ["1 error empty-term"]),
    // Normal form.
    ("sentiment.tsv", "don’t like\t-1\n", ["1 warning not-normal-form"]),
    ("sentiment.tsv", "went  above and beyond\t3\n", ["1 warning not-normal-form"]),
    ("sentiment.tsv", " good\t1.9\n", ["1 warning not-normal-form"]),
    ("sentiment.tsv", "Rude\t-2\n", ["1 warning not-normal-form"]),
    ("sentiment.tsv", "well\u{2010}being\t1\n", ["1 warning not-normal-form"]),
    ("sentiment.tsv", "sooo good\t2\n", ["1 warning not-normal-form"]),
    ("sentiment.tsv", "👍\u{FE0F}\t1.8\n", ["1 warning not-normal-form"]),
    ("sentiment.tsv", "ok\u{200B}ay\t1\n", ["1 warning not-normal-form"]),
    // Globs.
    ("sentiment.tsv", "*\t1\n", ["1 error invalid-glob"]),
    ("sentiment.tsv", "very *\t1\n", ["1 error invalid-glob"]),
    ("sentiment.tsv", "disappoint**\t-2\n", ["1 error invalid-glob"]),
    ("sentiment.tsv", "car*\t1\n", ["1 warning short-glob"]),
    ("sentiment.tsv", ":*\t1.8\n", ["1 warning short-glob"]),
    ("sentiment.tsv", "above and beyo*\t3\n", []),  // a glob anywhere in a phrase is fine
    // What the phrase matcher never picks.
    ("sentiment.tsv", "disappoint*\t-2\ndisappointed\t-2\n", ["2 warning redundant"]),
    ("sentiment.tsv", "not good*\t-2\nnot goodness\t-1\n", ["2 warning never-fires"]),
    ("sentiment.tsv", "disappoint*\t-2\ndisappointing*\t-1\n", ["2 warning never-fires"]),
    // Other formats.
    ("vader_lexicon.txt", "good\t1.9\t0.5\t[2, 2, 1]\n", []),
    ("vader_lexicon.txt", "good\t1.9\t0.5\t[2]\nawful\t-5\t0.2\t[-4]\n", ["2 error valence-range"]),
    ("AFINN-en-165.txt", "abandon\t-2\nbad\t-6\n", ["2 error valence-range"]),
    ("AFINN-en-165.txt", "abandon\t-2.5\n", ["1 error invalid-valence"]),
    ("stopwords.txt", "the\na\nthe\n", ["3 warning duplicate"]),
    // Shifters.
    ("negators.tsv", "not\nno longer\n", []),
    ("negators.tsv", "not\textra\n", ["1 warning extra-fields"]),
    ("amplifiers.tsv", "very\t1.3\nslightly\t0.5\n", ["2 error invalid-value"]),
    ("dampeners.tsv", "slightly\t0.6\nvery\t1.5\n", ["2 error invalid-value"]),
    ("dampeners.tsv", "slightly\t0.6\nslightly\t0.7\n", ["2 error conflicting-value"]),
    ("adversatives.tsv", "but\tcontrast\nalthough\tconcession\nyet\tsometimes\n", ["3 error invalid-value"]),
    ("irrealis.tsv", "should\t0.3\tdemand\nwould\t0.4\n", []),
    ("irrealis.tsv", "should\t0.3\tplease\n", ["1 error invalid-value"]),
    ("irrealis.tsv", "should\n", ["1 error fields"]),
  ] as [(String, String, [String])])
  func wordListChecks(name: String, contents: String, expected: [String]) throws {
    let path = try LintFixture.write(name, contents)
    let findings = LexiconLinter().lint(file: path)
    #expect(LintFixture.summary(findings) == expected.sorted(), "\(findings.map(\.description))")
    #expect(findings.allSatisfy { $0.file == path })
  }

  @Test func conflictNamesBothLinesAndValues() throws {
    let path = try LintFixture.write("s.tsv", "good\t1.9\nbad\t-2\ngood\t-1.0\n")
    let finding = try #require(LexiconLinter().lint(file: path).first)
    #expect(finding.description == "\(path):3: error: conflicting valences: 'good' is also on line 1, with valence -1 here and 1.9 there; the later entry replaces the earlier [conflicting-valence]")
    #expect(finding.pattern == "good")
  }

  @Test func normalFormIsSuggested() throws {
    let path = try LintFixture.write("s.tsv", "Don’t  Care\t-1\n")
    let finding = try #require(LexiconLinter().lint(file: path).first)
    #expect(finding.message.contains("write 'don't care'"))
  }

  @Test(arguments: [
    ("good", false, "good"),
    ("Good  Work ", false, "good work"),
    ("don’t", false, "don't"),
    ("well—being", false, "well-being"),
    ("ｆｕｌｌ", false, "full"),
    ("straße", false, "strasse"),
    ("soooo", false, "soo"),
    ("👍🏽", false, "👍"),
    ("👨\u{200D}👩\u{200D}👧", false, "👨\u{200D}👩\u{200D}👧"),
    ("XD", true, "XD"),
    ("naïve", false, "naïve"),
  ])
  func normalForms(term: String, keepingCase: Bool, form: String) {
    let result = LexiconLinter.normalForm(of: term, keepingCase: keepingCase)
    #expect(Array(result.form.unicodeScalars) == Array(form.unicodeScalars))
    #expect(result.reasons.isEmpty == (Array(term.unicodeScalars) == Array(form.unicodeScalars)))
  }

  @Test(arguments: [":)", "XD", "o_O", "<3", ":-*", "^_^"])
  func emoticonsKeepTheirCase(term: String) {
    #expect(LexiconLinter.isEmoticon(term))
  }

  @Test(arguments: ["good", "don't", "well-being", "👍", "not fit for purpose"])
  func wordsAreNotEmoticons(term: String) {
    #expect(!LexiconLinter.isEmoticon(term))
  }
}

@Suite struct LexiconLintDictionaryTests {
  /// A dictionary with one theme `a` holding `body` (already indented for the theme's mapping).
  static func theme(_ body: String) -> String { "themes:\n  - id: a\n\(body)" }

  /// (contents, expected findings as `LINE severity code`), linted with no pattern minimum.
  @Test(arguments: [
    // Clean.
    (theme("    patterns:\n      - good thing\n      - {match: \"re:grade [1-4]\", weight: 0.5}\n      - {match: outstanding, weight: 0.5}\n    exclude: [outstanding issues]\n    near:\n      - {terms: [grade*, unfair*], within: 5, weight: 1.0}\n"), []),
    // Ids, fallback, keys, structure.
    ("themes:\n  - id: a\n    patterns: [x]\n  - id: a\n    patterns: [y]\n", ["4 error duplicate-id"]),
    ("fallback: b\nthemes:\n  - id: a\n    patterns: [x]\n", ["1 error unknown-fallback"]),
    (theme("    patterns: [x]\n    exlude: [y]\n"), ["4 warning unknown-key"]),
    (theme("    patterns: [x]\n    patterns: [y]\n"), ["4 error duplicate-key"]),
    ("themes: 5\n", ["1 error structure"]),
    ("- a\n- b\n", ["1 error structure"]),
    ("dictionary: x\n", ["1 error structure"]),
    ("themes:\n  - label: no id\n    patterns: [x]\n", ["2 error structure"]),
    // Patterns.
    (theme("    patterns:\n      - \"re:grade [1-4\"\n"), ["4 error invalid-regex"]),
    // A regex with no literal every match must hold runs on every text; one whose every match
    // holds a letter three times in a row can never match normalised text.
    (theme("    patterns:\n      - \"re:\\\\d+ ?[a-z]*\"\n"), ["4 warning unfiltered-regex"]),
    (theme("    patterns:\n      - \"re:(?:very )?x{5,}\"\n"), ["4 warning never-fires"]),
    (theme("    patterns:\n      - \"re:so+o+o+ good\"\n"), []),
    (theme("    patterns:\n      - \"re:(?:aaah|aah) no\"\n"), []),
    (theme("    patterns:\n      - {match: x, weight: 0}\n"), ["4 error invalid-weight"]),
    (theme("    patterns:\n      - {match: x, weight: -1}\n"), ["4 error invalid-weight"]),
    (theme("    patterns:\n      - {match: x, weight: heavy}\n"), ["4 error invalid-weight"]),
    (theme("    patterns:\n      - {match: x, weight: \"0.5\"}\n"), ["4 error invalid-weight"]),  // quoted: the loader reads no number
    (theme("    threshold: high\n    patterns: [x]\n"), ["3 error invalid-threshold"]),
    (theme("    patterns:\n      - x\n      - \"\"\n"), ["5 error empty-pattern"]),
    (theme("    patterns:\n      - school funding\n      - y\n      - school funding\n"), ["6 warning duplicate-pattern"]),
    (theme("    patterns:\n      - Don’t  Panic\n"), ["4 warning not-normal-form"]),
    (theme("    patterns:\n      - xxxx\n"), ["4 warning not-normal-form"]),
    (theme("    patterns:\n      - \"*\"\n"), ["4 error invalid-glob"]),
    (theme("    patterns:\n      - car*\n"), ["4 warning short-glob"]),
    // Never fires: an exclusion inside every match.
    (theme("    patterns:\n      - inadequate funding\n    exclude:\n      - inadequate funding\n"), ["4 warning never-fires"]),
    (theme("    patterns:\n      - outstanding issues remain\n    exclude: [outstanding issues]\n"), ["4 warning never-fires"]),
    (theme("    patterns:\n      - inadequate funding\n    exclude: [inadequate fund*]\n"), ["4 warning never-fires"]),
    (theme("    patterns:\n      - root-and-branch review\n    exclude: [root and branch]\n"), []),  // the joined spelling still fires
    (theme("    patterns:\n      - outstanding\n    exclude: [outstanding issues]\n"), []),  // "outstanding" alone still fires
    // Never adds or never counts: another pattern of the theme matches the same words.
    (theme("    patterns:\n      - well-being\n      - well being\n"), ["5 warning redundant"]),
    (theme("    patterns:\n      - disappoint*\n      - disappointing\n"), ["5 warning redundant"]),
    (theme("    patterns:\n      - {match: stigma*, weight: 0.6}\n      - {match: stigmatis*, weight: 0.8}\n"), ["5 warning never-fires"]),
    (theme("    patterns:\n      - {match: expertise, weight: 0.7}\n      - {match: expert*, weight: 0.4}\n"), []),  // a deliberate override
    (theme("    patterns:\n      - funding\n      - school funding\n"), []),  // a longer pattern never silences a shorter one
    (theme("    patterns:\n      - {match: hurt*, unless_preceded_by: [never]}\n      - hurting\n"), []),  // fires where hurt* is cancelled
    // Shared patterns and sub-themes.
    ("themes:\n  - id: a\n    patterns: [x]\n  - id: b\n    patterns: [x]\n", ["5 warning shared-pattern"]),
    ("themes:\n  - id: a\n    patterns: [x, y]\n    children:\n      - id: a.b\n        patterns: [x, z]\n", ["6 warning child-not-in-parent"]),
    // Phrases and near rules.
    (theme("    patterns: [x]\n    unless_preceded_by: [never, \"\"]\n"), ["4 error empty-phrase"]),
    (theme("    patterns:\n      - {match: x, unless_preceded_by: [\"\"]}\n"), ["4 error empty-phrase"]),
    (theme("    patterns: [x]\n    exclude:\n      - \"\"\n"), ["5 error empty-phrase"]),
    (theme("    patterns: [x]\n    near:\n      - {terms: [], within: 3}\n"), ["5 error invalid-near"]),
    (theme("    patterns: [x]\n    near:\n      - {terms: [a, b], within: 0}\n"), ["5 error invalid-near"]),
    (theme("    patterns: [x]\n    near:\n      - {terms: [a, \"\"], within: 3}\n"), ["5 error empty-phrase"]),
    (theme("    patterns: [x]\n    near:\n      - {terms: [grade boundary, unfair], within: 3}\n"), ["5 warning never-fires"]),
    // Alerts.
    ("alerts:\n  - id: distress\n    unless_preceded_by: [never]\n    patterns:\n      - i can't go on\n      - {match: breaking point, weight: 0.5, unless_preceded_by: [\"what if\"]}\n", []),
  ] as [(String, [String])])
  func dictionaryChecks(contents: String, expected: [String]) throws {
    let path = try LintFixture.write("d.yaml", contents)
    let findings = LexiconLinter(minimumPatterns: 0).lint(file: path)
    #expect(LintFixture.summary(findings) == expected.sorted(), "\(findings.map(\.description))")
  }

  @Test func tooFewPatternsUsesTheMinimum() throws {
    let patterns = (1...5).map { "      - pattern number\($0)\n" }.joined()
    let path = try LintFixture.write("d.yaml", "themes:\n  - id: small\n    patterns:\n\(patterns)    children:\n      - id: small.child\n        patterns: [pattern number1]\n")
    let findings = LexiconLinter(minimumPatterns: 6).lint(file: path)
    // The sub-theme, with one pattern, is exempt.
    #expect(LintFixture.summary(findings) == ["2 warning too-few-patterns"])
    #expect(findings.first?.theme == "small")
    #expect(LexiconLinter(minimumPatterns: 5).lint(file: path).isEmpty)
    #expect(LexiconLinter.defaultMinimumPatterns == 30)
  }

  @Test func findingsNameThemeAndPattern() throws {
    let path = try LintFixture.write("d.yaml", "themes:\n  - id: funding\n    patterns:\n      - inadequate funding\n    exclude: [inadequate funding]\n")
    let finding = try #require(LexiconLinter(minimumPatterns: 0).lint(file: path).first)
    #expect(finding.theme == "funding")
    #expect(finding.pattern == "inadequate funding")
    #expect(finding.message.contains("line 5"))
  }

  @Test func yamlSyntaxErrorIsOneFindingWithTheParsersMessage() throws {
    let path = try LintFixture.write("d.yaml", "themes:\n  - id: a\n   patterns: [x\n")
    let findings = LexiconLinter().lint(file: path)
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(finding.code == .yamlSyntax && finding.severity == .error)
    #expect(finding.line == 3)
    #expect(finding.message.hasPrefix("YAML: "))
    #expect(finding.message.contains("did not find expected"))
  }
}

@Suite struct LexiconLintHostileInputTests {
  /// (file name, bytes, expected findings as `LINE severity code`).
  @Test(arguments: [
    ("empty.tsv", [], ["0 warning empty-file"]),
    ("comments.tsv", Array("# only a comment\n\n".utf8), ["0 warning empty-file"]),
    ("empty.yaml", [], ["1 error structure"]),
    ("crlf.tsv", Array("good\t1.9\r\nbad\t-2\r\n".utf8), ["1 warning line-endings"]),
    ("crlf.yaml", Array("themes:\r\n  - id: a\r\n    patterns: [x]\r\n".utf8), ["1 warning line-endings"]),
    ("bom.tsv", [0xEF, 0xBB, 0xBF] + Array("good\t1.9\n".utf8), ["1 error byte-order-mark"]),
    ("bom.yaml", [0xEF, 0xBB, 0xBF] + Array("themes:\n  - id: a\n    patterns: [x]\n".utf8), []),
    ("binary.tsv", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0x0A], ["1 error binary"]),
    ("latin1.tsv", Array("good\t1.9\ncaf".utf8) + [0xE9] + Array("\t1.0\n".utf8), ["2 warning encoding"]),
    ("latin1.yaml", Array("themes:\n  - id: caf".utf8) + [0xE9] + Array("\n    patterns: [x]\n".utf8), ["2 error encoding"]),
    ("lone-cr.tsv", Array("good\t1.9\rbad\t-2\r".utf8), ["1 error invalid-valence", "1 warning line-endings"]),  // three fields: read as VADER
    ("tabs.yaml", Array("themes:\n\t- id: a\n".utf8), ["2 error yaml-syntax"]),
    ("two-docs.yaml", Array("themes: []\n---\nthemes: []\n".utf8), ["2 error yaml-syntax"]),
  ] as [(String, [UInt8], [String])])
  func hostileInputs(name: String, bytes: [UInt8], expected: [String]) throws {
    let path = try LintFixture.write(name, bytes)
    let findings = LexiconLinter(minimumPatterns: 0).lint(file: path)
    #expect(LintFixture.summary(findings) == expected.sorted(), "\(findings.map(\.description))")
  }

  @Test func crlfValuesAreReadWithoutTheCarriageReturn() throws {
    let path = try LintFixture.write("s.tsv", "good\t1.9\r\ngood\t1.9\r\n")
    // Same valence once the CR is dropped: a duplicate, not a conflict.
    #expect(LintFixture.summary(LexiconLinter().lint(file: path)) == ["1 warning line-endings", "2 warning duplicate"])
  }

  @Test func missingFileIsAnError() {
    let findings = LexiconLinter().lint(file: "/nonexistent/lexicon.tsv")
    #expect(LintFixture.summary(findings) == ["0 error unreadable"])
  }

  @Test func contentsCanBeLintedWithoutAFile() {
    let findings = LexiconLinter().lint(contents: Data("good\t9\n".utf8), path: "memory.tsv")
    #expect(LintFixture.summary(findings) == ["1 error valence-range"])
    #expect(findings.first?.file == "memory.tsv")
  }
}

@Suite struct LexiconLintFileSetTests {
  @Test(arguments: [
    ("words.tsv", LexiconLinter.FileKind.sentiment(.hark)),
    ("themes.yml", .dictionary),
    ("negators.tsv", .shifter(.negators)),
    ("irrealis.tsv", .shifter(.irrealis)),
    ("AFINN-111.txt", .sentiment(.afinn)),
    ("stopwords/en.txt", .wordList),
  ] as [(String, LexiconLinter.FileKind)])
  func kindsByName(name: String, kind: LexiconLinter.FileKind) {
    #expect(LexiconLinter.kind(of: name, contents: Data("word\t1\n".utf8)) == kind)
  }

  @Test func kindsByContents() {
    #expect(LexiconLinter.kind(of: "lexicon.txt", contents: Data("$:\t-1.5\t0.80623\t[-1, -1]\n".utf8)) == .sentiment(.vader))
    #expect(LexiconLinter.kind(of: "dictionary", contents: Data("dictionary: x\nthemes:\n  - id: a\n".utf8)) == .dictionary)
    #expect(LexiconLinter.kind(of: "list.txt", contents: Data("the\nand\n".utf8)) == .wordList)
  }

  @Test func filesAreCheckedAgainstEachOther() throws {
    let directory = LintFixture.directory()
    let first = try LintFixture.write("a.tsv", "bad\t-2\nfine\t1\n", in: directory)
    let second = try LintFixture.write("b.tsv", "bad\t-1\n", in: directory)
    let negators = try LintFixture.write("shifters/negators.tsv", "never\n", in: directory)
    let amplifiers = try LintFixture.write("shifters/amplifiers.tsv", "never\t1.2\n", in: directory)
    let report = LexiconLinter().lint(paths: [directory])
    #expect(Set(report.files) == [first, second, negators, amplifiers])
    #expect(report.findings.map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0) \($0.code.rawValue)" } == [
      "b.tsv:1 duplicate-across-files", "negators.tsv:1 shifter-conflict",
    ])
    #expect(report.errorCount == 1 && report.warningCount == 1 && report.hasErrors)
  }

  @Test func reportIsSortedByFileThenLine() throws {
    let directory = LintFixture.directory()
    let b = try LintFixture.write("b.tsv", "x\t9\nGood\t1\n", in: directory)
    let a = try LintFixture.write("a.tsv", "\ny\t9\n", in: directory)
    let report = LexiconLinter().lint(paths: [b, a])
    #expect(report.findings.map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0)" } == ["a.tsv:2", "b.tsv:1", "b.tsv:2"])
  }

  /// The bundled lexicons load, so lint must not call anything in them an error.
  @Test func bundledLexiconsHaveNoErrors() {
    let report = LexiconLinter().lint(paths: [LintFixture.root.appendingPathComponent("lexicons").path])
    #expect(report.files.count >= 12)
    let errors = report.findings.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map(\.description))")
  }
}
