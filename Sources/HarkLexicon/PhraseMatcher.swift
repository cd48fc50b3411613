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
  /// Entries by their literal first word, longest first.
  private var byFirstWord: [String: [Int]] = [:]
  /// Entries whose first word is a glob, by the glob's first literal character, longest first.
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
    longestEntry = max(longestEntry, words.count)
    func insert(_ list: inout [Int]) {
      let position = list.firstIndex { entries[$0].words.count < words.count } ?? list.endIndex
      list.insert(index, at: position)
    }
    switch first {
    case .literal(let word):
      insert(&byFirstWord[word, default: []])
    case .glob:
      if let initial = first.literalPrefix.first {
        insert(&globsByInitial[initial, default: []])
      } else {
        insert(&globsAnyInitial)
      }
    }
  }

  /// The longest entry matching `words` from `start`: how many words it covers and the index of
  /// the entry in ``entries``; nil if none matches.
  public func longestMatch(in words: [String], at start: Int) -> (length: Int, entry: Int)? {
    guard start < words.count else { return nil }
    let firstWord = words[start]
    var best: (length: Int, entry: Int)?
    if let literal = byFirstWord[firstWord] { best = firstMatch(literal, words, start, longerThan: 0) }
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

  /// Every entry matching `words` from `start` (any length), as (length, entry index) pairs: what a
  /// multi-label classifier needs, where entries of different themes may overlap.
  public func allMatches(in words: [String], at start: Int) -> [(length: Int, entry: Int)] {
    guard start < words.count else { return [] }
    let firstWord = words[start]
    var result: [(length: Int, entry: Int)] = []
    func collect(_ candidates: [Int]) {
      for index in candidates where matches(entries[index].words, words, start) {
        result.append((entries[index].words.count, index))
      }
    }
    if let literal = byFirstWord[firstWord] { collect(literal) }
    if let initial = firstWord.first, let globs = globsByInitial[initial] { collect(globs) }
    if !globsAnyInitial.isEmpty { collect(globsAnyInitial) }
    return result
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
      let patterns = entries[index].words
      let length = patterns.count
      if length <= minimum { return nil }  // candidates are longest first
      guard start + length <= words.count else { continue }
      var matched = true
      for k in 0..<length where !patterns[k].matches(words[start + k]) {
        matched = false
        break
      }
      if matched { return (length, index) }
    }
    return nil
  }
}
