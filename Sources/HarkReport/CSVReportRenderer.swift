import Foundation

/// Writes a report as CSV tables for spreadsheets (RFC 4180 quoting, one header row each):
/// `themes`, `segments` (one row per segment value and theme), `terms` (distinctive and
/// unclassified), `quotes`, `campaigns` (one row per listed member) and `alerts` (one row per id).
public enum CSVReportRenderer {
  /// The tables in a fixed order, as (name, CSV text).
  public static func tables(_ report: SummaryReport) -> [(name: String, csv: String)] {
    var themes = [["theme", "label", "records", "total", "share", "share_low", "share_high", "count_campaigns_once",
      "negative", "positive", "neutral", "mixed", "mean_compound", "mean_low", "mean_high", "theme_sentiment"]]
    for t in report.themes {
      let s = t.sentiment
      themes.append([
        t.id, t.label, "\(t.share.count)", "\(t.share.total)", n(t.share.share), n(t.share.low), n(t.share.high),
        "\(t.countCampaignsOnce)", "\(s.negative)", "\(s.positive)", "\(s.neutral)", "\(s.mixed)",
        n(s.compound.mean), n(s.compound.low), n(s.compound.high), t.themeSentiment.n > 0 ? n(t.themeSentiment.mean) : "",
      ])
    }
    var segments = [["column", "value", "records", "mean_compound", "theme", "theme_records", "share", "share_low", "share_high",
      "rest_share", "z", "adjusted_p", "flagged"]]
    for breakdown in report.segments {
      for value in breakdown.values {
        for cell in value.themes {
          segments.append([
            breakdown.column, value.value, "\(value.share.count)", n(value.sentiment.compound.mean), cell.id,
            "\(cell.share.count)", n(cell.share.share), n(cell.share.low), n(cell.share.high), n(cell.restShare),
            n(cell.z, 3), n(cell.adjustedP, 6), cell.flagged ? "true" : "false",
          ])
        }
      }
    }
    var terms = [["group", "term", "z", "log_odds_ratio", "group_documents", "other_documents"]]
    for t in report.themes {
      for term in t.distinctiveTerms {
        terms.append([t.id, term.term, n(term.z, 3), n(term.logOddsRatio), "\(term.themeDocuments)", "\(term.otherDocuments)"])
      }
    }
    for term in report.unclassified.topWords + report.unclassified.topPhrases {
      terms.append(["(unclassified)", term.term, "", "", "\(term.documents)", ""])
    }
    var quotes = [["theme", "id", "label", "compound", "text"]]
    for t in report.themes {
      for q in t.quotes { quotes.append([t.id, q.id, q.label, n(q.compound), q.text]) }
    }
    var campaigns = [["campaign", "size", "template_id", "template", "member_id", "added"]]
    for c in report.campaigns.clusters {
      if c.members.isEmpty { campaigns.append([c.id, "\(c.size)", c.templateID, c.template, "", ""]) }
      for m in c.members { campaigns.append([c.id, "\(c.size)", c.templateID, c.template, m.id, m.added]) }
    }
    var alerts = [["alert", "label", "count", "id"]]
    for a in report.alerts {
      for id in a.ids { alerts.append([a.id, a.label, "\(a.count)", id]) }
    }
    return [
      ("themes", csv(themes)), ("segments", csv(segments)), ("terms", csv(terms)), ("quotes", csv(quotes)),
      ("campaigns", csv(campaigns)), ("alerts", csv(alerts)),
    ]
  }

  static func n(_ value: Double, _ digits: Int = 4) -> String { JSONWriter.number(value, digits: digits) }

  static func csv(_ rows: [[String]]) -> String {
    rows.map { row in row.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }

  /// A field, quoted when it holds a comma, quote, CR or LF, or starts with a character a
  /// spreadsheet would treat as a formula (then prefixed with an apostrophe).
  static func field(_ value: String) -> String {
    var value = value
    if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
