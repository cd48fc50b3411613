/// Errors of the summary layer: unreadable or incompatible partial states and lexicon files.
public enum SummaryError: Error, CustomStringConvertible, Sendable {
  case unreadable(path: String, reason: String)
  case invalidState(path: String, reason: String)
  case incompatible(reason: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    case .invalidState(let path, let reason): "\(path): not a Hark summary state: \(reason)"
    case .incompatible(let reason): "cannot merge summary states: \(reason)"
    }
  }
}
