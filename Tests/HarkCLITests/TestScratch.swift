import Foundation

/// Where this module's tests write their scratch files: one directory per test process, removed
/// when the process exits. Tests run in parallel, so each file gets a random name inside it.
enum TestScratch {
  static let directory: String = {
    let path = NSTemporaryDirectory() + "hark-tests-\(ProcessInfo.processInfo.processIdentifier)-HarkCLITests"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: TestScratch.directory) }
    return path
  }()

  /// A new path in ``directory``: `prefix`, a random number, then `suffix`.
  static func path(_ prefix: String, suffix: String = "") -> String {
    "\(directory)/\(prefix)-\(UInt64.random(in: 0...UInt64.max))\(suffix)"
  }
}
