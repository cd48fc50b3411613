import ArgumentParser
import Foundation
import HarkAnalysis
import HarkIO
import HarkLexicon
import HarkReport
import HarkText

extension HarkCommand {
  /// `hark kwic`: keyword in context for a pattern or a theme.
  struct Kwic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Keyword in context: every match of a pattern, or of a theme's patterns, with the words around it.",
      discussion: """
        PATTERN uses the dictionaries' pattern engine on normalised tokens: a word, a glob \
        (disappoint*, behavio?r), a phrase of words and globs (fobbed off, single-word judgement*) \
        or an ICU regular expression after re:. --theme ID lists the matches of that theme's \
        patterns instead (with --cancelled, also the matches an exclusion or a preceding word \
        cancelled). Records are read as `hark classify` reads them. Context is redacted \
        (e-mail, phone, postcode, NHS and NI numbers, personal URLs, names) unless --no-redact.

        Examples:
          $ hark kwic "fobbed off" corpora/big-listen/submissions.csv
          $ hark kwic --theme workload --sort right --window 6 corpora/big-listen/submissions.csv
          $ hark kwic "re:\\\\bdeep[- ]dives?\\\\b" responses.csv --format csv > deep-dives.csv
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, jsonl }
    enum Sort: String, ExpressibleByArgument, CaseIterable { case none, left, right }

    @Argument(help: "The pattern (omit with --theme), then input files; none or '-' reads standard input.")
    var arguments: [String] = []

    @Option(name: .customLong("theme"), help: ArgumentHelp("Show the matches of this theme's (or alert's) patterns.", valueName: "ID"))
    var theme: String?

    @Flag(help: "With --theme, also show matches that an exclusion or a preceding word cancelled.")
    var cancelled = false

    @Option(help: "Words of context on each side.")
    var window = 5

    @Option(help: "Order: none (input order, streamed), left or right (by the context words nearest the match; holds the lines in memory).")
    var sort: Sort = .none

    @Option(help: "Stop after this many lines (0: no limit).")
    var limit = 0

    @Option(help: "Output format: text (aligned columns), csv or jsonl.")
    var format: Format = .text

    @Flag(help: "Do not redact personal data in the context.")
    var noRedact = false

    @OptionGroup var recordOptions: RecordOptions
    @OptionGroup var themeOptions: ThemeOptions
    @OptionGroup var sentimentOptions: SentimentOptions

    func validate() throws {
      if theme == nil && arguments.isEmpty { throw ValidationError("give a PATTERN, or --theme ID") }
      if window < 0 || limit < 0 { throw ValidationError("--window and --limit must be 0 or more") }
    }

    func run() async throws {
      let pattern = theme == nil ? arguments.first : nil
      let files = theme == nil ? Array(arguments.dropFirst()) : arguments
      var issues = 0
      try CommandRunner.run { output in
        let directory = try sentimentOptions.lexicons()
        let classifier: ThemeClassifier
        let themeIndexes: [Int]
        if let pattern {
          let definition = ThemeDefinition(id: "kwic", threshold: 0, patterns: [ThemePattern(match: pattern)])
          classifier = try ThemeClassifier(dictionary: ThemeDictionary(name: "kwic", themes: [definition]))
          themeIndexes = [0]
        } else {
          let (themes, alerts) = try themeOptions.makeClassifiers(lexiconDirectory: directory)
          let found = try ThemeOptions.classifier(defining: theme!, among: themes + [alerts])
          classifier = found
          // The theme and its sub-themes.
          let all = found.dictionary.allThemes
          themeIndexes = all.indices.filter { all[$0].id == theme || all[$0].parent == theme }
        }
        let tokenizer = try Tokenizer()
        let redactor = Redactor()
        var lines: [KeywordInContext] = []
        var written = 0
        if format == .csv { try output.write("id,left,match,right,pattern,start,end\r\n") }
        func emit(_ line: KeywordInContext) throws {
          switch format {
          case .text: try output.write(Self.text(line, showPattern: theme != nil))
          case .csv:
            let fields = [line.id, line.left, line.match, line.right, line.pattern, String(line.start), String(line.end)]
            try output.write(fields.map(Self.csvField).joined(separator: ",") + "\r\n")
          case .jsonl:
            var out: [UInt8] = []
            out.append(contentsOf: #"{"id":"#.utf8)
            JSONText.appendString(line.id, to: &out)
            for (key, value) in [("left", line.left), ("match", line.match), ("right", line.right), ("pattern", line.pattern)] {
              out.append(0x2C)
              JSONText.appendKey(key, to: &out)
              JSONText.appendString(value, to: &out)
            }
            out.append(contentsOf: #","start":"#.utf8)
            JSONText.appendInt(line.start, to: &out)
            out.append(contentsOf: #","end":"#.utf8)
            JSONText.appendInt(line.end, to: &out)
            out.append(contentsOf: "}\n".utf8)
            try output.write(bytes: out)
          }
        }
        var stopped = false
        issues = try CorpusReader(files: files.isEmpty ? ["-"] : files, options: recordOptions).forEach { record in
          guard !stopped else { return }
          let document = try tokenizer.tokenize(record.text)
          let scores = classifier.score(document)
          var matches: [(tokens: Range<Int>, pattern: String)] = []
          for t in themeIndexes {
            matches += scores[t].evidence.map { ($0.tokens, $0.pattern) }
            if cancelled { matches += scores[t].cancelled.map { ($0.evidence.tokens, "\($0.evidence.pattern) [cancelled: \($0.reason)]") } }
          }
          guard !matches.isEmpty else { return }
          // A sub-theme repeats its parent's evidence: one line per span.
          var seen = Set<Range<Int>>()
          matches = matches.filter { seen.insert($0.tokens).inserted }
          matches.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
          let found = KeywordInContext.lines(
            id: record.id, document: document, matches: matches, window: window,
            redactions: noRedact ? [] : redactor.findings(in: record.text))
          for line in found where !stopped {
            if sort == .none { try emit(line) } else { lines.append(line) }
            written += 1
            if limit > 0 && written >= limit { stopped = true }
          }
        }
        switch sort {
        case .none: break
        case .left: lines.sort { ($0.leftKey.lexicographicallyPrecedes($1.leftKey)) }
        case .right: lines.sort { ($0.rightKey.lexicographicallyPrecedes($1.rightKey)) }
        }
        for line in lines { try emit(line) }
      }
      if issues > 0 {
        Diagnostics.error("\(issues) record(s) could not be read")
        throw ExitCode(1)
      }
    }

    /// `id  …left | match | right…` with the left context right-aligned to 40 characters (and,
    /// for a theme, the pattern that matched).
    static func text(_ line: KeywordInContext, showPattern: Bool) -> String {
      let width = 40
      var left = line.left
      if left.count > width { left = "…" + left.suffix(width - 1) }
      var right = line.right
      if right.count > width { right = right.prefix(width - 1) + "…" }
      let padding = String(repeating: " ", count: max(0, width - left.count))
      return "\(line.id)\t\(padding)\(left) | \(line.match) | \(right)" + (showPattern ? "\t(\(line.pattern))" : "") + "\n"
    }

    static func csvField(_ value: String) -> String {
      guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
      return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
  }
}
