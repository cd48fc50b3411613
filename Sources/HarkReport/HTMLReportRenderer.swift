import Foundation

/// Writes a ``SummaryReport`` as one self-contained HTML page for analysts.
///
/// The page needs nothing but a browser: the CSS and the charts (SVG) are inline, and it loads no
/// scripts, fonts, images or style sheets from anywhere. It is also well-formed XML (every element
/// closed, every attribute quoted, only `&amp; &lt; &gt; &quot; &#39;` and numeric character
/// references), so it can be checked with an XML parser and post-processed safely.
///
/// What it shows, in order, each section reachable from an in-page table of contents:
/// - **Overview**: records read, analysed, empty and unreadable; the unclassified share with its
///   interval; overall sentiment.
/// - **Alerts**: the number of records per alert type and their record ids only (never text), with a
///   note that a person must read them now.
/// - **Themes**: a bar chart of theme shares with Wilson 95% whiskers, a diverging sentiment chart,
///   and tables of the same figures.
/// - **Theme details**: description, distinctive terms, co-occurring themes and quotes.
/// - **Unclassified records**, **Segments** (a table and a heatmap per breakdown, flagged cells
///   outlined and marked ▲/▼), **Campaigns**, **Redaction** and **Notes**.
///
/// Presentation choices: a fluid single column that reads on a phone (wide tables and the heatmap
/// scroll sideways inside their own box), system fonts, a print style sheet, and the Okabe–Ito
/// colour-blind-safe palette. Colour never carries meaning alone: bars carry their numbers as text,
/// charts have legends, and flagged heatmap cells have a symbol as well as an outline.
///
/// Number formats: shares as percentages with one decimal and their 95% interval, e.g.
/// `40.0% (24.6–57.7)`; compound sentiment with two decimals and a sign, e.g. `−0.31`.
///
/// Rendering is a pure function of the report: the same report always gives the same bytes.
public enum HTMLReportRenderer {
  /// Renders `report` as a complete HTML document.
  ///
  /// - Parameter report: the summary to show; all of its text is escaped, and characters that XML
  ///   does not allow (most control characters) are replaced by U+FFFD.
  /// - Returns: the page, starting with `<!DOCTYPE html>`, to be written as UTF-8.
  public static func render(_ report: SummaryReport) -> String {
    var page = HTMLPage(report: report)
    page.writeDocument()
    return page.out
  }
}

// MARK: - HTMLPalette

/// Okabe–Ito colours, plus greys and a single-hue sequential blue scale for the heatmap.
private enum HTMLPalette {
  static let blue = "#0072B2"
  static let orange = "#E69F00"
  static let vermillion = "#D55E00"
  static let sky = "#56B4E9"
  static let grey = "#BBBBBB"
  static let ink = "#1B1B1B"
  static let muted = "#595959"
  static let grid = "#D9DDE2"

  static let negative = vermillion
  static let mixed = orange
  static let neutral = grey
  static let positive = blue

  /// Sequential blues (light to dark) used for heatmap shades.
  private static let stops: [(Double, Double, Double)] = [
    (247, 251, 255), (198, 219, 239), (107, 174, 214), (33, 113, 181), (8, 48, 107),
  ]

  /// The heatmap shade for `t` in [0, 1] (clamped).
  static func shade(_ t: Double) -> String {
    let t = t.isFinite ? min(1, max(0, t)) : 0
    let scaled = t * Double(stops.count - 1)
    let index = min(stops.count - 2, Int(scaled))
    let f = scaled - Double(index)
    let (a, b) = (stops[index], stops[index + 1])
    func mix(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
    return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
  }

  /// Whether text on `shade(t)` should be white rather than dark.
  static func needsLightText(_ t: Double) -> Bool { t > 0.62 }

  private static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
    let digits = Array("0123456789ABCDEF")
    var s = "#"
    for v in [r, g, b] {
      let c = min(255, max(0, v))
      s.append(digits[c / 16])
      s.append(digits[c % 16])
    }
    return s
  }
}

// MARK: - Formatting and escaping

private enum HTMLFormat {
  /// Text escaped for XML/HTML content and attribute values; characters XML 1.0 forbids (and C1
  /// controls) become U+FFFD.
  static func esc(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0xFFFE || v == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// `x` with `digits` decimals; never "-0.0"; "n/a" when not finite.
  static func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "n/a" }
    var s = String(format: "%.\(digits)f", x)
    if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { s.removeFirst() }
    return s
  }

  /// A share in [0, 1] as a percentage with one decimal: `40.0%`.
  static func percent(_ share: Double) -> String { fixed(share * 100, 1) + "%" }

  /// A proportion with its interval: `40.0% (24.6–57.7)`.
  static func proportion(_ p: SummaryReport.Proportion) -> String {
    guard p.total > 0 else { return "n/a (no records)" }
    return "\(percent(p.share)) (\(fixed(p.low * 100, 1))–\(fixed(p.high * 100, 1)))"
  }

  /// A compound score with two decimals and a sign (U+2212 for minus): `+0.12`, `−0.31`, `0.00`.
  static func signed(_ x: Double) -> String {
    let s = fixed(x, 2)
    guard x.isFinite, s != "0.00" else { return s }
    return s.hasPrefix("-") ? "\u{2212}" + s.dropFirst() : "+" + s
  }

  /// A mean compound with its interval: `−0.31 (−0.35 to −0.27)`.
  static func mean(_ m: SummaryReport.MeanEstimate) -> String {
    if m.n <= 0 { return "n/a (no records)" }
    if m.n < 2 { return "\(signed(m.mean)) (one record)" }
    return "\(signed(m.mean)) (\(signed(m.low)) to \(signed(m.high)))"
  }

  /// An integer with thousands separators: `12,345`.
  static func int(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return n < 0 ? "\u{2212}" + out : out
  }

  /// `1 record` / `3 records`.
  static func records(_ n: Int) -> String { n == 1 ? "1 record" : "\(int(n)) records" }

  /// A p-value: `p < 0.001` or `p = 0.012`.
  static func p(_ value: Double) -> String {
    guard value.isFinite else { return "p = n/a" }
    return value < 0.001 ? "p < 0.001" : "p = \(fixed(min(1, value), 3))"
  }

  /// A coordinate for SVG attributes (one decimal, trailing `.0` dropped).
  static func c(_ x: Double) -> String {
    let s = fixed(x.isFinite ? x : 0, 1)
    return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
  }

  /// `text` cut to at most `limit` characters, with an ellipsis when cut.
  static func truncate(_ text: String, _ limit: Int) -> String {
    let limit = max(2, limit)
    guard text.count > limit else { return text }
    return text.prefix(limit - 1).trimmingCharacters(in: .whitespaces) + "\u{2026}"
  }

  /// `text`, cut with an ellipsis if needed so that its estimated width is at most `room`.
  static func fit(_ text: String, room: Double, size: Double, bold: Bool = false) -> String {
    guard width(text, size: size, bold: bold) > room else { return text }
    var characters = Array(text)
    while characters.count > 1 {
      characters.removeLast()
      let candidate = String(characters).trimmingCharacters(in: .whitespaces) + "\u{2026}"
      if width(candidate, size: size, bold: bold) <= room { return candidate }
    }
    return "\u{2026}"
  }

  /// Rough rendered width of `text` at `size` user units (system sans-serif).
  /// Deliberately generous (DejaVu Sans metrics, the widest common fallback) so labels that are
  /// judged to fit do fit.
  static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
    var em = 0.0
    for character in text {
      switch character {
      case "0"..."9": em += 0.64
      case "%": em += 0.95
      case ".", ",", ":", ";", " ", "i", "l", "j", "'", "\u{2019}", "(", ")", "|": em += 0.34
      case "m", "w", "M", "W": em += 0.92
      case "A"..."Z": em += 0.7
      default: em += 0.58
      }
    }
    return em * size * (bold ? 1.08 : 1)
  }

  /// A fragment identifier made of letters, digits, `-` and `_`.
  static func slug(_ text: String) -> String {
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
      if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "_" || scalar == "-" {
        out.unicodeScalars.append(scalar)
      } else if !out.hasSuffix("-") {
        out.append("-")
      }
    }
    out = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    return out.isEmpty ? "x" : out
  }

  /// The smallest multiple of `step` at or above `x` (at least `step`).
  static func niceCeil(_ x: Double, step: Double) -> Double {
    guard x.isFinite, x > 0 else { return step }
    return max(step, (x / step - 1e-9).rounded(.up) * step)
  }
}

// MARK: - The page

private struct HTMLPage {
  typealias Report = SummaryReport

  let report: Report
  var out = ""
  /// Theme id → label (first theme wins on duplicate ids).
  let labels: [String: String]
  /// Theme id → fragment id of its details section (the first theme with that id).
  let themeAnchors: [String: String]
  /// Fragment id of each theme's details section, in `report.themes` order (unique even if ids repeat).
  let themeIndexAnchors: [String]
  /// Breakdown index → fragment id.
  let segmentAnchors: [String]

  init(report: Report) {
    self.report = report
    var labels: [String: String] = [:]
    var anchors: [String: String] = [:]
    var used: Set<String> = [
      "overview", "alerts", "themes", "theme-details", "unclassified", "segments", "campaigns", "redaction",
      "notes", "contents",
    ]
    func unique(_ base: String) -> String {
      var candidate = base
      var n = 2
      while used.contains(candidate) {
        candidate = "\(base)-\(n)"
        n += 1
      }
      used.insert(candidate)
      return candidate
    }
    var indexAnchors: [String] = []
    for theme in report.themes {
      let anchor = unique("theme-" + HTMLFormat.slug(theme.id))
      indexAnchors.append(anchor)
      if labels[theme.id] == nil {
        labels[theme.id] = theme.label
        anchors[theme.id] = anchor
      }
    }
    themeIndexAnchors = indexAnchors
    segmentAnchors = report.segments.map { unique("segment-" + HTMLFormat.slug($0.column)) }
    self.labels = labels
    themeAnchors = anchors
  }

  /// Non-empty analysed records: the denominator of every share.
  var nonEmpty: Int { report.totals.unclassified.total }

  func label(_ id: String) -> String { labels[id] ?? id }

  /// Themes by share, largest first (ties by label, then id), as in the charts.
  var themesByShare: [Report.ThemeSummary] {
    report.themes.sorted { a, b in
      if a.share.share != b.share.share { return a.share.share > b.share.share }
      if a.label != b.label { return a.label < b.label }
      return a.id < b.id
    }
  }

  var title: String {
    let trimmed = report.title.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? "Summary report" : report.title
  }

  mutating func put(_ text: String) { out += text }

  /// Escaped text.
  func e(_ text: String) -> String { HTMLFormat.esc(text) }

  // MARK: Document

  mutating func writeDocument() {
    put("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
    put("<meta charset=\"utf-8\"/>\n")
    put("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
    put("<meta name=\"color-scheme\" content=\"light\"/>\n")
    put("<meta name=\"generator\" content=\"Hark (\(e(Report.schema)))\"/>\n")
    put("<title>\(e(title))</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n<div class=\"page\">\n")
    writeHeader()
    writeContents()
    put("<main>\n")
    writeOverview()
    writeAlerts()
    writeThemes()
    writeThemeDetails()
    writeUnclassified()
    writeSegments()
    writeCampaigns()
    writeRedaction()
    writeNotes()
    put("</main>\n")
    put(
      "<footer class=\"footer\"><p>Made by Hark from counts over the records; the same input always gives the same report. "
        + "Intervals are 95%: Wilson score intervals for shares, normal approximation for means.</p></footer>\n")
    put("</div>\n</body>\n</html>\n")
  }

  mutating func writeHeader() {
    put("<header class=\"masthead\">\n<p class=\"kicker\">Consultation summary</p>\n<h1>\(e(title))</h1>\n")
    var facts = ["\(HTMLFormat.records(report.totals.records)) read", "\(HTMLFormat.int(nonEmpty)) with text"]
    if !report.dictionaries.isEmpty {
      let names = report.dictionaries.map { "<code>\(e($0))</code>" }.joined(separator: ", ")
      facts.append((report.dictionaries.count == 1 ? "theme dictionary " : "theme dictionaries ") + names)
    }
    put("<p class=\"meta\">\(facts.joined(separator: " · "))</p>\n")
    if !report.notes.isEmpty {
      let n = report.notes.count
      put(
        "<p class=\"meta\"><a href=\"#notes\">\(n == 1 ? "1 caveat" : "\(n) caveats")</a> to read before using these figures.</p>\n"
      )
    }
    put("</header>\n")
  }

  mutating func writeContents() {
    put("<nav class=\"toc\" id=\"contents\" aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">Contents</h2>\n<ol>\n")
    put("<li><a href=\"#overview\">Overview</a></li>\n")
    let alertRecords = report.alerts.reduce(0) { $0 + $1.count }
    let alertBadge = alertRecords > 0 ? " <span class=\"badge\">\(HTMLFormat.int(alertRecords))</span>" : ""
    put("<li><a href=\"#alerts\">Alerts</a>\(alertBadge)</li>\n")
    put("<li><a href=\"#themes\">Themes</a></li>\n")
    put("<li><a href=\"#theme-details\">Theme details</a>")
    if !report.themes.isEmpty {
      put("\n<ol>\n")
      for (index, theme) in report.themes.enumerated() {
        put("<li><a href=\"#\(themeIndexAnchors[index])\">\(e(theme.label))</a></li>\n")
      }
      put("</ol>\n")
    }
    put("</li>\n<li><a href=\"#unclassified\">Unclassified records</a></li>\n")
    put("<li><a href=\"#segments\">Segments</a>")
    if !report.segments.isEmpty {
      put("\n<ol>\n")
      for (i, segment) in report.segments.enumerated() {
        put("<li><a href=\"#\(segmentAnchors[i])\">By \(e(segment.column))</a></li>\n")
      }
      put("</ol>\n")
    }
    put("</li>\n<li><a href=\"#campaigns\">Campaigns</a></li>\n")
    put("<li><a href=\"#redaction\">Redaction</a></li>\n<li><a href=\"#notes\">Notes</a></li>\n</ol>\n</nav>\n")
  }

  mutating func sectionStart(_ id: String, _ heading: String) {
    put("<section id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n<h2 id=\"\(id)-h\">\(e(heading))</h2>\n")
  }

  // MARK: Overview

  mutating func writeOverview() {
    sectionStart("overview", "Overview")
    let t = report.totals
    put("<dl class=\"stats\">\n")
    func stat(_ term: String, _ value: String, _ sub: String? = nil) -> String {
      var s = "<div class=\"stat\"><dt>\(term)</dt><dd class=\"value\">\(value)</dd>"
      if let sub { s += "<dd class=\"sub\">\(sub)</dd>" }
      return s + "</div>\n"
    }
    put(stat("Records read", HTMLFormat.int(t.records), "analysed plus unreadable"))
    put(stat("Analysed", HTMLFormat.int(t.analysed), "\(HTMLFormat.int(nonEmpty)) with text"))
    let emptyShare = t.analysed > 0 ? " (\(HTMLFormat.percent(Double(t.empty) / Double(t.analysed))) of analysed)" : ""
    put(stat("Empty", HTMLFormat.int(t.empty), "blank or whitespace only" + emptyShare))
    put(stat("Could not be read", HTMLFormat.int(t.errors), t.errors > 0 ? "not analysed" : nil))
    let u = t.unclassified
    if u.total > 0 {
      put(
        stat(
          "Unclassified", HTMLFormat.percent(u.share),
          "95% interval \(HTMLFormat.fixed(u.low * 100, 1))–\(HTMLFormat.fixed(u.high * 100, 1)) · \(HTMLFormat.int(u.count)) of \(HTMLFormat.int(u.total))"))
    } else {
      put(stat("Unclassified", "n/a", "no records with text"))
    }
    let c = report.sentiment.compound
    if c.n > 0 {
      let sub = c.n >= 2 ? "95% interval \(HTMLFormat.signed(c.low)) to \(HTMLFormat.signed(c.high))" : "one record"
      put(stat("Mean sentiment", HTMLFormat.signed(c.mean), sub))
    } else {
      put(stat("Mean sentiment", "n/a", "no records with text"))
    }
    put("</dl>\n")
    let s = report.sentiment
    if s.total > 0 {
      put("<p>Sentiment of the \(HTMLFormat.records(s.total)) with text: \(sentimentSentence(s)).</p>\n")
    }
    put(
      "<p class=\"hint\">Shares are out of the records that have text. A record can carry several themes, so theme shares can add up to more than 100%.</p>\n"
    )
    put("</section>\n")
  }

  func sentimentSentence(_ s: Report.SentimentSummary) -> String {
    let total = Double(max(1, s.total))
    return [("negative", s.negative), ("mixed", s.mixed), ("neutral", s.neutral), ("positive", s.positive)]
      .map { "\(HTMLFormat.int($0.1)) \($0.0) (\(HTMLFormat.percent(Double($0.1) / total)))" }
      .joined(separator: ", ")
  }

  // MARK: Alerts

  mutating func writeAlerts() {
    sectionStart("alerts", "Alerts")
    guard !report.alerts.isEmpty else {
      put("<p>No alerts.</p>\n</section>\n")
      return
    }
    let flagged = report.alerts.reduce(0) { $0 + $1.count }
    if flagged > 0 {
      put(
        "<div class=\"callout urgent\" role=\"note\"><p><strong>A person needs to read these records now.</strong> "
          + "They matched the alert rules below. This report lists their record ids only, never their text: "
          + "open each record in the source data and follow your organisation’s procedure.</p></div>\n")
    } else {
      put("<p>No records matched any alert rule.</p>\n")
    }
    for alert in report.alerts {
      put("<div class=\"alert-type\">\n<h3>\(e(alert.label)) <code class=\"id\">\(e(alert.id))</code></h3>\n")
      put("<p><strong>\(HTMLFormat.records(alert.count))</strong>\(alert.ids.isEmpty ? "" : ", by record id:")</p>\n")
      if alert.ids.isEmpty {
        if alert.count > 0 { put("<p>Ids not listed.</p>\n") }
      } else {
        put("<ul class=\"ids\">")
        for id in alert.ids { put("<li><code>\(e(id))</code></li>") }
        put("</ul>\n")
        if alert.idsTruncated || alert.ids.count < alert.count {
          put("<p class=\"hint\">Only the first \(HTMLFormat.int(alert.ids.count)) of \(HTMLFormat.int(alert.count)) ids are listed (the cap was reached).</p>\n")
        }
      }
      put("</div>\n")
    }
    put("</section>\n")
  }

  // MARK: Themes

  mutating func writeThemes() {
    sectionStart("themes", "Themes")
    guard !report.themes.isEmpty else {
      put("<p>No themes were defined.</p>\n</section>\n")
      return
    }
    if nonEmpty > 0 {
      put(
        "<p>Each theme’s share is out of the \(HTMLFormat.records(nonEmpty)) with text. Whiskers and bracketed ranges are 95% intervals; a record can carry several themes.</p>\n"
      )
      put("<div class=\"charts\">\n<figure class=\"chart\">\n\(themeShareChart())\n")
      put(
        "<figcaption>Share of records with text assigned each theme, largest first. The bar is the share, the black whisker its 95% Wilson interval; the text gives the share and the number of records.</figcaption>\n</figure>\n"
      )
      put("<figure class=\"chart\">\n")
      put(sentimentLegend())
      put(sentimentChart())
      put(
        "\n<figcaption>Sentiment of the records in each theme. Negative records extend left of the centre line, positive ones right; mixed and neutral records sit across the centre. Percentages are of the theme’s records.</figcaption>\n</figure>\n</div>\n"
      )
    } else {
      put("<p>No records with text were analysed, so there is nothing to chart.</p>\n")
    }
    put("<h3>Theme figures</h3>\n<div class=\"table-wrap\"><table>\n<thead><tr>")
    put("<th scope=\"col\">Theme</th><th scope=\"col\" class=\"num\">Records</th><th scope=\"col\" class=\"num\">Share (95% interval)</th>")
    put("<th scope=\"col\" class=\"num\">Counting each campaign once</th><th scope=\"col\" class=\"num\">Mean sentiment of its records</th>")
    put("<th scope=\"col\" class=\"num\">Theme’s own sentiment</th></tr></thead>\n<tbody>\n")
    for (index, theme) in report.themes.enumerated() {
      put("<tr><th scope=\"row\">\(themeLink(index))</th><td class=\"num\">\(HTMLFormat.int(theme.share.count))</td>")
      put("<td class=\"num\">\(HTMLFormat.proportion(theme.share))</td><td class=\"num\">\(HTMLFormat.int(theme.countCampaignsOnce))</td>")
      put("<td class=\"num\">\(HTMLFormat.mean(theme.sentiment.compound))</td><td class=\"num\">\(HTMLFormat.mean(theme.themeSentiment))</td></tr>\n")
    }
    put("</tbody>\n</table></div>\n")
    put(
      "<p class=\"hint\">“Theme’s own sentiment” scores only the sentences holding the theme’s evidence; the mean of its records scores whole records. Sentiment runs from −1 (most negative) to +1.</p>\n"
    )
    guard nonEmpty > 0 else {
      put("</section>\n")
      return
    }
    put("<h3>Sentiment labels by theme</h3>\n<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Theme</th>")
    for name in ["Negative", "Mixed", "Neutral", "Positive", "Records"] { put("<th scope=\"col\" class=\"num\">\(name)</th>") }
    put("</tr></thead>\n<tbody>\n")
    for theme in report.themes {
      let s = theme.sentiment
      put("<tr><th scope=\"row\">\(e(theme.label))</th>")
      for n in [s.negative, s.mixed, s.neutral, s.positive] {
        let share = s.total > 0 ? " (\(HTMLFormat.percent(Double(n) / Double(s.total))))" : ""
        put("<td class=\"num\">\(HTMLFormat.int(n))\(share)</td>")
      }
      put("<td class=\"num\">\(HTMLFormat.int(s.total))</td></tr>\n")
    }
    put("</tbody>\n</table></div>\n</section>\n")
  }

  func themeLink(_ index: Int) -> String {
    "<a href=\"#\(themeIndexAnchors[index])\">\(e(report.themes[index].label))</a>"
  }

  /// Chart 1: horizontal bars of theme shares with Wilson whiskers.
  func themeShareChart() -> String {
    let themes = themesByShare
    let width = 440.0, left = 4.0, right = 436.0, plot = right - left
    let rowHeight = 52.0, top = 6.0, labelSize = 16.0, valueSize = 15.0, barH = 18.0
    let maxHigh = themes.map { $0.share.total > 0 ? $0.share.high : $0.share.share }.max() ?? 0
    let scaleMax = min(1, HTMLFormat.niceCeil(maxHigh, step: 0.1))
    let tick = scaleMax > 0.5 ? 0.2 : 0.1
    let bottom = top + Double(themes.count) * rowHeight
    let height = bottom + 26
    func x(_ share: Double) -> Double { left + min(1, max(0, share / scaleMax)) * plot }

    let summary = "Bar chart: share of records with text assigned each of \(themes.count) themes, largest first, with 95% intervals."
    var s = svgOpen(width: width, height: height, label: summary)
    s += "<title>\(e("Theme shares with 95% intervals"))</title>\n"
    s += "<g class=\"grid\">"
    var v = 0.0
    while v <= scaleMax + 1e-9 {
      let gx = x(v)
      let anchor = v == 0 ? "start" : (v + tick > scaleMax + 1e-9 ? "end" : "middle")
      s += line(gx, top, gx, bottom, stroke: HTMLPalette.grid)
      s += text("\(Int((v * 100).rounded()))%", x: gx, y: bottom + 19, size: 13, fill: HTMLPalette.muted, anchor: anchor)
      v += tick
    }
    s += "</g>\n"
    for (i, theme) in themes.enumerated() {
      let y0 = top + Double(i) * rowHeight
      let p = theme.share
      let value = "\(HTMLFormat.percent(p.share)) · \(HTMLFormat.int(p.count))"
      let room = plot - HTMLFormat.width(value, size: valueSize) - 12
      let name = HTMLFormat.fit(theme.label, room: room, size: labelSize, bold: true)
      let detail = "\(theme.label): \(HTMLFormat.proportion(p)), \(HTMLFormat.int(p.count)) of \(HTMLFormat.int(p.total)) records"
      s += "<g><title>\(e(detail))</title>"
      s += text(name, x: left, y: y0 + 18, size: labelSize, weight: "600", halo: true)
      s += text(value, x: right, y: y0 + 18, size: valueSize, anchor: "end", halo: true)
      let barY = y0 + 25
      s += rect(left, barY, x(p.share) - left, barH, fill: HTMLPalette.blue)
      if p.total > 0 {
        let wy = barY + barH / 2, lo = x(p.low), hi = x(p.high)
        s += "<g stroke=\"\(HTMLPalette.ink)\" stroke-width=\"1.75\">"
        s += line(lo, wy, hi, wy) + line(lo, wy - 6, lo, wy + 6) + line(hi, wy - 6, hi, wy + 6)
        s += "</g>"
      }
      s += "</g>\n"
    }
    s += line(left, top, left, bottom, stroke: HTMLPalette.muted, width: 1.25) + "\n"
    return s + "</svg>"
  }

  func svgOpen(width: Double, height: Double, label: String, style: String? = nil) -> String {
    let styleAttribute = style.map { " style=\"\($0)\"" } ?? ""
    return "<svg role=\"img\" aria-label=\"\(e(label))\" viewBox=\"0 0 \(HTMLFormat.c(width)) \(HTMLFormat.c(height))\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"\(styleAttribute)>\n"
  }

  /// An SVG `<text>`; `halo` draws a white outline under the glyphs so grid lines do not cut through them.
  func text(
    _ content: String, x: Double, y: Double, size: Double, fill: String = HTMLPalette.ink, anchor: String = "start",
    weight: String? = nil, halo: Bool = false
  ) -> String {
    var s = "<text x=\"\(HTMLFormat.c(x))\" y=\"\(HTMLFormat.c(y))\" font-size=\"\(HTMLFormat.c(size))\" fill=\"\(fill)\""
    if anchor != "start" { s += " text-anchor=\"\(anchor)\"" }
    if let weight { s += " font-weight=\"\(weight)\"" }
    if halo { s += " stroke=\"#FFFFFF\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
    return s + ">\(e(content))</text>"
  }

  func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String? = nil, width: Double? = nil) -> String {
    var s = "<line x1=\"\(HTMLFormat.c(x1))\" y1=\"\(HTMLFormat.c(y1))\" x2=\"\(HTMLFormat.c(x2))\" y2=\"\(HTMLFormat.c(y2))\""
    if let stroke { s += " stroke=\"\(stroke)\"" }
    if let width { s += " stroke-width=\"\(HTMLFormat.c(width))\"" }
    return s + "/>"
  }

  func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, extra: String = "") -> String {
    "<rect x=\"\(HTMLFormat.c(x))\" y=\"\(HTMLFormat.c(y))\" width=\"\(HTMLFormat.c(max(0, w)))\" height=\"\(HTMLFormat.c(max(0, h)))\" fill=\"\(fill)\"\(extra)/>"
  }

  func sentimentLegend() -> String {
    let items = [
      ("Negative", HTMLPalette.negative), ("Mixed", HTMLPalette.mixed), ("Neutral", HTMLPalette.neutral), ("Positive", HTMLPalette.positive),
    ]
    var s = "<ul class=\"legend\" aria-label=\"Legend\">"
    for (name, colour) in items {
      s += "<li><span class=\"swatch\" style=\"background:\(colour)\"></span>\(name)</li>"
    }
    return s + "</ul>\n"
  }

  /// Chart 2: diverging stacked bars of sentiment labels, overall and per theme.
  func sentimentChart() -> String {
    var rows: [(label: String, sentiment: Report.SentimentSummary, overall: Bool)] = [
      ("All records with text", report.sentiment, true)
    ]
    rows += themesByShare.map { ($0.label, $0.sentiment, false) }
    let width = 440.0, left = 4.0, right = 436.0, centre = width / 2
    let rowHeight = 52.0, top = 24.0, labelSize = 16.0, valueSize = 14.0, barH = 20.0, gap = 10.0
    func parts(_ s: Report.SentimentSummary) -> (neg: Double, mix: Double, neu: Double, pos: Double) {
      let total = Double(s.total)
      guard total > 0 else { return (0, 0, 0, 0) }
      return (Double(s.negative) / total, Double(s.mixed) / total, Double(s.neutral) / total, Double(s.positive) / total)
    }
    var extent = 0.0
    for row in rows {
      let p = parts(row.sentiment)
      let middle = (p.mix + p.neu) / 2
      extent = max(extent, p.neg + middle, p.pos + middle)
    }
    let scale = min(1, HTMLFormat.niceCeil(extent, step: 0.1))
    let k = (centre - left) / scale
    let tick = scale > 0.6 ? 0.25 : 0.2
    let bottom = top + Double(rows.count) * rowHeight + gap
    let height = bottom + 26

    let summary =
      "Diverging bar chart: share of negative, mixed, neutral and positive records for all records and for each of \(rows.count - 1) themes."
    var s = svgOpen(width: width, height: height, label: summary)
    s += "<title>\(e("Sentiment by theme"))</title>\n"
    s += text("\u{2190} more negative", x: centre - 8, y: 14, size: 13, fill: HTMLPalette.muted, anchor: "end")
    s += text("more positive \u{2192}", x: centre + 8, y: 14, size: 13, fill: HTMLPalette.muted) + "\n"
    s += "<g class=\"grid\">"
    var v = 0.0
    while v <= scale + 1e-9 {
      for side in v == 0 ? [0.0] : [-1.0, 1.0] {
        let gx = centre + side * v * k
        let anchor = abs(gx - left) < 1 ? "start" : (abs(gx - right) < 1 ? "end" : "middle")
        s += line(gx, top, gx, bottom, stroke: v == 0 ? HTMLPalette.ink : HTMLPalette.grid, width: v == 0 ? 1.5 : 1)
        // On a wide scale, label every other tick so the labels near the edges do not touch.
        let skipLabel = scale > 0.75 && Int((v / tick).rounded()) % 2 == 1
        if !skipLabel { s += text("\(Int((v * 100).rounded()))%", x: gx, y: bottom + 19, size: 13, fill: HTMLPalette.muted, anchor: anchor) }
      }
      v += tick
    }
    s += "</g>\n"
    for (i, row) in rows.enumerated() {
      let y0 = top + Double(i) * rowHeight + (row.overall ? 0 : gap)
      let sentiment = row.sentiment
      let value =
        sentiment.total > 0 ? "mean \(HTMLFormat.signed(sentiment.compound.mean)) · \(HTMLFormat.int(sentiment.total))" : "no records"
      let room = (right - left) - HTMLFormat.width(value, size: valueSize) - 12
      let name = HTMLFormat.fit(row.label, room: room, size: labelSize, bold: true)
      let p = parts(sentiment)
      let detail =
        sentiment.total > 0
        ? "\(row.label): \(sentimentSentence(sentiment)); mean \(HTMLFormat.mean(sentiment.compound))" : "\(row.label): no records"
      s += "<g><title>\(e(detail))</title>"
      s += text(name, x: left, y: y0 + 18, size: labelSize, weight: row.overall ? "700" : "600", halo: true)
      s += text(value, x: right, y: y0 + 18, size: valueSize, anchor: "end", halo: true)
      let barY = y0 + 25
      if sentiment.total == 0 {
        s += rect(left, barY, right - left, barH, fill: "none", extra: " stroke=\"\(HTMLPalette.grid)\"")
      } else {
        let middle = (p.mix + p.neu) / 2
        let segments: [(Double, Double, String, String)] = [
          (centre - (middle + p.neg) * k, p.neg, HTMLPalette.negative, "#FFFFFF"),
          (centre - middle * k, p.mix, HTMLPalette.mixed, HTMLPalette.ink),
          (centre - middle * k + p.mix * k, p.neu, HTMLPalette.neutral, HTMLPalette.ink),
          (centre + middle * k, p.pos, HTMLPalette.positive, "#FFFFFF"),
        ]
        for (x0, share, fill, textFill) in segments where share > 0 {
          let w = share * k
          s += rect(x0, barY, w, barH, fill: fill, extra: " stroke=\"#FFFFFF\" stroke-width=\"0.75\"")
          let candidates = [HTMLFormat.percent(share), "\(Int((share * 100).rounded()))%"]
          if share >= 0.005, let label = candidates.first(where: { HTMLFormat.width($0, size: 12.5) + 4 <= w }) {
            s += text(label, x: x0 + w / 2, y: barY + 14.5, size: 12.5, fill: textFill, anchor: "middle")
          }
        }
      }
      s += "</g>\n"
    }
    return s + "</svg>"
  }

  // MARK: Theme details

  mutating func writeThemeDetails() {
    sectionStart("theme-details", "Theme details")
    guard !report.themes.isEmpty else {
      put("<p>No themes were defined.</p>\n</section>\n")
      return
    }
    for (index, theme) in report.themes.enumerated() {
      put("<article class=\"theme\" id=\"\(themeIndexAnchors[index])\">\n<h3>\(e(theme.label)) <code class=\"id\">\(e(theme.id))</code></h3>\n")
      if !theme.description.isEmpty { put("<p class=\"description\">\(e(theme.description))</p>\n") }
      put("<ul class=\"facts\">")
      put("<li><strong>\(HTMLFormat.int(theme.share.count))</strong> records: \(HTMLFormat.proportion(theme.share)) of those with text</li>")
      put("<li><strong>\(HTMLFormat.int(theme.countCampaignsOnce))</strong> counting each campaign once</li>")
      put("<li>Mean sentiment of its records <strong>\(HTMLFormat.mean(theme.sentiment.compound))</strong></li>")
      put("<li>Theme’s own sentiment <strong>\(HTMLFormat.mean(theme.themeSentiment))</strong></li>")
      put("</ul>\n")

      put("<div class=\"pair\">\n<div>\n<h4>Distinctive terms</h4>\n")
      if theme.distinctiveTerms.isEmpty {
        put("<p>No distinctive terms.</p>\n")
      } else {
        put("<div class=\"table-wrap\"><table class=\"compact\">\n<thead><tr><th scope=\"col\">Term</th><th scope=\"col\" class=\"num\">z</th>")
        put("<th scope=\"col\" class=\"num\">Log-odds ratio</th><th scope=\"col\" class=\"num\">In theme</th><th scope=\"col\" class=\"num\">Elsewhere</th></tr></thead>\n<tbody>\n")
        for term in theme.distinctiveTerms {
          put("<tr><th scope=\"row\">\(e(term.term))</th><td class=\"num\">\(HTMLFormat.fixed(term.z, 1))</td><td class=\"num\">\(HTMLFormat.fixed(term.logOddsRatio, 2))</td>")
          put("<td class=\"num\">\(HTMLFormat.int(term.themeDocuments))</td><td class=\"num\">\(HTMLFormat.int(term.otherDocuments))</td></tr>\n")
        }
        put("</tbody>\n</table></div>\n")
        put("<p class=\"hint\">Terms used far more in this theme’s records than in the rest (log-odds ratio with an informative prior; z above 2 is notable). “In theme” and “Elsewhere” count records containing the term.</p>\n")
      }

      put("</div>\n<div>\n<h4>Often appears with</h4>\n")
      if theme.cooccurring.isEmpty {
        put("<p>No co-occurring themes.</p>\n")
      } else {
        put("<div class=\"table-wrap\"><table class=\"compact\">\n<thead><tr><th scope=\"col\">Theme</th><th scope=\"col\" class=\"num\">Both</th>")
        put("<th scope=\"col\" class=\"num\">Of this theme</th><th scope=\"col\" class=\"num\">Lift</th></tr></thead>\n<tbody>\n")
        for co in theme.cooccurring {
          let name = themeAnchors[co.id].map { "<a href=\"#\($0)\">\(e(label(co.id)))</a>" } ?? e(label(co.id))
          put("<tr><th scope=\"row\">\(name)</th><td class=\"num\">\(HTMLFormat.int(co.count))</td><td class=\"num\">\(HTMLFormat.percent(co.shareOfTheme))</td>")
          put("<td class=\"num\">\(HTMLFormat.fixed(co.lift, 2))\u{00D7}</td></tr>\n")
        }
        put("</tbody>\n</table></div>\n")
        put("<p class=\"hint\">“Both”: records with both themes; “Of this theme”: their share of this theme’s records. Lift is how many times more often the two appear together than if they were unrelated (1\u{00D7} = unrelated).</p>\n")
      }

      put("</div>\n</div>\n<h4>Quotes</h4>\n")
      if theme.quotes.isEmpty {
        put("<p>No quotes.</p>\n")
      } else {
        for quote in theme.quotes { put(quoteHTML(quote)) }
      }
      put("</article>\n")
    }
    put("</section>\n")
  }

  func quoteHTML(_ quote: Report.Quote) -> String {
    let kind = ["positive", "negative", "neutral", "mixed"].contains(quote.label.lowercased()) ? quote.label.lowercased() : "neutral"
    var s = "<figure class=\"quote \(kind)\"><blockquote><p>\(e(quote.text))</p></blockquote>"
    s += "<figcaption>Record <code>\(e(quote.id))</code> · <span class=\"tag \(kind)\">\(e(quote.label))</span> \(HTMLFormat.signed(quote.compound))</figcaption></figure>\n"
    return s
  }

  // MARK: Unclassified

  mutating func writeUnclassified() {
    sectionStart("unclassified", "Unclassified records")
    let u = report.unclassified
    if u.share.total > 0 {
      put(
        "<p><strong>\(HTMLFormat.int(u.share.count))</strong> of \(HTMLFormat.records(u.share.total)) with text matched no theme: \(HTMLFormat.proportion(u.share)). Their most frequent words and phrases may point to themes the dictionary lacks.</p>\n"
      )
    } else {
      put("<p>No records with text were analysed.</p>\n")
    }
    put("<div class=\"pair\">\n")
    for (heading, terms, none) in [
      ("Top words", u.topWords, "No words to show."), ("Top phrases", u.topPhrases, "No phrases to show."),
    ] {
      put("<div>\n<h3>\(heading)</h3>\n")
      if terms.isEmpty {
        put("<p>\(none)</p>\n")
      } else {
        put("<div class=\"table-wrap\"><table class=\"compact\">\n<thead><tr><th scope=\"col\">\(heading == "Top words" ? "Word" : "Phrase")</th><th scope=\"col\" class=\"num\">Records</th></tr></thead>\n<tbody>\n")
        for term in terms { put("<tr><td>\(e(term.term))</td><td class=\"num\">\(HTMLFormat.int(term.documents))</td></tr>\n") }
        put("</tbody>\n</table></div>\n")
      }
      put("</div>\n")
    }
    put("</div>\n</section>\n")
  }

  // MARK: Segments

  mutating func writeSegments() {
    sectionStart("segments", "Segments")
    guard !report.segments.isEmpty else {
      put("<p>No segment breakdowns were requested.</p>\n</section>\n")
      return
    }
    for (index, breakdown) in report.segments.enumerated() {
      put("<article class=\"segment\" id=\"\(segmentAnchors[index])\">\n<h3>By <code>\(e(breakdown.column))</code></h3>\n")
      if breakdown.truncated {
        put("<p class=\"callout\">This column has more distinct values than the cap; the smaller ones are grouped under “(other)”.</p>\n")
      }
      guard !breakdown.values.isEmpty else {
        put("<p>No values.</p>\n</article>\n")
        continue
      }
      put("<div class=\"table-wrap\"><table>\n<thead><tr><th scope=\"col\">Value</th><th scope=\"col\" class=\"num\">Records</th>")
      put("<th scope=\"col\" class=\"num\">Share of all (95% interval)</th><th scope=\"col\" class=\"num\">Mean sentiment</th><th scope=\"col\" class=\"num\">Themes higher / lower</th></tr></thead>\n<tbody>\n")
      for value in breakdown.values {
        let flagged = value.themes.filter(\.flagged)
        let higher = flagged.filter { $0.share.share > $0.restShare }.count
        put("<tr><th scope=\"row\">\(e(value.value))</th><td class=\"num\">\(HTMLFormat.int(value.share.count))</td>")
        put("<td class=\"num\">\(HTMLFormat.proportion(value.share))</td><td class=\"num\">\(HTMLFormat.mean(value.sentiment.compound))</td>")
        put("<td class=\"num\">\(flagged.isEmpty ? "none" : "\u{25B2} \(higher) / \u{25BC} \(flagged.count - higher)")</td></tr>\n")
      }
      put("</tbody>\n</table></div>\n")
      put(heatmap(breakdown))
      writeDifferences(breakdown)
      put("</article>\n")
    }
    put("</section>\n")
  }

  /// The flagged cells of a breakdown as text, segment by segment.
  mutating func writeDifferences(_ breakdown: Report.SegmentBreakdown) {
    put("<h4>Themes that differ from the rest</h4>\n")
    let flaggedValues = breakdown.values.filter { $0.themes.contains(where: \.flagged) }
    guard !flaggedValues.isEmpty else {
      put("<p>No theme’s share differs significantly between the values of this column.</p>\n")
      return
    }
    put("<dl class=\"differences\">\n")
    for value in flaggedValues {
      put("<dt>\(e(value.value))</dt><dd><ul>")
      for theme in value.themes where theme.flagged {
        let above = theme.share.share > theme.restShare
        put(
          "<li><span class=\"mark\">\(above ? "\u{25B2} higher" : "\u{25BC} lower")</span> \(e(label(theme.id))): \(HTMLFormat.percent(theme.share.share)) against \(HTMLFormat.percent(theme.restShare)) elsewhere (\(e(HTMLFormat.p(theme.adjustedP))))</li>"
        )
      }
      put("</ul></dd>\n")
    }
    put("</dl>\n")
  }

  /// Chart 3: segment values (rows) by themes (columns), shaded by the theme's share in the segment.
  func heatmap(_ breakdown: Report.SegmentBreakdown) -> String {
    var columns: [String] = []
    var seen: Set<String> = []
    for theme in report.themes where seen.insert(theme.id).inserted { columns.append(theme.id) }
    for value in breakdown.values {
      for theme in value.themes where seen.insert(theme.id).inserted { columns.append(theme.id) }
    }
    guard !columns.isEmpty else { return "<p>No themes to compare across segments.</p>\n" }

    let maxShare = breakdown.values.flatMap(\.themes).map(\.share.share).max() ?? 0
    let domain = min(1, HTMLFormat.niceCeil(maxShare, step: maxShare <= 0.2 ? 0.05 : 0.1))
    let fontSize = 14.0, cellW = 80.0, cellH = 46.0, rowHeaderW = 160.0
    let angle = 40.0 * Double.pi / 180
    let headerLabels = columns.map { HTMLFormat.truncate(label($0), 30) }
    let longest = headerLabels.map { HTMLFormat.width($0, size: fontSize) }.max() ?? 0
    let headerH = ceil(longest * sin(angle)) + 20
    let gridRight = rowHeaderW + Double(columns.count) * cellW
    var overhang = 0.0
    for (i, name) in headerLabels.enumerated() {
      let startX = rowHeaderW + (Double(i) + 0.5) * cellW
      overhang = max(overhang, startX + HTMLFormat.width(name, size: fontSize) * cos(angle) - gridRight)
    }
    let width = gridRight + max(8, overhang + 8)
    let height = headerH + Double(breakdown.values.count) * cellH + 6

    let summary =
      "Heatmap: share of each segment of \(breakdown.column) assigned each theme; cells marked with an up or down triangle differ significantly from the rest."
    let style = "min-width:\(Int((width * 0.9).rounded()))px;max-width:\(Int((width * 1.25).rounded()))px"
    var s = "<figure class=\"chart\">\n<div class=\"scroll\">\n"
    s += svgOpen(width: width, height: height, label: summary, style: style)
    s += "<title>\(e("Themes by \(breakdown.column)"))</title>\n"
    for (i, name) in headerLabels.enumerated() {
      let x = rowHeaderW + (Double(i) + 0.5) * cellW
      let y = headerH - 8
      s += "<text x=\"\(HTMLFormat.c(x))\" y=\"\(HTMLFormat.c(y))\" font-size=\"\(HTMLFormat.c(fontSize))\" fill=\"\(HTMLPalette.ink)\" transform=\"rotate(-40 \(HTMLFormat.c(x)) \(HTMLFormat.c(y)))\"><title>\(e(label(columns[i])))</title>\(e(name))</text>"
    }
    s += "\n"
    for (r, value) in breakdown.values.enumerated() {
      let y0 = headerH + Double(r) * cellH
      s += "<text x=\"\(HTMLFormat.c(rowHeaderW - 10))\" y=\"\(HTMLFormat.c(y0 + 19))\" font-size=\"\(HTMLFormat.c(fontSize + 1))\" font-weight=\"600\" fill=\"\(HTMLPalette.ink)\" text-anchor=\"end\"><title>\(e(value.value))</title>\(e(HTMLFormat.fit(value.value, room: rowHeaderW - 16, size: fontSize + 1, bold: true)))</text>"
      s += "<text x=\"\(HTMLFormat.c(rowHeaderW - 10))\" y=\"\(HTMLFormat.c(y0 + 37))\" font-size=\"13\" fill=\"\(HTMLPalette.muted)\" text-anchor=\"end\">n = \(HTMLFormat.int(value.share.count))</text>\n"
      var byID: [String: Report.SegmentTheme] = [:]
      for theme in value.themes where byID[theme.id] == nil { byID[theme.id] = theme }
      for (c, id) in columns.enumerated() {
        let x0 = rowHeaderW + Double(c) * cellW
        guard let cell = byID[id] else {
          s += "<rect x=\"\(HTMLFormat.c(x0 + 1))\" y=\"\(HTMLFormat.c(y0 + 1))\" width=\"\(HTMLFormat.c(cellW - 2))\" height=\"\(HTMLFormat.c(cellH - 2))\" fill=\"#FFFFFF\" stroke=\"\(HTMLPalette.grid)\"/>"
          s += "<text x=\"\(HTMLFormat.c(x0 + cellW / 2))\" y=\"\(HTMLFormat.c(y0 + 27))\" font-size=\"\(HTMLFormat.c(fontSize))\" fill=\"\(HTMLPalette.muted)\" text-anchor=\"middle\">\u{2013}</text>"
          continue
        }
        let t = domain > 0 ? cell.share.share / domain : 0
        let fill = HTMLPalette.shade(t)
        let textFill = HTMLPalette.needsLightText(t) ? "#FFFFFF" : HTMLPalette.ink
        let above = cell.share.share > cell.restShare
        let mark = cell.flagged ? (above ? "\u{25B2} " : "\u{25BC} ") : ""
        let detail =
          "\(value.value), \(label(id)): \(HTMLFormat.proportion(cell.share)) against \(HTMLFormat.percent(cell.restShare)) elsewhere; z = \(HTMLFormat.fixed(cell.z, 1)), adjusted \(HTMLFormat.p(cell.adjustedP))"
          + (cell.flagged ? (above ? "; significantly higher" : "; significantly lower") : "")
        s += "<g><title>\(e(detail))</title>"
        s += "<rect x=\"\(HTMLFormat.c(x0 + 1))\" y=\"\(HTMLFormat.c(y0 + 1))\" width=\"\(HTMLFormat.c(cellW - 2))\" height=\"\(HTMLFormat.c(cellH - 2))\" fill=\"\(fill)\"/>"
        if cell.flagged {
          s += "<rect x=\"\(HTMLFormat.c(x0 + 2.5))\" y=\"\(HTMLFormat.c(y0 + 2.5))\" width=\"\(HTMLFormat.c(cellW - 5))\" height=\"\(HTMLFormat.c(cellH - 5))\" fill=\"none\" stroke=\"\(HTMLPalette.ink)\" stroke-width=\"3\"/>"
          s += "<rect x=\"\(HTMLFormat.c(x0 + 4.75))\" y=\"\(HTMLFormat.c(y0 + 4.75))\" width=\"\(HTMLFormat.c(cellW - 9.5))\" height=\"\(HTMLFormat.c(cellH - 9.5))\" fill=\"none\" stroke=\"#FFFFFF\" stroke-width=\"1.5\"/>"
        }
        s += "<text x=\"\(HTMLFormat.c(x0 + cellW / 2))\" y=\"\(HTMLFormat.c(y0 + 28))\" font-size=\"\(HTMLFormat.c(fontSize))\" font-weight=\"\(cell.flagged ? "700" : "400")\" fill=\"\(textFill)\" text-anchor=\"middle\">\(mark)\(HTMLFormat.percent(cell.share.share))</text>"
        s += "</g>"
      }
      s += "\n"
    }
    s += "</svg>\n</div>\n"
    // Legend: the colour scale and what the marks mean.
    s += "<ul class=\"legend\" aria-label=\"Legend\">"
    for step in 0...4 {
      let share = domain * Double(step) / 4
      s += "<li><span class=\"swatch\" style=\"background:\(HTMLPalette.shade(Double(step) / 4))\"></span>\(HTMLFormat.percent(share))</li>"
    }
    s += "<li><span class=\"flag-swatch\">\u{25B2}</span>higher than the rest</li><li><span class=\"flag-swatch\">\u{25BC}</span>lower than the rest</li></ul>\n"
    s += "<figcaption>Each cell is the share of the segment’s records assigned the theme (darker = larger share, scale 0 to \(HTMLFormat.percent(domain))). "
    s += "Outlined cells marked \u{25B2} or \u{25BC} differ from the share among all other records: two-proportion z-test, Bonferroni-adjusted over every value and theme of this column, p &lt; 0.05. "
    s += "<span class=\"screen-only\">Where the grid is wider than the screen, scroll it sideways.</span></figcaption>\n</figure>\n"
    return s
  }

  // MARK: Campaigns

  mutating func writeCampaigns() {
    sectionStart("campaigns", "Campaigns")
    let c = report.campaigns
    if !c.exact {
      put(
        "<p class=\"callout\"><strong>Counts may be low.</strong> A memory cap forced some records out of the near-duplicate index, so some campaign members may have been missed.</p>\n"
      )
    }
    put("<dl class=\"stats\">\n")
    put("<div class=\"stat\"><dt>Exact duplicate groups</dt><dd class=\"value\">\(HTMLFormat.int(c.exactDuplicateGroups))</dd><dd class=\"sub\">two or more records with the same text</dd></div>\n")
    put("<div class=\"stat\"><dt>Records in those groups</dt><dd class=\"value\">\(HTMLFormat.int(c.exactDuplicateRecords))</dd></div>\n")
    put("<div class=\"stat\"><dt>Near-duplicate clusters</dt><dd class=\"value\">\(HTMLFormat.int(c.clustersFound))</dd></div>\n")
    put("<div class=\"stat\"><dt>Records in clusters</dt><dd class=\"value\">\(HTMLFormat.int(c.recordsInClusters))</dd></div>\n")
    put("</dl>\n")
    guard !c.clusters.isEmpty else {
      put("<p>No campaigns were found.</p>\n</section>\n")
      return
    }
    put("<p class=\"hint\">A campaign is a cluster of near-identical responses (for example a circulated template). Each member is listed with the words it added to the template.</p>\n")
    for cluster in c.clusters {
      put("<article class=\"cluster\">\n<h3>Campaign <code>\(e(cluster.id))</code> · \(HTMLFormat.records(cluster.size))</h3>\n")
      if !cluster.themes.isEmpty {
        let names = cluster.themes.map { id in themeAnchors[id].map { "<a href=\"#\($0)\">\(e(label(id)))</a>" } ?? e(label(id)) }
        put("<p>Themes of most members: \(names.joined(separator: ", ")).</p>\n")
      }
      put("<figure class=\"quote template\"><blockquote><p>\(e(cluster.template))</p></blockquote>")
      put("<figcaption>Template: record <code>\(e(cluster.templateID))</code></figcaption></figure>\n")
      if cluster.members.isEmpty {
        put("<p>No members listed.</p>\n")
      } else {
        put("<div class=\"table-wrap\"><table class=\"compact\">\n<thead><tr><th scope=\"col\">Record</th><th scope=\"col\" class=\"wide\">What it added to the template</th></tr></thead>\n<tbody>\n")
        for member in cluster.members {
          let added = member.added.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? "<span class=\"muted\">Nothing: same words as the template.</span>" : e(member.added)
          put("<tr><td><code>\(e(member.id))</code></td><td>\(added)</td></tr>\n")
        }
        put("</tbody>\n</table></div>\n")
        if cluster.members.count < cluster.size {
          put("<p class=\"hint\">\(HTMLFormat.int(cluster.members.count)) of \(HTMLFormat.int(cluster.size)) members shown.</p>\n")
        }
      }
      put("</article>\n")
    }
    put("</section>\n")
  }

  // MARK: Redaction and notes

  mutating func writeRedaction() {
    sectionStart("redaction", "Redaction")
    let r = report.redaction
    guard r.enabled else {
      put(
        "<p class=\"callout urgent\"><strong>Redaction was switched off.</strong> Quotes, campaign templates and what members added are shown as written and may contain personal details. Handle this report accordingly.</p>\n"
      )
      put("</section>\n")
      return
    }
    put("<p>Redaction was on: personal details in the quoted text of this report were replaced before it was written.</p>\n")
    let counts = r.counts.filter { $0.value != 0 }.sorted { $0.key < $1.key }
    if counts.isEmpty {
      put("<p>No redactions were needed.</p>\n")
    } else {
      put("<div class=\"table-wrap\"><table class=\"compact narrow\">\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\" class=\"num\">Redactions</th></tr></thead>\n<tbody>\n")
      for (kind, n) in counts { put("<tr><td>\(e(kind))</td><td class=\"num\">\(HTMLFormat.int(n))</td></tr>\n") }
      let total = counts.reduce(0) { $0 + $1.value }
      put("</tbody>\n<tfoot><tr><th scope=\"row\">Total</th><td class=\"num\">\(HTMLFormat.int(total))</td></tr></tfoot>\n</table></div>\n")
    }
    put("</section>\n")
  }

  mutating func writeNotes() {
    sectionStart("notes", "Notes")
    if report.notes.isEmpty {
      put("<p>No notes.</p>\n")
    } else {
      put("<ul class=\"notes\">\n")
      for note in report.notes { put("<li>\(e(note))</li>\n") }
      put("</ul>\n")
    }
    put("</section>\n")
  }

  // MARK: Style sheet

  /// Inline CSS. It must stay free of `<`, `&` and of any external reference.
  static let css = """
    :root{color-scheme:light;--ink:#1b1b1b;--muted:#595959;--line:#d9dde2;--bg:#f3f4f6;--card:#ffffff;--blue:#0072B2;--verm:#D55E00;--orange:#E69F00;--sky:#56B4E9}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--ink);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans","DejaVu Sans",sans-serif;font-size:16px;line-height:1.5;overflow-wrap:break-word}
    .page{max-width:64rem;margin:0 auto;padding:.6rem}
    @media (min-width:40rem){.page{padding:1.5rem 2rem}}
    a{color:#005a8c}
    a:focus-visible{outline:3px solid var(--orange);outline-offset:2px}
    code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.875em;background:#eef1f4;border-radius:3px;padding:0 .25em;overflow-wrap:anywhere}
    code.id{font-weight:400;color:var(--muted);font-size:.75em;vertical-align:middle}
    .masthead{border-top:6px solid var(--blue);background:var(--card);padding:1rem 1.25rem;border-radius:0 0 8px 8px;margin-bottom:1rem}
    .kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.8rem;color:var(--muted);font-weight:600}
    h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem}
    @media (min-width:40rem){h1{font-size:2rem}}
    h2{font-size:1.35rem;line-height:1.3;margin:0 0 .75rem;padding-bottom:.35rem;border-bottom:2px solid var(--line)}
    h3{font-size:1.125rem;line-height:1.3;margin:1.5rem 0 .5rem}
    h4{font-size:1rem;margin:1.25rem 0 .4rem}
    .meta{margin:.25rem 0;color:var(--muted)}
    section,nav.toc{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.9rem .8rem 1.1rem;margin:0 0 1rem}
    @media (min-width:40rem){section,nav.toc{padding:1.25rem 1.5rem 1.5rem}}
    nav.toc ol{margin:0;padding-left:1.4rem}
    nav.toc ol ol{font-size:.9375rem}
    nav.toc li{margin:.15rem 0}
    .badge{display:inline-block;min-width:1.5em;padding:0 .4em;border-radius:1em;background:var(--verm);color:#fff;font-size:.8rem;font-weight:700;text-align:center}
    p{margin:.5rem 0}
    .hint,figcaption{color:var(--muted);font-size:.875rem}
    .muted{color:var(--muted)}
    .stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.6rem;margin:.5rem 0 1rem}
    .stat{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;background:#fafbfc}
    .stat dt{font-size:.8125rem;color:var(--muted);font-weight:600}
    .stat dd{margin:0}
    .stat .value{font-size:1.5rem;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.3}
    .stat .sub{font-size:.8125rem;color:var(--muted)}
    .callout{border-left:6px solid var(--orange);background:#fff7e6;padding:.6rem .9rem;border-radius:0 6px 6px 0;margin:.75rem 0}
    .callout p{margin:0}
    .urgent{border-left-color:var(--verm);background:#fdeee6}
    .table-wrap,.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)),linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) 100% 0,radial-gradient(farthest-side at 0 50%,rgba(0,0,0,.18),rgba(0,0,0,0)),radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.18),rgba(0,0,0,0)) 100% 0;background-repeat:no-repeat;background-size:2.5rem 100%,2.5rem 100%,.9rem 100%,.9rem 100%;background-attachment:local,local,scroll,scroll}
    .table-wrap{margin:.5rem 0 .75rem}
    table{border-collapse:collapse;width:100%;font-size:.9375rem}
    table.narrow{width:auto;min-width:16rem}
    th,td{padding:.4rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    thead th{border-bottom:2px solid #8a8f96;font-size:.8125rem;color:#333;line-height:1.3;vertical-align:bottom}
    tbody th{font-weight:600}
    tfoot th,tfoot td{border-top:2px solid #8a8f96;border-bottom:0}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    thead th.num{white-space:normal}
    tbody th{min-width:7rem}
    th.wide{min-width:14rem}
    table.compact{width:auto;min-width:min(100%,24rem)}
    table.compact th,table.compact td{padding:.3rem .5rem}
    table.compact tbody th{min-width:5.5rem}
    ul.ids{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem}
    ul.ids code{font-size:.875rem;padding:.1em .4em}
    dl.differences{margin:.5rem 0}
    dl.differences dt{font-weight:700;margin-top:.6rem}
    dl.differences dd{margin:0}
    dl.differences ul{margin:.15rem 0;padding-left:1.1rem}
    .alert-type{border-top:1px solid var(--line);padding-top:.25rem}
    .alert-type h3{margin:.6rem 0 .25rem}
    .mark{font-weight:700;white-space:nowrap}
    ul.facts{display:flex;flex-wrap:wrap;gap:.3rem 1.25rem;padding:0;margin:.25rem 0 .5rem;list-style:none;font-size:.9375rem}
    .description{font-style:italic;color:#333}
    article.theme,article.segment,article.cluster{border-top:1px solid var(--line);margin-top:1.25rem}
    article.theme:first-of-type,article.segment:first-of-type,article.cluster:first-of-type{border-top:0;margin-top:0}
    article.theme h3:first-child,article.segment h3:first-child{margin-top:1rem}
    figure{margin:1rem 0}
    figure.chart svg{display:block;height:auto;max-width:44rem;font-family:inherit}
    .scroll{padding-bottom:.25rem}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr));gap:0 2rem;align-items:start}
    .charts figure.chart svg{max-width:none}
    .scroll svg{max-width:none}
    .legend{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;margin:.5rem 0;font-size:.875rem}
    .legend li{display:flex;align-items:center;gap:.35rem}
    .swatch{display:inline-block;width:1.1rem;height:1.1rem;border:1px solid rgba(0,0,0,.35);border-radius:2px}
    .flag-swatch{display:inline-block;min-width:1.9rem;height:1.5rem;line-height:1.2rem;text-align:center;border:3px solid var(--ink);outline:1.5px solid #fff;outline-offset:-4.5px;font-size:.85rem;font-weight:700;background:#c6dbef}
    figure.quote{margin:.75rem 0}
    figure.quote blockquote{margin:0;padding:.6rem .9rem;border-left:5px solid #9a9a9a;background:#f7f8fa;white-space:pre-line;border-radius:0 6px 6px 0}
    figure.quote blockquote p{margin:0}
    figure.quote.negative blockquote{border-left-color:var(--verm)}
    figure.quote.positive blockquote{border-left-color:var(--blue)}
    figure.quote.mixed blockquote{border-left-color:var(--orange)}
    figure.quote.template blockquote{border-left-color:var(--sky)}
    figure.quote figcaption{margin-top:.25rem}
    .tag{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.8125rem;font-weight:600;border:1px solid #9a9a9a}
    .tag.negative{background:var(--verm);border-color:var(--verm);color:#fff}
    .tag.positive{background:var(--blue);border-color:var(--blue);color:#fff}
    .tag.mixed{background:var(--orange);border-color:var(--orange);color:#1b1b1b}
    .tag.neutral{background:#dddddd;color:#1b1b1b}
    .pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1.5rem}
    .footer{color:var(--muted);font-size:.8125rem;padding:.5rem 0 2rem}
    @media print{
    body{background:#fff;font-size:10.5pt}
    .page{max-width:none;padding:0}
    section,nav.toc,.masthead{border:0;padding:0;margin:0 0 1rem;border-radius:0}
    .table-wrap,.scroll{overflow:visible}
    .scroll svg{min-width:0 !important;max-width:100% !important}
    figure,blockquote,tr,.stat,.callout{break-inside:avoid}
    h2,h3,h4{break-after:avoid}
    a{color:inherit;text-decoration:none}
    .screen-only{display:none}
    *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    }

    """
}
