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
  /// Lines end at LF or CRLF; fields are split at tabs.
  public init(path: String, commentPrefix: Character? = "#") throws(LexiconError) {
    self.path = path
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    var bytes = [UInt8](data)
    if String(validating: bytes, as: UTF8.self) == nil, let latin = String(data: data, encoding: .windowsCP1252) {
      bytes = Array(latin.utf8)
    }
    let comment = commentPrefix.flatMap { $0.asciiValue }
    var lines: [Line] = []
    var number = 0
    var lineStart = 0
    bytes.withUnsafeBufferPointer { buffer in
      while lineStart <= buffer.count {
        var lineEnd = lineStart
        while lineEnd < buffer.count && buffer[lineEnd] != 0x0A { lineEnd += 1 }
        number += 1
        var contentEnd = lineEnd
        if contentEnd > lineStart && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        let isBlank = buffer[lineStart..<contentEnd].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        let isComment = comment != nil && contentEnd > lineStart && buffer[lineStart] == comment!
        if !isBlank && !isComment {
          var fields: [Substring] = []
          var fieldStart = lineStart
          for i in lineStart...contentEnd where i == contentEnd || buffer[i] == 0x09 {
            fields.append(Substring(String(decoding: UnsafeBufferPointer(rebasing: buffer[fieldStart..<i]), as: UTF8.self)))
            fieldStart = i + 1
          }
          lines.append(Line(number: number, fields: fields))
        }
        if lineEnd >= buffer.count { break }
        lineStart = lineEnd + 1
      }
    }
    self.lines = lines
  }

  public func malformed(_ line: Line, _ reason: String) -> LexiconError {
    .malformed(path: path, line: line.number, reason: reason)
  }
}
