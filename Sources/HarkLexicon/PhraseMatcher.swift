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
