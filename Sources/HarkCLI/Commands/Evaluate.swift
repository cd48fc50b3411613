import ArgumentParser
import Foundation
import HarkAnalysis
import HarkIO

extension HarkCommand {
  /// `hark evaluate`: agreement with a hand-coded gold standard.
  struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare Hark's themes, sentiment and alerts with a hand-coded gold file.",
      discussion: """
        Classifies the records (same input options as classify) and compares them, by id, with \
        the gold file: CSV or JSONL with the columns id, themes (ids separated by ';'), sentiment \
        (positive, negative, neutral or mixed) and optionally alerts (';'-separated). Reports \
        per-theme precision, recall and F1 with bootstrap 95% intervals (1,000 resamples of the \
        documents, fixed seed), micro and macro averages, sentiment macro-F1 with its confusion \
        matrix, alert recall and the false-alert rate.

        Example:
          $ hark evaluate corpora/big-listen/submissions.csv --gold corpora/big-listen/gold.csv
          | theme | support | TP | FP | FN | precision | recall | F1 |
          | grading | 284 | 249 | 48 | 35 | 0.838 (0.797-0.878) | 0.877 (0.836-0.917) | 0.857 (0.825-0.885) |
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case markdown, json
    }

    @Argument(help: "Input files with the records; none or '-' reads standard input.")
    var files: [String] = []

    @Option(help: "The gold file (CSV or JSONL): id, themes, sentiment[, alerts].")
    var gold: String

    @Option(help: "Output format: markdown or json.")
    var format: Format = .markdown

    @OptionGroup var recordOptions: RecordOptions
    @OptionGroup var sentimentOptions: SentimentOptions
    @OptionGroup var themeOptions: ThemeOptions

    func run() async throws {
      try CommandRunner.run { output in
        let goldRecords = try Self.readGold(gold)
        let pipeline = try RecordPipeline(sentiment: sentimentOptions, themes: themeOptions)
        var items: [Evaluation.Item] = []
        var unmatched = 0
        var number = 0
        for source in files.isEmpty ? ["-"] : files {
          let reader = try recordOptions.reader(source)
          while let result = try reader.next(number: number + 1) {
            number += 1
            guard case .success(let record) = result else {
              if case .failure(let issue) = result { Diagnostics.error(issue.description) }
              continue
            }
            guard let label = goldRecords[record.id] else {
              unmatched += 1
              continue
            }
            let analysis = try pipeline.analyse(record.text)
            items.append(
              Evaluation.Item(
                id: record.id, goldThemes: label.themes, predictedThemes: Set(analysis.themes.map(\.id)),
                goldSentiment: label.sentiment, predictedSentiment: analysis.sentiment.label.rawValue,
                goldAlerts: label.alerts, predictedAlerts: Set(analysis.alerts.map(\.id))))
          }
        }
        let missing = goldRecords.count - items.count
        let evaluation = Evaluation(items: items, themeIDs: pipeline.themeIDs)
        switch format {
        case .markdown: try output.write(EvaluationReport.markdown(evaluation, unmatched: unmatched, missing: missing))
        case .json: try output.write(EvaluationReport.json(evaluation, unmatched: unmatched, missing: missing) + "\n")
        }
      }
    }

    struct GoldLabel {
      var themes: Set<String>
      var sentiment: String?
      var alerts: Set<String>?
    }

    static func readGold(_ path: String) throws -> [String: GoldLabel] {
      let format: InputFormat = path.lowercased().hasSuffix(".jsonl") ? .jsonl : .csv
      let reader = try RecordReader(path: path, format: format, textColumn: "themes", idColumn: "id", keep: ["sentiment", "alerts"])
      var labels: [String: GoldLabel] = [:]
      var number = 0
      func split(_ text: String) -> Set<String> {
        Set(text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
      }
      while let result = try reader.next(number: number + 1) {
        number += 1
        switch result {
        case .failure(let issue): Diagnostics.error("gold " + issue.description)
        case .success(let record):
          let sentiment = record.fields.first { $0.name == "sentiment" }?.value
          let alerts = record.fields.first { $0.name == "alerts" }?.value
          labels[record.id] = GoldLabel(
            themes: split(record.text), sentiment: sentiment.flatMap { $0.isEmpty ? nil : $0 }, alerts: alerts.map(split))
        }
      }
      return labels
    }
  }
}

/// Renders an ``Evaluation``.
enum EvaluationReport {
  static func markdown(_ e: Evaluation, unmatched: Int, missing: Int) -> String {
    func f(_ x: Double) -> String { String(format: "%.3f", x) }
    func est(_ x: Evaluation.Estimate) -> String { "\(f(x.value)) (\(f(x.low))-\(f(x.high)))" }
    var out = "# Evaluation against the gold standard\n\n"
    out += "\(e.items.count) documents compared"
    if unmatched > 0 { out += "; \(unmatched) records not in the gold file" }
    if missing > 0 { out += "; \(missing) gold ids not among the records" }
    out += ". Intervals: bootstrap 95%, \(Evaluation.bootstrapSamples) resamples.\n\n"
    out += "## Themes\n\n| theme | support | TP | FP | FN | precision | recall | F1 |\n|---|---|---|---|---|---|---|---|\n"
    for t in e.themes {
      out += "| \(t.id) | \(t.support) | \(t.truePositives) | \(t.falsePositives) | \(t.falseNegatives) | \(est(t.precision)) | \(est(t.recall)) | \(est(t.f1)) |\n"
    }
    out += "\nMicro precision \(f(e.microPrecision)), recall \(f(e.microRecall)), F1 \(est(e.microF1)); macro F1 \(est(e.macroF1)).\n\n"
    if let macro = e.sentimentMacroF1 {
      out += "## Sentiment\n\nMacro-F1 \(f(macro)). Confusion (rows gold, columns Hark):\n\n| gold / Hark | "
      out += e.sentimentLabels.joined(separator: " | ") + " |\n|---|" + e.sentimentLabels.map { _ in "---|" }.joined() + "\n"
      for gold in e.sentimentLabels {
        out += "| \(gold) | " + e.sentimentLabels.map { String(e.confusion[gold]?[$0] ?? 0) }.joined(separator: " | ") + " |\n"
      }
      out += "\n"
    }
    if let recall = e.alertRecall {
      out += "## Alerts\n\nRecall \(f(recall))"
      if let rate = e.falseAlertRate { out += "; false-alert rate \(f(rate)) of documents with no gold alert" }
      out += ".\n"
    }
    return out
  }

  static func json(_ e: Evaluation, unmatched: Int, missing: Int) -> String {
    func est(_ x: Evaluation.Estimate) -> [String: Double] { ["value": x.value, "low": x.low, "high": x.high] }
    var object: [String: Any] = [
      "documents": e.items.count, "unmatched_records": unmatched, "missing_gold_ids": missing,
      "themes": e.themes.map {
        ["id": $0.id, "support": $0.support, "tp": $0.truePositives, "fp": $0.falsePositives, "fn": $0.falseNegatives,
         "precision": est($0.precision), "recall": est($0.recall), "f1": est($0.f1)] as [String: Any]
      },
      "micro": ["precision": e.microPrecision, "recall": e.microRecall, "f1": est(e.microF1)],
      "macro_f1": est(e.macroF1),
    ]
    if let macro = e.sentimentMacroF1 { object["sentiment"] = ["macro_f1": macro, "confusion": e.confusion] }
    if let recall = e.alertRecall { object["alerts"] = ["recall": recall, "false_alert_rate": e.falseAlertRate as Any] }
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}
