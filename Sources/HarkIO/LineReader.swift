#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line of input, repaired to valid UTF-8.
public struct InputLine: Sendable, Equatable {
  /// The 1-based line number in its source.
  public var number: Int
  /// The line without its terminator (`\n` or `\r\n`). Invalid UTF-8 became U+FFFD.
  public var text: String
  /// Whether the bytes held invalid UTF-8 that was replaced.
  public var hadInvalidUTF8: Bool
}

/// Reads lines from a file or standard input in large blocks (through ``ByteReader``), without
/// loading the input whole.
///
/// A line of any length is returned whole (memory grows with the longest line, never with the
/// input); each byte is scanned once for the line end, so very long lines cost linear time.
/// A last line without a terminator is returned too.
public final class LineReader {
  /// The name used in messages: the path, or `<stdin>`.
  public var name: String { bytes.name }
  private let bytes: ByteReader
  /// How many bytes after `bytes.start` are known to hold no line feed.
  private var scanned = 0
  private var lineNumber = 0

  /// Opens `path` for reading; `-` means standard input.
  public init(path: String, blockSize: Int = 1 << 16) throws(HarkIOError) {
    bytes = try ByteReader(path: path, blockSize: blockSize)
  }

  /// Whether the next ``next()`` would wait for the writer of a pipe (see ``ByteReader/wouldWait``):
  /// every line read so far has been returned and nothing more has arrived.
  public var wouldWait: Bool { bytes.wouldWait }

  /// The next line, or nil at the end of input.
  public func next() throws(HarkIOError) -> InputLine? {
    while true {
      let start = bytes.start
      let count = bytes.buffer.count - start
      if let newline = findNewline(from: start + scanned) {
        let line = makeLine(start..<newline)
        bytes.consume(newline + 1 - start)
        scanned = 0
        return line
      }
      scanned = count
      let more = try bytes.fill()  // may move the window: read `bytes.start` again below
      if !more {
        guard count > 0 else { return nil }
        let line = makeLine(bytes.start..<bytes.start + count)
        bytes.consume(count)
        scanned = 0
        return line
      }
    }
  }

  private func findNewline(from offset: Int) -> Int? {
    bytes.buffer.withUnsafeBufferPointer { buffer -> Int? in
      guard offset < buffer.count, let base = buffer.baseAddress,
        let hit = memchr(base + offset, 0x0A, buffer.count - offset)
      else { return nil }
      return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
  }

  /// A line from `range` of the window, without its `\r\n` or `\n`.
  private func makeLine(_ range: Range<Int>) -> InputLine {
    lineNumber += 1
    var end = range.upperBound
    if end > range.lowerBound && bytes.buffer[end - 1] == 0x0D { end -= 1 }
    return bytes.buffer.withUnsafeBufferPointer { buffer in
      let slice = UnsafeBufferPointer(rebasing: buffer[range.lowerBound..<end])
      if let valid = String(validating: slice, as: UTF8.self) {
        return InputLine(number: lineNumber, text: valid, hadInvalidUTF8: false)
      }
      return InputLine(number: lineNumber, text: String(decoding: slice, as: UTF8.self), hadInvalidUTF8: true)
    }
  }
}
