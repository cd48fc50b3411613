import Foundation

/// Writes a report as Markdown that reads as plain text in a terminal and renders as tables on a
/// code host. Shares are percentages with one decimal and their Wilson 95% interval.
public enum MarkdownReportRenderer {
  public static func render(_ report: SummaryReport) -> String {
    var out: [String] = []
    out.append("# \(inline(report.title))")
    out.append("")
    out.append("Theme dictionaries: \(report.dictionaries.map { "`\($0)`" }.joined(separator: ", ")). Schema \(SummaryReport.schema).")
    out.append("")

    let totals = report.totals
    out.append("## Overview")
    out.append("")
    out.append("- Records read: \(totals.records) (analysed \(totals.analysed), empty \(totals.empty), errors \(totals.errors))")
    out.append("- Matched by no theme: \(proportion(totals.unclassified)) of \(totals.unclassified.total) non-empty records")
    out.append("- Sentiment: \(sentimentSplit(report.sentiment)); mean compound \(mean(report.sentiment.compound))")
    out.append(
      "- Campaigns: \(report.campaigns.clustersFound) near-duplicate clusters holding \(report.campaigns.recordsInClusters) records; \(report.campaigns.exactDuplicateRecords) records are exact duplicates (\(report.campaigns.exactDuplicateGroups) groups)"
    )
    out.append("")

    out.append("## Alerts: records a person must read now")
    out.append("")
    if report.alerts.allSatisfy({ $0.count == 0 }) {
      out.append("No alerts.")
    } else {
      out.append("Texts are never quoted here; open the records by id.")
      out.append("")
      out.append("| alert | records | ids |")
      out.append("|---|---:|---|")
      for alert in report.alerts where alert.count > 0 {
        let ids = alert.ids.map(inline).joined(separator: ", ") + (alert.idsTruncated ? ", … (\(alert.count - alert.ids.count) more)" : "")
        out.append("| \(cell(alert.label)) | \(alert.count) | \(cell(ids)) |")
      }
    }
    out.append("")

    out.append("## Themes")
    out.append("")
    if report.themes.isEmpty {
      out.append("No themes are defined.")
    } else {
      out.append("Shares are of the \(totals.unclassified.total) non-empty records, with Wilson 95% intervals. A record can have several themes.")
      out.append("")
      out.append("| theme | records | share (95% CI) | campaigns counted once | negative | positive | mean sentiment (95% CI) | theme's own sentiment |")
      out.append("|---|---:|---|---:|---:|---:|---|---|")
      for theme in report.themes.sorted(by: { ($0.share.count, $1.id) > ($1.share.count, $0.id) }) {
        let s = theme.sentiment
        out.append(
          "| \(cell(theme.label)) | \(theme.share.count) | \(proportion(theme.share)) | \(theme.countCampaignsOnce) | \(percent(s.negative, of: s.total)) | \(percent(s.positive, of: s.total)) | \(mean(s.compound)) | \(theme.themeSentiment.n > 0 ? signed(theme.themeSentiment.mean) : "–") |"
        )
      }
      out.append("")
      for theme in report.themes.sorted(by: { ($0.share.count, $1.id) > ($1.share.count, $0.id) }) where theme.share.count > 0 {
        out.append("### \(inline(theme.label)) (`\(theme.id)`)")
        out.append("")
        if !theme.description.isEmpty {
          out.append(inline(theme.description))
          out.append("")
        }
        out.append("- Records: \(proportion(theme.share)); \(theme.countCampaignsOnce) with each campaign counted once")
        out.append("- Sentiment: \(sentimentSplit(theme.sentiment)); mean \(mean(theme.sentiment.compound))")
        if theme.themeSentiment.n > 0 {
          out.append("- The theme's own sentiment (sentences with its evidence): \(mean(theme.themeSentiment))")
        }
        if !theme.cooccurring.isEmpty {
          let list = theme.cooccurring.map {
            "`\($0.id)` \($0.count) (\(percentText($0.shareOfTheme)), lift \(String(format: "%.2f", $0.lift)))"
          }
          out.append("- Often with: \(list.joined(separator: ", "))")
        }
        if !theme.distinctiveTerms.isEmpty {
          let list = theme.distinctiveTerms.map { "\(inline($0.term)) (z \(String(format: "%.1f", $0.z)), \($0.themeDocuments) records)" }
          out.append("- Distinctive terms: \(list.joined(separator: ", "))")
        }
        if !theme.quotes.isEmpty {
          out.append("")
          for quote in theme.quotes {
            out.append("> \(inline(quote.text))")
            out.append(">")
            out.append("> — \(inline(quote.id)), \(quote.label) (\(signed(quote.compound)))")
            out.append("")
          }
        } else {
          out.append("")
        }
      }
    }

    out.append("## Not matched by any theme")
    out.append("")
    out.append("\(proportion(report.unclassified.share)) of non-empty records. Their most frequent terms show what the dictionary may be missing.")
    out.append("")
    if !report.unclassified.topWords.isEmpty {
      out.append("- Words: " + report.unclassified.topWords.map { "\(inline($0.term)) (\($0.documents))" }.joined(separator: ", "))
    }
    if !report.unclassified.topPhrases.isEmpty {
      out.append("- Phrases: " + report.unclassified.topPhrases.map { "\(inline($0.term)) (\($0.documents))" }.joined(separator: ", "))
    }
    out.append("")

    for breakdown in report.segments {
      out.append("## By \(inline(breakdown.column))")
      out.append("")
      out.append("Share of each segment's records assigned each theme. ▲/▼: the segment differs from all other records (two-proportion z-test, Bonferroni-adjusted p < 0.05).")
      out.append("")
      let values = breakdown.values
      out.append("| theme | " + values.map { "\(cell($0.value)) (n=\($0.share.count))" }.joined(separator: " | ") + " |")
      out.append("|---|" + values.map { _ in "---:" }.joined(separator: "|") + "|")
      out.append("| mean sentiment | " + values.map { signed($0.sentiment.compound.mean) }.joined(separator: " | ") + " |")
      for (i, theme) in report.themes.enumerated() {
        let cells = values.map { value -> String in
          let c = value.themes[i]
          let mark = c.flagged ? (c.share.share > c.restShare ? " ▲" : " ▼") : ""
          return percentText(c.share.share) + mark
        }
        out.append("| \(cell(theme.label)) | " + cells.joined(separator: " | ") + " |")
      }
      out.append("")
    }

    out.append("## Campaigns and duplicates")
    out.append("")
    let campaigns = report.campaigns
    out.append(
      "\(campaigns.exactDuplicateRecords) records are exact duplicates of another (\(campaigns.exactDuplicateGroups) groups). \(campaigns.recordsInClusters) records are in \(campaigns.clustersFound) near-duplicate clusters. Members are never dropped: theme counts above include them, and are also given with each campaign counted once."
    )
    if !campaigns.exact { out.append("Counts are lower bounds (see notes).") }
    out.append("")
    for cluster in campaigns.clusters {
      out.append("### \(cluster.id): \(cluster.size) records" + (cluster.themes.isEmpty ? "" : " (\(cluster.themes.map { "`\($0)`" }.joined(separator: ", ")))"))
      out.append("")
      out.append("Template (\(inline(cluster.templateID))):")
      out.append("")
      out.append("> \(inline(cluster.template))")
      out.append("")
      if !cluster.members.isEmpty {
        out.append("| member | what it added |")
        out.append("|---|---|")
        for member in cluster.members {
          out.append("| \(cell(member.id)) | \(member.added.isEmpty ? "(nothing)" : cell(member.added)) |")
        }
        let more = cluster.size - 1 - cluster.members.count
        if more > 0 { out.append("| … | \(more) more member\(more == 1 ? "" : "s") |") }
        out.append("")
      }
    }

    out.append("## Redaction")
    out.append("")
    if report.redaction.enabled {
      let counts = report.redaction.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      out.append("Personal data in quoted text is redacted. " + (counts.isEmpty ? "Nothing needed redacting." : "Redacted: \(counts.joined(separator: ", ")).") )
    } else {
      out.append("Redaction was switched off (--no-redact): quoted text may contain personal data.")
    }
    out.append("")
    if !report.notes.isEmpty {
      out.append("## Notes")
      out.append("")
      for note in report.notes { out.append("- \(inline(note))") }
      out.append("")
    }
    return out.joined(separator: "\n")
  }

  static func percentText(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

  static func percent(_ count: Int, of total: Int) -> String {
    total > 0 ? percentText(Double(count) / Double(total)) : "–"
  }

  static func proportion(_ p: SummaryReport.Proportion) -> String {
    "\(percentText(p.share)) (\(String(format: "%.1f", p.low * 100))–\(String(format: "%.1f", p.high * 100)))"
  }

  static func signed(_ value: Double) -> String {
    let s = String(format: "%+.2f", value)
    return s == "-0.00" ? "+0.00" : s
  }

  static func mean(_ m: SummaryReport.MeanEstimate) -> String {
    m.n == 0 ? "–" : "\(signed(m.mean)) (\(signed(m.low)) to \(signed(m.high)))"
  }

  static func sentimentSplit(_ s: SummaryReport.SentimentSummary) -> String {
    "negative \(percent(s.negative, of: s.total)), positive \(percent(s.positive, of: s.total)), neutral \(percent(s.neutral, of: s.total)), mixed \(percent(s.mixed, of: s.total))"
  }

  /// Text on one line, with Markdown's active characters escaped.
  static func inline(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\n", "\r", "\r\n", "\t": out.append(" ")
      // Underscores inside words (respondent_type) are literal in CommonMark; leave them be.
      case "\\", "`", "*", "<", ">", "|": out.append("\\"); out.append(character)
      default: out.append(character)
      }
    }
    return out
  }

  static func cell(_ text: String) -> String { inline(text) }
}
