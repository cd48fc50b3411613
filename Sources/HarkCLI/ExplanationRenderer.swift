import Foundation
import HarkAnalysis
import HarkIO
import HarkText

/// Renders a ``SentimentExplanation`` for people (text) and programs (JSON).
enum ExplanationRenderer {
  static func text(_ document: Document, _ explanation: SentimentExplanation) -> String {
    var out = "text: \(document.text)\n"
    out += "tokens: " + document.tokens.map(\.norm).joined(separator: " ") + "\n"
    for contribution in explanation.contributions {
      out += "  \(contribution.value >= 0 ? "+" : "-") \"\(contribution.text)\" \(contribution.term) = \(fixed(contribution.valence)) (\(contribution.source))\n"
      for step in contribution.steps {
        out += "      \(step.rule.rawValue)  \(step.detail) → \(fixed(step.value))\n"
      }
      out += "      contribution \(fixed(contribution.value)) (sentence \(contribution.sentence + 1), clause \(contribution.clause + 1))\n"
    }
    for shifter in explanation.shifters {
      out += "  ~ \"\(shifter.text)\" \(shifter.role) (\(shifter.source))\n"
    }
    for sentence in explanation.sentences where sentence.contributions != 0 || sentence.emphasis != 0 {
      out += "  sentence \(sentence.index + 1): \(fixed(sentence.contributions))"
      if sentence.emphasis != 0 { out += " + emphasis \(fixed(sentence.emphasis))" }
      out += " = \(fixed(sentence.score))\n"
    }
    let scores = explanation.scores
    out += "raw \(fixed(explanation.raw)) → compound \(fixed(scores.compound)); label \(scores.label.rawValue); "
    out += "positive \(fixed(scores.positive)), negative \(fixed(scores.negative)), neutral \(fixed(scores.neutral))\n\n"
    return out
  }

  static func json(_ document: Document, _ explanation: SentimentExplanation, line: Int, themes: [String: Any]? = nil) -> String {
    let tokens: [[String: Any]] = document.tokens.map {
      ["text": String(document.text(of: $0)), "norm": $0.norm, "kind": $0.kind.rawValue, "start": $0.scalarRange.lowerBound, "end": $0.scalarRange.upperBound,
       "sentence": $0.sentence, "clause": $0.clause]
    }
    let contributions: [[String: Any]] = explanation.contributions.map { c in
      ["text": c.text, "term": c.term, "source": c.source, "valence": c.valence, "start": c.scalarRange.lowerBound,
       "end": c.scalarRange.upperBound, "value": c.value, "sentence": c.sentence, "clause": c.clause,
       "steps": c.steps.map { ["rule": $0.rule.rawValue, "detail": $0.detail, "value": $0.value] as [String: Any] }]
    }
    let shifters: [[String: Any]] = explanation.shifters.map {
      ["text": $0.text, "term": $0.term, "role": $0.role, "source": $0.source]
    }
    let sentences: [[String: Any]] = explanation.sentences.map {
      ["index": $0.index, "contributions": $0.contributions, "emphasis": $0.emphasis, "score": $0.score]
    }
    var object: [String: Any] = [
      "line": line, "text": document.text, "tokens": tokens, "contributions": contributions, "shifters": shifters,
      "sentences": sentences, "raw": explanation.raw, "sentiment": SentimentJSON.object(explanation.scores),
    ]
    if let themes { object.merge(themes) { a, _ in a } }
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  static func fixed(_ value: Double) -> String {
    String(format: "%.3f", value)
  }
}

/// The `sentiment` object of PRODUCT.md's output schema.
enum SentimentJSON {
  static func object(_ scores: SentimentScores) -> [String: Any] {
    ["label": scores.label.rawValue, "compound": round4(scores.compound), "positive": round3(scores.positive),
     "negative": round3(scores.negative), "neutral": round3(scores.neutral)]
  }

  /// Appends `{"label":…,"compound":…,"positive":…,"negative":…,"neutral":…}`, keys in that order.
  static func append(_ scores: SentimentScores, to out: inout [UInt8]) {
    JSONText.appendLiteral(#"{"label":""#, to: &out)
    out.append(contentsOf: scores.label.rawValue.utf8)
    JSONText.appendLiteral(#"","compound":"#, to: &out)
    appendNumber(round4(scores.compound), to: &out)
    JSONText.appendLiteral(#","positive":"#, to: &out)
    appendNumber(round3(scores.positive), to: &out)
    JSONText.appendLiteral(#","negative":"#, to: &out)
    appendNumber(round3(scores.negative), to: &out)
    JSONText.appendLiteral(#","neutral":"#, to: &out)
    appendNumber(round3(scores.neutral), to: &out)
    out.append(0x7D)
  }

  static func round4(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
  static func round3(_ value: Double) -> Double { (value * 1_000).rounded() / 1_000 }

  static func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) + ".0" }
    return "\(value)"
  }

  /// Appends ``number(_:)`` of `value`. A value with at most four decimals (what ``round4(_:)``
  /// and ``round3(_:)`` give) below 10^8 in size is written from its digits, which is what Swift's
  /// shortest round-trip printing gives for it; others go through ``number(_:)``.
  static func appendNumber(_ value: Double, to out: inout [UInt8]) {
    let scaled = (value * 10_000).rounded()
    guard abs(value) < 1e8, Double(Int(scaled)) / 10_000 == value else {
      out.append(contentsOf: number(value).utf8)
      return
    }
    let k = Int(scaled)
    if k < 0 { out.append(0x2D) }  // -
    let (whole, fraction) = (abs(k) / 10_000, abs(k) % 10_000)
    JSONText.appendInt(whole, to: &out)
    out.append(0x2E)  // .
    guard fraction > 0 else {
      out.append(0x30)
      return
    }
    var digits = fraction
    var count = 4
    while digits % 10 == 0 {
      digits /= 10
      count -= 1
    }
    var divisor = 1
    for _ in 1..<count { divisor *= 10 }
    while divisor > 0 {
      out.append(0x30 + UInt8(digits / divisor % 10))
      divisor /= 10
    }
  }
}
