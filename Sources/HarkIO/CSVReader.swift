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

  /// Whether the next ``next()`` would wait for the writer of a pipe (see ``ByteReader/wouldWait``):
  /// every record read so far has been returned and nothing more has arrived.
  public var wouldWait: Bool { bytes.wouldWait }

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
    let delimiter = self.delimiter
    // Everything the scan changes is local to the closure (captured variables would cost an
    // exclusivity check per access); unquoted fields and the runs between quotes are copied
    // whole rather than byte by byte.
    let parsed = bytes.buffer.withUnsafeBufferPointer { buffer -> (end: Int, fields: [String], lines: Int, invalid: Bool)? in
      var i = bytes.start
      let n = buffer.count
      guard i < n else { return nil }
      var fields: [String] = []
      var lines = 0
      var invalid = false
      var quoted: [UInt8] = []
      func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let text = String(validating: bytes, as: UTF8.self) {
          fields.append(text)
        } else {
          fields.append(String(decoding: bytes, as: UTF8.self))
          invalid = true
        }
      }
      /// The end of the unquoted run from `i`: the next delimiter, CR or LF (or `n`).
      func runEnd(from start: Int) -> Int {
        var i = start
        while i < n {
          let b = buffer[i]
          if b == delimiter || b == 0x0A || b == 0x0D { break }
          i += 1
        }
        return i
      }
      while true {
        // Start of a field.
        if i < n && buffer[i] == 0x22 {
          i += 1
          quoted.removeAll(keepingCapacity: true)
          while true {
            let runStart = i
            while i < n && buffer[i] != 0x22 {
              if buffer[i] == 0x0A { lines += 1 }
              i += 1
            }
            guard i < n else { return nil }
            quoted.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<i]))
            if i + 1 < n && buffer[i + 1] == 0x22 {
              quoted.append(0x22)
              i += 2
              continue
            }
            if i + 1 >= n && !atEnd { return nil }
            i += 1
            break
          }
          // After the closing quote: anything up to the delimiter is kept, as most readers do.
          let end = runEnd(from: i)
          quoted.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<end]))
          i = end
          quoted.withUnsafeBufferPointer { append($0) }
        } else {
          let end = runEnd(from: i)
          append(UnsafeBufferPointer(rebasing: buffer[i..<end]))
          i = end
        }
        if i >= n {
          guard atEnd else { return nil }
          return (i, fields, lines, invalid)
        }
        let b = buffer[i]
        if b == delimiter {
          i += 1
          continue
        }
        // End of record: LF, CRLF or a lone CR.
        if b == 0x0D {
          if i + 1 >= n && !atEnd { return nil }
          i += (i + 1 < n && buffer[i + 1] == 0x0A) ? 2 : 1
        } else {
          i += 1
        }
        lines += 1
        return (i, fields, lines, invalid)
      }
    }
    guard let parsed else { return nil }
    bytes.consume(parsed.end - bytes.start)
    line = startLine + parsed.lines
    return Record(fields: parsed.fields, line: startLine, hadInvalidUTF8: parsed.invalid)
  }
}
