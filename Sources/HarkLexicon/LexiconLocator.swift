import Foundation

/// Finds the bundled `lexicons/` directory wherever `hark` runs from.
///
/// Order: an explicit directory (`--lexicon-dir`), the `HARK_LEXICONS` environment variable,
/// `lexicons/` or `share/hark/lexicons/` beside or above the executable (which covers
/// `.build/release/hark` inside the repository and an installed `bin/hark`), then the current
/// directory and its parents.
public enum LexiconLocator {
  public static func directory(explicit: String? = nil, executablePath: String? = nil) throws(LexiconError) -> String {
    var searched: [String] = []
    if let explicit {
      guard isLexiconDirectory(explicit) else { throw .lexiconsNotFound(searched: [explicit]) }
      return explicit
    }
    if let fromEnvironment = ProcessInfo.processInfo.environment["HARK_LEXICONS"], !fromEnvironment.isEmpty {
      guard isLexiconDirectory(fromEnvironment) else { throw .lexiconsNotFound(searched: [fromEnvironment]) }
      return fromEnvironment
    }
    var starts: [URL] = []
    let executable = executablePath ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    if let executable { starts.append(URL(fileURLWithPath: executable).deletingLastPathComponent()) }
    starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    for start in starts {
      var directory = start.standardizedFileURL
      for _ in 0..<8 {
        for candidate in [directory.appendingPathComponent("lexicons"), directory.appendingPathComponent("share/hark/lexicons")] {
          searched.append(candidate.path)
          if isLexiconDirectory(candidate.path) { return candidate.path }
        }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path { break }
        directory = parent
      }
    }
    throw .lexiconsNotFound(searched: Array(searched.prefix(6)))
  }

  static func isLexiconDirectory(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: path + "/shifters/negators.tsv")
  }
}
