#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import CZlib

/// Reads a file descriptor (a path, or standard input for `-`) in blocks into a growing window of
/// bytes that readers consume from the front; memory is bounded by the longest record. A path
/// ending in `.gz` is decompressed on the fly (zlib; concatenated gzip members are read in turn).
final class ByteReader {
  let name: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  /// The zlib stream for a `.gz` path (it owns the descriptor then).
  private let gzip: gzFile?
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
    if path.lowercased().hasSuffix(".gz") {
      guard let stream = gzdopen(descriptor, "rb") else {
        if ownsDescriptor { close(descriptor) }
        throw .system(operation: "gzip open", path: path, errno: errno == 0 ? EINVAL : errno)
      }
      gzip = stream
    } else {
      gzip = nil
    }
    self.blockSize = blockSize
  }

  deinit {
    if let gzip {
      gzclose(gzip)
    } else if ownsDescriptor {
      close(descriptor)
    }
  }

  /// One read into `pointer`: from zlib for `.gz` input, else from the descriptor. Negative on
  /// error (with `errno` set, or `EIO` for corrupt or truncated compressed data). A `.gz` file
  /// that is not gzip at all is read as it is (zlib's transparent mode).
  private func readBlock(into pointer: UnsafeMutableRawPointer, count: Int) -> Int {
    guard let gzip else { return read(descriptor, pointer, count) }
    let got = gzread(gzip, pointer, UInt32(min(count, Int(Int32.max))))
    var code: Int32 = 0
    if got < 0 {
      _ = gzerror(gzip, &code)
      if code != Z_ERRNO { errno = EIO }
    } else if got == 0 {
      // A truncated stream ends with Z_BUF_ERROR: an error, not a quiet end of input.
      _ = gzerror(gzip, &code)
      if code == Z_BUF_ERROR {
        errno = EIO
        return -1
      }
    }
    return Int(got)
  }

  /// Marks `count` bytes from `start` as consumed.
  func consume(_ count: Int) { start += count }

  /// Whether reading on would wait for the writer: every byte read so far is consumed, the input
  /// has not ended, and its descriptor has nothing to read at this moment (a pipe or terminal
  /// whose writer is slower than the reader; a regular file is always ready). One `poll` call,
  /// made only once the window is used up. Compressed input answers false (zlib holds bytes of
  /// its own).
  var wouldWait: Bool {
    guard gzip == nil, !atEnd, start >= buffer.count else { return false }
    var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&request, 1, 0) == 0
  }

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
      let got = buffer.withUnsafeMutableBytes { raw in readBlock(into: raw.baseAddress! + old + filled, count: blockSize - filled) }
      if got < 0 {
        if errno == EINTR { continue }
        let code = errno
        buffer.removeLast(blockSize - filled)
        throw .system(operation: gzip == nil ? "read" : "gzip read (corrupt or truncated data)", path: name, errno: code)
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
