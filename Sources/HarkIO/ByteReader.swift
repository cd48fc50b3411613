#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a file descriptor (a path, or standard input for `-`) in blocks into a growing window of
/// bytes that readers consume from the front; memory is bounded by the longest record.
final class ByteReader {
  let name: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  /// Unconsumed bytes are `buffer[start...]`.
  private(set) var buffer: [UInt8] = []
  private(set) var start = 0
  private(set) var atEnd = false
  private let blockSize: Int

  init(path: String, blockSize: Int = 1 << 16) throws(HarkIOError) {
    if path == "-" {
      name = "<stdin>"
      descriptor = 0
      ownsDescriptor = false
    } else {
      let fd = open(path, O_RDONLY)
      if fd < 0 { throw .system(operation: "open", path: path, errno: errno) }
      name = path
      descriptor = fd
      ownsDescriptor = true
    }
    self.blockSize = blockSize
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// Marks `count` bytes from `start` as consumed.
  func consume(_ count: Int) { start += count }

  /// Reads one more block, at least as large as what is unconsumed, so that a reader that rescans
  /// a long record after each fill does linear work overall; false at the end of input.
  @discardableResult
  func fill() throws(HarkIOError) -> Bool {
    if atEnd { return false }
    if start > 0 {
      buffer.removeFirst(start)
      start = 0
    }
    let blockSize = max(self.blockSize, buffer.count)
    let old = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: blockSize))
    // One read is enough normally (so a slow producer's first records flow through at once). When
    // a long record already fills the window, keep reading until the window doubles: pipes
    // deliver at most 64 KiB per read, and rescanning after small reads would be quadratic.
    let wanted = old >= self.blockSize ? blockSize : 1
    var filled = 0
    while filled < wanted {
      let got = buffer.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress! + old + filled, blockSize - filled) }
      if got < 0 {
        if errno == EINTR { continue }
        let code = errno
        buffer.removeLast(blockSize - filled)
        throw .system(operation: "read", path: name, errno: code)
      }
      if got == 0 {
        atEnd = true
        break
      }
      filled += got
    }
    buffer.removeLast(blockSize - filled)
    let got = filled
    return got > 0
  }
}
