/// Errors from reading lexicons and dictionaries. Every message names the file and, where there
/// is one, the line.
public enum LexiconError: Error, Equatable, Sendable {
  /// A file could not be read.
  case unreadable(path: String, reason: String)
  /// A line does not follow the file's format.
  case malformed(path: String, line: Int, reason: String)
  /// No bundled lexicon directory was found.
  case lexiconsNotFound(searched: [String])
}

extension LexiconError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): cannot read: \(reason)"
    case .malformed(let path, let line, let reason): "\(path):\(line): \(reason)"
    case .lexiconsNotFound(let searched):
      "bundled lexicons not found (looked in: \(searched.joined(separator: ", "))); use --lexicon-dir or HARK_LEXICONS"
    }
  }
}
