import Foundation
import HarkText
import Yams

// MARK: - Findings

/// One problem found in a lexicon file by ``LexiconLinter``.
public struct LintFinding: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The file is wrong: a loader rejects it, or an entry does something its author cannot have
    /// meant (a valence out of range, two valences for one term, a regular expression that does
    /// not compile). `hark lexicon lint` exits 1.
    case error
    /// The file loads and works, but something in it is wasted, ambiguous or against the
    /// conventions of `lexicons/README.md`.
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
  }

  /// What kind of problem it is: a stable, machine-readable name (`conflicting-valence`).
  public enum Code: String, Sendable, Hashable, CaseIterable {
    // The file as a whole.
    case unreadable
    case binary
    case encoding
    case byteOrderMark = "byte-order-mark"
    case lineEndings = "line-endings"
    case emptyFile = "empty-file"
    case loadError = "load-error"
    // Word lists (TSV).
    case fields
    case extraFields = "extra-fields"
    case emptyTerm = "empty-term"
    case invalidValence = "invalid-valence"
    case valenceRange = "valence-range"
    case zeroValence = "zero-valence"
    case invalidValue = "invalid-value"
    case duplicate
    case conflictingValence = "conflicting-valence"
    case conflictingValue = "conflicting-value"
    case duplicateAcrossFiles = "duplicate-across-files"
    case shifterConflict = "shifter-conflict"
    // Terms and patterns in any file.
    case notNormalForm = "not-normal-form"
    case invalidGlob = "invalid-glob"
    case shortGlob = "short-glob"
    case redundant
    case neverFires = "never-fires"
    // Theme and alert dictionaries (YAML).
    case yamlSyntax = "yaml-syntax"
    case structure
    case unknownKey = "unknown-key"
    case duplicateKey = "duplicate-key"
    case duplicateID = "duplicate-id"
    case unknownFallback = "unknown-fallback"
    case emptyPattern = "empty-pattern"
    case emptyPhrase = "empty-phrase"
    case invalidRegex = "invalid-regex"
    case unfilteredRegex = "unfiltered-regex"
    case invalidWeight = "invalid-weight"
    case invalidThreshold = "invalid-threshold"
    case invalidNear = "invalid-near"
    case duplicatePattern = "duplicate-pattern"
    case sharedPattern = "shared-pattern"
    case tooFewPatterns = "too-few-patterns"
    case childNotInParent = "child-not-in-parent"
  }

  public var severity: Severity
  public var code: Code
  /// The file as it was named to the linter.
  public var file: String
  /// 1-based; nil when the problem has no single line (or it could not be found).
  public var line: Int?
  public var message: String
  /// For dictionaries: the theme (or alert) id.
  public var theme: String?
  /// The term or pattern concerned, as written.
  public var pattern: String?

  public init(
    _ severity: Severity, _ code: Code, file: String, line: Int?, _ message: String, theme: String? = nil, pattern: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.file = file
    self.line = line
    self.message = message
    self.theme = theme
    self.pattern = pattern
  }

  /// `FILE:LINE: error|warning: message [code]` (`FILE: …` without a line).
  public var description: String {
    let place = line.map { "\(file):\($0)" } ?? file
    return "\(place): \(severity.rawValue): \(message) [\(code.rawValue)]"
  }

  /// The order of a report: by file, then line (findings without a line first), then severity,
  /// code and message.
  public static func reportOrder(_ a: LintFinding, _ b: LintFinding) -> Bool {
    if a.file != b.file { return a.file < b.file }
    if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
    if a.severity != b.severity { return a.severity < b.severity }
    if a.code != b.code { return a.code.rawValue < b.code.rawValue }
    return a.message < b.message
  }
}

/// The findings of a run over several files.
public struct LintReport: Sendable, Hashable {
  /// The files linted, after folders were expanded.
  public var files: [String]
  /// In ``LintFinding/reportOrder(_:_:)``.
  public var findings: [LintFinding]

  public var errorCount: Int { findings.count { $0.severity == .error } }
  public var warningCount: Int { findings.count { $0.severity == .warning } }
  public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

// MARK: - The linter

/// Checks lexicon files the way Hark reads them: sentiment word lists (Hark TSV, VADER, AFINN),
/// shifter lists, plain word lists, and theme or alert dictionaries (YAML). Findings carry the
/// file, the 1-based line, a stable code and a message; see ``LintFinding/Code``.
///
/// ```swift
/// let report = LexiconLinter().lint(paths: ["lexicons"])
/// for finding in report.findings where finding.severity == .error { print(finding) }
/// ```
///
/// **Word lists** (`.tsv`, `.txt`): lines the loaders reject (field count, a valence that is not a
/// number or lies outside -4…+4, multipliers outside their ranges, unknown adversative types);
/// duplicates by normal form (same value: warning; different value: error); entries not in normal
/// form; globs that are only wildcards or contain `**` (errors) or keep fewer than
/// ``minimumGlobPrefix`` literal characters before `*` (warning); entries that another entry of
/// the same length always beats in ``PhraseMatcher`` (a literal-first entry listed earlier, or a
/// glob of a better bucket), reported as `never-fires` when their values differ and `redundant`
/// when they agree; a literal covered by a glob with the same valence (`redundant`). Linted
/// together, files are also checked against each other: a term in two sentiment lists, a term in
/// two shifter files.
///
/// **Dictionaries** (`.yaml`, `.yml`): YAML syntax (one finding with the parser's message); the
/// shape the loader expects (unknown keys, duplicate keys, wrong types); duplicate theme ids; a
/// `fallback` that is not a theme; regular expressions that do not compile; weights that are not
/// positive numbers; empty patterns and empty `exclude`/`unless_preceded_by`/`near` phrases; `near`
/// rules without terms or with `within` below 1; duplicate patterns in a theme; the same pattern in
/// unrelated themes; top-level themes with fewer than ``minimumPatterns`` patterns (sub-themes
/// repeat a subset of their parent's and are exempt); sub-theme patterns missing from the parent;
/// patterns not in normal form; and patterns that can never fire or never add anything:
///
/// - a pattern that one of its theme's exclusions always cancels: an exclusion that matches inside
///   every match of the pattern (`inadequate funding` excluded by `inadequate funding`, or by
///   `inadequate fund*`);
/// - a pattern whose every match is also a match, over the same words, of another pattern of the
///   same theme (`well being` beside `well-being`, whose words-apart variant covers it;
///   `disappointed` beside `disappoint*`). Overlapping matches of a theme count once, the one the
///   matcher reports first: with the same weight the pattern is `redundant`; when the cover comes
///   first (`stigma*` before `stigmatis*`) its weight is the one that counts and the pattern
///   `never-fires`; when the pattern comes first with another weight it is a deliberate override
///   and not reported. A *longer* pattern never silences a shorter one: it matches only where its
///   extra words are present, and the shorter one still fires everywhere else;
/// - a `near` term with a space (near terms match single words).
///
/// Regular expressions are compiled as ``ThemeDictionary`` users compile them (`ThemeClassifier`:
/// `NSRegularExpression`, case-insensitive), so a pattern that lints clean also loads. The overlap
/// analysis does not look inside regular expressions.
///
/// **Normal form** uses the normaliser's own tables for curly quotes, Unicode dashes and invisible
/// characters (``Normalizer/asciiReplacement(_:)``, ``Normalizer/isRemoved(_:)``), and checks
/// whitespace folding, emoji variation selectors and
/// skin tones as the tokenizer strips them, NFKC through Foundation, case folding by
/// `String.lowercased()` plus `ß`/`ẞ` → `ss` and `ς` → `σ`, and letters repeated three or more
/// times (the tokenizer squeezes them to two). ICU's full NFKC case folding differs on a few rare
/// characters. ASCII emoticons (`XD`, `:P`) are case-sensitive and exempt from case folding.
///
/// When a file lints without errors, the library's own loader also reads it (sentiment lists and
/// dictionaries) and any failure becomes a `load-error`, so "no errors" means "Hark can load it".
public struct LexiconLinter: Sendable {
  /// Fewer patterns than this in a top-level theme or alert is a `too-few-patterns` warning.
  public static let defaultMinimumPatterns = 30
  /// A glob should keep at least this many literal characters before its first `*`
  /// (`lexicons/README.md`: `car*` would hit career, careful, carpet).
  public static let minimumGlobPrefix = 4

  public var minimumPatterns: Int

  public init(minimumPatterns: Int = LexiconLinter.defaultMinimumPatterns) {
    self.minimumPatterns = minimumPatterns
  }

  /// The shifter files of `lexicons/shifters/`, by file name.
  public enum ShifterKind: String, Sendable, Hashable, CaseIterable {
    case negators, amplifiers, dampeners, adversatives, irrealis
  }

  /// How a file is read.
  public enum FileKind: Sendable, Hashable, CustomStringConvertible {
    /// A sentiment word list in one of the formats ``SentimentLexicon`` reads.
    case sentiment(SentimentLexicon.Format)
    /// One of the shifter lists.
    case shifter(ShifterKind)
    /// One term per line, no values (stop words).
    case wordList
    /// A theme or alert dictionary.
    case dictionary

    public var description: String {
      switch self {
      case .sentiment(let format): "sentiment list (\(format.rawValue))"
      case .shifter(let kind): "shifter list (\(kind.rawValue))"
      case .wordList: "word list"
      case .dictionary: "dictionary"
      }
    }
  }

  /// File name endings that folders are searched for.
  public static let fileExtensions: Set<String> = ["tsv", "txt", "yaml", "yml"]

  /// `paths` with folders replaced by the lexicon files under them (sorted), files kept as given.
  public static func expand(_ paths: [String]) -> [String] {
    var result: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
        result.append(path)
        continue
      }
      let base = path.hasSuffix("/") ? String(path.dropLast()) : path
      let names = ((try? FileManager.default.subpathsOfDirectory(atPath: base)) ?? []).sorted()
      for name in names where fileExtensions.contains((name as NSString).pathExtension.lowercased()) {
        let full = base + "/" + name
        var nested: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue { result.append(full) }
      }
    }
    return result
  }

  /// Guesses how to read a file: `.yaml`/`.yml` (or text with a top-level `themes:`/`alerts:`)
  /// is a dictionary; a file named after a shifter list (`negators.tsv`) is that list; a name with
  /// `afinn` is AFINN; a first data line with three or more fields is VADER; a `.txt` file of
  /// single terms is a word list; anything else is Hark's sentiment format.
  public static func kind(of path: String, contents: Data) -> FileKind {
    let name = (path as NSString).lastPathComponent.lowercased()
    let ext = (name as NSString).pathExtension
    let stem = (name as NSString).deletingPathExtension
    if ext == "yaml" || ext == "yml" { return .dictionary }
    if let shifter = ShifterKind.allCases.first(where: { stem == $0.rawValue || stem.hasPrefix($0.rawValue + "-") || stem.hasPrefix($0.rawValue + "_") }) {
      return .shifter(shifter)
    }
    let text = String(decoding: contents, as: UTF8.self)
    let lines = text.unicodeScalars.split(separator: "\n").map { String($0) }
    if ext != "tsv" && ext != "txt",
      lines.contains(where: { $0.hasPrefix("themes:") || $0.hasPrefix("alerts:") })
    {
      return .dictionary
    }
    if name.contains("afinn") { return .sentiment(.afinn) }
    let data = lines.filter { line in
      !line.hasPrefix("#") && !line.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }
    if let first = data.first, first.unicodeScalars.split(separator: "\t", omittingEmptySubsequences: false).count >= 3 {
      return .sentiment(.vader)
    }
    if path.lowercased().contains("stopword") || (ext == "txt" && !data.isEmpty && data.allSatisfy { !$0.contains("\t") }) {
      return .wordList
    }
    return .sentiment(.hark)
  }

  // MARK: Entry points

  /// Lints files and folders (see ``expand(_:)``), each file on its own and then the word lists
  /// against each other, in the order given (the order in which they would be layered).
  public func lint(paths: [String]) -> LintReport {
    let files = Self.expand(paths)
    var findings: [LintFinding] = []
    var results: [FileResult] = []
    for file in files {
      let result = lintFile(file, kind: nil)
      findings += result.findings
      results.append(result)
    }
    findings += Self.crossFileFindings(results)
    findings.sort(by: LintFinding.reportOrder)
    return LintReport(files: files, findings: findings)
  }

  /// Lints one file, as `kind` or as ``kind(of:contents:)`` guesses.
  public func lint(file path: String, kind: FileKind? = nil) -> [LintFinding] {
    lintFile(path, kind: kind).findings.sorted(by: LintFinding.reportOrder)
  }

  /// Lints the contents of a file without reading it (no loader cross-check). `path` names it in
  /// findings and decides its kind when `kind` is nil.
  public func lint(contents: Data, path: String, kind: FileKind? = nil) -> [LintFinding] {
    lintContents(contents, path: path, kind: kind ?? Self.kind(of: path, contents: contents)).findings.sorted(by: LintFinding.reportOrder)
  }

  // MARK: - Per file

  /// What one file contributed: its findings, and its terms for the checks across files.
  struct FileResult {
    var path: String
    var kind: FileKind?
    var findings: [LintFinding] = []
    /// Normal-form term → (line, value as text): first occurrence in the file.
    var terms: [(key: String, term: String, line: Int, value: String)] = []
  }

  func lintFile(_ path: String, kind: FileKind?) -> FileResult {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      var result = FileResult(path: path, kind: nil)
      result.findings.append(LintFinding(.error, .unreadable, file: path, line: nil, "cannot read: \((error as NSError).localizedDescription)"))
      return result
    }
    let kind = kind ?? Self.kind(of: path, contents: data)
    var result = lintContents(data, path: path, kind: kind)
    // Whatever lint missed, the loader may still refuse: make sure "no errors" means "loads".
    if !result.findings.contains(where: { $0.severity == .error }) {
      var failure: LexiconError?
      switch kind {
      case .sentiment(let format):
        var lexicon = SentimentLexicon()
        do { try lexicon.load(path: path, format: format) } catch { failure = error }
      case .dictionary:
        do { _ = try ThemeDictionary.load(path: path) } catch { failure = error }
      case .shifter, .wordList:
        break
      }
      if let failure {
        var line: Int?
        if case .malformed(_, let number, _) = failure, number > 0 { line = number }
        result.findings.append(LintFinding(.error, .loadError, file: path, line: line, "the loader rejects the file: \(failure)"))
      }
    }
    return result
  }

  func lintContents(_ data: Data, path: String, kind: FileKind) -> FileResult {
    var result = FileResult(path: path, kind: kind)
    let isDictionary = kind == .dictionary
    guard let text = Self.decode(data, path: path, strictUTF8: isDictionary, into: &result.findings) else { return result }
    if isDictionary {
      var linter = DictionaryLinter(path: path, minimumPatterns: minimumPatterns)
      linter.lint(text)
      result.findings += linter.findings
    } else {
      var linter = WordListLinter(path: path, kind: kind)
      linter.lint(text)
      result.findings += linter.findings
      result.terms = linter.firstOccurrences
    }
    return result
  }

  /// The file's text, with findings for what Hark's readers would trip over: NUL bytes (binary:
  /// nil), a byte-order mark, bytes that are not UTF-8 (read as Windows-1252, as ``LexiconFile``
  /// does; an error in dictionaries, which are read as UTF-8 only), CR line endings.
  static func decode(_ data: Data, path: String, strictUTF8: Bool, into findings: inout [LintFinding]) -> String? {
    var bytes = [UInt8](data)
    if let nul = bytes.firstIndex(of: 0) {
      let line = bytes[..<nul].count { $0 == 0x0A } + 1
      findings.append(LintFinding(.error, .binary, file: path, line: line, "binary file (a NUL byte on line \(line)): not a lexicon"))
      return nil
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      bytes.removeFirst(3)
      if !strictUTF8 {
        findings.append(
          LintFinding(
            .error, .byteOrderMark, file: path, line: 1,
            "the file starts with a UTF-8 byte-order mark, which the word-list reader keeps: a comment on line 1 is read "
              + "as an entry and a term there never matches; save as UTF-8 without BOM"
          ))
      }
    }
    var text: String
    if let valid = String(validating: bytes, as: UTF8.self) {
      text = valid
    } else {
      var line = 1
      var start = 0
      for (index, byte) in bytes.enumerated() where byte == 0x0A || index == bytes.count - 1 {
        let end = byte == 0x0A ? index : index + 1
        if String(validating: bytes[start..<end], as: UTF8.self) == nil { break }
        line += 1
        start = index + 1
      }
      if strictUTF8 {
        findings.append(LintFinding(.error, .encoding, file: path, line: line, "not valid UTF-8 (line \(line)); dictionaries must be UTF-8"))
        return nil
      }
      findings.append(
        LintFinding(.warning, .encoding, file: path, line: line, "not valid UTF-8 (line \(line)): read as Windows-1252; save the file as UTF-8"))
      text = String(data: Data(bytes), encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    }
    if let cr = text.utf8.firstIndex(of: 0x0D) {
      let line = text.utf8[..<cr].count { $0 == 0x0A } + 1
      let next = text.utf8.index(after: cr)
      let crlf = next < text.utf8.endIndex && text.utf8[next] == 0x0A
      findings.append(
        LintFinding(
          .warning, .lineEndings, file: path, line: line,
          crlf
            ? "Windows (CRLF) line endings: Hark reads them, but lexicons are kept with LF"
            : "a carriage return without a line feed: Hark ends lines at LF only"))
    }
    return text
  }

  /// The lines of `text` split at LF (a CR before it dropped), numbered from 1.
  static func lines(of text: String) -> [(number: Int, text: String)] {
    var result: [(Int, String)] = []
    var number = 0
    for slice in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      var line = String.UnicodeScalarView(slice)
      if line.last == "\r" { line.removeLast() }
      result.append((number, String(line)))
    }
    return result
  }

  // MARK: - Across files

  static func crossFileFindings(_ results: [FileResult]) -> [LintFinding] {
    var findings: [LintFinding] = []
    var sentiment: [String: (path: String, line: Int, value: String)] = [:]
    var shifters: [String: (path: String, line: Int, kind: ShifterKind)] = [:]
    for result in results {
      switch result.kind {
      case .sentiment:
        for entry in result.terms {
          if let first = sentiment[entry.key], first.path != result.path {
            let same = first.value == entry.value
            findings.append(
              LintFinding(
                .warning, .duplicateAcrossFiles, file: result.path, line: entry.line,
                "'\(entry.term)' is also in \(first.path):\(first.line)"
                  + (same ? " with the same valence" : " with valence \(first.value) (here \(entry.value)): layered in this order, this entry replaces it"),
                pattern: entry.term))
          } else if sentiment[entry.key] == nil {
            sentiment[entry.key] = (result.path, entry.line, entry.value)
          }
        }
      case .shifter(let kind):
        for entry in result.terms {
          if let first = shifters[entry.key], first.path != result.path {
            if first.kind == kind {
              findings.append(
                LintFinding(
                  .warning, .duplicateAcrossFiles, file: result.path, line: entry.line, "'\(entry.term)' is also in \(first.path):\(first.line)",
                  pattern: entry.term))
            } else {
              findings.append(
                LintFinding(
                  .error, .shifterConflict, file: result.path, line: entry.line,
                  "'\(entry.term)' is also in \(first.kind.rawValue) (\(first.path):\(first.line)): a term has one shifter role, so one of them is lost",
                  pattern: entry.term))
            }
          } else if shifters[entry.key] == nil {
            shifters[entry.key] = (result.path, entry.line, kind)
          }
        }
      default:
        break
      }
    }
    return findings
  }
}

// MARK: - Terms: normal form and globs

extension LexiconLinter {
  /// `text` with every letter repeated three or more times in a row cut to two, as the tokenizer
  /// does to each word (so no normalised token holds such a run).
  static func squeezingElongations(_ text: String) -> String {
    var squeezed = String.UnicodeScalarView()
    var run = 0
    var previous: Unicode.Scalar?
    for scalar in text.unicodeScalars {
      run = scalar == previous ? run + 1 : 1
      previous = scalar
      if run >= 3 && scalar.properties.isAlphabetic { continue }
      squeezed.append(scalar)
    }
    return String(squeezed)
  }

  /// Hark's normal form of a lexicon term, and why `term` differs from it (empty when it does not).
  /// See the type's documentation for how closely this follows the tokenizer.
  /// - Parameter keepingCase: for ASCII emoticons, whose case matters (`XD`, `xD`).
  public static func normalForm(of term: String, keepingCase: Bool = false) -> (form: String, reasons: [String]) {
    var reasons: [String] = []
    func note(_ reason: String) { if !reasons.contains(reason) { reasons.append(reason) } }
    let scalars = Array(term.unicodeScalars)
    let hasEmoji = scalars.contains { $0.value >= 0x2000 && $0.properties.isEmoji }
    if let first = scalars.first, first.properties.isWhitespace { note("leading or trailing space") }
    if let last = scalars.last, last.properties.isWhitespace { note("leading or trailing space") }
    var view = String.UnicodeScalarView()
    var pendingSpaces = 0
    for scalar in scalars {
      let v = scalar.value
      if scalar.properties.isWhitespace {
        if !view.isEmpty {
          pendingSpaces += 1
          if v != 0x20 { note("a tab or an unusual space") }
        }
        continue
      }
      if v == 0xFE0E || v == 0xFE0F || (0x1F3FB...0x1F3FF).contains(v) {
        note("an emoji variation selector or skin tone (the tokenizer strips them)")
        continue
      }
      if pendingSpaces > 0 {
        if pendingSpaces > 1 { note("extra spaces") }
        view.append(" ")
        pendingSpaces = 0
      }
      if v == 0x200D && hasEmoji {
        view.append(scalar)  // emoji keep their joiners
        continue
      }
      if Normalizer.isRemoved(v) {
        note("an invisible or control character")
        continue
      }
      if let ascii = Normalizer.asciiReplacement(v) {
        note("a curly quote or Unicode dash")
        view.append(Unicode.Scalar(ascii))
        continue
      }
      view.append(scalar)
    }
    var form = String(view)
    if !keepingCase && !hasEmoji {
      let compatible = form.precomposedStringWithCompatibilityMapping
      let spaces = { (text: String) in text.unicodeScalars.count { $0.properties.isWhitespace } }
      // Symbols NFKC spreads over a space and a combining mark (¯) are left alone.
      if !compatible.unicodeScalars.elementsEqual(form.unicodeScalars) && spaces(compatible) == spaces(form) {
        note("a compatibility or decomposed character (NFKC)")
        form = compatible
      }
      var folded = form.lowercased()
      if !folded.unicodeScalars.elementsEqual(form.unicodeScalars) { note("upper case") }
      if folded.unicodeScalars.contains(where: { $0 == "ß" || $0 == "ς" }) {
        note("case folding (ß to ss, ς to σ)")
        folded = folded.replacingOccurrences(of: "ß", with: "ss").replacingOccurrences(of: "ς", with: "σ")
      }
      form = folded
      // Elongation: the tokenizer squeezes a letter repeated three or more times to two.
      let squeezed = Self.squeezingElongations(form)
      if squeezed.unicodeScalars.count != form.unicodeScalars.count {
        note("a letter repeated three or more times (the tokenizer squeezes it to two)")
        form = squeezed
      }
    }
    if form.unicodeScalars.elementsEqual(term.unicodeScalars) { return (form, []) }
    return (form, reasons)
  }

  /// Letter-only ASCII emoticons the tokenizer knows (others contain punctuation).
  static let letterEmoticons: Set<String> = ["xD", "XD", "xP", "XP"]

  /// Whether `term` reads as an ASCII emoticon (`:)`, `XD`, `o_O`): one word of ASCII with
  /// punctuation other than `'` and `-`. Emoticons are matched exactly, case included.
  public static func isEmoticon(_ term: String) -> Bool {
    let trimmed = term.trimmingSpaces
    if letterEmoticons.contains(trimmed) { return true }
    guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ $0.isASCII && $0 != " " }) else { return false }
    return trimmed.unicodeScalars.contains { scalar in
      let v = scalar.value
      let alphanumeric = (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
      return !alphanumeric && scalar != "'" && scalar != "-" && scalar != "*" && scalar != "?"
    }
  }

  /// Problems with the globs in the words of `term`: (severity, code, message).
  static func globProblems(_ term: String, emoticon: Bool) -> [(LintFinding.Severity, LintFinding.Code, String)] {
    var problems: [(LintFinding.Severity, LintFinding.Code, String)] = []
    for word in term.split(separator: " ") where word.contains("*") || word.contains("?") {
      let literals = word.unicodeScalars.count { $0 != "*" && $0 != "?" }
      if emoticon {
        problems.append(
          (
            .warning, .shortGlob,
            "'*' and '?' are wildcards in lexicons and cannot be escaped: '\(word)' matches every token that fits the pattern, "
              + "not the emoticon alone"
          ))
      } else if literals == 0 {
        problems.append((.error, .invalidGlob, "'\(word)' is only wildcards: it matches every word"))
      } else if word.contains("**") {
        problems.append((.error, .invalidGlob, "'\(word)' has '**': write a single '*'"))
      } else if word.contains("*"), WordPattern(word).literalPrefix.unicodeScalars.count < minimumGlobPrefix {
        let kept = WordPattern(word).literalPrefix.unicodeScalars.count
        problems.append(
          (
            .warning, .shortGlob,
            "'\(word)' keeps \(kept) literal character\(kept == 1 ? "" : "s") before '*' (at least \(minimumGlobPrefix)): it matches too many words"
          ))
      }
    }
    return problems
  }

  /// Whether every word that `specific` matches, `general` matches too (conservative for two
  /// globs: only a `prefix*` general glob is compared).
  static func subsumes(_ general: WordPattern, _ specific: WordPattern) -> Bool {
    if general.text == specific.text { return true }
    guard general.isGlob else { return false }
    if !specific.isGlob { return general.matches(specific.text) }
    let text = general.text
    guard let star = text.firstIndex(of: "*"), text.index(after: star) == text.endIndex, !text.contains("?") else {
      return text.allSatisfy { $0 == "*" }
    }
    return specific.literalPrefix.hasPrefix(text[..<star])
  }

  static func subsumes(_ general: [WordPattern], _ specific: [WordPattern], at offset: Int = 0) -> Bool {
    guard offset + general.count <= specific.count else { return false }
    for k in general.indices where !subsumes(general[k], specific[offset + k]) { return false }
    return true
  }

  /// The bucket of ``PhraseMatcher`` an entry with this first word goes to: at one length, a
  /// lower bucket wins, then the entry added first.
  static func matcherBucket(_ first: WordPattern) -> Int {
    guard first.isGlob else { return 0 }
    let prefix = first.literalPrefix.unicodeScalars.count
    return prefix >= 3 ? 1 : prefix > 0 ? 2 : 3
  }

  /// A number as a lexicon writes it (`-2.0` → `-2`, `1.5` → `1.5`).
  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}

// MARK: - Word lists

/// Lints one tab-separated word list.
struct WordListLinter {
  let path: String
  let kind: LexiconLinter.FileKind
  var findings: [LintFinding] = []
  /// First occurrence of each normal form: for the checks across files.
  var firstOccurrences: [(key: String, term: String, line: Int, value: String)] = []

  init(path: String, kind: LexiconLinter.FileKind) {
    self.path = path
    self.kind = kind
  }

  private struct Entry {
    var term: String
    var key: String
    var line: Int
    /// The value as text, for comparing duplicates ("" for lists without values).
    var value: String
    var number: Double?
  }

  private mutating func add(_ severity: LintFinding.Severity, _ code: LintFinding.Code, _ line: Int?, _ message: String, term: String? = nil) {
    findings.append(LintFinding(severity, code, file: path, line: line, message, pattern: term))
  }

  private var valueName: String {
    switch kind {
    case .sentiment: "valence"
    case .shifter(.adversatives): "type"
    case .shifter(.negators), .wordList: "value"
    default: "multiplier"
    }
  }

  mutating func lint(_ text: String) {
    let comments = kind != .sentiment(.vader)
    var entries: [Entry] = []
    var dataLines = 0
    for (number, line) in LexiconLinter.lines(of: text) {
      if line.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      if comments && line.hasPrefix("#") { continue }
      dataLines += 1
      let fields = line.unicodeScalars.split(separator: "\t", omittingEmptySubsequences: false).map { String($0) }
      guard let entry = parse(fields, line: number) else { continue }
      checkTerm(fields[0], line: number)
      entries.append(entry)
    }
    if dataLines == 0 { add(.warning, .emptyFile, nil, "no entries") }
    guard !entries.isEmpty else { return }
    checkDuplicates(entries)
    checkShadowing(entries)
  }

  /// The entry on one line, or nil (with a finding) when the loader would reject the line.
  private mutating func parse(_ fields: [String], line: Int) -> Entry? {
    let term = fields[0].trimmingSpaces
    func entry(_ value: String, _ number: Double? = nil) -> Entry {
      let emoticon = LexiconLinter.isEmoticon(term)
      let key = LexiconLinter.normalForm(of: term, keepingCase: emoticon).form
      return Entry(term: term, key: key, line: line, value: value, number: number)
    }
    if term.isEmpty {
      add(.error, .emptyTerm, line, "empty term")
      return nil
    }
    switch kind {
    case .sentiment(let format):
      let expected = format == .vader ? "term<TAB>mean<TAB>sd<TAB>ratings" : "term<TAB>\(format == .afinn ? "integer" : "valence")"
      let countOK = format == .vader ? fields.count >= 2 : fields.count == 2
      guard countOK else {
        var message = "expected \(expected), found \(fields.count) field\(fields.count == 1 ? "" : "s")"
        if fields.count == 1, let last = term.split(separator: " ").last, Double(last) != nil {
          message += " (separated by spaces? use a tab)"
        }
        add(.error, .fields, line, message, term: term)
        return nil
      }
      let text = fields[1].trimmingSpaces
      if format == .afinn {
        guard let score = Int(text) else {
          add(.error, .invalidValence, line, "AFINN score '\(fields[1])' is not an integer", term: term)
          return nil
        }
        guard (-5...5).contains(score) else {
          add(.error, .valenceRange, line, "AFINN score \(score) is outside -5…+5", term: term)
          return nil
        }
        return entry(String(score), Double(score) * 0.8)
      }
      guard let valence = Double(text), valence.isFinite else {
        add(.error, .invalidValence, line, "valence '\(fields[1])' is not a number", term: term)
        return nil
      }
      guard (-4...4).contains(valence) else {
        add(.error, .valenceRange, line, "valence \(text) is outside -4…+4", term: term)
        return nil
      }
      if valence == 0 && format == .hark {
        add(.warning, .zeroValence, line, "valence 0: neutral terms are left out (a 0 entry still takes its words from longer or shifted matches)", term: term)
      }
      return entry(LexiconLinter.format(valence), valence)
    case .wordList, .shifter(.negators):
      if fields.count > 1 {
        let extra = fields.count - 1
        add(.warning, .extraFields, line, "one column expected: the \(extra) field\(extra == 1 ? " after the term is" : "s after the term are") ignored", term: term)
      }
      return entry("")
    case .shifter(.adversatives):
      guard fields.count == 2 else {
        add(.error, .fields, line, "expected term<TAB>contrast or term<TAB>concession, found \(fields.count) field\(fields.count == 1 ? "" : "s")", term: term)
        return nil
      }
      let type = fields[1].trimmingSpaces
      guard type == "contrast" || type == "concession" else {
        add(.error, .invalidValue, line, "type '\(fields[1])' is neither contrast nor concession", term: term)
        return nil
      }
      return entry(type)
    case .shifter(let shifter):
      let range: ClosedRange<Double> = shifter == .amplifiers ? 1...4 : 0...1
      let allowed = shifter == .irrealis ? 2...3 : 2...2
      guard allowed.contains(fields.count) else {
        let expected = shifter == .irrealis ? "term<TAB>multiplier, optionally <TAB>demand" : "term<TAB>multiplier"
        add(.error, .fields, line, "expected \(expected), found \(fields.count) field\(fields.count == 1 ? "" : "s")", term: term)
        return nil
      }
      guard let value = Double(fields[1].trimmingSpaces), value.isFinite else {
        add(.error, .invalidValue, line, "multiplier '\(fields[1])' is not a number", term: term)
        return nil
      }
      guard range.contains(value) else {
        let bounds = "\(LexiconLinter.format(range.lowerBound))…\(LexiconLinter.format(range.upperBound))"
        add(.error, .invalidValue, line, "multiplier \(fields[1].trimmingSpaces) is outside \(bounds) for \(shifter.rawValue)", term: term)
        return nil
      }
      var text = LexiconLinter.format(value)
      if fields.count == 3 {
        guard fields[2].trimmingSpaces == "demand" else {
          add(.error, .invalidValue, line, "third column '\(fields[2])' is not 'demand'", term: term)
          return nil
        }
        text += " demand"
      }
      return entry(text, value)
    case .dictionary:
      return nil
    }
  }

  /// Normal form and globs; `written` is the first field as it stands, spaces included.
  private mutating func checkTerm(_ written: String, line: Int) {
    let term = written.trimmingSpaces
    let emoticon = LexiconLinter.isEmoticon(term)
    let (form, reasons) = LexiconLinter.normalForm(of: written, keepingCase: emoticon)
    if !reasons.isEmpty {
      add(.warning, .notNormalForm, line, "'\(written)' is not in normal form (\(reasons.joined(separator: "; "))): write '\(form)'", term: term)
    }
    for (severity, code, message) in LexiconLinter.globProblems(term, emoticon: emoticon) {
      add(severity, code, line, message, term: term)
    }
  }

  private mutating func checkDuplicates(_ entries: [Entry]) {
    var first: [String: Entry] = [:]
    for entry in entries {
      guard let earlier = first[entry.key] else {
        first[entry.key] = entry
        firstOccurrences.append((entry.key, entry.term, entry.line, entry.value))
        continue
      }
      let identical = earlier.term == entry.term
      let same =
        identical
        ? "'\(entry.term)' is also on line \(earlier.line)"
        : "'\(entry.term)' and '\(earlier.term)' (line \(earlier.line)) have the same normal form '\(entry.key)'"
      if earlier.value == entry.value {
        add(.warning, .duplicate, entry.line, same, term: entry.term)
      } else {
        let code: LintFinding.Code = if case .sentiment = kind { .conflictingValence } else { .conflictingValue }
        let outcome = identical ? "the later entry replaces the earlier" : "only a spelling in normal form can match"
        add(
          .error, code, entry.line,
          "conflicting \(valueName)s: \(same), with \(valueName) \(entry.value) here and \(earlier.value) there; \(outcome)", term: entry.term)
      }
    }
  }

  /// Entries that another entry of the same length always beats (or always equals) in
  /// ``PhraseMatcher``. Entries are taken as the loader leaves them: one per term as written, at
  /// its first position, with its last value.
  private mutating func checkShadowing(_ entries: [Entry]) {
    var index: [String: Int] = [:]
    var unique: [Entry] = []
    for entry in entries {
      if let position = index[entry.term] {
        unique[position].value = entry.value
      } else {
        index[entry.term] = unique.count
        unique.append(entry)
      }
    }
    let words = unique.map { $0.term.split(separator: " ").map(WordPattern.init) }
    var globsByLength: [Int: [Int]] = [:]
    // Only an entry with a (valid) glob can cover a different entry.
    for (i, pattern) in words.enumerated()
    where pattern.contains(where: \.isGlob) && !LexiconLinter.globProblems(unique[i].term, emoticon: false).contains(where: { $0.0 == .error }) {
      globsByLength[pattern.count, default: []].append(i)
    }
    guard !globsByLength.isEmpty else { return }
    func rank(_ i: Int) -> (Int, Int) { (LexiconLinter.matcherBucket(words[i][0]), i) }
    for (a, pattern) in words.enumerated() where !pattern.isEmpty {
      for b in globsByLength[pattern.count] ?? [] where b != a && LexiconLinter.subsumes(words[b], pattern) {
        // Two globs that cover each other: report only the later one.
        if LexiconLinter.subsumes(pattern, words[b]) && a < b { continue }
        let entry = unique[a]
        let other = unique[b]
        let wins = rank(b) < rank(a)
        if entry.value == other.value {
          add(
            .warning, .redundant, entry.line, "'\(entry.term)' is redundant: '\(other.term)' (line \(other.line)) covers it with the same \(valueName)",
            term: entry.term)
        } else if wins {
          add(
            .warning, .neverFires, entry.line,
            "'\(entry.term)' never matches: '\(other.term)' (line \(other.line)) matches the same words and wins (same length, and the matcher tries it first)",
            term: entry.term)
        } else {
          continue
        }
        break
      }
    }
  }
}

// MARK: - Dictionaries

/// Lints one theme or alert dictionary from its YAML node tree (which keeps line numbers).
struct DictionaryLinter {
  let path: String
  let minimumPatterns: Int
  var findings: [LintFinding] = []

  init(path: String, minimumPatterns: Int) {
    self.path = path
    self.minimumPatterns = minimumPatterns
  }

  struct Pattern {
    var text: String
    var line: Int?
    var weight: Double
    var unless: [String]
    var isRegex: Bool { text.hasPrefix("re:") }
    /// What the matcher compares: lower-cased words (``variantsKey``).
    var key: String {
      isRegex ? text : text.lowercased().split(separator: " ").joined(separator: " ")
    }
  }

  struct Phrase {
    var text: String
    var line: Int?
  }

  struct Theme {
    var id: String
    var line: Int?
    var parent: Int?
    var patterns: [Pattern] = []
    var exclude: [Phrase] = []
    var unless: [Phrase] = []
  }

  var themes: [Theme] = []

  static let topLevelKeys: Set<String> = ["dictionary", "version", "language", "description", "threshold", "fallback", "themes", "alerts"]
  static let themeKeys: Set<String> = ["id", "label", "description", "threshold", "patterns", "exclude", "near", "unless_preceded_by", "children"]
  static let patternKeys: Set<String> = ["match", "weight", "unless_preceded_by"]
  static let nearKeys: Set<String> = ["terms", "within", "weight"]

  mutating func add(
    _ severity: LintFinding.Severity, _ code: LintFinding.Code, _ line: Int?, _ message: String, theme: String? = nil, pattern: String? = nil
  ) {
    findings.append(LintFinding(severity, code, file: path, line: line, message, theme: theme, pattern: pattern))
  }

  mutating func lint(_ text: String) {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      let (message, line) = Self.describe(error)
      add(.error, .yamlSyntax, line, message)
      return
    } catch {
      add(.error, .yamlSyntax, nil, "YAML: \(error)")
      return
    }
    guard let root, case .mapping(let top) = root else {
      add(.error, .structure, root?.mark?.line ?? 1, "expected a mapping with a 'themes:' or 'alerts:' list")
      return
    }
    checkKeys(top, allowed: Self.topLevelKeys, what: "the dictionary", theme: nil)
    for key in ["dictionary", "language", "description", "fallback"] { _ = string(top, key, theme: nil) }
    if let version = value(top, "version"), integer(version) == nil {
      add(.error, .structure, version.mark?.line, "'version' must be an integer")
    }
    if let threshold = value(top, "threshold") { _ = self.threshold(threshold, theme: nil) }
    let themesNode = value(top, "themes")
    let alertsNode = value(top, "alerts")
    if themesNode != nil && alertsNode != nil {
      add(.error, .structure, alertsNode?.mark?.line, "both 'themes:' and 'alerts:': the loader reads 'themes:' and ignores the alerts")
    }
    guard let list = themesNode ?? alertsNode else {
      add(.error, .structure, root.mark?.line ?? 1, "expected a 'themes:' or 'alerts:' list")
      return
    }
    guard case .sequence(let items) = list else {
      add(.error, .structure, list.mark?.line, "'\(themesNode != nil ? "themes" : "alerts")' must be a list of themes")
      return
    }
    for item in items { readTheme(item, parent: nil) }
    let fallback = value(top, "fallback")
    checkThemes(fallback: fallback)
  }

  // MARK: Reading the tree

  /// The value of `key` in `mapping`, nil when missing or null.
  func value(_ mapping: Node.Mapping, _ key: String) -> Node? {
    guard let node = mapping[key] else { return nil }
    if node.null != nil { return nil }
    return node
  }

  func integer(_ node: Node) -> Int? {
    guard case .scalar(let scalar) = node else { return nil }
    return Int.construct(from: scalar)
  }

  func number(_ node: Node) -> Double? {
    guard case .scalar(let scalar) = node else { return nil }
    return Double.construct(from: scalar)
  }

  /// A string value; a finding when it is a list or mapping.
  mutating func string(_ mapping: Node.Mapping, _ key: String, theme: String?) -> String? {
    guard let node = value(mapping, key) else { return nil }
    guard case .scalar(let scalar) = node else {
      add(.error, .structure, node.mark?.line, "'\(key)' must be a string", theme: theme)
      return nil
    }
    return scalar.string
  }

  /// A list of strings with their lines; a finding for anything else.
  mutating func strings(_ mapping: Node.Mapping, _ key: String, theme: String?) -> [Phrase] {
    guard let node = value(mapping, key) else { return [] }
    guard case .sequence(let items) = node else {
      add(.error, .structure, node.mark?.line, "'\(key)' must be a list of strings", theme: theme)
      return []
    }
    var result: [Phrase] = []
    for item in items {
      guard case .scalar(let scalar) = item else {
        add(.error, .structure, item.mark?.line, "'\(key)' must be a list of strings", theme: theme)
        continue
      }
      result.append(Phrase(text: scalar.string, line: item.mark?.line))
    }
    return result
  }

  mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, what: String, theme: String?) {
    var seen: [String: Int?] = [:]
    for (key, _) in mapping {
      let name = key.scalar?.string ?? "\(key)"
      if let first = seen[name] {
        add(
          .error, .duplicateKey, key.mark?.line,
          "'\(name)' appears twice in \(what)\(first.map { " (first on line \($0))" } ?? ""): only one of them is read", theme: theme)
      } else {
        seen.updateValue(key.mark?.line, forKey: name)
      }
      if !allowed.contains(name) {
        let expected = allowed.sorted().joined(separator: ", ")
        add(.warning, .unknownKey, key.mark?.line, "unknown key '\(name)' in \(what) is ignored (expected one of: \(expected))", theme: theme)
      }
    }
  }

  mutating func threshold(_ node: Node, theme: String?) -> Double? {
    guard let value = number(node), value.isFinite, value >= 0 else {
      add(.error, .invalidThreshold, node.mark?.line, "threshold '\(node.scalar?.string ?? "…")' is not a number of 0 or more", theme: theme)
      return nil
    }
    return value
  }

  /// A weight: a positive, finite number.
  mutating func weight(_ node: Node?, theme: String, pattern: String?) -> Double {
    guard let node else { return 1 }
    guard let value = number(node), value.isFinite, value > 0 else {
      let written = node.scalar?.string ?? "…"
      let reason = number(node) == nil ? "is not a number" : "is not above 0"
      add(.error, .invalidWeight, node.mark?.line, "weight '\(written)' \(reason)", theme: theme, pattern: pattern)
      return 1
    }
    return value
  }

  mutating func readTheme(_ node: Node, parent: Int?) {
    guard case .mapping(let mapping) = node else {
      add(.error, .structure, node.mark?.line, "a theme must be a mapping with an 'id'", theme: parent.map { themes[$0].id })
      return
    }
    var id = "?"
    if let idNode = value(mapping, "id"), case .scalar(let scalar) = idNode {
      id = scalar.string
    } else {
      add(.error, .structure, mapping.mark?.line, "a theme without an 'id'")
    }
    let idLine = mapping["id"]?.mark?.line ?? mapping.mark?.line
    checkKeys(mapping, allowed: Self.themeKeys, what: "theme '\(id)'", theme: id)
    _ = string(mapping, "label", theme: id)
    _ = string(mapping, "description", theme: id)
    if let threshold = value(mapping, "threshold") { _ = self.threshold(threshold, theme: id) }
    var theme = Theme(id: id, line: idLine, parent: parent)
    if let list = value(mapping, "patterns") {
      if case .sequence(let items) = list {
        for item in items {
          if let pattern = readPattern(item, theme: id) { theme.patterns.append(pattern) }
        }
      } else {
        add(.error, .structure, list.mark?.line, "'patterns' must be a list", theme: id)
      }
    }
    theme.exclude = strings(mapping, "exclude", theme: id)
    theme.unless = strings(mapping, "unless_preceded_by", theme: id)
    if let near = value(mapping, "near") {
      if case .sequence(let rules) = near {
        for rule in rules { readNear(rule, theme: id) }
      } else {
        add(.error, .structure, near.mark?.line, "'near' must be a list of {terms, within, weight}", theme: id)
      }
    }
    let index = themes.count
    themes.append(theme)
    if let children = value(mapping, "children") {
      if case .sequence(let items) = children {
        for item in items { readTheme(item, parent: index) }
      } else {
        add(.error, .structure, children.mark?.line, "'children' must be a list of themes", theme: id)
      }
    }
  }

  mutating func readPattern(_ node: Node, theme: String) -> Pattern? {
    switch node {
    case .scalar(let scalar):
      return Pattern(text: scalar.string, line: node.mark?.line, weight: 1, unless: [])
    case .mapping(let mapping):
      checkKeys(mapping, allowed: Self.patternKeys, what: "a pattern of '\(theme)'", theme: theme)
      guard let matchNode = value(mapping, "match"), case .scalar(let match) = matchNode else {
        add(.error, .structure, node.mark?.line, "a pattern mapping needs 'match: TEXT'", theme: theme)
        return nil
      }
      let weight = self.weight(value(mapping, "weight"), theme: theme, pattern: match.string)
      let unless = strings(mapping, "unless_preceded_by", theme: theme)
      for phrase in unless { checkPhrase(phrase, field: "unless_preceded_by", theme: theme) }
      return Pattern(text: match.string, line: matchNode.mark?.line, weight: weight, unless: unless.map(\.text))
    case .sequence:
      add(.error, .structure, node.mark?.line, "a pattern must be a string or {match, weight, unless_preceded_by}", theme: theme)
      return nil
    }
  }

  mutating func readNear(_ node: Node, theme: String) {
    guard case .mapping(let mapping) = node else {
      add(.error, .structure, node.mark?.line, "a near rule must be a mapping {terms, within, weight}", theme: theme)
      return
    }
    checkKeys(mapping, allowed: Self.nearKeys, what: "a near rule of '\(theme)'", theme: theme)
    let line = node.mark?.line
    if mapping["terms"] == nil {
      add(.error, .invalidNear, line, "a near rule needs 'terms'", theme: theme)
    } else {
      let terms = strings(mapping, "terms", theme: theme)
      if terms.isEmpty {
        add(.error, .invalidNear, line, "a near rule with no terms (the classifier cannot run it)", theme: theme)
      } else if terms.count == 1 {
        add(.warning, .invalidNear, line, "a near rule with one term fires wherever the term occurs: make it a pattern", theme: theme)
      }
      for term in terms {
        checkPhrase(term, field: "near", theme: theme)
        if term.text.trimmingSpaces.contains(" ") {
          add(
            .warning, .neverFires, term.line, "near term '\(term.text)' has a space: near terms match single words, so this rule never fires",
            theme: theme, pattern: term.text)
        }
      }
    }
    if let within = value(mapping, "within") {
      if let count = integer(within) {
        if count < 1 { add(.error, .invalidNear, within.mark?.line, "within \(count): the terms can never be that close; use 1 or more", theme: theme) }
      } else {
        add(.error, .invalidNear, within.mark?.line, "'within' must be a whole number of words", theme: theme)
      }
    } else {
      add(.error, .invalidNear, line, "a near rule needs 'within: N'", theme: theme)
    }
    _ = weight(value(mapping, "weight"), theme: theme, pattern: nil)
  }

  /// An `exclude`, `unless_preceded_by` or `near` phrase: not empty, in normal form, sane globs.
  mutating func checkPhrase(_ phrase: Phrase, field: String, theme: String) {
    if phrase.text.trimmingSpaces.isEmpty {
      let effect =
        switch field {
        case "unless_preceded_by": "it cancels every match that has a word before it in its clause"
        case "near": "it never matches, so the rule never fires"
        default: "it has no effect"
        }
      add(.error, .emptyPhrase, phrase.line, "empty '\(field)' phrase: \(effect)", theme: theme)
      return
    }
    checkText(phrase.text, line: phrase.line, theme: theme, what: "'\(field)' phrase")
  }

  /// Normal form and globs of a pattern or phrase.
  mutating func checkText(_ text: String, line: Int?, theme: String, what: String) {
    let emoticon = LexiconLinter.isEmoticon(text)
    let (form, reasons) = LexiconLinter.normalForm(of: text, keepingCase: emoticon)
    if !reasons.isEmpty {
      add(.warning, .notNormalForm, line, "\(what) '\(text)' is not in normal form (\(reasons.joined(separator: "; "))): write '\(form)'", theme: theme, pattern: text)
    }
    for (severity, code, message) in LexiconLinter.globProblems(text, emoticon: emoticon) {
      add(severity, code, line, message, theme: theme, pattern: text)
    }
  }

  // MARK: Checks over the whole dictionary

  mutating func checkThemes(fallback: Node?) {
    var ids: [String: Int?] = [:]
    for theme in themes where theme.id != "?" {
      if let first = ids[theme.id] {
        add(.error, .duplicateID, theme.line, "theme id '\(theme.id)' appears twice\(first.map { " (first on line \($0))" } ?? "")", theme: theme.id)
      } else {
        ids.updateValue(theme.line, forKey: theme.id)
      }
    }
    if let fallback, let name = fallback.scalar?.string, ids[name] == nil {
      add(.error, .unknownFallback, fallback.mark?.line, "fallback '\(name)' is not a theme of this dictionary")
    }
    for t in themes.indices { checkTheme(t) }
    checkSharedPatterns()
  }

  mutating func checkTheme(_ t: Int) {
    let theme = themes[t]
    if theme.parent == nil && theme.patterns.count < minimumPatterns {
      add(
        .warning, .tooFewPatterns, theme.line,
        "theme '\(theme.id)' has \(theme.patterns.count) pattern\(theme.patterns.count == 1 ? "" : "s") (fewer than \(minimumPatterns)): too few to find it reliably",
        theme: theme.id)
    }
    for phrase in theme.exclude { checkPhrase(phrase, field: "exclude", theme: theme.id) }
    for phrase in theme.unless { checkPhrase(phrase, field: "unless_preceded_by", theme: theme.id) }
    var live: [Pattern] = []
    var seen: [String: Pattern] = [:]
    for pattern in theme.patterns {
      if let expression = pattern.regularExpression {
        guard !expression.isEmpty else {
          add(.error, .emptyPattern, pattern.line, "empty regular expression", theme: theme.id, pattern: pattern.text)
          continue
        }
        do {
          _ = try NSRegularExpression(pattern: expression, options: [.caseInsensitive])
        } catch {
          add(
            .error, .invalidRegex, pattern.line, "invalid regular expression '\(expression)': \(Self.regexReason(error))", theme: theme.id,
            pattern: pattern.text)
          continue
        }
        if let sets = RegexLiterals.required(expression) {
          if let dead = sets.first(where: { $0.allSatisfy { LexiconLinter.squeezingElongations($0) != $0 } }) {
            add(
              .warning, .neverFires, pattern.line,
              "regular expression '\(expression)' never matches: every match holds one of \(dead.sorted().map { "'\($0)'" }.joined(separator: ", ")), but normalised text never has a letter three times in a row (elongations are squeezed to two)",
              theme: theme.id, pattern: pattern.text)
          }
        } else {
          add(
            .warning, .unfilteredRegex, pattern.line,
            "regular expression '\(expression)' has no literal text that every match must contain, so it runs on every text (slow on large inputs): start it with a word or a group of literal alternatives",
            theme: theme.id, pattern: pattern.text)
        }
      } else if pattern.text.trimmingSpaces.isEmpty {
        add(.error, .emptyPattern, pattern.line, "empty pattern", theme: theme.id, pattern: pattern.text)
        continue
      } else {
        checkText(pattern.text, line: pattern.line, theme: theme.id, what: "pattern")
      }
      if let earlier = seen[pattern.key] {
        let weights = earlier.weight == pattern.weight ? "" : " (weights \(LexiconLinter.format(earlier.weight)) and \(LexiconLinter.format(pattern.weight)))"
        add(
          .warning, .duplicatePattern, pattern.line,
          "pattern '\(pattern.text)' appears twice in '\(theme.id)'\(earlier.line.map { " (first on line \($0))" } ?? "")\(weights)", theme: theme.id,
          pattern: pattern.text)
        continue
      }
      seen[pattern.key] = pattern
      live.append(pattern)
    }
    checkExclusions(theme, live)
    checkRedundancy(theme, live)
    if let parent = theme.parent {
      let keys = Set(themes[parent].patterns.map(\.key))
      for pattern in live where !keys.contains(pattern.key) {
        add(
          .warning, .childNotInParent, pattern.line,
          "pattern '\(pattern.text)' of sub-theme '\(theme.id)' is not in its parent '\(themes[parent].id)' (a parent's patterns include its children's)",
          theme: theme.id, pattern: pattern.text)
      }
    }
  }


  /// Patterns that an exclusion of their theme always cancels: in every variant of the pattern,
  /// some variant of an exclusion matches within every match.
  mutating func checkExclusions(_ theme: Theme, _ patterns: [Pattern]) {
    let exclusions = theme.exclude.filter { !$0.text.trimmingSpaces.isEmpty }.flatMap { phrase in
      WordPattern.variants(phrase.text).filter { !$0.isEmpty }.map { (phrase: phrase, words: $0) }
    }
    guard !exclusions.isEmpty else { return }
    for pattern in patterns where !pattern.isRegex {
      var cancelling: Phrase?
      let cancelled = WordPattern.variants(pattern.text).allSatisfy { variant in
        for exclusion in exclusions where exclusion.words.count <= variant.count {
          for offset in 0...(variant.count - exclusion.words.count) where LexiconLinter.subsumes(exclusion.words, variant, at: offset) {
            cancelling = cancelling ?? exclusion.phrase
            return true
          }
        }
        return false
      }
      if cancelled, let cancelling {
        add(
          .warning, .neverFires, pattern.line,
          "pattern '\(pattern.text)' can never fire: exclusion '\(cancelling.text)'\(cancelling.line.map { " (line \($0))" } ?? "") cancels every match",
          theme: theme.id, pattern: pattern.text)
      }
    }
  }

  /// Patterns every match of which another pattern of the theme also matches, over the same words.
  /// Overlapping matches of one theme count once, and for one span the classifier keeps the match
  /// ``PhraseMatcher`` reports first: a literal first word before a glob, then dictionary order.
  /// So a covered pattern
  /// - is `redundant` when a cover has its weight (the score is the same without it);
  /// - `never-fires` when a cover with another weight always comes first (its weight never counts);
  /// - is a deliberate override, and not reported, when it comes first with another weight
  ///   (`expertise` 0.7 before `expert*` 0.4).
  /// A cover must not be cancelled where the pattern is not: its `unless_preceded_by` phrases must
  /// be among the pattern's.
  mutating func checkRedundancy(_ theme: Theme, _ patterns: [Pattern]) {
    struct Variant {
      var pattern: Int
      var words: [WordPattern]
      /// The order in which the matcher reports same-length matches: smaller first.
      var rank: (Int, Int, Int)
    }
    var variants: [[Variant]] = []
    for (p, pattern) in patterns.enumerated() {
      let list = pattern.isRegex ? [] : WordPattern.variants(pattern.text).filter { !$0.isEmpty }
      variants.append(list.enumerated().map { Variant(pattern: p, words: $1, rank: (LexiconLinter.matcherBucket($1[0]), p, $0)) })
    }
    // Variants by length and literal first word; glob-first variants by length.
    var byFirst: [String: [Variant]] = [:]
    var globFirst: [Int: [Variant]] = [:]
    for variant in variants.joined() {
      if variant.words[0].isGlob {
        globFirst[variant.words.count, default: []].append(variant)
      } else {
        byFirst["\(variant.words.count) \(variant.words[0].text)", default: []].append(variant)
      }
    }
    // A pattern with an invalid glob is an error already: it covers nothing here.
    let valid = patterns.map { !LexiconLinter.globProblems($0.text, emoticon: false).contains { $0.0 == .error } }
    func covers(_ b: Variant, _ a: Variant) -> Bool {
      b.pattern != a.pattern && valid[b.pattern] && LexiconLinter.subsumes(b.words, a.words)
        && Set(patterns[b.pattern].unless).isSubset(of: Set(patterns[a.pattern].unless))
    }
    func mutual(_ a: Int, _ b: Int) -> Bool {
      variants[b].allSatisfy { theirs in variants[a].contains { LexiconLinter.subsumes($0.words, theirs.words) } }
    }
    for (a, list) in variants.enumerated() where !list.isEmpty {
      let weight = patterns[a].weight
      var sameWeight: Int?
      var first: Int?
      var allSameWeight = true
      var allFirst = true
      for variant in list {
        let candidates = (byFirst["\(variant.words.count) \(variant.words[0].text)"] ?? []) + (globFirst[variant.words.count] ?? [])
        let cover = candidates.filter { covers($0, variant) }
        // Of two patterns that cover each other with one weight, report only the later.
        if let same = cover.first(where: { patterns[$0.pattern].weight == weight && !($0.pattern > a && mutual(a, $0.pattern)) }) {
          sameWeight = sameWeight ?? same.pattern
        } else {
          allSameWeight = false
        }
        if let winner = cover.first(where: { $0.rank < variant.rank }) {
          first = first ?? winner.pattern
        } else {
          allFirst = false
        }
      }
      let pattern = patterns[a]
      func place(_ b: Int) -> String { "'\(patterns[b].text)'\(patterns[b].line.map { " (line \($0))" } ?? "")" }
      if allSameWeight, let b = sameWeight {
        add(
          .warning, .redundant, pattern.line,
          "pattern '\(pattern.text)' adds nothing to '\(theme.id)': \(place(b)) matches the same words wherever it does, with the same weight",
          theme: theme.id, pattern: pattern.text)
      } else if allFirst, let b = first {
        add(
          .warning, .neverFires, pattern.line,
          "pattern '\(pattern.text)' never counts in '\(theme.id)': \(place(b)) matches the same words wherever it does and is taken first, "
            + "so its weight \(LexiconLinter.format(patterns[b].weight)) counts, not \(LexiconLinter.format(weight))",
          theme: theme.id, pattern: pattern.text)
      }
    }
  }

  /// The same pattern in two themes neither of which contains the other: both count it.
  mutating func checkSharedPatterns() {
    func ancestors(_ t: Int) -> Set<Int> {
      var result = Set<Int>()
      var current = themes[t].parent
      while let c = current {
        result.insert(c)
        current = themes[c].parent
      }
      return result
    }
    let lineage = themes.indices.map(ancestors)
    var first: [String: [(theme: Int, pattern: Pattern)]] = [:]
    for (t, theme) in themes.enumerated() {
      var inTheme = Set<String>()
      for pattern in theme.patterns where !pattern.text.trimmingSpaces.isEmpty && inTheme.insert(pattern.key).inserted {
        let others = (first[pattern.key] ?? []).filter { !lineage[t].contains($0.theme) && !lineage[$0.theme].contains(t) }
        if !others.isEmpty {
          let list = others.map { "'\(themes[$0.theme].id)'\($0.pattern.line.map { " (line \($0))" } ?? "")" }.joined(separator: ", ")
          add(
            .warning, .sharedPattern, pattern.line,
            "pattern '\(pattern.text)' is also in \(list): a match counts for every theme that has it", theme: theme.id, pattern: pattern.text)
        }
        first[pattern.key, default: []].append((t, pattern))
      }
    }
  }

  // MARK: Messages

  static func describe(_ error: YamlError) -> (String, Int?) {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let during = context.map { " (\($0.text), line \($0.mark.line))" } ?? ""
      return ("YAML: \(problem)\(during)", mark.line)
    case .reader(let problem, _, _, _):
      return ("YAML: \(problem)", nil)
    default:
      return ("YAML: \(error)", nil)
    }
  }

  /// Foundation reports no more than "invalid" (NSCocoaErrorDomain 2048, the pattern itself).
  static func regexReason(_ error: Error) -> String {
    "it does not compile (compiled as the classifier does: NSRegularExpression, case-insensitive)"
  }
}

extension DictionaryLinter.Pattern {
  var regularExpression: String? { isRegex ? String(text.dropFirst(3)) : nil }
}
