import ArgumentParser
import Foundation
import HarkAnalysis
import HarkIO
import HarkText

extension HarkCommand {
  /// `hark classify`: per-record sentiment, themes and alerts from CSV, TSV, JSONL or text.
  struct Classify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score every record: one JSON object per input record, in input order.",
      discussion: """
        Reads records from files or standard input ('-' or none): CSV or TSV with a header \
        (RFC 4180 quoting), JSONL, or plain text (one record per line). Writes one JSON object \
        per record, in input order: its id (the --id-column value, else the record number), \
        its sentiment, the themes assigned (highest score first, each with its own sentiment and \
        the evidence: the words, their Unicode scalar offsets and the pattern that fired) and the \
        alerts (distress, safeguarding_disclosure, threat), and the --keep columns under \
        'fields'. A record that cannot be read is reported on standard error with its file, \
        line and reason and counted; the exit status is then 1. A missing text column exits 64 \
        and lists the columns there are.

        Example:
          $ printf 'Staff were lovely\\nThe wait was awful\\n' | hark classify
          {"id":"1","sentiment":{"label":"positive",…},"themes":[],"alerts":[]}
          $ echo "Single-word judgements are unfair and the stress is unbearable" | hark classify
          {"id":"1","sentiment":{…},"themes":[{"id":"grading","score":1.0,"sentiment":-0.63,"evidence":[{"text":"Single-word judgements","start":0,"end":22,"pattern":"single-word judgement*"}]},…],"alerts":[]}
          $ hark classify --themes service-feedback comments.txt
          $ hark classify corpora/big-listen/submissions.csv --keep respondent_type,region
          $ hark classify --sentiment vader --sentiment-lexicon vader_lexicon.txt --emoji-lexicon emoji_utf8_lexicon.txt comments.txt
        """
    )

    @Argument(help: "Input files; none or '-' reads standard input.")
    var files: [String] = []

    @OptionGroup var recordOptions: RecordOptions

    @Option(help: ArgumentHelp("Columns to carry into each output record's 'fields', comma-separated.", valueName: "COL,..."))
    var keep: String?

    @Option(help: ArgumentHelp("Also write every record that could not be read to FILE, as JSONL (source, line, record, reason).", valueName: "FILE"))
    var errors: String?

    @Option(help: "On a record that cannot be read: skip (report it, go on; exit status 1 at the end) or fail (stop at once, exit status 1).")
    var onError: ErrorPolicy = .skip

    @Option(help: "Records whose text is longer than this many UTF-8 bytes are reported, not analysed.")
    var maxRecordBytes: Int = 10_000_000

    enum ErrorPolicy: String, ExpressibleByArgument, CaseIterable {
      case skip, fail
    }

    @Flag(help: "No progress line and no summary on standard error.")
    var quiet = false

    @Option(help: "Worker threads (default: all cores). Output order and bytes do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    /// Records analysed together per worker before results are written out in order.
    static let recordsPerWorker = 256

    func validate() throws {
      if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
      if maxRecordBytes < 1 { throw ValidationError("--max-record-bytes must be at least 1") }
    }

    @OptionGroup var sentimentOptions: SentimentOptions
    @OptionGroup var themeOptions: ThemeOptions

    func run() async throws {
      let sources = files.isEmpty ? ["-"] : files
      let keptColumns = keep.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
      var issues = 0
      let progress = Progress(paths: sources, quiet: quiet)
      try CommandRunner.run { output in
        let first = try RecordPipeline(sentiment: sentimentOptions, themes: themeOptions)
        let pipelines = try [first] + (1..<jobs).map { _ in try first.copy() }
        let workers = ParallelBatch(workers: pipelines)
        var batch: [InputRecord] = []
        func flush() throws {
          let lines = try workers.map(batch) { pipeline, record -> [UInt8] in
            let result = try pipeline.analyse(record.text)
            return RecordJSON.line(id: record.id, sentiment: result.sentiment, themes: result.themes, alerts: result.alerts, fields: record.fields)
          }
          for line in lines { try output.write(bytes: line) }
          batch.removeAll(keepingCapacity: true)
        }
        let errorSink: OutputSink? = try errors.map { path in
          let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
          if descriptor < 0 { throw HarkIOError.system(operation: "open", path: path, errno: errno) }
          return OutputSink(descriptor: descriptor)
        }
        defer { try? errorSink?.flush() }
        func report(_ issue: RecordIssue) throws {
          // Counted and reported; no output record (records in = records out + issues).
          issues += 1
          progress.add(bytes: 0)
          Diagnostics.error(issue.description)
          if let errorSink {
            var line: [UInt8] = []
            line.append(contentsOf: #"{"source":"#.utf8)
            JSONText.appendString(issue.source, to: &line)
            line.append(contentsOf: #","line":"#.utf8)
            JSONText.appendInt(issue.line, to: &line)
            line.append(contentsOf: #","record":"#.utf8)
            JSONText.appendInt(issue.record, to: &line)
            line.append(contentsOf: #","reason":"#.utf8)
            JSONText.appendString(issue.reason, to: &line)
            line.append(contentsOf: "}\n".utf8)
            try errorSink.write(bytes: line)
          }
          if onError == .fail {
            try flush()
            throw ExitCode(1)
          }
        }
        var number = 0
        for source in sources {
          let reader: RecordReader
          do {
            reader = try recordOptions.reader(source, keep: keptColumns)
          } catch let error as RecordReaderError {
            Diagnostics.error(error.description)
            throw ExitCode(64)
          }
          while let result = try reader.next(number: number + 1) {
            number += 1
            switch result {
            case .failure(let issue):
              try report(issue)
            case .success(let record) where record.text.utf8.count > maxRecordBytes:
              try report(
                RecordIssue(
                  source: reader.name, line: record.line, record: record.number,
                  reason: "text of \(record.text.utf8.count) bytes exceeds --max-record-bytes \(maxRecordBytes)"))
            case .success(let record):
              if record.hadInvalidUTF8 {
                Diagnostics.warn("\(reader.name):\(record.line): record \(record.number): invalid UTF-8 replaced with U+FFFD")
              }
              progress.add(bytes: record.text.utf8.count)
              batch.append(record)
              if batch.count >= Self.recordsPerWorker * jobs { try flush() }
            }
          }
        }
        try flush()
      }
      progress.finish(errors: issues, quiet: quiet)
      if issues > 0 {
        Diagnostics.error("\(issues) record(s) could not be read")
        throw ExitCode(1)
      }
    }
  }
}

