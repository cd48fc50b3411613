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

/// Reads lines from a file descriptor in large blocks, without loading the input whole.
///
/// A line of any length is returned whole (memory grows with the longest line, never with the
/// input); each byte is scanned once for the line end, so very long lines cost linear time.
/// A last line without a terminator is returned too.
public final class LineReader {
  /// The name used in messages: the path, or `<stdin>`.
  public let name: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private var buffer: [UInt8] = []
  private var start = 0
  private var scanned = 0
  private var atEnd = false
  private var lineNumber = 0
  private let blockSize: Int

  /// Reads standard input.
  public init(standardInputBlockSize blockSize: Int = 1 << 16) {
    self.name = "<stdin>"
    self.descriptor = 0
    self.ownsDescriptor = false
    self.blockSize = blockSize
  }

  /// Opens `path` for reading; `-` means standard input.
  public init(path: String, blockSize: Int = 1 << 16) throws(HarkIOError) {
    if path == "-" {
      self.name = "<stdin>"
      self.descriptor = 0
      self.ownsDescriptor = false
    } else {
      let fd = open(path, O_RDONLY)
      if fd < 0 { throw .system(operation: "open", path: path, errno: errno) }
      self.name = path
      self.descriptor = fd
      self.ownsDescriptor = true
    }
    self.blockSize = blockSize
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// The next line, or nil at the end of input.
  public func next() throws(HarkIOError) -> InputLine? {
    while true {
      if let newline = findNewline() {
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        let line = makeLine(start..<end)
        start = newline + 1
        scanned = start
        return line
      }
      if atEnd {
        guard start < buffer.count else { return nil }
        var end = buffer.count
        if buffer[end - 1] == 0x0D { end -= 1 }
        let line = makeLine(start..<end)
        start = buffer.count
        scanned = start
        return line
      }
      try readBlock()
    }
  }

  private func findNewline() -> Int? {
    let found = buffer.withUnsafeBufferPointer { bytes -> Int? in
      guard scanned < bytes.count else { return nil }
      guard let base = bytes.baseAddress,
        let hit = memchr(base + scanned, 0x0A, bytes.count - scanned)
      else { return nil }
      return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
    if found == nil { scanned = buffer.count }
    return found
  }

  private func makeLine(_ range: Range<Int>) -> InputLine {
    lineNumber += 1
    return buffer.withUnsafeBufferPointer { bytes in
      let slice = UnsafeBufferPointer(rebasing: bytes[range])
      if let valid = String(validating: slice, as: UTF8.self) {
        return InputLine(number: lineNumber, text: valid, hadInvalidUTF8: false)
      }
      return InputLine(number: lineNumber, text: String(decoding: slice, as: UTF8.self), hadInvalidUTF8: true)
    }
  }

  private func readBlock() throws(HarkIOError) {
    // Drop consumed bytes before growing, so the buffer holds at most one partial line plus a block.
    if start > 0 {
      buffer.removeFirst(start)
      scanned -= start
      start = 0
    }
    let old = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: blockSize))
    var got = 0
    while true {
      got = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress! + old, blockSize) }
      if got < 0 && errno == EINTR { continue }
      break
    }
    if got < 0 {
      let code = errno
      buffer.removeLast(blockSize)
      throw .system(operation: "read", path: name, errno: code)
    }
    buffer.removeLast(blockSize - got)
    if got == 0 { atEnd = true }
  }
}
