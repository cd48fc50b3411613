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
    out.append(contentsOf: #"{"id":"#.utf8)
    JSONText.appendString(id, to: &out)
    if let text {
      out.append(contentsOf: #","text":"#.utf8)
      JSONText.appendString(text, to: &out)
    }
    out.append(contentsOf: #","sentiment":"#.utf8)
    SentimentJSON.append(sentiment, to: &out)
    out.append(contentsOf: #","themes":["#.utf8)
    appendAssignments(themes, to: &out)
    out.append(contentsOf: #"],"alerts":["#.utf8)
    appendAssignments(alerts, to: &out)
    out.append(0x5D)
    if !fields.isEmpty {
      out.append(contentsOf: #","fields":{"#.utf8)
      for (k, field) in fields.enumerated() {
        if k > 0 { out.append(0x2C) }
        JSONText.appendKey(field.name, to: &out)
        JSONText.appendString(field.value, to: &out)
      }
      out.append(0x7D)
    }
    out.append(contentsOf: "}\n".utf8)
    return out
  }

  /// The line `classify --emit-errors` writes in place of a record that could not be read.
  static func errorLine(_ issue: RecordIssue) -> [UInt8] {
    var out: [UInt8] = []
    out.append(contentsOf: #"{"error":"#.utf8)
    appendIssue(issue, to: &out)
    out.append(contentsOf: "}\n".utf8)
    return out
  }

  /// `{"source":…,"line":…,"record":…,"reason":…}`: an unreadable record, as `--errors FILE` and
  /// `--emit-errors` write it.
  static func appendIssue(_ issue: RecordIssue, to out: inout [UInt8]) {
    out.append(contentsOf: #"{"source":"#.utf8)
    JSONText.appendString(issue.source, to: &out)
    out.append(contentsOf: #","line":"#.utf8)
    JSONText.appendInt(issue.line, to: &out)
    out.append(contentsOf: #","record":"#.utf8)
    JSONText.appendInt(issue.record, to: &out)
    out.append(contentsOf: #","reason":"#.utf8)
    JSONText.appendString(issue.reason, to: &out)
    out.append(0x7D)
  }

  static func appendAssignments(_ assignments: [ThemeAssignment], to out: inout [UInt8]) {
    for (k, assignment) in assignments.enumerated() {
      if k > 0 { out.append(0x2C) }
      out.append(contentsOf: #"{"id":"#.utf8)
      JSONText.appendString(assignment.id, to: &out)
      out.append(contentsOf: #","score":"#.utf8)
      SentimentJSON.appendNumber(SentimentJSON.round3(assignment.score), to: &out)
      if let sentiment = assignment.sentiment {
        out.append(contentsOf: #","sentiment":"#.utf8)
        SentimentJSON.appendNumber(SentimentJSON.round4(sentiment), to: &out)
      }
      if !assignment.subthemes.isEmpty {
        out.append(contentsOf: #","subthemes":["#.utf8)
        for (j, sub) in assignment.subthemes.enumerated() {
          if j > 0 { out.append(0x2C) }
          JSONText.appendString(sub, to: &out)
        }
        out.append(0x5D)
      }
      out.append(contentsOf: #","evidence":["#.utf8)
      for (j, evidence) in assignment.evidence.enumerated() {
        if j > 0 { out.append(0x2C) }
        out.append(contentsOf: #"{"text":"#.utf8)
        JSONText.appendString(evidence.text, to: &out)
        out.append(contentsOf: #","start":"#.utf8)
        JSONText.appendInt(evidence.scalarRange.lowerBound, to: &out)
        out.append(contentsOf: #","end":"#.utf8)
        JSONText.appendInt(evidence.scalarRange.upperBound, to: &out)
        out.append(contentsOf: #","pattern":"#.utf8)
        JSONText.appendString(evidence.pattern, to: &out)
        out.append(0x7D)
      }
      out.append(contentsOf: "]}".utf8)
    }
  }
}
