import Foundation

/// How records are laid out in an input.
public enum InputFormat: String, Sendable, CaseIterable {
  /// By extension (.csv, .tsv, .jsonl/.ndjson, .txt), else by the first bytes.
  case auto, csv, tsv, jsonl, text
}

/// One input record to analyse.
public struct InputRecord: Sendable, Equatable {
  /// 1-based position among the records of the whole run (all inputs).
  public var number: Int
  /// The physical line where it starts in its source.
  public var line: Int
  /// The id column's value, or the record number when there is no id column.
  public var id: String
  public var text: String
  /// The columns asked for with `keep`, in the order asked.
  public var fields: [Field]
  public var hadInvalidUTF8: Bool

  public struct Field: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }
}

/// A record that could not be read; the run goes on and counts it.
public struct RecordIssue: Error, Sendable, Equatable, CustomStringConvertible {
  public var source: String
  public var line: Int
  public var record: Int
  public var reason: String
  public var description: String { "\(source):\(line): record \(record): \(reason)" }

  public init(source: String, line: Int, record: Int, reason: String) {
    self.source = source
    self.line = line
    self.record = record
    self.reason = reason
  }
}

/// Errors that stop an input before its records: a missing column (usage), an unreadable file.
public enum RecordReaderError: Error, Equatable, CustomStringConvertible {
  case missingColumn(source: String, column: String, available: [String])
  public var description: String {
    switch self {
    case .missingColumn(let source, let column, let available):
      "\(source): no column '\(column)'; available columns: \(available.joined(separator: ", "))"
    }
  }
}

/// Reads records from one input (a path, or `-` for standard input) as text lines, CSV, TSV or
/// JSONL, streaming: memory is bounded by the longest record.
public final class RecordReader {
  public let name: String
  public let format: InputFormat
  private let textColumn: String
  private let idColumn: String
  private let keep: [String]
  private var lines: LineReader?
  private var csv: CSVReader?
  /// Set once the input ended inside an open quote: that rest was reported as one record.
  private var endedInOpenQuote = false
  private var header: [String] = []
  private var textIndex = 0
  private var idIndex: Int?
  private var keepIndices: [Int?] = []
  /// The UTF-8 of the JSONL fields ``JSONLineFields`` reads from each line (text, id, then the kept
  /// columns); nil when it cannot read them: one is a dotted path (which it does not follow) or
  /// one is asked for twice (`--id-column text`, a kept id).
  private let jsonlNames: [[UInt8]]?

  /// Opens `path` and, for CSV and TSV, reads the header. Throws
  /// ``RecordReaderError/missingColumn(source:column:available:)`` when the text column (or a kept
  /// column) is not in the header.
  public init(path: String, format: InputFormat, textColumn: String = "text", idColumn: String = "id", keep: [String] = []) throws {
    self.textColumn = textColumn
    self.idColumn = idColumn
    self.keep = keep
    let names = [textColumn, idColumn] + keep
    jsonlNames = names.contains { $0.contains(".") } || Set(names).count < names.count ? nil : names.map { Array($0.utf8) }
    var resolved = format
    if format == .auto { resolved = try Self.detect(path) }
    self.format = resolved
    self.name = path == "-" ? "<stdin>" : path
    switch resolved {
    case .csv, .tsv:
      let reader = try CSVReader(path: path, delimiter: resolved == .tsv ? 0x09 : UInt8(ascii: ","))
      csv = reader
      guard let first = try reader.next() else { return }
      header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
      guard let text = header.firstIndex(of: textColumn) else {
        throw RecordReaderError.missingColumn(source: name, column: textColumn, available: header)
      }
      textIndex = text
      idIndex = header.firstIndex(of: idColumn)
      keepIndices = keep.map { header.firstIndex(of: $0) }
      if let missing = keep.first(where: { header.firstIndex(of: $0) == nil }) {
        throw RecordReaderError.missingColumn(source: name, column: missing, available: header)
      }
    case .jsonl, .text, .auto:
      lines = try LineReader(path: path)
    }
  }

  /// Whether the next ``next(number:)`` would wait for more input from a pipe: everything read so
  /// far has been returned and the writer has sent nothing since. A streaming consumer writes out
  /// what it holds then, so that records trickling in come out as they arrive.
  public var wouldWait: Bool { csv?.wouldWait ?? lines?.wouldWait ?? false }

  /// The next record (or the reason it could not be read), numbered `number`; nil at the end.
  public func next(number: Int) throws -> Result<InputRecord, RecordIssue>? {
    switch format {
    case .csv, .tsv:
      guard !endedInOpenQuote else { return nil }
      let read: CSVReader.Record?
      do {
        read = try csv!.next()
      } catch let error {
        guard case .malformed(_, let line, let reason) = error else { throw error }
        // The rest of the input is one unterminated record: report it, and end.
        endedInOpenQuote = true
        return .failure(RecordIssue(source: name, line: line, record: number, reason: reason))
      }
      guard let record = read else { return nil }
      guard record.fields.count == header.count else {
        return .failure(RecordIssue(source: name, line: record.line, record: number, reason: "expected \(header.count) fields, found \(record.fields.count)"))
      }
      let id = idIndex.map { record.fields[$0] } ?? String(number)
      let fields = zip(keep, keepIndices).map { InputRecord.Field(name: $0, value: $1.map { record.fields[$0] } ?? "") }
      return .success(InputRecord(number: number, line: record.line, id: id, text: record.fields[textIndex], fields: fields, hadInvalidUTF8: record.hadInvalidUTF8))
    case .text, .auto:
      guard let line = try lines!.next() else { return nil }
      return .success(InputRecord(number: number, line: line.number, id: String(number), text: line.text, fields: [], hadInvalidUTF8: line.hadInvalidUTF8))
    case .jsonl:
      guard let line = try lines!.next() else { return nil }
      if let fields = fastFields(of: line.text), let text = fields[0] {
        let kept = zip(keep, fields.dropFirst(2)).map { InputRecord.Field(name: $0, value: $1 ?? "") }
        return .success(
          InputRecord(number: number, line: line.number, id: fields[1] ?? String(number), text: text, fields: kept, hadInvalidUTF8: line.hadInvalidUTF8))
      }
      let issue = { (reason: String) in RecordIssue(source: self.name, line: line.number, record: number, reason: reason) }
      guard let object = (try? JSONSerialization.jsonObject(with: Data(line.text.utf8))) as? [String: Any] else {
        return .failure(issue("not a JSON object"))
      }
      guard let textValue = Self.value(at: textColumn, in: object) else {
        return .failure(issue("no field '\(textColumn)' (keys: \(object.keys.sorted().joined(separator: ", ")))"))
      }
      let id = Self.value(at: idColumn, in: object) ?? String(number)
      let fields = keep.map { InputRecord.Field(name: $0, value: Self.value(at: $0, in: object) ?? "") }
      return .success(InputRecord(number: number, line: line.number, id: id, text: textValue, fields: fields, hadInvalidUTF8: line.hadInvalidUTF8))
    }
  }

  /// The text column's, the id column's and the kept columns' values on a JSONL line, in that
  /// order, read by ``JSONLineFields`` where it is sure; nil to decode the line in full (a dotted
  /// path among the names, or a line that reader leaves alone).
  private func fastFields(of line: String) -> [String?]? {
    guard let jsonlNames else { return nil }
    var line = line
    return line.withUTF8 { JSONLineFields.strings(named: jsonlNames, in: $0) }
  }

  /// A field by dotted path (`response.text`), as text.
  static func value(at path: String, in object: [String: Any]) -> String? {
    var current: Any = object
    for key in path.split(separator: ".") {
      guard let dictionary = current as? [String: Any], let next = dictionary[String(key)] else { return nil }
      current = next
    }
    switch current {
    case let text as String: return text
    case is NSNull: return ""
    case let number as NSNumber: return number.stringValue
    default:
      guard let data = try? JSONSerialization.data(withJSONObject: current, options: [.sortedKeys]) else { return nil }
      return String(decoding: data, as: UTF8.self)
    }
  }

  /// The format of a file by its extension (after any `.gz`), else by its first bytes: JSONL when
  /// the first non-space byte is `{`, otherwise `text` (standard input: `text`).
  static func detect(_ path: String) throws -> InputFormat {
    var lower = path.lowercased()
    if lower.hasSuffix(".gz") { lower.removeLast(3) }
    if lower.hasSuffix(".csv") { return .csv }
    if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
    guard path != "-", let reader = try? ByteReader(path: path, blockSize: 4096) else { return .text }
    _ = try? reader.fill()
    let head = reader.buffer
    if let first = head.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == UInt8(ascii: "{") {
      return .jsonl
    }
    return .text
  }
}
