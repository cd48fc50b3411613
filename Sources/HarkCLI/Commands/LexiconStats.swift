import ArgumentParser
import Foundation
import HarkAnalysis
import HarkIO
import HarkReport
import HarkText

extension HarkCommand.Lexicon {
  /// `hark lexicon stats`: how a dictionary meets a corpus.
  struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "How a theme dictionary meets a corpus: records per theme and per pattern, token coverage, unused patterns, overlapping themes.",
      discussion: """
        For each theme: the records assigned it and the records with any match; the share of \
        word tokens its matches cover; its most frequent patterns and how many of its patterns \
        never matched. For the dictionary: the share of all word tokens inside some match \
        (LIWC's "Dic" figure) and the theme pairs assigned together most often (Jaccard \
        overlap of their records). --alerts examines the alert dictionary instead.

        Examples:
          $ hark lexicon stats --corpus corpora/big-listen/submissions.csv
          $ hark lexicon stats --themes service-feedback --corpus corpora/service-feedback/feedback.csv --show-unused
          $ hark lexicon stats --alerts --corpus corpora/big-listen/submissions.csv --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: ArgumentHelp("Records to measure against (CSV, TSV, JSONL or text; repeatable; '-' is standard input).", valueName: "FILE"))
    var corpus: [String] = []

    @Flag(help: "Examine the alert dictionary instead of the theme dictionaries.")
    var alerts = false

    @Option(help: "Patterns listed per theme, most frequent first.")
    var top = 5

    @Flag(help: "List every pattern that never matched.")
    var showUnused = false

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @OptionGroup var recordOptions: RecordOptions
    @OptionGroup var themeOptions: ThemeOptions
    @OptionGroup var sentimentOptions: SentimentOptions

    func validate() throws {
      if corpus.isEmpty { throw ValidationError("give the records to measure with --corpus FILE") }
    }

    func run() async throws {
      var issues = 0
      try CommandRunner.run { output in
        let (themes, alertClassifier) = try themeOptions.makeClassifiers(lexiconDirectory: try sentimentOptions.lexicons())
        var usages = (alerts ? [alertClassifier] : themes).map(DictionaryUsage.init)
        let tokenizer = try Tokenizer()
        issues = try CorpusReader(files: corpus, options: recordOptions).forEach { record in
          let document = try tokenizer.tokenize(record.text)
          for k in usages.indices { usages[k].add(document) }
        }
        let names = (alerts ? [alertClassifier] : themes).map(\.dictionary.name)
        switch format {
        case .text: try output.write(zip(names, usages).map { text(name: $0, $1) }.joined(separator: "\n"))
        case .json:
          let object = zip(names, usages).map { json(name: $0, $1) }
          let data = try JSONSerialization.data(withJSONObject: object.count == 1 ? object[0] : object, options: [.sortedKeys])
          try output.write(bytes: Array(data) + [0x0A])
        }
      }
      if issues > 0 {
        Diagnostics.error("\(issues) record(s) could not be read")
        throw ExitCode(1)
      }
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
      whole > 0 ? String(format: "%.1f%%", 100 * Double(part) / Double(whole)) : "–"
    }

    private func text(name: String, _ usage: DictionaryUsage) -> String {
      var out = "dictionary \(name): \(usage.records) records, \(usage.wordTokens) word tokens, \(String(format: "%.1f%%", usage.coverage * 100)) covered by some match (Dic)\n\n"
      out += "theme\tassigned\tmatched\ttoken coverage\tpatterns used\n"
      for theme in usage.themes {
        let used = theme.patternRecords.values.count { $0 > 0 }
        out += "\(theme.id)\t\(theme.assigned) (\(percent(theme.assigned, usage.records)))\t\(theme.matched)\t\(percent(theme.coveredTokens, usage.wordTokens))\t\(used)/\(theme.patternRecords.count)\n"
      }
      out += "\n"
      for theme in usage.themes {
        let ranked = theme.patternRecords.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let shown = ranked.prefix(top).filter { $0.value > 0 }.map { "\($0.key) (\($0.value))" }
        let unused = ranked.filter { $0.value == 0 }.map(\.key).sorted()
        out += "\(theme.id): " + (shown.isEmpty ? "no pattern matched" : shown.joined(separator: ", "))
        out += "; \(unused.count) never matched"
        if showUnused && !unused.isEmpty { out += ": " + unused.joined(separator: ", ") }
        out += "\n"
      }
      let overlaps = usage.overlaps()
      if !overlaps.isEmpty {
        out += "\nmost overlapping themes (records assigned both, Jaccard):\n"
        for pair in overlaps { out += "  \(pair.first) + \(pair.second): \(pair.both) (\(String(format: "%.3f", pair.jaccard)))\n" }
      }
      return out
    }

    private func json(name: String, _ usage: DictionaryUsage) -> [String: Any] {
      [
        "dictionary": name, "records": usage.records, "word_tokens": usage.wordTokens, "covered_tokens": usage.coveredTokens,
        "coverage": usage.coverage,
        "themes": usage.themes.map { theme -> [String: Any] in
          [
            "id": theme.id, "label": theme.label, "assigned": theme.assigned, "matched": theme.matched,
            "covered_tokens": theme.coveredTokens, "patterns": theme.patternRecords,
            "unused": theme.patternRecords.filter { $0.value == 0 }.map(\.key).sorted(),
          ]
        },
        "overlaps": usage.overlaps().map { ["themes": [$0.first, $0.second], "both": $0.both, "jaccard": $0.jaccard] as [String: Any] },
      ]
    }
  }
}
