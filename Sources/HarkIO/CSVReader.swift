/// A streaming reader of delimited records (RFC 4180 CSV, or TSV with the same quoting): quoted
/// fields may hold delimiters, doubled quotes and line breaks; CRLF and LF both end records; a
/// UTF-8 byte-order mark at the start is skipped. Invalid UTF-8 in a field becomes U+FFFD and the
/// record says so.
public final class CSVReader {
  public struct Record: Sendable, Equatable {
    public var fields: [String]
    /// The physical line (1-based) where the record starts.
    public var line: Int
    public var hadInvalidUTF8: Bool
  }

  public var name: String { bytes.name }
  private let bytes: ByteReader
  private let delimiter: UInt8
  private var line = 1
  private var startedBOMCheck = false

  /// Opens `path` (`-` for standard input); `delimiter` is `,` or a tab.
  public init(path: String, delimiter: UInt8 = UInt8(ascii: ",")) throws(HarkIOError) {
    bytes = try ByteReader(path: path)
    self.delimiter = delimiter
  }

  /// The next record, or nil at the end of input. A quote still open at the end of input throws
  /// ``HarkIOError/malformed``, naming the line where the record began.
  public func next() throws(HarkIOError) -> Record? {
    if !startedBOMCheck {
      startedBOMCheck = true
      while bytes.buffer.count - bytes.start < 3 {
        if !(try bytes.fill()) { break }
      }
      let b = bytes.buffer
      if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { bytes.consume(3) }
    }
    // Scan from the current start; refill and rescan (from the record start) when a record runs
    // past the window. Each refill at least doubles what a long record may hold.
    while true {
      if let record = parse() { return record }
      if !(try bytes.fill()) {
        if bytes.start >= bytes.buffer.count { return nil }
        if let record = parse(atEnd: true) { return record }
        throw .malformed(path: bytes.name, line: line, reason: "a quoted field is not closed before the end of the input")
      }
    }
  }

  /// Parses one record from the window; nil if the window ends before the record does.
  private func parse(atEnd: Bool = false) -> Record? {
    let startLine = line
    var lines = 0
    var fields: [String] = []
    var invalid = false
    var field: [UInt8] = []
    let result: Int? = bytes.buffer.withUnsafeBufferPointer { buffer -> Int? in
      var i = bytes.start
      let n = buffer.count
      guard i < n else { return nil }
      func finishField() {
        if let text = String(validating: field, as: UTF8.self) {
          fields.append(text)
        } else {
          fields.append(String(decoding: field, as: UTF8.self))
          invalid = true
        }
        field.removeAll(keepingCapacity: true)
      }
      while true {
        // Start of a field.
        if i < n && buffer[i] == 0x22 {
          i += 1
          while true {
            guard i < n else { return nil }
            let b = buffer[i]
            if b == 0x22 {
              if i + 1 < n && buffer[i + 1] == 0x22 {
                field.append(0x22)
                i += 2
                continue
              }
              if i + 1 >= n && !atEnd { return nil }
              i += 1
              break
            }
            if b == 0x0A { lines += 1 }
            field.append(b)
            i += 1
          }
          // After the closing quote: anything up to the delimiter is kept, as most readers do.
          while i < n && buffer[i] != delimiter && buffer[i] != 0x0A && buffer[i] != 0x0D {
            field.append(buffer[i])
            i += 1
          }
        } else {
          while i < n && buffer[i] != delimiter && buffer[i] != 0x0A && buffer[i] != 0x0D {
            field.append(buffer[i])
            i += 1
          }
        }
        if i >= n {
          guard atEnd else { return nil }
          finishField()
          return i
        }
        let b = buffer[i]
        if b == delimiter {
          finishField()
          i += 1
          continue
        }
        // End of record: LF, CRLF or a lone CR.
        finishField()
        if b == 0x0D {
          if i + 1 >= n && !atEnd { return nil }
          i += (i + 1 < n && buffer[i + 1] == 0x0A) ? 2 : 1
        } else {
          i += 1
        }
        lines += 1
        return i
      }
    }
    guard let end = result else { return nil }
    bytes.consume(end - bytes.start)
    line = startLine + lines
    return Record(fields: fields, line: startLine, hadInvalidUTF8: invalid)
  }
}
