/// Finds, at a position in a sequence of normalised words, the longest lexicon entry that starts
/// there. Entries are sequences of ``WordPattern``s (single words, multi-word phrases, globs), each
/// with an integer payload that indexes the caller's own table (kept non-generic so the hot path
/// compiles to direct code). Compiled once and read-only afterwards: safe to share between tasks.
///
/// Rules: the longest match wins; among matches of the same length, an entry whose first word is a
/// literal wins over a glob, then the entry added first.
public struct PhraseMatcher: Sendable {
  public struct Entry: Sendable, Hashable {
    public var words: [WordPattern]
    public var payload: Int
  }

  public private(set) var entries: [Entry] = []
  // The hot path reads these flat arrays instead of `entries`: a literal word is a (usually small,
  // so reference-free) String; a glob is an index into `globs`.
  private var flatText: [String] = []
  private var flatGlob: [Int32] = []
  private var entryOffset: [Int32] = []
  private var entryLength: [Int32] = []
  private var globs: [WordPattern] = []
  /// Entries by their literal first word, longest first.
  private var byFirstWord: [String: [Int]] = [:]
  /// Entries whose first word is a glob with at least three literal characters before its first
  /// wildcard, by those three characters (Unicode scalars), longest first.
  private var globsByPrefix: [String: [Int]] = [:]
  /// Entries whose first word is a glob with a shorter literal prefix, by its first character.
  private var globsByInitial: [Character: [Int]] = [:]
  /// Entries whose first word starts with a wildcard.
  private var globsAnyInitial: [Int] = []
  public private(set) var longestEntry = 0

  public init() {}

  public var isEmpty: Bool { entries.isEmpty }
  public var count: Int { entries.count }

  public mutating func add(words: [WordPattern], payload: Int) {
    guard let first = words.first else { return }
    let index = entries.count
    entries.append(Entry(words: words, payload: payload))
    entryOffset.append(Int32(flatText.count))
    entryLength.append(Int32(words.count))
    for word in words {
      flatText.append(word.text)
      if word.isGlob {
        flatGlob.append(Int32(globs.count))
        globs.append(word)
      } else {
        flatGlob.append(-1)
      }
    }
    longestEntry = max(longestEntry, words.count)
    func insert(_ list: inout [Int]) {
      let position = list.firstIndex { entryLength[$0] < Int32(words.count) } ?? list.endIndex
      list.insert(index, at: position)
    }
    if !first.isGlob {
      insert(&byFirstWord[first.text, default: []])
    } else if first.literalPrefix.unicodeScalars.count >= Self.globKeyLength {
      insert(&globsByPrefix[Self.globKey(first.literalPrefix), default: []])
    } else if let initial = first.literalPrefix.first {
      insert(&globsByInitial[initial, default: []])
    } else {
      insert(&globsAnyInitial)
    }
  }

  /// The longest entry matching `words` from `start`: how many words it covers and the index of
  /// the entry in ``entries``; nil if none matches.
  public func longestMatch(in words: [String], at start: Int) -> (length: Int, entry: Int)? {
    guard start < words.count else { return nil }
    let firstWord = words[start]
    var best: (length: Int, entry: Int)?
    if let literal = byFirstWord[firstWord] { best = firstMatch(literal, words, start, longerThan: 0) }
    if !globsByPrefix.isEmpty, let globs = globsByPrefix[Self.globKey(firstWord)],
      let match = firstMatch(globs, words, start, longerThan: best?.length ?? 0)
    {
      best = match
    }
    if let initial = firstWord.first, let globs = globsByInitial[initial],
      let match = firstMatch(globs, words, start, longerThan: best?.length ?? 0)
    {
      best = match
    }
    if !globsAnyInitial.isEmpty, let match = firstMatch(globsAnyInitial, words, start, longerThan: best?.length ?? 0) {
      best = match
    }
    return best
  }

  /// Calls `body` with (length, entry index) for every entry matching `words` from `start`, of
  /// any length: what a multi-label classifier needs, where entries of different themes overlap.
  public func forEachMatch(in words: [String], at start: Int, _ body: (_ length: Int, _ entry: Int) -> Void) {
    guard start < words.count else { return }
    let firstWord = words[start]
    func visit(_ candidates: [Int]) {
      for index in candidates where entryMatches(index, words, start) {
        body(Int(entryLength[index]), index)
      }
    }
    if let literal = byFirstWord[firstWord] { visit(literal) }
    if !globsByPrefix.isEmpty, let globs = globsByPrefix[Self.globKey(firstWord)] { visit(globs) }
    if let initial = firstWord.first, let globs = globsByInitial[initial] { visit(globs) }
    if !globsAnyInitial.isEmpty { visit(globsAnyInitial) }
  }

  private static let globKeyLength = 3

  /// The first three scalars of `word`: the key of the glob index.
  @inline(__always)
  private static func globKey(_ word: some StringProtocol) -> String {
    var view = String.UnicodeScalarView()
    for scalar in word.unicodeScalars.prefix(globKeyLength) { view.append(scalar) }
    return String(view)
  }

  /// The payload of entry `index`.
  @inline(__always)
  public func payload(of index: Int) -> Int { entries[index].payload }

  /// Whether entry `index` matches `words` from `start`.
  @inline(__always)
  private func entryMatches(_ index: Int, _ words: [String], _ start: Int) -> Bool {
    let length = Int(entryLength[index])
    guard start + length <= words.count else { return false }
    let offset = Int(entryOffset[index])
    for k in 0..<length {
      let glob = flatGlob[offset + k]
      if glob < 0 {
        if flatText[offset + k] != words[start + k] { return false }
      } else if !globs[Int(glob)].matches(words[start + k]) {
        return false
      }
    }
    return true
  }

  /// Whether `patterns` match `words` from `start`.
  public func matches(_ patterns: [WordPattern], _ words: [String], _ start: Int) -> Bool {
    guard start + patterns.count <= words.count else { return false }
    for k in patterns.indices where !patterns[k].matches(words[start + k]) { return false }
    return true
  }

  /// The first (so longest) candidate longer than `minimum` that matches at `start`.
  private func firstMatch(_ candidates: [Int], _ words: [String], _ start: Int, longerThan minimum: Int) -> (length: Int, entry: Int)? {
    for index in candidates {
      let length = Int(entryLength[index])
      if length <= minimum { return nil }  // candidates are longest first
      if entryMatches(index, words, start) { return (length, index) }
    }
    return nil
  }
}
