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

    @Flag(help: "Put each record's text in its output object (\"text\", after \"id\"), for `hark summarize --from-classified`.")
    var includeText = false

    @Flag(help: "Also write each record that cannot be read into the output, in its place, as {\"error\":{source, line, record, reason}}, so that output lines = input records.")
    var emitErrors = false

    @OptionGroup var batch: BatchOptions

    /// Records analysed together per worker before results are written out in order: at most
    /// this many, and at most ``textBytesPerWorker`` of text. Every batch costs a hand-over (a
    /// thread started, workers woken, one idle while the other finishes its last records): with
    /// 256 records a worker, 2 jobs took 1.08-1.39x as long as with 2,048 (300,000 records, 9
    /// alternating runs, median 1.30x; 1 job the same).
    static let recordsPerWorker = 2048
    /// Bounds the memory a batch holds when records are long (about twice this in output).
    static let textBytesPerWorker = 1 << 20

    @OptionGroup var sentimentOptions: SentimentOptions
    @OptionGroup var themeOptions: ThemeOptions

    func run() async throws {
      let keptColumns = keep.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
      let source = RecordSource(files: files, options: recordOptions, keep: keptColumns, batch: batch)
      try CommandRunner.run { output in
        let includeText = self.includeText
        // Readable records, and (with --emit-errors) the error lines in their places, each to
        // its output line; lines are written in input order.
        let batches = StreamingBatches(
          workers: ParallelBatch(workers: try RecordPipeline.workers(batch.jobs, sentiment: sentimentOptions, themes: themeOptions)),
          batchSize: Self.recordsPerWorker * batch.jobs, batchBytes: Self.textBytesPerWorker * batch.jobs,
          analyse: { (pipeline: RecordPipeline, item: Result<InputRecord, RecordIssue>) throws -> [UInt8] in
            switch item {
            case .success(let record):
              let result = try pipeline.analyse(record.text)
              return RecordJSON.line(
                id: record.id, text: includeText ? record.text : nil, sentiment: result.sentiment, themes: result.themes,
                alerts: result.alerts, fields: record.fields)
            case .failure(let issue):
              return RecordJSON.errorLine(issue)
            }
          },
          deliver: { lines in for line in lines { try output.write(bytes: line) } })
        do {
          try source.read(
            record: { record in try batches.add(.success(record), bytes: record.text.utf8.count) },
            issue: { issue in if emitErrors { try batches.add(.failure(issue)) } },
            beforeFailing: batches.finish,
            // A pipe's writer is slower than we are: what it sent is written out now, not when a
            // batch fills (`producer | hark classify | consumer` streams record by record).
            idle: {
              try batches.finish()
              try output.flush()
            })
        } catch let error as HarkIOError where error != .brokenPipe {
          // An input that fails mid-way (a truncated .gz): deliver the records read before it.
          try batches.finish()
          throw error
        }
        try batches.finish()
      }
      try source.finish()
    }
  }
}
