import ArgumentParser
import Foundation
import HarkAnalysis
import HarkIO
import HarkReport
import HarkText

extension HarkCommand {
  /// `hark summarize`: the themed summary report, from raw records or from `hark classify` output.
  struct Summarize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Themed summary report: themes with shares and intervals, sentiment, segments, quotes, campaigns, alerts.",
      discussion: """
        Reads records as `hark classify` does (or, with --from-classified, the JSONL that \
        `hark classify --include-text` writes) and builds the summary in one streaming pass, in \
        memory bounded by configuration. For the run: records read, empty, errors and the share \
        matched by no theme; alerts (count and record ids, never quoted); campaigns \
        (near-duplicate clusters with their template and what each member added). For each \
        theme: count and share with a Wilson 95% interval, sentiment split and mean with an \
        interval, the theme's own sentiment, co-occurring themes, distinctive terms (log-odds \
        ratio with an informative Dirichlet prior) and representative quotes, redacted. Each \
        --by column breaks the themes down by its values and flags segments that differ \
        significantly from the rest.

        --partial FILE writes the exact aggregate state; `hark merge` combines such states into \
        the report one run over all the input would give.

        Examples:
          $ hark summarize corpora/big-listen/submissions.csv --by respondent_type
          $ hark summarize responses.csv --by respondent_type --by region --format html -o report.html
          $ hark classify responses.csv --include-text --keep respondent_type | hark summarize --from-classified --by respondent_type
          $ hark summarize part1.csv --partial part1.json --format json -o /dev/null
        """
    )

    @Argument(help: "Input files; none or '-' reads standard input.")
    var files: [String] = []

    @OptionGroup var recordOptions: RecordOptions

    @Option(name: .customLong("by"), help: ArgumentHelp("Break the report down by this column's values (repeatable, or comma-separated).", valueName: "COLUMN"))
    var segmentColumns: [String] = []

    @Flag(help: "The input is `hark classify --include-text` JSONL (with the --by columns kept in 'fields'), not raw records.")
    var fromClassified = false

    @Option(help: "Records kept in the near-duplicate index (a memory cap; each keeps up to 1,000 bytes of its text).")
    var campaignCapacity = 50_000

    @Option(help: "Distinct terms counted exactly (a memory cap; beyond it the rarest are pruned).")
    var termCapacity = 400_000

    @OptionGroup var report: ReportOutputOptions
    @OptionGroup var batch: BatchOptions
    @OptionGroup var sentimentOptions: SentimentOptions
    @OptionGroup var themeOptions: ThemeOptions

    /// Records analysed together per worker (at most this many, and at most
    /// ``textBytesPerWorker`` of text); see ``Classify/recordsPerWorker``. Each result holds its
    /// tokenised document until the batch is added up, so batches are smaller than classify's:
    /// 1,024 records a worker took 0.95x the time of 256 (2 jobs, 100,000 records, 5 runs each;
    /// peak RSS 127 MB against 124 MB).
    static let recordsPerWorker = 1024
    static let textBytesPerWorker = 1 << 19

    func validate() throws {
      if campaignCapacity < 1 || termCapacity < 1 { throw ValidationError("capacities must be at least 1") }
    }

    var columns: [String] {
      segmentColumns.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    func run() async throws {
      let columns = self.columns
      let source =
        fromClassified
        ? RecordSource(files: files, options: classifiedRecordOptions, keep: [], batch: batch)
        : RecordSource(files: files, options: recordOptions, keep: columns, batch: batch)
      // A reference, so that the count made inside the runner's closure is read after it.
      let malformed = Tally()
      try CommandRunner.run { output in
        let pipelines = try RecordPipeline.workers(batch.jobs, sentiment: sentimentOptions, themes: themeOptions)
        let extractor = try TermExtractor.load(lexiconDirectory: try sentimentOptions.lexicons())
        let (themes, alerts) = pipelines[0].categories()
        var configuration = SummaryConfiguration(
          themes: themes, alerts: alerts, dictionaries: pipelines[0].themeClassifiers.map(\.dictionary.name), segmentColumns: columns)
        configuration.campaignCapacity = campaignCapacity
        configuration.termCapacity = termCapacity
        var state = SummaryState(configuration: configuration)
        let fromClassified = self.fromClassified
        let textField = recordOptions.textColumn
        /// Each record's contribution: a summary, or (classified input) an error line or a
        /// malformed line's reason.
        enum Outcome { case summary(SummaryRecord), classifierError, malformed(String) }
        // Each batch is added up while the next one is read and analysed.
        let batches = StreamingBatches(
          workers: ParallelBatch(workers: pipelines), batchSize: Self.recordsPerWorker * batch.jobs,
          batchBytes: Self.textBytesPerWorker * batch.jobs,
          analyse: { (pipeline: RecordPipeline, record: InputRecord) throws -> Outcome in
            if fromClassified {
              do {
                switch try ClassifiedRecord.parse(line: record.text, textField: textField, columns: columns) {
                case .error: return .classifierError
                case .record(let parsed): return .summary(try parsed.summary(tokenizer: pipeline.tokenizer, extractor: extractor))
                }
              } catch let error as ClassifiedRecordError {
                return .malformed("\(record.line) (record \(record.number)): \(error.reason)")
              }
            }
            let result = try pipeline.analyseDocument(record.text)
            let values = columns.map { column in record.fields.first { $0.name == column }?.value ?? "" }
            return .summary(
              SummaryRecord(
                id: record.id, document: result.document, sentiment: result.sentiment,
                themes: result.themes.map { .init(id: $0.id, score: $0.score, sentiment: $0.sentiment) },
                alerts: result.alerts.map(\.id), segments: values, extractor: extractor))
          },
          deliver: { outcomes in
            for outcome in outcomes {
              switch outcome {
              case .summary(let summary): state.add(summary)
              case .classifierError: state.addError()
              case .malformed(let reason):
                // Counted as an error record, so records in = records summarised + errors.
                state.addError()
                malformed.count += 1
                Diagnostics.error("line \(reason)")
              }
            }
          })
        try source.read(
          record: { record in try batches.add(record, bytes: record.text.utf8.count) },
          issue: { _ in state.addError() },
          beforeFailing: {})
        try batches.finish()
        try report.write(state, to: output)
      }
      if malformed.count > 0 { Diagnostics.error("\(malformed.count) classified line(s) could not be read") }
      try source.finish()
      if malformed.count > 0 { throw ExitCode(1) }
    }

    /// Classified JSONL is read whole per line: the "record" is the line's JSON object.
    private var classifiedRecordOptions: RecordOptions {
      var options = RecordOptions()
      options.inputFormat = .text
      options.textColumn = recordOptions.textColumn
      options.idColumn = recordOptions.idColumn
      return options
    }
  }
}

/// A counter shared by reference.
final class Tally {
  var count = 0
}
