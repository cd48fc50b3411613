import Foundation
import Testing

@testable import HarkReport

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("HTML report renderer")
struct HTMLReportRendererTests {
  // MARK: - Structure

  @Test("the sample renders as well-formed XML")
  func sampleIsWellFormed() throws {
    let html = HTMLReportRenderer.render(ReportFixtures.sample())
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<meta charset=\"utf-8\"/>"))
    #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
    #expect(html.contains("<title>Ofsted Big Listen — responses to the public consultation</title>"))
    let document = try ParsedHTML.parse(html)
    #expect(document.root == "html")
    #expect(document.elements["svg", default: 0] >= 3, "theme shares, sentiment and one heatmap")
    #expect(document.elements["blockquote", default: 0] >= 10)
  }

  @Test("every chart is an accessible image: role, aria-label, title and viewBox")
  func chartsAreAccessible() throws {
    let html = HTMLReportRenderer.render(ReportFixtures.sample())
    let document = try ParsedHTML.parse(html)
    #expect(document.svgs.count == 3)
    for svg in document.svgs {
      #expect(svg.attributes["role"] == "img")
      #expect(!(svg.attributes["aria-label"] ?? "").isEmpty)
      #expect(svg.attributes["width"] == "100%")
      #expect(svg.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
      #expect(svg.firstChild == "title")
    }
  }

  @Test("the page is self-contained: no scripts, no external or embedded resources")
  func selfContained() {
    let html = HTMLReportRenderer.render(ReportFixtures.sample())
    let lowered = html.lowercased()
    for banned in ["http://", "https://", "src=", "@import", "url(", "<script", "<link", "javascript:", "@font-face"] {
      #expect(!lowered.contains(banned), "found \(banned)")
    }
  }

  @Test("rendering is deterministic")
  func deterministic() {
    #expect(HTMLReportRenderer.render(ReportFixtures.sample()) == HTMLReportRenderer.render(ReportFixtures.sample()))
  }

  // MARK: - Escaping

  @Test("report text is escaped everywhere and the page still parses")
  func escaping() throws {
    let payload = "<script>alert(1)</script> & \"quotes\""
    var report = ReportFixtures.sample()
    report.title = payload
    report.themes[0].label = payload
    report.themes[0].quotes[0].text = payload
    report.campaigns.clusters[0].template = payload
    report.campaigns.clusters[0].members[1].added = payload
    report.segments[0].values[0].value = payload
    report.segments[0].column = payload
    report.notes.append(payload)
    let html = HTMLReportRenderer.render(report)

    #expect(!html.contains("<script"))
    #expect(!html.contains(payload))
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"
    #expect(html.components(separatedBy: escaped).count - 1 >= 6)
    let document = try ParsedHTML.parse(html)
    #expect(document.elements["script", default: 0] == 0)
    // The parser gives the text back exactly: in the quote, the template, the label and the title.
    #expect(document.text.components(separatedBy: payload).count - 1 >= 5)
    #expect(document.attributeValues.contains { $0.contains(payload) }, "aria-label or title attribute")
  }

  @Test("characters XML forbids are replaced, not passed through")
  func controlCharacters() throws {
    var report = ReportFixtures.sample()
    report.themes[1].quotes[0].text = "bell\u{07} nul\u{00} vertical tab\u{0B} fine\ttab"
    let html = HTMLReportRenderer.render(report)
    #expect(!html.contains("\u{07}"))
    #expect(!html.contains("\u{0B}"))
    #expect(html.contains("bell\u{FFFD} nul\u{FFFD}"))
    _ = try ParsedHTML.parse(html)
  }

  // MARK: - Content

  @Test("themes, alert ids, flagged segment values and section headings all appear")
  func content() throws {
    let report = ReportFixtures.sample()
    let html = HTMLReportRenderer.render(report)
    let text = try ParsedHTML.parse(html).text

    for theme in report.themes {
      #expect(text.contains(theme.label), "theme \(theme.label)")
      #expect(text.contains(theme.description))
      for quote in theme.quotes {
        #expect(text.contains(quote.text))
        #expect(text.contains(quote.id))
      }
      for term in theme.distinctiveTerms { #expect(text.contains(term.term)) }
    }
    for alert in report.alerts {
      #expect(text.contains(alert.label))
      #expect(text.contains(alert.id))
      for id in alert.ids { #expect(html.contains("<code>\(id)</code>"), "alert record \(id)") }
    }
    #expect(text.contains("A person needs to read these records now"))

    var flaggedCells = 0
    for breakdown in report.segments {
      #expect(text.contains(breakdown.column))
      for value in breakdown.values where value.themes.contains(where: \.flagged) {
        #expect(text.contains(value.value), "flagged segment \(value.value)")
        flaggedCells += value.themes.filter(\.flagged).count
      }
    }
    #expect(flaggedCells > 0, "the sample has flagged cells")
    #expect(flaggedCells < report.segments[0].values.count * report.themes.count, "and unflagged ones")
    // Each flagged cell is marked in the heatmap and listed in the table: ▲/▼ in both places.
    let marks = html.components(separatedBy: "\u{25B2}").count + html.components(separatedBy: "\u{25BC}").count - 2
    #expect(marks >= 2 * flaggedCells)
    #expect(text.contains("two-proportion z-test"))
    #expect(text.contains("Bonferroni"))

    for cluster in report.campaigns.clusters {
      #expect(text.contains(cluster.template))
      for member in cluster.members { #expect(text.contains(member.id)) }
    }
    for kind in report.redaction.counts.keys { #expect(text.contains(kind)) }
    for note in report.notes { #expect(text.contains(note)) }
    for heading in [
      "Overview", "Alerts", "Themes", "Theme details", "Unclassified records", "Segments", "Campaigns", "Redaction",
      "Notes", "Contents",
    ] {
      #expect(html.contains(">\(heading)</h2>"), "section \(heading)")
    }
    // Every in-page link points at an element that exists, and ids are unique.
    let document = try ParsedHTML.parse(html)
    #expect(document.duplicateIDs.isEmpty)
    for href in document.hrefs {
      #expect(href.hasPrefix("#"))
      #expect(document.ids.contains(String(href.dropFirst())), "link \(href)")
    }
  }

  @Test("awkward input: repeated theme ids and columns, odd ids, very long labels, unknown theme ids")
  func awkwardInput() throws {
    var report = ReportFixtures.sample()
    report.themes.append(report.themes[0])
    report.themes[1].id = "grading"
    report.themes[2].id = "Inspector Conduct / été"
    report.themes[3].label = String(repeating: "A very long theme label indeed ", count: 6)
    report.segments.append(report.segments[0])
    report.segments[0].values[1].value = String(repeating: "long segment value ", count: 5)
    report.segments[0].values[2].themes.append(report.segments[0].values[2].themes[0])
    report.segments[0].values[2].themes[7].id = "not_a_theme"
    report.segments[0].truncated = true
    report.themes[4].cooccurring.append(.init(id: "missing_theme", count: 3, shareOfTheme: 0.01, lift: 0.5))
    report.alerts[0].idsTruncated = true
    report.alerts[0].count = 250
    let html = HTMLReportRenderer.render(report)
    let document = try ParsedHTML.parse(html)
    #expect(document.duplicateIDs.isEmpty, "duplicate ids: \(document.duplicateIDs)")
    for href in document.hrefs {
      #expect(document.ids.contains(String(href.dropFirst())), "link \(href)")
    }
    #expect(document.text.contains("missing_theme"))
    #expect(document.text.contains("not_a_theme"))
    #expect(document.text.contains("Only the first 3 of 250 ids are listed"))
    #expect(document.text.contains("(other)"))
  }

  @Test("numbers: one-decimal percentages with Wilson intervals, signed compound scores")
  func numberFormats() throws {
    var report = ReportFixtures.empty()
    report.themes[0].share = SummaryReport.Proportion(count: 12, total: 30)
    report.themes[0].sentiment.compound = SummaryReport.MeanEstimate(n: 12, mean: -0.3149, low: -0.52, high: -0.1061)
    report.themes[0].themeSentiment = SummaryReport.MeanEstimate(n: 12, mean: 0.25, low: 0.004, high: 0.5)
    report.totals.unclassified = SummaryReport.Proportion(count: 3, total: 30)
    let html = HTMLReportRenderer.render(report)
    #expect(html.contains("40.0% (24.6–57.7)"))
    #expect(html.contains("\u{2212}0.31 (\u{2212}0.52 to \u{2212}0.11)"))
    #expect(html.contains("+0.25 (0.00 to +0.50)"))
    _ = try ParsedHTML.parse(html)
  }

  @Test("an empty report renders short sentences, never empty tables")
  func emptyReport() throws {
    let report = ReportFixtures.empty()
    let html = HTMLReportRenderer.render(report)
    let document = try ParsedHTML.parse(html)
    for sentence in [
      "No alerts.", "No segment breakdowns were requested.", "No campaigns were found.", "No notes.",
      "No words to show.", "No distinctive terms.", "No quotes.", "No redactions were needed.",
    ] {
      #expect(document.text.contains(sentence), "\(sentence)")
    }
    #expect(document.emptyTables == 0)
    #expect(!html.contains("NaN"))
    #expect(!html.contains("nan"))

    var noThemes = report
    noThemes.themes = []
    let bare = HTMLReportRenderer.render(noThemes)
    let bareDocument = try ParsedHTML.parse(bare)
    #expect(bareDocument.text.contains("No themes were defined."))
    #expect(bareDocument.emptyTables == 0)
  }

  @Test("the sample has no empty tables either")
  func sampleHasNoEmptyTables() throws {
    var report = ReportFixtures.sample()
    report.alerts = []
    report.campaigns.clusters = []
    report.redaction.enabled = false
    report.campaigns.exact = false
    let html = HTMLReportRenderer.render(report)
    let document = try ParsedHTML.parse(html)
    #expect(document.emptyTables == 0)
    #expect(document.text.contains("No alerts."))
    #expect(document.text.contains("Redaction was switched off."))
    #expect(document.text.contains("Counts may be low."))
  }

  // MARK: - Headless Chromium

  static let chromium: String? = HeadlessChromium.find()

  @Test(
    "renders in headless Chromium at phone and desktop widths",
    .enabled(
      if: HTMLReportRendererTests.chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil,
      "Chromium is not installed (apt-get install chromium); this test fails instead when CI is set"),
    .timeLimit(.minutes(5)),
    arguments: [(412, 3000), (1280, 2400)]
  )
  func chromiumScreenshot(width: Int, height: Int) async throws {
    guard let chromium = Self.chromium else {
      Issue.record("CI is set but Chromium is not installed: looked for `chromium` on PATH and /usr/bin/chromium")
      return
    }
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("hark-html-\(ProcessInfo.processInfo.processIdentifier)-\(width)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("report.html")
    let png = directory.appendingPathComponent("screenshot.png")
    try HTMLReportRenderer.render(ReportFixtures.sample()).write(to: page, atomically: true, encoding: .utf8)

    let run = try await HeadlessChromium.screenshot(
      chromium: chromium, page: page, png: png, width: width, height: height, profile: directory.appendingPathComponent("profile"))
    #expect(!run.timedOut, "Chromium was killed after 60 s")
    #expect(run.status == 0, "exit status; stderr:\n\(run.stderr.suffix(2000))")
    #expect(FileManager.default.fileExists(atPath: png.path), "no screenshot written")

    let problems = run.stderr.split(whereSeparator: \.isNewline).filter { line in
      let lowered = line.lowercased()
      return (lowered.contains("console") && lowered.contains("error")) || lowered.contains("uncaught")
    }
    #expect(problems.isEmpty, "console errors: \(problems.joined(separator: "\n"))")

    guard FileManager.default.fileExists(atPath: png.path) else { return }
    let stats = try PNGColourStats.measure(png)
    #expect(stats.width == width)
    #expect(stats.distinctColours > 10, "distinct colours: \(stats.distinctColours)")
    #expect(stats.backgroundFraction < 0.98, "background fraction: \(stats.backgroundFraction)")
  }
}

// MARK: - XML checking

/// Parses a page with Foundation's `XMLParser` and collects what the tests look at.
final class ParsedHTML: NSObject, XMLParserDelegate {
  struct SVG {
    var attributes: [String: String]
    var firstChild: String?
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  var root: String?
  var elements: [String: Int] = [:]
  var text = ""
  var attributeValues: [String] = []
  var svgs: [SVG] = []
  var hrefs: [String] = []
  var ids: Set<String> = []
  var duplicateIDs: [String] = []
  /// Tables with no `td` cell.
  var emptyTables = 0
  private var stack: [String] = []
  private var cellsInTable: [Int] = []
  private var awaitingSVGChild = false

  /// Parses the whole page, `<!DOCTYPE html>` included (a valid XML document type declaration).
  static func parse(_ html: String) throws -> ParsedHTML {
    let parser = XMLParser(data: Data(html.utf8))
    let check = ParsedHTML()
    parser.delegate = check
    guard parser.parse() else {
      let error = parser.parserError.map { "\($0)" } ?? "unknown error"
      throw Failure(description: "XML parse failed at line \(parser.lineNumber), column \(parser.columnNumber): \(error)")
    }
    return check
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    if root == nil { root = elementName }
    elements[elementName, default: 0] += 1
    attributeValues += attributeDict.values
    if let id = attributeDict["id"], !ids.insert(id).inserted { duplicateIDs.append(id) }
    if let href = attributeDict["href"] { hrefs.append(href) }
    if awaitingSVGChild {
      svgs[svgs.count - 1].firstChild = elementName
      awaitingSVGChild = false
    }
    if elementName == "svg" {
      svgs.append(SVG(attributes: attributeDict, firstChild: nil))
      awaitingSVGChild = true
    }
    if elementName == "table" { cellsInTable.append(0) }
    if elementName == "td", !cellsInTable.isEmpty { cellsInTable[cellsInTable.count - 1] += 1 }
    stack.append(elementName)
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
    if elementName == "table", let cells = cellsInTable.popLast(), cells == 0 { emptyTables += 1 }
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if stack.last != "style" { text += string }
  }
}

// MARK: - Chromium

enum HeadlessChromium {
  /// `chromium` on PATH, else /usr/bin/chromium.
  static func find() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    let candidates = path.split(separator: ":").map { "\($0)/chromium" } + ["/usr/bin/chromium"]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  struct Run {
    var status: Int32
    var timedOut: Bool
    var stderr: String
  }

  static func screenshot(chromium: String, page: URL, png: URL, width: Int, height: Int, profile: URL) async throws -> Run {
    try await run(
      chromium,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),\(height)",
        "--screenshot=\(png.path)", "--enable-logging=stderr", "--v=0", "--user-data-dir=\(profile.path)",
        "--no-first-run", page.absoluteString,
      ],
      timeout: .seconds(60))
  }

  /// Runs a program, killing it after `timeout`; stdout and stderr go to files so a chatty program cannot block.
  static func run(_ executable: String, _ arguments: [String], timeout: Duration) async throws -> Run {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hark-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("stdout")
    let errURL = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    defer {
      try? out.close()
      try? err.close()
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()

    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while process.isRunning, clock.now < deadline {
      try await Task.sleep(for: .milliseconds(100))
    }
    var timedOut = false
    if process.isRunning {
      timedOut = true
      process.terminate()
      let grace = clock.now.advanced(by: .seconds(3))
      while process.isRunning, clock.now < grace { try await Task.sleep(for: .milliseconds(100)) }
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    process.waitUntilExit()
    let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return Run(status: process.terminationStatus, timedOut: timedOut, stderr: stderr)
  }
}

// MARK: - PNG statistics

/// Decodes a PNG with a small python3 script (chunks → zlib inflate of IDAT → unfilter) and counts colours.
enum PNGColourStats {
  struct Result {
    var width: Int
    var height: Int
    var distinctColours: Int
    var backgroundFraction: Double
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let script = #"""
    import json, struct, sys, zlib
    from collections import Counter

    data = open(sys.argv[1], "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour not in (0, 2, 4, 6):
        sys.exit("unsupported PNG: depth %d colour %d interlace %d" % (depth, colour, interlace))
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    counts = Counter()
    i = 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if kind == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif kind == 2:
            for x in range(stride):
                line[x] = (line[x] + prev[x]) & 255
        elif kind == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif kind == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                if pa <= pb and pa <= pc:
                    pred = a
                elif pb <= pc:
                    pred = b
                else:
                    pred = c
                line[x] = (line[x] + pred) & 255
        elif kind != 0:
            sys.exit("bad filter %d" % kind)
        row = bytes(line)
        counts.update(row[x:x + bpp] for x in range(0, stride, bpp))
        prev = line
    total = width * height
    background = counts.most_common(1)[0][1]
    print(json.dumps({"width": width, "height": height, "distinct": len(counts), "background": background / total}))
    """#

  static func measure(_ png: URL) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, png.path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0,
      let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let width = json["width"] as? Int, let height = json["height"] as? Int,
      let distinct = json["distinct"] as? Int, let background = json["background"] as? Double
    else {
      throw Failure(description: "python3 PNG check failed (\(process.terminationStatus)): \(errorText)")
    }
    return Result(width: width, height: height, distinctColours: distinct, backgroundFraction: background)
  }
}
