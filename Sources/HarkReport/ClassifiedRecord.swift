import Foundation
import HarkAnalysis
import HarkText

/// One line of `hark classify --include-text` output, read back for `hark summarize
/// --from-classified`: the record's id, text, sentiment, themes, alerts and kept fields, or the
/// error line that `--emit-errors` writes in place of an unreadable record.
public enum ClassifiedRecord: Sendable {
  case record(Parsed)
  /// An `{"error":{...}}` line: a record the classifier could not read, counted as an error.
  case error(reason: String)

  public struct Parsed: Sendable {
    public var id: String
    public var text: String
    public var label: SentimentLabel
    public var compound: Double
    public var themes: [SummaryRecord.Theme]
    public var alerts: [String]
    /// Values of the requested segment columns (from `fields`, else top-level), "" when absent.
    public var segments: [String]

    /// The record's contribution to a summary; the text is tokenised again for terms and shingles.
    public func summary(tokenizer: Tokenizer, extractor: TermExtractor) throws -> SummaryRecord {
      let document = try tokenizer.tokenize(text)
      let scores = SentimentScores(label: label, compound: compound, positive: 0, negative: 0, neutral: 0)
      return SummaryRecord(
        id: id, document: document, sentiment: scores, themes: themes, alerts: alerts, segments: segments, extractor: extractor)
    }
  }

  /// Parses one JSONL line. `textField` names the text when it is not top-level `"text"` but a
  /// kept field; `columns` are the `--by` columns. Throws a readable reason for a malformed line.
  public static func parse(line: String, textField: String, columns: [String]) throws(ClassifiedRecordError) -> ClassifiedRecord {
    let object: [String: Any]
    do {
      guard let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw ClassifiedRecordError(reason: "not a JSON object")
      }
      object = parsed
    } catch let error as ClassifiedRecordError {
      throw error
    } catch {
      throw ClassifiedRecordError(reason: "invalid JSON")
    }
    if let error = object["error"] as? [String: Any] {
      return .error(reason: error["reason"] as? String ?? "unreadable record")
    }
    let fields = object["fields"] as? [String: Any] ?? [:]
    guard let id = object["id"].flatMap(string) else { throw ClassifiedRecordError(reason: "no \"id\"") }
    guard let text = (object["text"] ?? fields[textField]).flatMap(string) else {
      throw ClassifiedRecordError(
        reason: "record \(id) has no text: run `hark classify --include-text` (or --keep \(textField)) before `hark summarize --from-classified`")
    }
    guard let sentiment = object["sentiment"] as? [String: Any], let labelText = sentiment["label"] as? String,
      let label = SentimentLabel(rawValue: labelText), let compound = (sentiment["compound"] as? NSNumber)?.doubleValue
    else { throw ClassifiedRecordError(reason: "record \(id) has no valid \"sentiment\"") }
    guard let themeObjects = object["themes"] as? [[String: Any]], let alertObjects = object["alerts"] as? [[String: Any]] else {
      throw ClassifiedRecordError(reason: "record \(id) has no \"themes\" or \"alerts\" list")
    }
    var themes: [SummaryRecord.Theme] = []
    for theme in themeObjects {
      guard let themeID = theme["id"] as? String, let score = (theme["score"] as? NSNumber)?.doubleValue else {
        throw ClassifiedRecordError(reason: "record \(id) has a theme without id or score")
      }
      themes.append(.init(id: themeID, score: score, sentiment: (theme["sentiment"] as? NSNumber)?.doubleValue))
    }
    let alerts = alertObjects.compactMap { $0["id"] as? String }
    let segments = columns.map { column in (fields[column] ?? object[column]).flatMap(string) ?? "" }
    return .record(.init(id: id, text: text, label: label, compound: compound, themes: themes, alerts: alerts, segments: segments))
  }

  private static func string(_ value: Any) -> String? {
    if let text = value as? String { return text }
    if let number = value as? NSNumber { return number.stringValue }
    return nil
  }
}

/// Why a line of classified JSONL could not be read.
public struct ClassifiedRecordError: Error, Sendable, CustomStringConvertible {
  public var reason: String
  public var description: String { reason }
}
