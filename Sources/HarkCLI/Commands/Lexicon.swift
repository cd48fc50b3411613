import ArgumentParser
import Foundation
import HarkLexicon

extension HarkCommand {
  /// `hark lexicon`: tools for dictionaries.
  struct Lexicon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Tools for lexicons and theme dictionaries.",
      subcommands: [Stats.self, Suggest.self, Convert.self, Lint.self]
    )
  }
}

extension HarkCommand.Lexicon {
  /// `hark lexicon convert`: LIWC `.dic` or quanteda YAML to Hark YAML.
  struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert a LIWC .dic or a quanteda YAML dictionary into Hark's theme dictionary YAML.",
      discussion: """
        LIWC: the %-delimited legend (tab-indented sub-categories become children), then one \
        pattern per line with its category ids; conditional entries are skipped with a warning on \
        standard error; Windows-1252 files are read. quanteda: a YAML mapping of categories to \
        word lists or to sub-category mappings. The output loads with --themes PATH.

        Example:
          $ hark lexicon convert my-categories.dic > my-categories.yaml
          $ hark classify --themes my-categories.yaml responses.csv
        """
    )

    enum Source: String, ExpressibleByArgument, CaseIterable {
      case auto, liwc, quanteda
    }

    @Argument(help: "The dictionary to convert.")
    var input: String

    @Option(help: "Its format: auto (.dic is LIWC, .yml/.yaml is quanteda), liwc or quanteda.")
    var from: Source = .auto

    @Option(name: .shortAndLong, help: "Write to FILE instead of standard output.")
    var output: String?

    func run() async throws {
      let lower = input.lowercased()
      let source: Source = from != .auto ? from : (lower.hasSuffix(".yml") || lower.hasSuffix(".yaml")) ? .quanteda : .liwc
      try CommandRunner.run { sink in
        let dictionary: ThemeDictionary
        switch source {
        case .quanteda:
          dictionary = try ThemeDictionary.importQuanteda(path: input)
        default:
          let (imported, warnings) = try ThemeDictionary.importLIWC(path: input)
          warnings.forEach(Diagnostics.warn)
          dictionary = imported
        }
        let yaml = try dictionary.yaml()
        if let output {
          do {
            try yaml.write(toFile: output, atomically: true, encoding: .utf8)
          } catch {
            Diagnostics.error("\(output): cannot write: \(error.localizedDescription)")
            throw ExitCode(74)
          }
        } else {
          try sink.write(yaml)
        }
      }
    }
  }
}
