import Foundation
import HarkAnalysis
import HarkText

/// Why each theme and alert was or was not assigned to one text: the patterns that fired and
/// where, the matches an exclusion or a preceding word cancelled, the score against the
/// threshold, and the fallback theme when it applies.
struct ThemeExplanation {
  struct Entry {
    var dictionary: String
    var id: String
    var score: Double
    var threshold: Double
    var evidence: [ThemeEvidence]
    var cancelled: [ThemeScore.Cancelled]
    var label: String
    var assigned: Bool
    /// True for a dictionary's fallback theme given because no other theme was assigned.
    var isFallback: Bool
  }

  var themes: [Entry]
  var alerts: [Entry]

  /// Explains `document` against every theme classifier and the alert classifier. With `focus`,
  /// that theme (or alert) is always included, even with no evidence; otherwise only themes with
  /// evidence or cancelled matches are.
  init(document: Document, sentiment: ThemeClassifier.SentimentContext, themes: [ThemeClassifier], alerts: ThemeClassifier, focus: String?) {
    func entries(_ classifier: ThemeClassifier, assignedIDs: Set<String>) -> [Entry] {
      let definitions = classifier.dictionary.allThemes
      return classifier.score(document).enumerated().compactMap { t, score in
        let interesting = !score.evidence.isEmpty || !score.cancelled.isEmpty || score.id == focus
        guard interesting else { return nil }
        return Entry(
          dictionary: classifier.dictionary.name, id: score.id, score: score.score, threshold: score.threshold,
          evidence: score.evidence, cancelled: score.cancelled, label: definitions[t].label,
          assigned: assignedIDs.contains(score.id) || (definitions[t].parent != nil && score.isAssigned), isFallback: false)
      }
    }
    var themeEntries: [Entry] = []
    for classifier in themes {
      let assigned = classifier.classify(document, sentiment: sentiment)
      themeEntries += entries(classifier, assignedIDs: Set(assigned.map(\.id)))
      if let fallback = classifier.dictionary.fallback, let given = assigned.first(where: { $0.id == fallback && $0.score == 0 }) {
        let label = classifier.dictionary.allThemes.first { $0.id == fallback }?.label ?? fallback
        themeEntries.append(
          Entry(
            dictionary: classifier.dictionary.name, id: fallback, score: 0, threshold: 0, evidence: given.evidence,
            cancelled: [], label: label, assigned: true, isFallback: true))
      }
    }
    self.themes = themeEntries
    self.alerts = entries(alerts, assignedIDs: Set(alerts.classify(document).map(\.id)))
  }

  func text() -> String {
    var out = ""
    for (title, list) in [("themes", themes), ("alerts", alerts)] {
      out += "\(title):\n"
      if list.isEmpty { out += "  (no pattern matched)\n" }
      for entry in list {
        let score = entry
        if entry.isFallback {
          out += "  ✓ \(score.id) (\(entry.label)): fallback theme: no other \(entry.dictionary) theme was assigned and the text's sentiment is clear (|compound| ≥ \(fixed(ThemeClassifier.fallbackMinimumSentiment)))\n"
        } else if entry.assigned {
          out += "  ✓ \(score.id) (\(entry.label)): score \(fixed(score.score)) ≥ threshold \(fixed(score.threshold))\n"
        } else {
          let why = score.evidence.isEmpty ? "every match was cancelled or no pattern matched" : "below the threshold"
          out += "  · \(score.id) (\(entry.label)): score \(fixed(score.score)) < threshold \(fixed(score.threshold)), not assigned: \(why)\n"
        }
        for evidence in score.evidence {
          out += "      + \"\(evidence.text)\" [\(evidence.scalarRange.lowerBound), \(evidence.scalarRange.upperBound)) pattern \"\(evidence.pattern)\" weight \(fixed(evidence.weight))\n"
        }
        for cancelled in score.cancelled {
          let evidence = cancelled.evidence
          out += "      × \"\(evidence.text)\" [\(evidence.scalarRange.lowerBound), \(evidence.scalarRange.upperBound)) pattern \"\(evidence.pattern)\" cancelled: \(cancelled.reason)\n"
        }
      }
    }
    return out + "\n"
  }

  func json() -> [String: Any] {
    func object(_ entry: Entry) -> [String: Any] {
      func span(_ e: ThemeEvidence) -> [String: Any] {
        ["text": e.text, "start": e.scalarRange.lowerBound, "end": e.scalarRange.upperBound, "pattern": e.pattern, "weight": e.weight]
      }
      return [
        "id": entry.id, "label": entry.label, "dictionary": entry.dictionary, "assigned": entry.assigned,
        "fallback": entry.isFallback, "score": entry.score, "threshold": entry.threshold,
        "evidence": entry.evidence.map(span),
        "cancelled": entry.cancelled.map { span($0.evidence).merging(["reason": $0.reason]) { a, _ in a } },
      ]
    }
    return ["themes": themes.map(object), "alerts": alerts.map(object)]
  }

  private func fixed(_ value: Double) -> String { String(format: "%.3f", value) }
}
