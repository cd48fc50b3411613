import ArgumentParser
import Foundation
import HarkAnalysis
import HarkIO
import HarkReport
import HarkText

extension HarkCommand.Lexicon {
  /// `hark lexicon suggest`: candidate patterns for a theme, from a corpus.
  struct Suggest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Suggest words and phrases a theme's patterns are missing, from a corpus.",
      discussion: """
        Classifies the corpus, then lists (1) words and two-word phrases over-represented in the \
        records assigned the theme against all other records (log-odds ratio with an informative \
        Dirichlet prior, z ≥ 1.96, counted in records) and (2) terms frequent in records no theme \
        matched that lean towards the theme. Terms the dictionary already matches are left out \
        (for (1), the theme's own patterns; for (2), any theme's). Each candidate comes with its \
        counts and two keyword-in-context lines, redacted unless --no-redact. The corpus is read \
        twice, so it must be files, not standard input.

        Example:
          $ hark lexicon suggest --theme workload --corpus corpora/big-listen/submissions.csv
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .customLong("theme"), help: ArgumentHelp("The theme to find candidates for.", valueName: "ID"))
    var theme: String

    @Option(help: ArgumentHelp("Records to learn from (files; repeatable).", valueName: "FILE"))
    var corpus: [String] = []

    @Option(help: "Candidates listed from each source.")
    var limit = 20

    @Option(help: "A candidate must occur in at least this many records.")
    var minDocuments = 3

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Do not redact personal data in the examples.")
    var noRedact = false

    @OptionGroup var recordOptions: RecordOptions
    @OptionGroup var themeOptions: ThemeOptions
    @OptionGroup var sentimentOptions: SentimentOptions

    func validate() throws {
      if corpus.isEmpty { throw ValidationError("give the records to learn from with --corpus FILE") }
      if corpus.contains("-") { throw ValidationError("suggest reads the corpus twice: give files, not standard input") }
      if limit < 1 || minDocuments < 1 { throw ValidationError("--limit and --min-documents must be at least 1") }
    }

    func run() async throws {
      var issues = 0
      try CommandRunner.run { output in
        let directory = try sentimentOptions.lexicons()
        let (classifiers, _) = try themeOptions.makeClassifiers(lexiconDirectory: directory)
        let home = try ThemeOptions.classifier(defining: theme, among: classifiers)
        let all = home.dictionary.allThemes
        let themeIndexes = Set(all.indices.filter { all[$0].id == theme || all[$0].parent == theme })
        let tokenizer = try Tokenizer()
        let reader = CorpusReader(files: corpus, options: recordOptions)
        var suggester = TermSuggester(extractor: try TermExtractor.load(lexiconDirectory: directory))
        /// Whether the record has the theme, and whether it has none at all.
        func groups(_ document: Document) -> (inTheme: Bool, unclassified: Bool) {
          var inTheme = false
          var any = false
          for classifier in classifiers {
            let scores = classifier.score(document)
            if classifier.dictionary.name == home.dictionary.name {
              inTheme = themeIndexes.contains { scores[$0].isAssigned }
            }
            any = any || scores.contains { $0.isAssigned }
          }
          return (inTheme, !any)
        }
        issues = try reader.forEach { record in
          let document = try tokenizer.tokenize(record.text)
          let (inTheme, unclassified) = groups(document)
          suggester.add(document, inTheme: inTheme, unclassified: unclassified)
        }
        func covered(_ term: String, _ source: TermSuggester.Suggestion.Source) -> Bool {
          guard let document = try? tokenizer.tokenize(term) else { return false }
          switch source {
          case .theme:
            let scores = home.score(document)
            return themeIndexes.contains { !scores[$0].evidence.isEmpty || !scores[$0].cancelled.isEmpty }
          case .unclassified:
            return classifiers.contains { $0.score(document).contains { !$0.evidence.isEmpty } }
          }
        }
        var suggestions = suggester.suggestions(minimumDocuments: minDocuments, limit: limit, isCovered: covered)
        let redactor = Redactor()
        _ = try reader.forEach { record in
          guard suggestions.contains(where: { $0.examples.count < 2 }) else { return }
          let document = try tokenizer.tokenize(record.text)
          let (inTheme, unclassified) = groups(document)
          suggester.addExamples(
            to: &suggestions, id: record.id, document: document, inTheme: inTheme, unclassified: unclassified,
            redactions: noRedact ? [] : redactor.findings(in: record.text))
        }
        switch format {
        case .text:
          for source in [TermSuggester.Suggestion.Source.theme, .unclassified] {
            let list = suggestions.filter { $0.source == source }
            try output.write(
              source == .theme
                ? "Over-represented in records assigned \(theme) (not yet matched by its patterns):\n"
                : "\nFrequent in records no theme matched, leaning towards \(theme) (not matched by any theme):\n")
            if list.isEmpty { try output.write("  (none)\n") }
            for s in list {
              try output.write(
                "  \(s.term)\tz \(String(format: "%.2f", s.z))\tin theme \(s.themeDocuments)\tother \(s.otherDocuments)\tunclassified \(s.unclassifiedDocuments)\n")
              for example in s.examples {
                try output.write("      \(example.id): …\(example.left) [\(example.match)] \(example.right)…\n")
              }
            }
          }
        case .json:
          let object = suggestions.map { s -> [String: Any] in
            [
              "term": s.term, "source": s.source.rawValue, "z": s.z, "theme_documents": s.themeDocuments,
              "other_documents": s.otherDocuments, "unclassified_documents": s.unclassifiedDocuments,
              "examples": s.examples.map { ["id": $0.id, "left": $0.left, "match": $0.match, "right": $0.right] },
            ]
          }
          let data = try JSONSerialization.data(withJSONObject: ["theme": theme, "suggestions": object], options: [.sortedKeys])
          try output.write(bytes: Array(data) + [0x0A])
        }
      }
      if issues > 0 {
        Diagnostics.error("\(issues) record(s) could not be read")
        throw ExitCode(1)
      }
    }
  }
}
