import ArgumentParser
import Foundation
import HarkIO

/// The reading loop shared by the batch commands: every source in turn, each readable record
/// handed on in input order, each unreadable one (malformed, or over `--max-record-bytes`)
/// reported on standard error and in `--errors FILE`, counted, and handed on as an issue, so that
/// records in = records handed on + issues.
final class RecordSource {
  private let sources: [String]
  private let options: RecordOptions
  private let keep: [String]
  private let batch: BatchOptions
  let progress: Progress
  private(set) var issues = 0

  init(files: [String], options: RecordOptions, keep: [String], batch: BatchOptions) {
    sources = files.isEmpty ? ["-"] : files
    self.options = options
    self.keep = keep
    self.batch = batch
    progress = Progress(paths: sources, quiet: batch.quiet)
  }

  /// Reads everything. `record` gets each readable record; `issue` each unreadable one after it
  /// has been reported. With `--on-error fail`, `beforeFailing` runs (to flush what is pending)
  /// and the run stops with exit status 1. A missing text column stops it with status 64.
  /// `idle` runs whenever reading on would wait for a slower writer of a pipe (everything sent so
  /// far has been handed on): the moment to write out what is pending.
  func read(
    record: (InputRecord) throws -> Void, issue: (RecordIssue) throws -> Void, beforeFailing: () throws -> Void,
    idle: () throws -> Void = {}
  ) throws {
    let errorSink: OutputSink? = try batch.errors.map { path in
      let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      if descriptor < 0 { throw HarkIOError.system(operation: "open", path: path, errno: errno) }
      return OutputSink(descriptor: descriptor)
    }
    defer { try? errorSink?.flush() }
    func report(_ problem: RecordIssue) throws {
      issues += 1
      progress.add(bytes: 0)
      Diagnostics.error(problem.description)
      if let errorSink {
        var line: [UInt8] = []
        RecordJSON.appendIssue(problem, to: &line)
        line.append(0x0A)
        try errorSink.write(bytes: line)
      }
      try issue(problem)
      if batch.onError == .fail {
        try beforeFailing()
        throw ExitCode(1)
      }
    }
    try CorpusReader(files: sources, options: options, keep: keep).forEachResult(idle: idle) { result, readerName in
      switch result {
      case .failure(let problem):
        try report(problem)
      case .success(let input) where input.text.utf8.count > batch.maxRecordBytes:
        try report(
          RecordIssue(
            source: readerName, line: input.line, record: input.number,
            reason: "text of \(input.text.utf8.count) bytes exceeds --max-record-bytes \(batch.maxRecordBytes)"))
      case .success(let input):
        if input.hadInvalidUTF8 {
          Diagnostics.warn("\(readerName):\(input.line): record \(input.number): invalid UTF-8 replaced with U+FFFD")
        }
        progress.add(bytes: input.text.utf8.count)
        try record(input)
      }
    }
  }

  /// The end of a run: the summary line, and exit status 1 when records could not be read.
  func finish() throws {
    progress.finish(errors: issues, quiet: batch.quiet)
    if issues > 0 {
      Diagnostics.error("\(issues) record(s) could not be read")
      throw ExitCode(1)
    }
  }
}

/// Opens each source in turn and hands on every record or issue in input order, numbering records
/// across sources; a missing text (or kept) column stops the run with status 64 after listing the
/// columns there are. The researcher tools use `forEach`, which reports issues and counts them.
struct CorpusReader {
  var files: [String]
  var options: RecordOptions
  var keep: [String] = []

  /// - Parameter idle: called after a record when reading on would wait for the writer of a pipe
  ///   (``RecordReader/wouldWait``).
  func forEachResult(idle: () throws -> Void = {}, _ body: (Result<InputRecord, RecordIssue>, _ readerName: String) throws -> Void) throws {
    var number = 0
    for source in files {
      let reader: RecordReader
      do {
        reader = try options.reader(source, keep: keep)
      } catch let error as RecordReaderError {
        Diagnostics.error(error.description)
        throw ExitCode(64)
      }
      while let result = try reader.next(number: number + 1) {
        number += 1
        try body(result, reader.name)
        if reader.wouldWait { try idle() }
      }
    }
  }

  /// Calls `body` with each readable record; reports the others on standard error and returns
  /// how many there were.
  func forEach(_ body: (InputRecord) throws -> Void) throws -> Int {
    var issues = 0
    try forEachResult { result, _ in
      switch result {
      case .success(let record): try body(record)
      case .failure(let issue):
        Diagnostics.error(issue.description)
        issues += 1
      }
    }
    return issues
  }
}
