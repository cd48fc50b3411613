import ArgumentParser
import Foundation
import HarkIO
import HarkReport

extension HarkCommand {
  /// `hark merge`: combine partial summary states into one report.
  struct Merge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Combine partial summary states (from `hark summarize --partial`) into one report.",
      discussion: """
        The merge is exact: the report equals the one a single `hark summarize` over all the \
        input would give, whatever the split and the order of the files (while no memory cap was \
        reached; a report says when one was). The states must come from the same dictionaries \
        and --by columns.

        Examples:
          $ hark summarize a.csv --by respondent_type --partial a.json -o /dev/null
          $ hark summarize b.csv --by respondent_type --partial b.json -o /dev/null
          $ hark merge a.json b.json --format html -o report.html
          $ hark merge shards/*.json --partial all.json --format json
        """
    )

    @Argument(help: "Partial state files written by `hark summarize --partial` (or by `hark merge --partial`).")
    var states: [String]

    @OptionGroup var report: ReportOutputOptions

    func validate() throws {
      if states.isEmpty { throw ValidationError("give at least one partial state file") }
    }

    func run() async throws {
      try CommandRunner.run { output in
        var merged: SummaryState?
        for path in states {
          let data: Data
          do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
          } catch {
            throw SummaryError.unreadable(path: path, reason: (error as NSError).localizedDescription)
          }
          let state = try SummaryState.decode(data, path: path)
          if merged == nil {
            merged = state
          } else {
            try merged!.merge(state)
          }
        }
        try report.write(merged!, to: output)
      }
    }
  }
}
