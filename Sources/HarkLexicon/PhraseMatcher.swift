import HarkText

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
  /// Candidate lists (entry indices, longest first), found through the tables below.
  private var lists: [[Int]] = []
  /// Entries by their literal first word, but for those below.
  private var byFirstWord = KeyTable()
  /// Entries whose first two words are literals, by both (``pairKey(_:_:)``): a common first word
  /// ("i", "the") begins hundreds of phrases, of which only those with the right second word need
  /// checking.
  private var byFirstPair = KeyTable()
  /// Entries whose first word is a glob with at least three literal characters before its first
  /// wildcard, by those three Unicode scalars (``WordKeys/prefix``).
  private var globsByPrefix = KeyTable()
  /// Entries whose first word is a glob with a shorter literal prefix, by its first scalar.
  private var globsByInitial = KeyTable()
  /// Entries whose first word starts with a wildcard (a list index, or -1).
  private var globsAnyInitial: Int32 = -1
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
    func insert(into list: Int32) {
      let position = lists[Int(list)].firstIndex { entryLength[$0] < Int32(words.count) } ?? lists[Int(list)].endIndex
      lists[Int(list)].insert(index, at: position)
    }
    func list(in table: inout KeyTable, key: UInt64) -> Int32 {
      if let list = table.find(key: key) { return list }
      lists.append([])
      table.insert(key: key, value: Int32(lists.count - 1))
      return Int32(lists.count - 1)
    }
    if !first.isGlob && words.count >= 2 && !words[1].isGlob {
      insert(into: list(in: &byFirstPair, key: Self.pairKey(WordKeys.hash(first.text), WordKeys.hash(words[1].text))))
    } else if !first.isGlob {
      insert(into: list(in: &byFirstWord, key: WordKeys.hash(first.text)))
    } else if first.literalPrefix.unicodeScalars.count >= WordKeys.prefixLength {
      insert(into: list(in: &globsByPrefix, key: WordKeys.prefix(of: first.literalPrefix)))
    } else if let initial = first.literalPrefix.unicodeScalars.first {
      insert(into: list(in: &globsByInitial, key: UInt64(initial.value)))
    } else {
      if globsAnyInitial < 0 {
        lists.append([])
        globsAnyInitial = Int32(lists.count - 1)
      }
      insert(into: globsAnyInitial)
    }
  }

  @inline(__always)
  static func pairKey(_ first: UInt64, _ second: UInt64) -> UInt64 {
    (first &* 0xFF51_AFD7_ED55_8CCD) ^ (second >> 7 | second << 57)
  }

  /// Visits the entries with a literal first word that may match at `start`, longest first, then
  /// in the order added (the two tables' lists merged), until `visit` returns false.
  @inline(__always)
  private func forEachLiteralCandidate(_ words: [String], _ start: Int, _ keys: WordKeys, next: WordKeys?, _ visit: (Int) -> Bool) {
    let single = byFirstWord.find(key: keys.hash).map { lists[Int($0)] } ?? []
    let paired = next.flatMap { byFirstPair.find(key: Self.pairKey(keys.hash, $0.hash)) }.map { lists[Int($0)] } ?? []
    var (a, b) = (0, 0)
    while a < single.count || b < paired.count {
      let takeA: Bool
      if a == single.count {
        takeA = false
      } else if b == paired.count {
        takeA = true
      } else {
        let (x, y) = (single[a], paired[b])
        takeA = entryLength[x] != entryLength[y] ? entryLength[x] > entryLength[y] : x < y
      }
      let index = takeA ? single[a] : paired[b]
      if takeA { a += 1 } else { b += 1 }
      if !visit(index) { return }
    }
  }

  /// The lists of entries whose first word is a glob that may match `keys`' word: by prefix, by
  /// initial, and those starting with a wildcard (the order ties are broken in).
  @inline(__always)
  private func forEachGlobList(_ keys: WordKeys, _ body: ([Int]) -> Void) {
    if keys.prefix != 0, let list = globsByPrefix.find(key: keys.prefix) { body(lists[Int(list)]) }
    if keys.initial != 0, let list = globsByInitial.find(key: UInt64(keys.initial)) { body(lists[Int(list)]) }
    if globsAnyInitial >= 0 { body(lists[Int(globsAnyInitial)]) }
  }

  /// The longest entry matching `words` from `start`: how many words it covers and the index of
  /// the entry in ``entries``; nil if none matches.
  public func longestMatch(in words: [String], at start: Int) -> (length: Int, entry: Int)? {
    guard start < words.count else { return nil }
    return longestMatch(words, start, WordKeys(words[start]), next: start + 1 < words.count ? WordKeys(words[start + 1]) : nil)
  }

  /// ``longestMatch(in:at:)`` over prepared words (keys computed once per text).
  public func longestMatch(in words: MatchWords, at start: Int) -> (length: Int, entry: Int)? {
    guard start < words.count else { return nil }
    return longestMatch(words.words, start, words.keys[start], next: start + 1 < words.count ? words.keys[start + 1] : nil)
  }

  private func longestMatch(_ words: [String], _ start: Int, _ keys: WordKeys, next: WordKeys?) -> (length: Int, entry: Int)? {
    var best: (length: Int, entry: Int)?
    forEachLiteralCandidate(words, start, keys, next: next) { index in
      guard entryMatches(index, words, start) else { return true }
      best = (Int(entryLength[index]), index)
      return false
    }
    forEachGlobList(keys) { candidates in
      if let match = firstMatch(candidates, words, start, longerThan: best?.length ?? 0) { best = match }
    }
    return best
  }

  /// Calls `body` with (length, entry index) for every entry matching `words` from `start`, of
  /// any length: what a multi-label classifier needs, where entries of different themes overlap.
  public func forEachMatch(in words: [String], at start: Int, _ body: (_ length: Int, _ entry: Int) -> Void) {
    guard start < words.count else { return }
    forEachMatch(words, start, WordKeys(words[start]), next: start + 1 < words.count ? WordKeys(words[start + 1]) : nil, body)
  }

  /// ``forEachMatch(in:at:_:)`` over prepared words (keys computed once per text).
  public func forEachMatch(in words: MatchWords, at start: Int, _ body: (_ length: Int, _ entry: Int) -> Void) {
    guard start < words.count else { return }
    forEachMatch(words.words, start, words.keys[start], next: start + 1 < words.count ? words.keys[start + 1] : nil, body)
  }

  private func forEachMatch(
    _ words: [String], _ start: Int, _ keys: WordKeys, next: WordKeys?, _ body: (_ length: Int, _ entry: Int) -> Void
  ) {
    forEachLiteralCandidate(words, start, keys, next: next) { index in
      if entryMatches(index, words, start) { body(Int(entryLength[index]), index) }
      return true
    }
    forEachGlobList(keys) { candidates in
      for index in candidates where entryMatches(index, words, start) {
        body(Int(entryLength[index]), index)
      }
    }
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

/// The words of one text prepared for matching: the keys that ``PhraseMatcher`` looks a first
/// word up by, computed once per word and shared by every matcher that runs over the text.
public struct MatchWords: Sendable {
  public let words: [String]
  let keys: [WordKeys]

  public init(_ words: [String]) {
    self.words = words
    keys = words.map(WordKeys.init)
  }

  /// The norms of `document`'s tokens.
  public init(_ document: Document) { self.init(document.tokens.map(\.norm)) }

  public var count: Int { words.count }
}

/// What ``PhraseMatcher`` looks a word up by.
struct WordKeys: Sendable {
  /// A hash of the word's UTF-8 bytes (FNV-1a, 64 bits).
  var hash: UInt64
  /// The first ``prefixLength`` Unicode scalars, 21 bits each; 0 for a shorter word.
  var prefix: UInt64
  /// The first scalar's value; 0 for the empty word.
  var initial: UInt32

  static let prefixLength = 3

  init(_ word: String) {
    // One pass over the bytes; the scalar keys are read from the bytes while they are ASCII.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var prefix: UInt64 = 0
    var count = 0
    var ascii = true
    for b in word.utf8 {
      hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
      if count < Self.prefixLength {
        if b >= 0x80 { ascii = false }
        prefix = prefix << 21 | UInt64(b)
        count += 1
      }
    }
    self.hash = hash
    if ascii {
      self.prefix = count == Self.prefixLength ? prefix : 0
      initial = word.utf8.first.map(UInt32.init) ?? 0
    } else {
      self.prefix = Self.prefix(of: word)
      initial = word.unicodeScalars.first?.value ?? 0
    }
  }

  @inline(__always)
  static func hash(_ word: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in word.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
    return hash
  }

  static func prefix(of word: some StringProtocol) -> UInt64 {
    var key: UInt64 = 0
    var count = 0
    for scalar in word.unicodeScalars.prefix(prefixLength) {
      key = key << 21 | UInt64(scalar.value)
      count += 1
    }
    return count == prefixLength ? key : 0
  }
}

/// An open-addressing hash table from a 64-bit key to a list index, one 16-byte slot per entry so
/// that a lookup touches one cache line. Keys are not verified against the words they came from:
/// two words with the same 64-bit hash share a list, which only adds candidates, and every
/// candidate is checked word by word. Grows at half full; never shrinks.
struct KeyTable: Sendable {
  private struct Slot: Sendable {
    var key: UInt64
    /// The list index; -1 for an empty slot.
    var value: Int32
  }

  private var slots: [Slot] = []
  private var count = 0
  private var mask = -1

  @inline(__always)
  func find(key: UInt64) -> Int32? {
    guard mask >= 0 else { return nil }
    var slot = Self.slot(key, mask)
    while true {
      let entry = slots[slot]
      if entry.value < 0 { return nil }
      if entry.key == key { return entry.value }
      slot = (slot + 1) & mask
    }
  }

  mutating func insert(key: UInt64, value: Int32) {
    if (count + 1) * 2 > mask + 1 { grow() }
    var slot = Self.slot(key, mask)
    while slots[slot].value >= 0 { slot = (slot + 1) & mask }
    slots[slot] = Slot(key: key, value: value)
    count += 1
  }

  @inline(__always)
  private static func slot(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  private mutating func grow() {
    let old = slots
    let capacity = max(16, (mask + 1) * 2)
    slots = [Slot](repeating: Slot(key: 0, value: -1), count: capacity)
    mask = capacity - 1
    count = 0
    for slot in old where slot.value >= 0 { insert(key: slot.key, value: slot.value) }
  }
}
