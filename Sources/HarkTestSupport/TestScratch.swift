import Foundation

/// Where tests write their scratch files: one directory per test process, removed when the
/// process exits (tests used to leave thousands of files in the temporary directory). Tests run in
/// parallel, so each file gets a random name inside it. For the test targets only.
public enum TestScratch {
  public static let directory: String = {
    let path = NSTemporaryDirectory() + "hark-tests-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: TestScratch.directory) }
    return path
  }()

  /// A new path in ``directory``: `prefix`, a random number, then `suffix`.
  public static func path(_ prefix: String, suffix: String = "") -> String {
    "\(directory)/\(prefix)-\(UInt64.random(in: 0...UInt64.max))\(suffix)"
  }
}
