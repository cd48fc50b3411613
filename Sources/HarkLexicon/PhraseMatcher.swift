/// Finds, at a position in a sequence of normalised words, the longest lexicon entry that starts
/// there. Entries are sequences of ``WordPattern``s (single words, multi-word phrases, globs) with a
/// payload. Compiled once and read-only afterwards: safe to share between tasks.
///
/// Rules: the longest match wins; among matches of the same length, an entry whose first word is a
/// literal wins over a glob, then the entry added first.
public struct PhraseMatcher<Payload: Sendable>: Sendable {
  public struct Entry: Sendable {
    public var words: [WordPattern]
    public var payload: Payload
  }

  public struct Match: Sendable {
    /// How many words the match covers.
    public var length: Int
    public var entry: Entry
  }

  public private(set) var entries: [Entry] = []
  /// Entries by their literal first word, longest first.
  private var byFirstWord: [String: [Int]] = [:]
  /// Entries whose first word is a glob, by the first character of the glob (or "" if it starts
  /// with a wildcard), longest first.
  private var globsByInitial: [Character: [Int]] = [:]
  private var globsAnyInitial: [Int] = []
  public private(set) var longestEntry = 0

  public init() {}

  public init(_ entries: some Sequence<(words: [WordPattern], payload: Payload)>) {
    for entry in entries { add(words: entry.words, payload: entry.payload) }
  }

  public var isEmpty: Bool { entries.isEmpty }
  public var count: Int { entries.count }

  public mutating func add(words: [WordPattern], payload: Payload) {
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

  /// The longest entry matching `words` from `start`, or nil. `words[i]` is the normalised form of
  /// the i-th word; `boundary(i)` may stop a phrase from running across position `i`.
  public func longestMatch(in words: some RandomAccessCollection<String>, at start: Int) -> Match? {
    let base = words.startIndex
    let count = words.count
    guard start < count else { return nil }
    let firstWord = words[words.index(base, offsetBy: start)]
    var best: Match?
    func consider(_ candidates: [Int]) {
      for index in candidates {
        let entry = entries[index]
        let length = entry.words.count
        if let best, best.length >= length { return }  // lists are longest first
        guard start + length <= count else { continue }
        var matched = true
        for k in 0..<length {
          let word = k == 0 ? firstWord : words[words.index(base, offsetBy: start + k)]
          if !entry.words[k].matches(word) {
            matched = false
            break
          }
        }
        if matched {
          best = Match(length: length, entry: entry)
          return
        }
      }
    }
    if let literal = byFirstWord[firstWord] { consider(literal) }
    if let initial = firstWord.first, let globs = globsByInitial[initial] { consider(globs) }
    if !globsAnyInitial.isEmpty { consider(globsAnyInitial) }
    return best
  }
}
