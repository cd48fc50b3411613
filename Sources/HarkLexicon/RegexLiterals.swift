/// Reads, from a regular expression, sets of literals such that every match contains at least one
/// literal of each set: the regex can be skipped on a text that lacks all the literals of any one
/// set (RE2's "prefilter" idea, as an AND of ORs of strings).
///
/// The reading is conservative: where the syntax is not understood (inline flags, `\Q…\E`,
/// backreferences, Unicode properties) the expression gets no requirement and is never skipped.
/// Understood: literals and escaped punctuation, `\b \B ^ $` (match nothing), `\d \w \s .` and
/// negated or large `[…]` classes (match one unknown character), small classes such as `[1-4]`
/// (each character), groups `(…)` `(?:…)`, lookarounds `(?=…)` `(?!…)` `(?<=…)` `(?<!…)` (match
/// nothing), alternation, and the quantifiers `? * + {m} {m,} {m,n}` with lazy or possessive
/// suffixes.
///
/// Letters are lower-cased: the expressions run case-insensitively on case-folded text. A non-ASCII
/// letter is not used as a literal (case folding could change its spelling).
///
/// With `boundaries`, a `\b` is kept in the literals as ``boundary`` (U+0001) where it stands, so
/// that a prefilter can tell the word "he" from the "he" in "the"; without, it matches nothing.
package enum RegexLiterals {
  /// Stands for `\b` in literals read with `boundaries: true`.
  package static let boundary: Unicode.Scalar = "\u{1}"

  /// Sets of literals such that any match of `pattern` contains one literal of every set, the
  /// most selective first (at most ``maximumSets``, each literal at most ``maximumLiteralLength``
  /// scalars); nil when nothing certain (nothing but spaces) can be read. Within a set no literal
  /// contains another: one holding a shorter one adds nothing.
  /// - Parameter boundaries: whether literals keep the regex's word boundaries as ``boundary``.
  package static func required(_ pattern: String, boundaries: Bool = false) -> [Set<String>]? {
    var parser = Parser(Array(pattern.unicodeScalars), boundaries: boundaries)
    guard let node = parser.parseAlternation(), parser.position == parser.scalars.count else { return nil }
    var sets: [Set<String>] = []
    for whole in node.requirements where strength(whole) > 0 {
      // A literal's start is required as much as the literal: long ones are cut, which keeps the
      // automaton small (cache-resident) at little cost in selectivity.
      let set = Set(whole.map { String(String.UnicodeScalarView($0.unicodeScalars.prefix(maximumLiteralLength))) })
      // The UTF-8 of each literal once, not per pair compared.
      let literals = set.map { ($0, Array($0.utf8)) }
      let minimal = Set(
        literals.filter { literal in !literals.contains { $0.0 != literal.0 && contains(literal.1, $0.1) } }.map(\.0))
      if !sets.contains(minimal) { sets.append(minimal) }
    }
    // Strongest first; each set's sort key made once (it builds strings).
    sets = sets.map { (set: $0, key: SortKey($0)) }.sorted { $1.key.isWeaker(than: $0.key) }.map(\.set)
    return sets.isEmpty ? nil : Array(sets.prefix(maximumSets))
  }

  /// The exact strings a sub-expression can match are tracked while there are at most this many.
  static let exactLimit = 64
  /// A bracket class of at most this many characters is read as those characters.
  static let classLimit = 16
  /// Literals are cut to their first this many scalars.
  static let maximumLiteralLength = 12
  /// Sets kept per expression (each costs a little in the automaton, and the weakest add little).
  static let maximumSets = 4

  /// What is known about a sub-expression.
  struct Facts {
    /// Every string it can match, when few and known ("" when it can match nothing).
    var exact: Set<String>?
    /// Sets of which each match contains a literal of every one; empty when nothing is known.
    var required: [Set<String>]

    static let empty = Facts(exact: [""], required: [])
    static let unknown = Facts(exact: nil, required: [])

    /// All the sets known, the exact strings among them.
    var requirements: [Set<String>] {
      guard let exact, !exact.isEmpty, !exact.contains("") else { return required }
      return [exact] + required
    }

    /// The most selective single set known.
    var bestRequirement: Set<String>? {
      requirements.max { RegexLiterals.isWeaker($0, than: $1) }
    }
  }

  /// Whether `a` is less selective than `b`: its shortest literal is shorter (spaces not
  /// counted), or as short with more literals; ties are broken by the literals themselves, so the
  /// choice never depends on a set's (per-process) iteration order.
  static func isWeaker(_ a: Set<String>, than b: Set<String>) -> Bool {
    SortKey(a).isWeaker(than: SortKey(b))
  }

  /// What ``isWeaker(_:than:)`` compares.
  struct SortKey {
    let strength: Int
    let count: Int
    let literals: [String]

    init(_ set: Set<String>) {
      (strength, count, literals) = (RegexLiterals.strength(set), set.count, set.sorted())
    }

    func isWeaker(than other: SortKey) -> Bool {
      if strength != other.strength { return strength < other.strength }
      if count != other.count { return count > other.count }
      return literals.lexicographicallyPrecedes(other.literals)
    }
  }

  /// How selective a set is: the strength of its weakest literal, which is its length without
  /// spaces, or 1 for one of the ``commonWords`` (found in almost every text however long).
  static func strength(_ set: Set<String>) -> Int {
    set.map { literal in
      let letters = literal.unicodeScalars.reduce(0) { $0 + ($1 == " " || $1 == boundary ? 0 : 1) }
      // Only a literal as short as a common word can be one: the others need no string made.
      guard letters > 1 && letters <= longestCommonWord else { return letters }
      let word = String(String.UnicodeScalarView(literal.unicodeScalars.filter { $0 != boundary }))
      return commonWords.contains(word.trimmingSpaces) ? 1 : letters
    }.min() ?? 0
  }

  /// The length of the longest of the ``commonWords``.
  static let longestCommonWord = commonWords.map(\.count).max() ?? 0

  /// Function words so frequent that a set holding one filters almost nothing.
  static let commonWords: Set<String> = [
    "the", "that", "this", "these", "those", "his", "her", "hers", "him", "their", "them", "they", "your", "you",
    "our", "we", "she", "he", "me", "my", "it", "its", "and", "but", "for", "with", "was", "were", "is", "are",
    "be", "been", "have", "has", "had", "not", "all", "any", "one", "will", "would", "can", "could", "to", "of",
    "in", "on", "at", "by", "an", "or", "if", "so", "do", "did", "does", "from", "up", "out", "as", "what", "who",
    "when", "there", "about", "just", "very", "more", "some", "no",
  ]

  /// Whether the bytes `needle` occur in `haystack` (not Foundation's search, which compares
  /// Unicode-aware and is far slower).
  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    return (0...(haystack.count - needle.count)).contains { start in haystack[start..<start + needle.count].elementsEqual(needle) }
  }

  /// Groups nested deeper than this are not read (the parser recurses once per level).
  static let maximumDepth = 100

  struct Parser {
    let scalars: [Unicode.Scalar]
    /// Whether `\b` is read as ``RegexLiterals/boundary`` (else as matching nothing).
    let boundaries: Bool
    var position = 0
    var depth = 0

    init(_ scalars: [Unicode.Scalar], boundaries: Bool = false) { (self.scalars, self.boundaries) = (scalars, boundaries) }

    var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    mutating func parseAlternation() -> Facts? {
      var branches: [Facts] = []
      while true {
        guard let branch = parseSequence() else { return nil }
        branches.append(branch)
        if current == "|" {
          position += 1
          continue
        }
        break
      }
      if branches.count == 1 { return branches[0] }
      var exact: Set<String>? = []
      var union: Set<String>? = []
      for branch in branches {
        if let e = branch.exact, let sofar = exact, sofar.count + e.count <= RegexLiterals.exactLimit {
          exact = sofar.union(e)
        } else {
          exact = nil
        }
        if let r = branch.bestRequirement, let sofar = union {
          union = sofar.union(r)
        } else {
          union = nil
        }
      }
      let required = union.map { [$0] } ?? []
      return Facts(exact: exact, required: required)
    }

    mutating func parseSequence() -> Facts? {
      var running: Set<String>? = [""]
      var candidates: [Set<String>] = []
      var allExact = true
      func flush() {
        if let r = running, !r.isEmpty, !r.contains("") { candidates.append(r) }
      }
      while let c = current, c != "|", c != ")" {
        guard var atom = parseAtom() else { return nil }
        guard let quantified = parseQuantifier(&atom) else { return nil }
        if let e = quantified.exact, let r = running, r.count * e.count <= RegexLiterals.exactLimit {
          var product: Set<String> = []
          for left in r { for right in e { product.insert(left + right) } }
          running = product
        } else {
          flush()
          candidates += quantified.required
          // The sequence's own strings are no longer all known; a fresh run starts here.
          allExact = false
          if let e = quantified.exact, e.count <= RegexLiterals.exactLimit {
            running = e
          } else {
            running = [""]
          }
        }
      }
      flush()
      if !allExact { running = nil }
      return Facts(exact: running, required: allExact ? [] : candidates)
    }

    /// Applies a quantifier, if one follows, to `atom`.
    mutating func parseQuantifier(_ atom: inout Facts) -> Facts? {
      guard let c = current else { return atom }
      var minimum: Int
      var maximum: Int?
      switch c {
      case "?": (minimum, maximum) = (0, 1)
      case "*": (minimum, maximum) = (0, nil)
      case "+": (minimum, maximum) = (1, nil)
      case "{":
        guard let bounds = parseBounds() else { return nil }
        (minimum, maximum) = bounds
        position -= 1  // parseBounds leaves us on "}"; the common step below passes it
      default: return atom
      }
      position += 1
      if current == "?" || current == "+" { position += 1 }  // lazy, possessive
      if minimum == 0 {
        if maximum == 1, let e = atom.exact { return Facts(exact: e.union([""]), required: []) }
        return .unknown
      }
      if minimum == 1 && maximum == 1 { return atom }
      // At least `minimum` repeats: with few exact strings, each repeated that often is required
      // (`x{5,}` needs "xxxxx", which normalised text can never hold).
      var required = atom.requirements
      if minimum > 1, let exact = atom.exact, !exact.contains(""), exact.count <= 8 {
        var repeated: Set<String> = [""]
        for _ in 0..<min(minimum, RegexLiterals.maximumLiteralLength) {
          repeated = Set(repeated.flatMap { prefix in exact.map { prefix + $0 } })
          if repeated.count > RegexLiterals.exactLimit { break }
        }
        if repeated.count <= RegexLiterals.exactLimit { required.insert(repeated, at: 0) }
      }
      return Facts(exact: nil, required: required)
    }

    /// `{m}`, `{m,}` or `{m,n}` at the current position; leaves the position after the `}`.
    mutating func parseBounds() -> (Int, Int?)? {
      position += 1
      func number() -> Int? {
        var digits = ""
        while let c = current, ("0"..."9").contains(c) {
          digits.unicodeScalars.append(c)
          position += 1
        }
        return Int(digits)
      }
      guard let minimum = number() else { return nil }
      var maximum: Int? = minimum
      if current == "," {
        position += 1
        maximum = number()
      }
      guard current == "}" else { return nil }
      position += 1
      return (minimum, maximum)
    }

    mutating func parseAtom() -> Facts? {
      guard let c = current else { return nil }
      position += 1
      switch c {
      case "(":
        var isLookaround = false
        if current == "?" {
          position += 1
          switch current {
          case ":": position += 1
          case "=", "!":
            position += 1
            isLookaround = true
          case "<":
            position += 1
            guard current == "=" || current == "!" else { return nil }  // named groups: not read
            position += 1
            isLookaround = true
          default: return nil  // inline flags, atomic groups, comments
          }
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= RegexLiterals.maximumDepth, let inner = parseAlternation(), current == ")" else { return nil }
        position += 1
        return isLookaround ? .empty : inner
      case "[":
        return parseClass()
      case ".":
        return .unknown
      case "^", "$":
        return .empty
      case "\\":
        guard let e = current else { return nil }
        position += 1
        switch e {
        case "b" where boundaries: return Facts(exact: [String(Character(RegexLiterals.boundary))], required: [])
        case "b", "B", "A", "z", "Z", "G": return .empty
        case "d", "D", "w", "W", "s", "S", "h", "H", "v", "V", "X", "R": return .unknown
        case "n": return literal("\n")
        case "t": return literal("\t")
        default:
          // Escaped punctuation is itself; escaped letters and digits not listed above (back-
          // references, \p{…}, \Q, \x, \u, \N…) are not read.
          if e.properties.isAlphabetic || ("0"..."9").contains(e) { return nil }
          return literal(e)
        }
      case ")", "|", "?", "*", "+", "{":
        return nil
      default:
        return literal(c)
      }
    }

    func literal(_ scalar: Unicode.Scalar) -> Facts {
      if scalar == RegexLiterals.boundary { return .unknown }  // the marker's own character
      if scalar.isASCII {
        return Facts(exact: [String(Character(scalar)).lowercased()], required: [])
      }
      if scalar.properties.changesWhenCaseFolded || scalar.properties.isCased { return .unknown }
      return Facts(exact: [String(Character(scalar))], required: [])
    }

    /// A bracket class whose `[` was just read: its characters when it is small and plain (literal
    /// ASCII characters and ranges), else one unknown character; nil if it does not end.
    mutating func parseClass() -> Facts? {
      var plain = true
      if current == "^" {
        plain = false
        position += 1
      }
      var members: [Unicode.Scalar] = []
      if current == "]" {
        members.append("]")
        position += 1
      }
      var depth = 0  // nested sets, as in [a[bc]]
      while let c = current {
        position += 1
        switch c {
        case "]" where depth > 0:
          depth -= 1
        case "]":
          guard plain, members.count <= RegexLiterals.classLimit else { return .unknown }
          let exact = Set(members.map { String(Character($0)).lowercased() })
          return Facts(exact: exact, required: [])
        case "\\":
          plain = false
          position += 1
        case "[":
          plain = false
          depth += 1
        default:
          if !c.isASCII { plain = false }
          if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
            let upper = scalars[position + 1]
            position += 2
            guard upper.isASCII, c.value <= upper.value, upper.value - c.value < 64 else {
              plain = false
              continue
            }
            members += (c.value...upper.value).compactMap(Unicode.Scalar.init)
          } else {
            members.append(c)
          }
        }
      }
      return nil
    }
  }
}
