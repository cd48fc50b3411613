/// One word of a lexicon pattern: a literal normalised form, or a glob where `*` matches any run of
/// characters (including none) and `?` exactly one (Unicode scalars).
public enum WordPattern: Hashable, Sendable {
  case literal(String)
  case glob(String)

  public init(_ word: some StringProtocol) {
    if word.contains("*") || word.contains("?") {
      self = .glob(String(word))
    } else {
      self = .literal(String(word))
    }
  }

  /// The pattern as written.
  public var text: String {
    switch self {
    case .literal(let word), .glob(let word): word
    }
  }

  /// The characters before the first wildcard.
  public var literalPrefix: Substring {
    let text = self.text
    return text.prefix { $0 != "*" && $0 != "?" }
  }

  public func matches(_ word: String) -> Bool {
    switch self {
    case .literal(let literal): return literal == word
    case .glob(let glob): return Self.globMatches(Array(glob.unicodeScalars), Array(word.unicodeScalars))
    }
  }

  /// Wildcard matching with single-star backtracking: linear for one `*`, at worst
  /// O(pattern × word) for several.
  static func globMatches(_ pattern: [Unicode.Scalar], _ word: [Unicode.Scalar]) -> Bool {
    var p = 0
    var w = 0
    var starP = -1
    var starW = 0
    while w < word.count {
      if p < pattern.count && (pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == word[w])) {
        p += 1
        w += 1
      } else if p < pattern.count && pattern[p] == "*" {
        starP = p
        starW = w
        p += 1
      } else if starP >= 0 {
        p = starP + 1
        starW += 1
        w = starW
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}
