#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Messages to standard error, prefixed `hark:`.
enum Diagnostics {
  static func warn(_ message: String) {
    write("hark: warning: \(message)\n")
  }

  static func error(_ message: String) {
    write("hark: error: \(message)\n")
  }

  private static func write(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { fputs_bytes($0) }
  }

  private static func fputs_bytes(_ raw: UnsafeMutableRawBufferPointer) -> Int {
    var offset = 0
    while offset < raw.count {
      let written = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
      if written <= 0 { break }
      offset += written
    }
    return offset
  }
}
