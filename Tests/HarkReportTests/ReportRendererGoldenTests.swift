import Foundation
import Testing

@testable import HarkReport

/// The Markdown, JSON and CSV renderings of the fixture reports, compared with golden files in
/// `Fixtures/golden/`. After an intended change, regenerate them with
/// `HARK_UPDATE_GOLDEN=1 swift test --filter ReportRendererGoldenTests` and review the diff.
@Suite struct ReportRendererGoldenTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

  static func check(_ text: String, against name: String) throws {
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["HARK_UPDATE_GOLDEN"] == "1" {
      try Data(text.utf8).write(to: url)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if text != expected {
      let got = text.split(separator: "\n", omittingEmptySubsequences: false)
      let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
      Issue.record("\(name) differs from the golden file at line \(line + 1): got \(line < got.count ? String(got[line]) : "<end>")")
    }
  }

  @Test(arguments: ["sample", "empty"])
  func markdown(fixture: String) throws {
    let report = fixture == "sample" ? ReportFixtures.sample() : ReportFixtures.empty()
    try Self.check(MarkdownReportRenderer.render(report), against: "\(fixture).md")
  }

  @Test(arguments: ["sample", "empty"])
  func json(fixture: String) throws {
    let report = fixture == "sample" ? ReportFixtures.sample() : ReportFixtures.empty()
    let text = JSONReportRenderer.render(report)
    // Valid JSON with the schema first.
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == SummaryReport.schema)
    try Self.check(text, against: "\(fixture).json")
  }

  @Test func csvTables() throws {
    let tables = CSVReportRenderer.tables(ReportFixtures.sample())
    #expect(tables.map(\.name) == ["themes", "segments", "terms", "quotes", "campaigns", "alerts"])
    for (name, csv) in tables {
      try Self.check(csv, against: "sample-\(name).csv")
      // Every row has the header's number of fields (quoted fields may hold commas).
      let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
      let width = rows[0].split(separator: ",").count
      for row in rows.dropFirst() where !row.contains("\"") {
        #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == width, "\(name): \(row)")
      }
    }
  }

  @Test func markdownEscapesActiveCharacters() {
    #expect(MarkdownReportRenderer.inline("a|b *c* <d>\nnext_line") == "a\\|b \\*c\\* \\<d\\> next_line")
  }

  @Test func csvFieldsAreQuotedAndDefused() {
    #expect(CSVReportRenderer.field("plain") == "plain")
    #expect(CSVReportRenderer.field("a,b") == "\"a,b\"")
    #expect(CSVReportRenderer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVReportRenderer.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
    #expect(CSVReportRenderer.field("-0.25") == "-0.25")
    #expect(CSVReportRenderer.field("@home") == "'@home")
  }
}
