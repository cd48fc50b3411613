import ArgumentParser
import Foundation

/// Options of the commands that process a batch of records (`classify`, `summarize`): errors,
/// limits, progress and worker threads.
struct BatchOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Also write every record that could not be read to FILE, as JSONL (source, line, record, reason).", valueName: "FILE"))
  var errors: String?

  @Option(help: "On a record that cannot be read: skip (report it, go on; exit status 1 at the end) or fail (stop at once, exit status 1).")
  var onError: ErrorPolicy = .skip

  @Option(help: "Records whose text is longer than this many UTF-8 bytes are reported, not analysed.")
  var maxRecordBytes: Int = 10_000_000

  @Flag(help: "No progress line and no summary on standard error.")
  var quiet = false

  @Option(help: "Worker threads (default: all cores). Output order and bytes do not depend on it.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  enum ErrorPolicy: String, ExpressibleByArgument, CaseIterable {
    case skip, fail
  }

  func validate() throws {
    if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if maxRecordBytes < 1 { throw ValidationError("--max-record-bytes must be at least 1") }
  }
}
