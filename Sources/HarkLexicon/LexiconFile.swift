import Foundation

/// The data lines of a tab-separated lexicon file: comments (`#`) and blank lines skipped, each
/// line split on tabs, with its 1-based line number for messages.
public struct LexiconFile: Sendable {
  public struct Line: Sendable {
    public var number: Int
    public var fields: [Substring]
  }

  public let path: String
  public let lines: [Line]

  /// Reads `path` as UTF-8, falling back to Windows-1252 (old LIWC and AFINN files use it).
  public init(path: String, commentPrefix: Character? = "#") throws(LexiconError) {
    self.path = path
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) ?? ""
    var lines: [Line] = []
    var number = 0
    // "\r\n" is a single Character in Swift: split on both forms.
    for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      number += 1
      var line = raw
      if line.last == "\r" { line = line.dropLast() }
      if line.allSatisfy(\.isWhitespace) { continue }
      if let commentPrefix, line.first == commentPrefix { continue }
      lines.append(Line(number: number, fields: line.split(separator: "\t", omittingEmptySubsequences: false)))
    }
    self.lines = lines
  }

  public func malformed(_ line: Line, _ reason: String) -> LexiconError {
    .malformed(path: path, line: line.number, reason: reason)
  }
}
