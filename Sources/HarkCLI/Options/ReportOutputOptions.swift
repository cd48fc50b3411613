import ArgumentParser
import Foundation
import HarkIO
import HarkReport

/// How `summarize` and `merge` write the report (format, destination, report-time choices) and
/// the partial state.
struct ReportOutputOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: "Report format: markdown, json, html, or csv (tables; with --output DIR, one file per table).")
  var format: ReportFormat = .markdown

  @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to PATH (a directory for --format csv) instead of standard output.", valueName: "PATH"))
  var output: String?

  @Option(help: ArgumentHelp("Also write the exact summary state to FILE, for `hark merge`. '-' writes it to standard output as one line, and the report only with --output (for pipes, e.g. Spark).", valueName: "FILE"))
  var partial: String?

  @Option(help: "The report's title.")
  var title = "Hark summary"

  @Option(help: "Quotes per theme.")
  var quotes = 3

  @Option(help: "Near-duplicate clusters of fewer records are not reported as campaigns.")
  var campaignMinSize = 3

  @Flag(help: "Do not redact personal data (e-mail, phone, postcode, NHS and NI numbers, personal URLs, names) from quoted text.")
  var noRedact = false

  enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, json, html, csv
  }

  func validate() throws {
    if quotes < 0 { throw ValidationError("--quotes must be 0 or more") }
    if campaignMinSize < 2 { throw ValidationError("--campaign-min-size must be at least 2") }
  }

  var reportOptions: ReportOptions {
    var options = ReportOptions()
    options.title = title
    options.quotesPerTheme = quotes
    options.campaignMinimumSize = campaignMinSize
    options.redact = !noRedact
    return options
  }

  /// Writes the partial state (if asked) and the report.
  func write(_ state: SummaryState, to output: OutputSink) throws {
    if partial == "-" {
      try output.write(bytes: Array(try state.encoded()) + [0x0A])
      guard self.output != nil else { return }
    } else if let partial {
      try state.encoded().write(to: URL(fileURLWithPath: partial))
    }
    let report = SummaryReportBuilder(options: reportOptions).report(state)
    switch format {
    case .markdown: try emit(MarkdownReportRenderer.render(report), to: output)
    case .json: try emit(JSONReportRenderer.render(report), to: output)
    case .html: try emit(HTMLReportRenderer.render(report), to: output)
    case .csv:
      let tables = CSVReportRenderer.tables(report)
      if let directory = self.output {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, csv) in tables {
          try Data(csv.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(name).csv"))
        }
      } else {
        try output.write(bytes: Array(tables[0].csv.utf8))
      }
    }
  }

  private func emit(_ text: String, to output: OutputSink) throws {
    if let path = self.output {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } else {
      try output.write(bytes: Array(text.utf8))
    }
  }
}
