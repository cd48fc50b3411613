import HarkAnalysis
import HarkIO

/// The per-record JSON object of PRODUCT.md, written with a fixed key order:
/// `{"id":…,"sentiment":{…},"themes":[…],"alerts":[…],"fields":{…}}` (`fields` only with `--keep`;
/// `"text"` after `"id"` only with `--include-text`).
enum RecordJSON {
  static func line(
    id: String, text: String? = nil, sentiment: SentimentScores, themes: [ThemeAssignment], alerts: [ThemeAssignment], fields: [InputRecord.Field] = []
  ) -> [UInt8] {
    var out: [UInt8] = []
    // Room for the whole line at once (growing from empty reallocated it about six times): the
    // fixed keys and sentiment, the id and text, ~100 bytes per assignment and per evidence span.
    var estimate = 224 + id.utf8.count + (text.map { $0.utf8.count + 16 } ?? 0)
    for assignment in themes { estimate += 96 + 96 * assignment.evidence.count }
    for assignment in alerts { estimate += 96 + 96 * assignment.evidence.count }
    for field in fields { estimate += field.name.utf8.count + field.value.utf8.count + 8 }
    out.reserveCapacity(estimate)
    JSONText.appendLiteral(#"{"id":"#, to: &out)
    JSONText.appendString(id, to: &out)
    if let text {
      JSONText.appendLiteral(#","text":"#, to: &out)
      JSONText.appendString(text, to: &out)
    }
    JSONText.appendLiteral(#","sentiment":"#, to: &out)
    SentimentJSON.append(sentiment, to: &out)
    JSONText.appendLiteral(#","themes":["#, to: &out)
    appendAssignments(themes, to: &out)
    JSONText.appendLiteral(#"],"alerts":["#, to: &out)
    appendAssignments(alerts, to: &out)
    out.append(0x5D)
    if !fields.isEmpty {
      JSONText.appendLiteral(#","fields":{"#, to: &out)
      for (k, field) in fields.enumerated() {
        if k > 0 { out.append(0x2C) }
        JSONText.appendKey(field.name, to: &out)
        JSONText.appendString(field.value, to: &out)
      }
      out.append(0x7D)
    }
    JSONText.appendLiteral("}\n", to: &out)
    return out
  }

  /// The line `classify --emit-errors` writes in place of a record that could not be read.
  static func errorLine(_ issue: RecordIssue) -> [UInt8] {
    var out: [UInt8] = []
    JSONText.appendLiteral(#"{"error":"#, to: &out)
    appendIssue(issue, to: &out)
    JSONText.appendLiteral("}\n", to: &out)
    return out
  }

  /// `{"source":…,"line":…,"record":…,"reason":…}`: an unreadable record, as `--errors FILE` and
  /// `--emit-errors` write it.
  static func appendIssue(_ issue: RecordIssue, to out: inout [UInt8]) {
    JSONText.appendLiteral(#"{"source":"#, to: &out)
    JSONText.appendString(issue.source, to: &out)
    JSONText.appendLiteral(#","line":"#, to: &out)
    JSONText.appendInt(issue.line, to: &out)
    JSONText.appendLiteral(#","record":"#, to: &out)
    JSONText.appendInt(issue.record, to: &out)
    JSONText.appendLiteral(#","reason":"#, to: &out)
    JSONText.appendString(issue.reason, to: &out)
    out.append(0x7D)
  }

  static func appendAssignments(_ assignments: [ThemeAssignment], to out: inout [UInt8]) {
    for (k, assignment) in assignments.enumerated() {
      if k > 0 { out.append(0x2C) }
      JSONText.appendLiteral(#"{"id":"#, to: &out)
      JSONText.appendString(assignment.id, to: &out)
      JSONText.appendLiteral(#","score":"#, to: &out)
      SentimentJSON.appendNumber(SentimentJSON.round3(assignment.score), to: &out)
      if let sentiment = assignment.sentiment {
        JSONText.appendLiteral(#","sentiment":"#, to: &out)
        SentimentJSON.appendNumber(SentimentJSON.round4(sentiment), to: &out)
      }
      if !assignment.subthemes.isEmpty {
        JSONText.appendLiteral(#","subthemes":["#, to: &out)
        for (j, sub) in assignment.subthemes.enumerated() {
          if j > 0 { out.append(0x2C) }
          JSONText.appendString(sub, to: &out)
        }
        out.append(0x5D)
      }
      JSONText.appendLiteral(#","evidence":["#, to: &out)
      for (j, evidence) in assignment.evidence.enumerated() {
        if j > 0 { out.append(0x2C) }
        JSONText.appendLiteral(#"{"text":"#, to: &out)
        JSONText.appendString(evidence.text, to: &out)
        JSONText.appendLiteral(#","start":"#, to: &out)
        JSONText.appendInt(evidence.scalarRange.lowerBound, to: &out)
        JSONText.appendLiteral(#","end":"#, to: &out)
        JSONText.appendInt(evidence.scalarRange.upperBound, to: &out)
        JSONText.appendLiteral(#","pattern":"#, to: &out)
        JSONText.appendString(evidence.pattern, to: &out)
        out.append(0x7D)
      }
      JSONText.appendLiteral("]}", to: &out)
    }
  }
}
