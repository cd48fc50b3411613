#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Errors from the I/O layer.
public enum HarkIOError: Error, Equatable, Sendable {
  /// The reader of our output went away (`hark … | head`): stop quietly.
  case brokenPipe
  /// A read or write failed; `errno` is the system's error number.
  case system(operation: String, path: String, errno: Int32)
  /// The input cannot be parsed from here on (an unclosed quote at the end of a CSV file).
  case malformed(path: String, line: Int, reason: String)
}

extension HarkIOError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .brokenPipe: "output closed by the reader"
    case .system(let operation, let path, let code): "\(path): \(operation) failed: \(String(cString: strerror(code)))"
    case .malformed(let path, let line, let reason): "\(path):\(line): \(reason)"
    }
  }
}

/// Buffered output to a file descriptor (standard output by default).
///
/// Writes are collected and flushed in blocks. A closed pipe (`EPIPE`) surfaces as
/// ``HarkIOError/brokenPipe`` so that commands can stop at once and exit quietly; call
/// ``ignoreBrokenPipeSignal()`` first so that the process is not killed by `SIGPIPE`.
public final class OutputSink {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private let capacity: Int

  public init(descriptor: Int32 = 1, capacity: Int = 1 << 16) {
    self.descriptor = descriptor
    self.capacity = capacity
    buffer.reserveCapacity(capacity)
  }

  /// Makes a write to a closed pipe fail with `EPIPE` instead of killing the process.
  public static func ignoreBrokenPipeSignal() {
    signal(SIGPIPE, SIG_IGN)
  }

  public func write(_ text: String) throws(HarkIOError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= capacity { try flush() }
  }

  public func write(bytes: some Sequence<UInt8>) throws(HarkIOError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= capacity { try flush() }
  }

  /// Writes out everything buffered.
  public func flush() throws(HarkIOError) {
    var offset = 0
    defer {
      if offset >= buffer.count { buffer.removeAll(keepingCapacity: true) } else { buffer.removeFirst(offset) }
    }
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { raw in
        Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        let code = errno
        if code == EINTR { continue }
        if code == EPIPE { buffer.removeAll(); offset = 0; throw .brokenPipe }
        throw .system(operation: "write", path: descriptor == 1 ? "<stdout>" : "fd \(descriptor)", errno: code)
      }
      offset += written
    }
  }
}
