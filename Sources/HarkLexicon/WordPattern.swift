/// One word of a lexicon pattern: a literal normalised form, or a glob where `*` matches any run of
/// characters (including none) and `?` exactly one character (Unicode scalar).
///
/// Globs are compiled once into UTF-8 bytes and matched without allocating: a prefix glob
/// (`disappoint*`) is a byte-prefix test; others use wildcard matching with single-star
/// backtracking over the word's UTF-8, where `?` consumes one whole scalar.
public struct WordPattern: Hashable, Sendable {
  /// The compiled form, shared by copies (one reference to count instead of three).
  private final class Compiled: Sendable {
    let text: String
    let isGlob: Bool
    let bytes: [UInt8]
    /// For `literal*` globs: the literal.
    let prefix: [UInt8]?

    init(_ text: String) {
      self.text = text
      isGlob = text.utf8.contains(0x2A) || text.utf8.contains(0x3F)  // * ?
      bytes = Array(text.utf8)
      if isGlob, let star = bytes.firstIndex(of: 0x2A), star == bytes.count - 1, !bytes.contains(0x3F) {
        prefix = Array(bytes[..<star])
      } else {
        prefix = nil
      }
    }
  }

  private let compiled: Compiled

  /// The pattern as written.
  public var text: String { compiled.text }
  public var isGlob: Bool { compiled.isGlob }

  public init(_ word: some StringProtocol) {
    compiled = Compiled(String(word))
  }

  public static func == (lhs: WordPattern, rhs: WordPattern) -> Bool { lhs.text == rhs.text }
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }

  /// The word sequences a dictionary phrase stands for: as written (lower-cased, split at spaces),
  /// and, when a word holds a hyphen, also with the hyphenated words split apart
  /// ("well-being" also matches "well being").
  public static func variants(_ phrase: String) -> [[WordPattern]] {
    let words = phrase.lowercased().split(separator: " ").map(String.init)
    var result = [words.map(WordPattern.init)]
    // A byte test: `String.contains("-")` is Foundation's substring search, which cost more than
    // the rest of compiling a dictionary.
    if words.contains(where: { $0.utf8.contains(0x2D) && $0 != "-" }) {
      result.append(words.flatMap { $0.split(separator: "-").map(String.init) }.map(WordPattern.init))
    }
    return result
  }

  /// The characters before the first wildcard.
  public var literalPrefix: Substring {
    text.prefix { $0 != "*" && $0 != "?" }
  }

  public func matches(_ word: String) -> Bool {
    guard compiled.isGlob else { return word == compiled.text }
    var word = word  // native strings are read in place; others are made native once
    return word.withUTF8 { matches(utf8: $0) }
  }

  /// Whether the word whose UTF-8 is `word` matches. Globs match on bytes as ``matches(_:)``
  /// does; a literal compares byte for byte (the same as string equality for the normalised
  /// forms that lexicons and tokens hold).
  @inline(__always)
  public func matches(utf8 word: UnsafeBufferPointer<UInt8>) -> Bool {
    let compiled = self.compiled
    guard compiled.isGlob else { return compiled.bytes.elementsEqual(word) }
    if let prefix = compiled.prefix {
      guard word.count >= prefix.count else { return false }
      for k in prefix.indices where prefix[k] != word[k] { return false }
      return true
    }
    return Self.globMatches(compiled.bytes, word)
  }

  /// The width of the UTF-8 sequence starting with `lead`.
  @inline(__always)
  private static func width(_ lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  static func globMatches(_ pattern: [UInt8], _ word: UnsafeBufferPointer<UInt8>) -> Bool {
    var p = 0
    var w = 0
    var starP = -1
    var starW = 0
    while w < word.count {
      if p < pattern.count && pattern[p] == 0x3F {  // ?
        p += 1
        w += width(word[w])
      } else if p < pattern.count && pattern[p] == 0x2A {  // *
        starP = p
        starW = w
        p += 1
      } else if p < pattern.count && pattern[p] == word[w] {
        p += 1
        w += 1
      } else if starP >= 0 {
        p = starP + 1
        starW += width(word[starW])
        w = starW
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == 0x2A { p += 1 }
    return p == pattern.count && w == word.count
  }
}
