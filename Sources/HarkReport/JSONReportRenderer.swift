import Foundation

/// Writes a report as JSON with the schema `hark-summary/1` (documented in the README): fixed key
/// order, numbers rounded to fixed decimals, no timing fields, so equal reports give equal bytes.
public enum JSONReportRenderer {
  public static func render(_ report: SummaryReport) -> String {
    let w = JSONWriter()
    w.object {
      w.key("schema", SummaryReport.schema)
      w.key("title", report.title)
      w.key("dictionaries") { w.array(report.dictionaries) { w.string($0) } }
      w.key("totals") {
        w.object {
          w.key("records", report.totals.records)
          w.key("analysed", report.totals.analysed)
          w.key("empty", report.totals.empty)
          w.key("errors", report.totals.errors)
          w.key("unclassified") { proportion(report.totals.unclassified, w) }
        }
      }
      w.key("sentiment") { sentiment(report.sentiment, w) }
      w.key("alerts") {
        w.array(report.alerts) { alert in
          w.object {
            w.key("id", alert.id)
            w.key("label", alert.label)
            w.key("count", alert.count)
            w.key("ids") { w.array(alert.ids) { w.string($0) } }
            w.key("ids_truncated", alert.idsTruncated)
          }
        }
      }
      w.key("themes") { w.array(report.themes) { theme($0, w) } }
      w.key("unclassified") {
        w.object {
          w.key("share") { proportion(report.unclassified.share, w) }
          w.key("top_words") { termCounts(report.unclassified.topWords, w) }
          w.key("top_phrases") { termCounts(report.unclassified.topPhrases, w) }
        }
      }
      w.key("segments") {
        w.array(report.segments) { breakdown in
          w.object {
            w.key("column", breakdown.column)
            w.key("truncated", breakdown.truncated)
            w.key("values") {
              w.array(breakdown.values) { value in
                w.object {
                  w.key("value", value.value)
                  w.key("share") { proportion(value.share, w) }
                  w.key("sentiment") { sentiment(value.sentiment, w) }
                  w.key("themes") {
                    w.array(value.themes) { cell in
                      w.object {
                        w.key("id", cell.id)
                        w.key("share") { proportion(cell.share, w) }
                        w.key("rest_share", cell.restShare, digits: 4)
                        w.key("z", cell.z, digits: 3)
                        w.key("adjusted_p", cell.adjustedP, digits: 6)
                        w.key("flagged", cell.flagged)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      w.key("campaigns") {
        let campaigns = report.campaigns
        w.object {
          w.key("exact", campaigns.exact)
          w.key("exact_duplicate_groups", campaigns.exactDuplicateGroups)
          w.key("exact_duplicate_records", campaigns.exactDuplicateRecords)
          w.key("clusters_found", campaigns.clustersFound)
          w.key("records_in_clusters", campaigns.recordsInClusters)
          w.key("clusters") {
            w.array(campaigns.clusters) { cluster in
              w.object {
                w.key("id", cluster.id)
                w.key("size", cluster.size)
                w.key("template_id", cluster.templateID)
                w.key("template", cluster.template)
                w.key("themes") { w.array(cluster.themes) { w.string($0) } }
                w.key("members") {
                  w.array(cluster.members) { member in
                    w.object {
                      w.key("id", member.id)
                      w.key("added", member.added)
                    }
                  }
                }
              }
            }
          }
        }
      }
      w.key("redaction") {
        w.object {
          w.key("enabled", report.redaction.enabled)
          w.key("counts") {
            w.object {
              for (kind, count) in report.redaction.counts.sorted(by: { $0.key < $1.key }) { w.key(kind, count) }
            }
          }
        }
      }
      w.key("notes") { w.array(report.notes) { w.string($0) } }
    }
    return w.text + "\n"
  }

  private static func theme(_ theme: SummaryReport.ThemeSummary, _ w: JSONWriter) {
    w.object {
      w.key("id", theme.id)
      w.key("label", theme.label)
      w.key("description", theme.description)
      w.key("share") { proportion(theme.share, w) }
      w.key("count_campaigns_once", theme.countCampaignsOnce)
      w.key("sentiment") { sentiment(theme.sentiment, w) }
      w.key("theme_sentiment") { mean(theme.themeSentiment, w) }
      w.key("cooccurring") {
        w.array(theme.cooccurring) { other in
          w.object {
            w.key("id", other.id)
            w.key("count", other.count)
            w.key("share_of_theme", other.shareOfTheme, digits: 4)
            w.key("lift", other.lift, digits: 3)
          }
        }
      }
      w.key("distinctive_terms") {
        w.array(theme.distinctiveTerms) { term in
          w.object {
            w.key("term", term.term)
            w.key("z", term.z, digits: 3)
            w.key("log_odds_ratio", term.logOddsRatio, digits: 4)
            w.key("theme_documents", term.themeDocuments)
            w.key("other_documents", term.otherDocuments)
          }
        }
      }
      w.key("quotes") {
        w.array(theme.quotes) { quote in
          w.object {
            w.key("id", quote.id)
            w.key("text", quote.text)
            w.key("compound", quote.compound, digits: 4)
            w.key("label", quote.label)
          }
        }
      }
    }
  }

  private static func proportion(_ p: SummaryReport.Proportion, _ w: JSONWriter) {
    w.object {
      w.key("count", p.count)
      w.key("total", p.total)
      w.key("share", p.share, digits: 4)
      w.key("low", p.low, digits: 4)
      w.key("high", p.high, digits: 4)
    }
  }

  private static func mean(_ m: SummaryReport.MeanEstimate, _ w: JSONWriter) {
    w.object {
      w.key("n", m.n)
      w.key("mean", m.mean, digits: 4)
      w.key("low", m.low, digits: 4)
      w.key("high", m.high, digits: 4)
    }
  }

  private static func sentiment(_ s: SummaryReport.SentimentSummary, _ w: JSONWriter) {
    w.object {
      w.key("positive", s.positive)
      w.key("negative", s.negative)
      w.key("neutral", s.neutral)
      w.key("mixed", s.mixed)
      w.key("compound") { mean(s.compound, w) }
    }
  }

  private static func termCounts(_ terms: [SummaryReport.TermCount], _ w: JSONWriter) {
    w.array(terms) { term in
      w.object {
        w.key("term", term.term)
        w.key("documents", term.documents)
      }
    }
  }
}

/// A minimal streaming JSON writer with a fixed key order and fixed-decimal numbers.
final class JSONWriter {
  private(set) var text = ""
  private var needsComma = [false]

  func object(_ body: () -> Void) {
    separate()
    text += "{"
    needsComma.append(false)
    body()
    needsComma.removeLast()
    text += "}"
  }

  func array<T>(_ items: [T], _ each: (T) -> Void) {
    separate()
    text += "["
    needsComma.append(false)
    for item in items { each(item) }
    needsComma.removeLast()
    text += "]"
  }

  func string(_ value: String) {
    separate()
    text += Self.quoted(value)
  }

  func key(_ name: String, _ body: () -> Void) {
    separate()
    text += Self.quoted(name) + ":"
    needsComma[needsComma.count - 1] = false
    body()
    needsComma[needsComma.count - 1] = true
  }

  func key(_ name: String, _ value: String) { key(name) { string(value) } }

  func key(_ name: String, _ value: Int) {
    key(name) {
      separate()
      text += String(value)
    }
  }

  func key(_ name: String, _ value: Bool) {
    key(name) {
      separate()
      text += value ? "true" : "false"
    }
  }

  func key(_ name: String, _ value: Double, digits: Int) {
    key(name) {
      separate()
      text += Self.number(value, digits: digits)
    }
  }

  private func separate() {
    if needsComma[needsComma.count - 1] { text += "," }
    needsComma[needsComma.count - 1] = true
  }

  /// `value` rounded to `digits` decimals, trailing zeros dropped; non-finite values as 0.
  static func number(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "0" }
    var s = String(format: "%.\(digits)f", value)
    if s.contains(".") {
      while s.hasSuffix("0") { s.removeLast() }
      if s.hasSuffix(".") { s.removeLast() }
    }
    if s == "-0" { s = "0" }
    return s
  }

  static func quoted(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
        out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
