import ArgumentParser
import Foundation
import HarkIO
import HarkLexicon

extension HarkCommand.Lexicon {
  /// `hark lexicon lint`: what is wrong in hand-edited lexicons and dictionaries.
  struct Lint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check sentiment lists, shifter lists and theme or alert dictionaries for mistakes.",
      discussion: """
        Reads each FILE as Hark would: .tsv and .txt files as sentiment word lists (Hark's \
        term<TAB>valence, VADER's and AFINN's formats as --sentiment-lexicon reads them), as a \
        shifter list when named after one (negators.tsv, amplifiers.tsv, dampeners.tsv, \
        adversatives.tsv, irrealis.tsv) or as a plain word list (.txt with one term a line); .yaml \
        and .yml files as theme or alert dictionaries. A folder stands for the lexicon files under \
        it. Word lists given together are also checked against each other.

        Errors (exit status 1): lines a loader rejects, valences outside -4..+4 or not numbers, \
        conflicting valences for one term, globs that are only wildcards or contain '**', regular \
        expressions that do not compile, weights of 0 or less, duplicate theme ids, empty \
        exclude/unless_preceded_by/near phrases, YAML that does not parse.

        Warnings (exit status 0 if there are no errors): duplicate entries and patterns, terms \
        not in normal form (the form `hark normalize` prints), globs with fewer than 4 letters \
        before '*', patterns that can never fire (an exclusion of the theme always cancels them) \
        or never add anything (another pattern matches the same words), the same pattern in \
        unrelated themes, top-level themes with fewer than --min-patterns patterns, unknown keys.

        Output: one finding a line, FILE:LINE: error|warning: message [code], sorted by file and \
        line, then a summary on standard error. --format json prints one object: {"files": N, \
        "errors": N, "warnings": N, "findings": [{"file", "line", "severity", "code", "message", \
        "theme", "pattern"}]}, with null where a finding has no line, theme or pattern.

        Examples:
          $ hark lexicon lint lexicons/
          $ hark lexicon lint my-words.tsv lexicons/themes/big-listen.yaml
          $ hark lexicon lint --format json --min-patterns 40 my-themes.yaml | jq '.findings[]'
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @Argument(help: "Lexicon files or folders to check.")
    var files: [String] = []

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(
      name: .customLong("min-patterns"),
      help: ArgumentHelp("Warn about top-level themes with fewer patterns than this.", valueName: "N"))
    var minPatterns: Int = LexiconLinter.defaultMinimumPatterns

    func validate() throws {
      if files.isEmpty { throw ValidationError("name at least one lexicon file or folder") }
      if minPatterns < 0 { throw ValidationError("--min-patterns must be 0 or more") }
    }

    func run() async throws {
      let report = LexiconLinter(minimumPatterns: minPatterns).lint(paths: files)
      try CommandRunner.run { sink in
        switch format {
        case .text:
          for finding in report.findings { try sink.write(finding.description + "\n") }
        case .json:
          try sink.write(bytes: Self.json(report))
        }
      }
      let errors = report.errorCount
      let warnings = report.warningCount
      let summary =
        "hark lexicon lint: \(report.files.count) file\(report.files.count == 1 ? "" : "s"), "
        + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
      FileHandle.standardError.write(Data(summary.utf8))
      if report.hasErrors { throw ExitCode(1) }
    }

    /// The report as one JSON object and a newline.
    static func json(_ report: LintReport) -> [UInt8] {
      var out: [UInt8] = []
      func key(_ name: String) { JSONText.appendKey(name, to: &out) }
      func string(_ value: String?) {
        if let value { JSONText.appendString(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
      }
      out.append(UInt8(ascii: "{"))
      key("files")
      JSONText.appendInt(report.files.count, to: &out)
      out.append(UInt8(ascii: ","))
      key("errors")
      JSONText.appendInt(report.errorCount, to: &out)
      out.append(UInt8(ascii: ","))
      key("warnings")
      JSONText.appendInt(report.warningCount, to: &out)
      out.append(UInt8(ascii: ","))
      key("findings")
      out.append(UInt8(ascii: "["))
      for (i, finding) in report.findings.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "{"))
        key("file")
        string(finding.file)
        out.append(UInt8(ascii: ","))
        key("line")
        if let line = finding.line { JSONText.appendInt(line, to: &out) } else { out.append(contentsOf: "null".utf8) }
        out.append(UInt8(ascii: ","))
        key("severity")
        string(finding.severity.rawValue)
        out.append(UInt8(ascii: ","))
        key("code")
        string(finding.code.rawValue)
        out.append(UInt8(ascii: ","))
        key("message")
        string(finding.message)
        out.append(UInt8(ascii: ","))
        key("theme")
        string(finding.theme)
        out.append(UInt8(ascii: ","))
        key("pattern")
        string(finding.pattern)
        out.append(UInt8(ascii: "}"))
      }
      out.append(contentsOf: "]}\n".utf8)
      return out
    }
  }
}
