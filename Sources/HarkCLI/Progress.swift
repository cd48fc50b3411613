import Foundation

/// The progress line `classify` shows on a terminal (records, records/s, MB/s and, when the input
/// size is known, the time left) and the one-line summary at the end.
final class Progress {
  private let enabled: Bool
  private let totalBytes: Int?
  private let start = Date()
  private var lastDraw = Date.distantPast
  private(set) var records = 0
  private(set) var bytes = 0

  /// - Parameters:
  ///   - paths: the inputs; their sizes give the ETA (standard input has none).
  ///   - quiet: no progress line.
  init(paths: [String], quiet: Bool) {
    enabled = !quiet && isatty(2) == 1
    let sizes = paths.map { path -> Int? in
      guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
      return (attributes[.size] as? NSNumber)?.intValue
    }
    totalBytes = sizes.contains { $0 == nil } ? nil : sizes.compactMap { $0 }.reduce(0, +)
  }

  /// Counts a record of `bytes` bytes; redraws at most twice a second.
  func add(bytes recordBytes: Int) {
    records += 1
    bytes += recordBytes
    guard enabled, Date().timeIntervalSince(lastDraw) >= 0.5 else { return }
    lastDraw = Date()
    let elapsed = max(Date().timeIntervalSince(start), 0.001)
    var line = String(format: "\rhark: %d records, %.0f records/s, %.2f MB/s", records, Double(records) / elapsed, Double(bytes) / elapsed / 1e6)
    if let totalBytes, bytes > 0, totalBytes > bytes {
      line += String(format: ", about %.0f s left", elapsed * Double(totalBytes - bytes) / Double(bytes))
    }
    FileHandle.standardError.write(Data((line + "   ").utf8))
  }

  /// The summary line (and clears the progress line).
  func finish(errors: Int, quiet: Bool) {
    if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    guard !quiet else { return }
    let elapsed = Date().timeIntervalSince(start)
    FileHandle.standardError.write(Data(String(format: "hark: %d records, %d errors, %.1f s\n", records, errors, elapsed).utf8))
  }
}
