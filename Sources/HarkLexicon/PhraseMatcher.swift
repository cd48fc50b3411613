import HarkText

/// Finds, at a position in a sequence of normalised words, the longest lexicon entry that starts
/// there. Entries are sequences of ``WordPattern``s (single words, multi-word phrases, globs), each
/// with an integer payload that indexes the caller's own table (kept non-generic so the hot path
/// compiles to direct code). Compiled once from all its entries and read-only afterwards: safe to
/// share between tasks.
///
/// Rules: the longest match wins; among matches of the same length, an entry whose first word is a
/// literal wins over a glob, then the entry given first.
public final class PhraseMatcher: Sendable {
  public struct Entry: Sendable, Hashable {
    public var words: [WordPattern]
    public var payload: Int

    public init(words: [WordPattern], payload: Int) {
      self.words = words
      self.payload = payload
    }
  }

  public let entries: [Entry]
  /// Each entry's payload, apart: read per match without touching the entry's words.
  private let payloads: [Int]
  // The hot path reads these flat arrays instead of `entries`, all laid out in the order of
  // `slots` (the candidate lists end to end), so that the entries checked at one word lie
  // together in memory. Word `k` of the entry in slot `s` is `slotWords[slots[s].offset + k]`
  // (its spelling `slotText[slots[s].offset + k]`, compared only once every word's hash agreed).
  private let slotWords: [SlotWord]
  private let slotText: [String]
  private let globs: [WordPattern]
  /// Per entry led by a glob, the test of a word's first bytes against that glob's literal
  /// prefix (``LeadFilter``), indexed by slot: most such entries are listed under a
  /// word because it shares their first three characters, and this rules the rest out without a
  /// call to check the entry (unused slots for entries led by a literal).
  private let leadFilters: [LeadFilter]
  /// Candidate lists (entries, longest first, then in the order given), stored end to end: list
  /// `l` is `slots[listStart[l]..<listStart[l + 1]]`. The tables below map keys to lists.
  private let slots: [Slot]
  private let listStart: [Int32]
  /// Entries by their literal first word, but for those below.
  private let byFirstWord: KeyTable
  /// Entries whose first two words are literals, by both (``pairKey(_:_:)``): a common first word
  /// ("i", "the") begins hundreds of phrases, of which only those with the right second word need
  /// checking.
  private let byFirstPair: KeyTable
  /// The hashes of every literal first word, with what each begins (an entry listed by it in
  /// `byFirstWord`, a pair in `byFirstPair`, or both), so that most text words (which start no
  /// entry) are ruled out without touching the larger tables above, and a word that only begins
  /// pairs ("i", "the") without a probe of `byFirstWord`.
  private let firstWords: FirstWordFilter
  /// The keys of `byFirstPair`: a word that starts some phrase is rarely followed by a word that
  /// continues one.
  private let firstPairs: HashFilter
  /// Entries whose first word is a glob with at least three literal characters before its first
  /// wildcard, by those three Unicode scalars (``WordKeys/prefix``).
  private let globsByPrefix: KeyTable
  /// The keys of `globsByPrefix`, as `firstWords` is for the literal tables.
  private let globPrefixes: HashFilter
  /// Entries whose first word is a glob with a shorter literal prefix, by its first scalar.
  private let globsByInitial: KeyTable
  /// Entries whose first word starts with a wildcard (a list index, or -1).
  private let globsAnyInitial: Int32
  /// Whether any entry's first word is a glob (else words need no glob keys).
  public let hasGlobLedEntries: Bool
  public let longestEntry: Int

  /// An empty matcher.
  public convenience init() { self.init([]) }

  /// Compiles `entries`; entry `i` of the result is `entries[i]` (entries with no words never
  /// match).
  /// - Complexity: O(n log n) in the number of entries.
  public init(_ entries: [Entry]) {
    self.entries = entries
    self.payloads = entries.map { $0.payload }
    let entryLength = entries.map { Int32($0.words.count) }
    // Give each entry its list (by key), then order all entries by list, longest first, ties in
    // the order given: one sort, no array per list.
    var listOf = [Int32](repeating: -1, count: entries.count)
    var listCount = 0
    var byFirstWord = KeyTable()
    var byFirstPair = KeyTable()
    var firstWords = FirstWordFilter()
    var firstPairs = HashFilter()
    var globsByPrefix = KeyTable()
    var globPrefixes = HashFilter()
    var globsByInitial = KeyTable()
    var anyInitial: Int32 = -1
    func list(in table: inout KeyTable, key: UInt64) -> Int32 {
      if let list = table.find(key: key) { return list }
      table.insert(key: key, value: Int32(listCount))
      listCount += 1
      return Int32(listCount - 1)
    }
    for (index, entry) in entries.enumerated() {
      guard let first = entry.words.first else { continue }
      if !first.isGlob && entry.words.count >= 2 && !entry.words[1].isGlob {
        let hash = Self.key(first.text)
        firstWords.insert(hash, role: FirstWordFilter.beginsPair)
        let pair = Self.pairKey(hash, Self.key(entry.words[1].text))
        firstPairs.insert(pair)
        listOf[index] = list(in: &byFirstPair, key: pair)
      } else if !first.isGlob {
        let hash = Self.key(first.text)
        firstWords.insert(hash, role: FirstWordFilter.beginsEntry)
        listOf[index] = list(in: &byFirstWord, key: hash)
      } else if first.literalPrefix.unicodeScalars.count >= WordKeys.prefixLength {
        let prefix = WordKeys.prefix(of: first.literalPrefix)
        globPrefixes.insert(prefix)
        listOf[index] = list(in: &globsByPrefix, key: prefix)
      } else if let initial = first.literalPrefix.unicodeScalars.first {
        listOf[index] = list(in: &globsByInitial, key: UInt64(initial.value))
      } else {
        if anyInitial < 0 {
          anyInitial = Int32(listCount)
          listCount += 1
        }
        listOf[index] = anyInitial
      }
    }
    let pool = entries.indices.filter { listOf[$0] >= 0 }.sorted { a, b in
      if listOf[a] != listOf[b] { return listOf[a] < listOf[b] }
      if entryLength[a] != entryLength[b] { return entryLength[a] > entryLength[b] }
      return a < b
    }.map(Int32.init)
    var listStart = [Int32](repeating: 0, count: listCount + 1)
    for index in pool { listStart[Int(listOf[Int(index)]) + 1] += 1 }
    for l in 0..<listCount { listStart[l + 1] += listStart[l] }
    var slots: [Slot] = []
    var slotWords: [SlotWord] = []
    var slotText: [String] = []
    var globs: [WordPattern] = []
    for index in pool {
      let entry = entries[Int(index)]
      slots.append(Slot(entry: index, length: entryLength[Int(index)], offset: Int32(slotWords.count)))
      for word in entry.words {
        slotText.append(word.text)
        if word.isGlob {
          slotWords.append(SlotWord(hash: 0, glob: Int32(globs.count)))
          globs.append(word)
        } else {
          slotWords.append(SlotWord(hash: Token.hash(ofNorm: word.text), glob: -1))
        }
      }
    }
    (self.slots, self.slotWords, self.slotText, self.globs, self.listStart) = (slots, slotWords, slotText, globs, listStart)
    self.leadFilters = pool.map { index in
      let first = entries[Int(index)].words[0]
      return first.isGlob ? LeadFilter(first) : LeadFilter(WordPattern("*"))
    }
    (self.byFirstWord, self.byFirstPair, self.firstWords, self.firstPairs) = (byFirstWord, byFirstPair, firstWords, firstPairs)
    (self.globsByPrefix, self.globPrefixes, self.globsByInitial, self.globsAnyInitial) = (globsByPrefix, globPrefixes, globsByInitial, anyInitial)
    // A plain closure: a key path here (`\.words.count`) ran through the runtime, 2,000
    // instructions an entry.
    self.longestEntry = entries.reduce(0) { max($0, $1.words.count) }
    self.hasGlobLedEntries = entries.contains { $0.words.first?.isGlob == true }
  }

  public var isEmpty: Bool { entries.isEmpty }
  public var count: Int { entries.count }

  /// The table key of a lexicon word: its norm hash, as a text word's is looked up.
  static func key(_ word: String) -> UInt64 { UInt64(Token.hash(ofNorm: word)) }

  @inline(__always)
  static func pairKey(_ first: UInt64, _ second: UInt64) -> UInt64 {
    (first &* 0xFF51_AFD7_ED55_8CCD) ^ (second >> 7 | second << 57)
  }

  /// The bounds of list `list` in `slots`.
  @inline(__always)
  private func bounds(_ list: Int32?) -> Range<Int> {
    guard let list else { return 0..<0 }
    return Int(listStart.unchecked(Int(list)))..<Int(listStart.unchecked(Int(list) + 1))
  }

  /// Visits the slots of the entries with a literal first word that may match at `start`, longest
  /// first, then in the order given (the two tables' lists merged), until `visit` returns false.
  @inline(__always)
  private func forEachLiteralCandidate(_ words: MatchWords, _ start: Int, _ visit: (Int) -> Bool) {
    let hash = UInt64(words.normHash(at: start))
    let roles = firstWords.roles(hash)
    guard roles != 0 else { return }
    let single = roles & FirstWordFilter.beginsEntry != 0 ? bounds(byFirstWord.find(key: hash)) : 0..<0
    var paired = 0..<0
    if roles & FirstWordFilter.beginsPair != 0 && start + 1 < words.count {
      let pair = Self.pairKey(hash, UInt64(words.normHash(at: start + 1)))
      if firstPairs.mayContain(pair) { paired = bounds(byFirstPair.find(key: pair)) }
    }
    var (a, b) = (single.lowerBound, paired.lowerBound)
    while a < single.upperBound || b < paired.upperBound {
      let takeA: Bool
      if a == single.upperBound {
        takeA = false
      } else if b == paired.upperBound {
        takeA = true
      } else {
        let (x, y) = (slots.unchecked(a), slots.unchecked(b))
        takeA = x.length != y.length ? x.length > y.length : x.entry < y.entry
      }
      let slot = takeA ? a : b
      if takeA { a += 1 } else { b += 1 }
      if !visit(slot) { return }
    }
  }

  /// The lists of entries whose first word is a glob that may match word `start`: by prefix, by
  /// initial, and those starting with a wildcard (the order ties are broken in); empty ranges for
  /// lists that do not apply.
  @inline(__always)
  private func globLists(_ words: MatchWords, _ start: Int) -> (Range<Int>, Range<Int>, Range<Int>) {
    guard hasGlobLedEntries else { return (0..<0, 0..<0, 0..<0) }
    let keys = words.globKeys(at: start)
    let byPrefix = keys.prefix != 0 && globPrefixes.mayContain(keys.prefix) ? bounds(globsByPrefix.find(key: keys.prefix)) : 0..<0
    let byInitial = keys.initial != 0 ? bounds(globsByInitial.find(key: UInt64(keys.initial))) : 0..<0
    let anyInitial = globsAnyInitial >= 0 ? bounds(globsAnyInitial) : 0..<0
    return (byPrefix, byInitial, anyInitial)
  }

  /// The longest entry matching `words` from `start`: how many words it covers and the index of
  /// the entry in ``entries``; nil if none matches. Prepares the words it needs on every call: over
  /// one text, prepare them once (``MatchWords``) and use ``longestMatch(in:at:)-(MatchWords,_)``.
  public func longestMatch(in words: [String], at start: Int) -> (length: Int, entry: Int)? {
    guard start < words.count else { return nil }
    return longestMatch(in: window(words, from: start), at: 0)
  }

  /// ``longestMatch(in:at:)`` over prepared words (keys computed once per text).
  public func longestMatch(in words: MatchWords, at start: Int) -> (length: Int, entry: Int)? {
    guard start < words.count else { return nil }
    var best: (length: Int, entry: Int)?
    forEachLiteralCandidate(words, start) { slot in
      guard entryMatches(slot, words, start) else { return true }
      let entry = slots.unchecked(slot)
      best = (Int(entry.length), Int(entry.entry))
      return false
    }
    if hasGlobLedEntries, let match = longestGlobLedMatch(words, start, longerThan: best?.length ?? 0) { best = match }
    return best
  }

  /// The longest entry led by a glob that matches `words` from `start` and is longer than
  /// `minimum` words. Kept out of line so that ``longestMatch(in:at:)-(MatchWords,_)`` stays small
  /// enough to be inlined into its callers.
  @inline(never)
  private func longestGlobLedMatch(_ words: MatchWords, _ start: Int, longerThan minimum: Int) -> (length: Int, entry: Int)? {
    var best: (length: Int, entry: Int)?
    let (byPrefix, byInitial, anyInitial) = globLists(words, start)
    if !byPrefix.isEmpty, let match = firstMatch(byPrefix, words, start, longerThan: best?.length ?? minimum) { best = match }
    if !byInitial.isEmpty, let match = firstMatch(byInitial, words, start, longerThan: best?.length ?? minimum) { best = match }
    if !anyInitial.isEmpty, let match = firstMatch(anyInitial, words, start, longerThan: best?.length ?? minimum) { best = match }
    return best
  }

  /// Calls `body` with (length, entry index) for every entry matching `words` from `start`, of
  /// any length: what a multi-label classifier needs, where entries of different themes overlap.
  public func forEachMatch(in words: [String], at start: Int, _ body: (_ length: Int, _ entry: Int) -> Void) {
    guard start < words.count else { return }
    forEachMatch(in: window(words, from: start), at: 0, body)
  }

  /// ``forEachMatch(in:at:_:)`` over prepared words (keys computed once per text).
  public func forEachMatch(in words: MatchWords, at start: Int, _ body: (_ length: Int, _ entry: Int) -> Void) {
    visitMatches(words, start, body)
  }

  /// Calls `body` with (start, length, entry index) for every entry matching `words` at every
  /// word-like position (``HarkText/Token/isWordLike``): positions in order, and at each the
  /// entries in the order of ``forEachMatch(in:at:_:)-(MatchWords,_,_)``. The same as calling that
  /// at each word-like position, without paying for a call per word.
  public func forEachMatch(in words: MatchWords, _ body: (_ start: Int, _ length: Int, _ entry: Int) -> Void) {
    for start in 0..<words.count where words.isWordLike(at: start) {
      visitMatches(words, start) { body(start, $0, $1) }
    }
  }

  @inline(__always)
  private func visitMatches(_ words: MatchWords, _ start: Int, _ body: (_ length: Int, _ entry: Int) -> Void) {
    guard start < words.count else { return }
    forEachLiteralCandidate(words, start) { slot in
      if entryMatches(slot, words, start) {
        let entry = slots.unchecked(slot)
        body(Int(entry.length), Int(entry.entry))
      }
      return true
    }
    guard hasGlobLedEntries else { return }
    let (byPrefix, byInitial, anyInitial) = globLists(words, start)
    if byPrefix.isEmpty && byInitial.isEmpty && anyInitial.isEmpty { return }
    let head = words.head(at: start)
    for candidates in [byPrefix, byInitial, anyInitial] where !candidates.isEmpty {
      for slot in candidates where leadFilters.unchecked(slot).admits(head) && entryMatches(slot, words, start) {
        let entry = slots.unchecked(slot)
        body(Int(entry.length), Int(entry.entry))
      }
    }
  }

  /// The words from `start` that an entry could cover, prepared for matching.
  private func window(_ words: [String], from start: Int) -> MatchWords {
    MatchWords(Array(words[start..<min(words.count, start + max(longestEntry, 2))]))
  }

  /// The payload of entry `index`.
  @inline(__always)
  public func payload(of index: Int) -> Int { payloads[index] }

  /// Whether the entry in slot `slot` matches `words` from `start`.
  @inline(__always)
  private func entryMatches(_ slot: Int, _ words: MatchWords, _ start: Int) -> Bool {
    let entry = slots.unchecked(slot)
    let length = Int(entry.length)
    guard start + length <= words.count else { return false }
    let offset = Int(entry.offset)
    for k in 0..<length {
      let word = slotWords.unchecked(offset + k)
      if word.glob < 0 {
        if word.hash != words.normHash(at: start + k) { return false }
      } else if !words.withNormBytes(at: start + k, { globs[Int(word.glob)].matches(utf8: $0) }) {
        return false
      }
    }
    // Every literal's hash agreed: confirm the spellings (hashes of different words rarely agree).
    for k in 0..<length where slotWords.unchecked(offset + k).glob < 0 && !words.word(start + k, is: slotText[offset + k]) { return false }
    return true
  }

  /// Whether `patterns` match `words` from `start`.
  public func matches(_ patterns: [WordPattern], _ words: [String], _ start: Int) -> Bool {
    guard start + patterns.count <= words.count else { return false }
    for k in patterns.indices where !patterns[k].matches(words[start + k]) { return false }
    return true
  }

  /// Whether `patterns` match prepared `words` from `start`.
  public func matches(_ patterns: [WordPattern], _ words: MatchWords, _ start: Int) -> Bool {
    guard start + patterns.count <= words.count else { return false }
    for k in patterns.indices where !patterns[k].matches(words[start + k]) { return false }
    return true
  }

  /// The first (so longest) candidate in `slots[candidates]` longer than `minimum` that matches at
  /// `start`.
  private func firstMatch(_ candidates: Range<Int>, _ words: MatchWords, _ start: Int, longerThan minimum: Int) -> (length: Int, entry: Int)? {
    let head = words.head(at: start)
    for slot in candidates {
      let entry = slots.unchecked(slot)
      if Int(entry.length) <= minimum { return nil }  // candidates are longest first
      if leadFilters.unchecked(slot).admits(head) && entryMatches(slot, words, start) { return (Int(entry.length), Int(entry.entry)) }
    }
    return nil
  }
}

/// A place in ``PhraseMatcher``'s candidate lists: the entry there, its length in words, and where
/// its words start in the matcher's per-word arrays.
struct Slot: Sendable {
  var entry: Int32
  var length: Int32
  var offset: Int32
}

/// One word of a ``PhraseMatcher`` entry, as the hot path compares it: a literal's
/// `Token.hash(ofNorm:)` with `glob` -1, or a glob's index in the matcher's globs (hash 0).
struct SlotWord: Sendable {
  var hash: UInt32
  var glob: Int32
}

/// The first bytes of a word, as ``LeadFilter`` tests them.
struct WordHead {
  /// The first eight bytes of the word's UTF-8 (fewer for a shorter word), byte `i` in bits `8 i`.
  var bytes: UInt64
  /// The word's length in UTF-8 bytes.
  var length: Int

  init(utf8: UnsafeBufferPointer<UInt8>) {
    var bytes: UInt64 = 0
    for i in 0..<min(utf8.count, 8) { bytes |= UInt64(utf8[i]) << (8 * UInt64(i)) }
    (self.bytes, self.length) = (bytes, utf8.count)
  }
}

/// A glob's literal prefix (the bytes before its first wildcard), up to its first eight bytes: a
/// word whose first bytes differ cannot match the glob.
struct LeadFilter: Sendable {
  /// The prefix's first `length` bytes, byte `i` in bits `8 i`.
  private let bytes: UInt64
  /// Ones over the first `length` bytes.
  private let mask: UInt64
  /// The bytes compared: the prefix's length, at most 8.
  private let length: Int

  init(_ glob: WordPattern) {
    let prefix = Array(glob.literalPrefix.utf8.prefix(8))
    var bytes: UInt64 = 0
    for (i, b) in prefix.enumerated() { bytes |= UInt64(b) << (8 * UInt64(i)) }
    self.bytes = bytes
    self.mask = prefix.count == 8 ? ~0 : (1 << (8 * UInt64(prefix.count))) - 1
    self.length = prefix.count
  }

  /// Whether a word with these first bytes may match the glob.
  @inline(__always)
  func admits(_ head: WordHead) -> Bool { head.length >= length && head.bytes & mask == bytes }
}

/// A set of 64-bit hashes kept as one bit each in a fixed 64 Kibit (8 KiB) table, small enough to
/// stay in the processor's cache: `mayContain` is false for a hash never inserted unless its bit
/// is shared with one that was (with 10,000 words inserted, about one word in seven).
struct HashFilter: Sendable {
  private var bits = [UInt64](repeating: 0, count: 1024)

  @inline(__always)
  private static func bit(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 48) }

  mutating func insert(_ hash: UInt64) {
    let bit = Self.bit(hash)
    bits[bit >> 6] |= 1 << UInt64(bit & 63)
  }

  @inline(__always)
  func mayContain(_ hash: UInt64) -> Bool {
    let bit = Self.bit(hash)
    return bits.unchecked(bit >> 6) & (1 << UInt64(bit & 63)) != 0
  }
}

/// For each hash inserted, what the word begins, kept as two bits in a fixed table of 32 Ki cells
/// (8 KiB, small enough to stay in the processor's cache): ``roles(_:)`` is 0 for a hash never
/// inserted unless its cell is shared with one that was, and holds at least the roles inserted.
struct FirstWordFilter: Sendable {
  /// The word begins an entry listed by its first word alone.
  static let beginsEntry: UInt64 = 1
  /// The word begins an entry listed by its first two words.
  static let beginsPair: UInt64 = 2

  private var bits = [UInt64](repeating: 0, count: 1024)

  /// The cell's first bit (cells are two bits, 32 to a word).
  @inline(__always)
  private static func bit(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 49) << 1 }

  mutating func insert(_ hash: UInt64, role: UInt64) {
    let bit = Self.bit(hash)
    bits[bit >> 6] |= role << UInt64(bit & 63)
  }

  /// The roles of the words whose hashes share `hash`'s cell (``beginsEntry``, ``beginsPair``).
  @inline(__always)
  func roles(_ hash: UInt64) -> UInt64 {
    let bit = Self.bit(hash)
    return bits.unchecked(bit >> 6) >> UInt64(bit & 63) & 3
  }
}

/// The words of one text prepared for matching, shared by every matcher that runs over the text:
/// each word's norm, the hash that ``PhraseMatcher`` looks it up by (``Token/normHash``, which
/// the tokenizer already computed), and the normalised text: every norm's UTF-8 laid end to end,
/// from which glob-led entries are looked up and globs matched without touching the strings.
public struct MatchWords: Sendable {
  /// The words as tokens: a document's own, or one per word for ``init(_:)-([String])``. Only
  /// `norm`, `normHash` and `sentence` are read.
  private let tokens: [Token]
  /// The norms joined by one space within a sentence and by a blank line (`"\n\n"`) between
  /// sentences: the text that theme dictionaries' `re:` patterns run on. Empty when not prepared
  /// (``hasNormalizedText``).
  public let normalizedText: String
  /// Per word: where its norm lies in ``normalizedText`` and its glob keys; nil when the text is
  /// not prepared.
  private let shared: SharedWordSpans?
  /// Whether ``normalizedText`` was prepared: worth it when several matchers read the words (one
  /// matcher reads the strings instead).
  public var hasNormalizedText: Bool { shared != nil }

  /// `words`, each hashed here, as one sentence.
  public init(_ words: [String]) {
    self.init(tokens: words.map { Token(kind: .word, norm: $0, utf8Range: 0..<0, scalarRange: 0..<0, sentence: 0, clause: 0, caseShape: .none) }, normalizedText: true)
  }

  /// The norms of `document`'s tokens (the document's token array is shared, not copied).
  /// - Parameter normalizedText: whether to prepare ``normalizedText`` (the regexes of theme
  ///   dictionaries need it; it saves work when several matchers share the words).
  public init(_ document: Document, normalizedText: Bool = true) {
    self.init(tokens: document.tokens, normalizedText: normalizedText)
  }

  private init(tokens: [Token], normalizedText prepared: Bool) {
    self.tokens = tokens
    guard prepared else {
      (normalizedText, shared) = ("", nil)
      return
    }
    // The text and the spans are each one allocation, written in place: arrays made with a size
    // (`repeating:`, `unsafeUninitializedCapacity:`) looked their element type up at run time,
    // which cost more than the copying.
    let count = tokens.count
    let spans = WordSpans.make(count: count)
    let text = tokens.withUnsafeBufferPointer { buffer -> String in
      // Read through the pointer: the buffer's subscript would copy each whole token (and
      // retain its norm) to read one field.
      guard let tokens = buffer.baseAddress, count > 0 else { return "" }
      var length = tokens[0].norm.utf8.count
      for i in 1..<count { length += tokens[i].norm.utf8.count + (tokens[i].sentence == tokens[i - 1].sentence ? 1 : 2) }
      return spans.withUnsafeMutablePointerToElements { spans in
        String(unsafeUninitializedCapacity: length) { text in
          // No bytes (one token, normalised to nothing): its span is empty at 0.
          guard let text = text.baseAddress else {
            spans[0] = WordSpan(start: 0, end: 0, keys: WordKeys(prefix: 0, initial: 0))
            return 0
          }
          var at = 0
          for i in 0..<count {
            if i > 0 {
              if tokens[i].sentence == tokens[i - 1].sentence {
                text[at] = 0x20
                at += 1
              } else {
                text[at] = 0x0A
                text[at + 1] = 0x0A
                at += 2
              }
            }
            let start = at
            at = tokens[i].norm.utf8.withContiguousStorageIfAvailable { utf8 in
              guard let bytes = utf8.baseAddress else { return start }
              // Most norms are a few bytes: copied here, stepping pointers, without a call to
              // `memmove` each (or an overflow check per byte, as adding indices cost).
              if utf8.count <= 16 {
                var (from, to) = (bytes, text + start)
                let end = bytes + utf8.count
                while from < end {
                  to.pointee = from.pointee
                  (from, to) = (from + 1, to + 1)
                }
              } else {
                (text + start).update(from: bytes, count: utf8.count)
              }
              return start + utf8.count
            } ?? {
              var norm = tokens[i].norm  // not contiguous (bridged): made native
              return norm.withUTF8 { utf8 in
                for k in 0..<utf8.count { text[start + k] = utf8[k] }
                return start + utf8.count
              }
            }()
            spans[i] = WordSpan(start: start, end: at, keys: WordKeys(utf8: UnsafeBufferPointer(start: text + start, count: at - start)))
          }
          return at
        }
      }
    }
    (normalizedText, shared) = (text, SharedWordSpans(buffer: spans))
  }

  public var count: Int { tokens.count }

  /// The norm of word `index`.
  @inline(__always)
  public subscript(index: Int) -> String { tokens.withUnsafeBufferPointer { $0.baseAddress![index].norm } }

  /// Every word, in order.
  public var words: [String] { tokens.map { $0.norm } }

  /// The UTF-8 offsets of word `index`'s norm in ``normalizedText`` (which must be prepared).
  public func normRange(at index: Int) -> Range<Int> {
    let span = shared!.buffer.withUnsafeMutablePointerToElements { $0[index] }
    return span.start..<span.end
  }

  /// Whether word `index` is word-like (``HarkText/Token/isWordLike``).
  @inline(__always)
  public func isWordLike(at index: Int) -> Bool { tokens.withUnsafeBufferPointer { $0.baseAddress![index].isWordLike } }

  /// ``HarkText/Token/hash(ofNorm:)`` of word `index`'s norm (computed by the tokenizer).
  @inline(__always)
  public func normHash(at index: Int) -> UInt32 { tokens.withUnsafeBufferPointer { $0.baseAddress![index].normHash } }

  /// Whether word `index` is `word` (read in place).
  @inline(__always)
  func word(_ index: Int, is word: String) -> Bool {
    tokens.withUnsafeBufferPointer { $0.baseAddress![index].norm == word }
  }

  /// Calls `body` with the UTF-8 of word `index`'s norm.
  @inline(__always)
  public func withNormBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    guard hasNormalizedText else {
      var norm = self[index]
      return norm.withUTF8(body)
    }
    let range = normRange(at: index)
    // Native (made here), so contiguous; read in place (a `var` copy for `withUTF8` cost a retain).
    if let result = normalizedText.utf8.withContiguousStorageIfAvailable({ body(UnsafeBufferPointer(rebasing: $0[range])) }) {
      return result
    }
    var text = normalizedText
    return text.withUTF8 { body(UnsafeBufferPointer(rebasing: $0[range])) }
  }

  /// The first bytes of word `index`'s norm.
  @inline(__always)
  func head(at index: Int) -> WordHead { withNormBytes(at: index) { WordHead(utf8: $0) } }

  @inline(__always)
  func globKeys(at index: Int) -> WordKeys {
    guard let shared else { return WordKeys(self[index]) }
    return shared.buffer.withUnsafeMutablePointerToElements { $0[index].keys }
  }
}

/// One word of a prepared ``MatchWords``: where its norm lies in the normalised text (UTF-8
/// offsets) and its glob keys.
struct WordSpan {
  var start: Int
  var end: Int
  var keys: WordKeys
}

/// The spans of a ``MatchWords``' words, in one allocation (a subclass, so that making one needs no
/// run-time type lookup); the header is the count.
final class WordSpans: ManagedBuffer<Int, WordSpan> {
  /// Room for `count` spans, to be written by the maker before any is read.
  static func make(count: Int) -> WordSpans {
    unsafeDowncast(create(minimumCapacity: max(count, 1)) { _ in count }, to: WordSpans.self)
  }
}

/// A ``WordSpans`` that may cross threads: written only while its ``MatchWords`` is made,
/// read-only afterwards (a managed buffer cannot declare itself sendable).
struct SharedWordSpans: @unchecked Sendable {
  let buffer: WordSpans
}

/// What ``PhraseMatcher`` looks a word up by when an entry starts with a glob.
struct WordKeys: Sendable {
  /// The first ``prefixLength`` Unicode scalars, 21 bits each; 0 for a shorter word.
  var prefix: UInt64
  /// The first scalar's value; 0 for the empty word.
  var initial: UInt32

  static let prefixLength = 3

  init(prefix: UInt64, initial: UInt32) {
    (self.prefix, self.initial) = (prefix, initial)
  }

  init(_ word: String) {
    var word = word
    self = word.withUTF8 { WordKeys(utf8: $0) }
  }

  /// The keys of the word whose UTF-8 is `bytes` (read from the bytes while they are ASCII).
  @inline(__always)
  init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    let count = bytes.count
    guard count > 0 else {
      (prefix, initial) = (0, 0)
      return
    }
    let b0 = bytes[0]
    if b0 < 0x80 {
      if count >= 3 && bytes[1] < 0x80 && bytes[2] < 0x80 {
        (prefix, initial) = (UInt64(b0) << 42 | UInt64(bytes[1]) << 21 | UInt64(bytes[2]), UInt32(b0))
        return
      }
      if count == 1 || count == 2 && bytes[1] < 0x80 {
        (prefix, initial) = (0, UInt32(b0))
        return
      }
    }
    let word = String(decoding: bytes, as: UTF8.self)
    prefix = Self.prefix(of: word)
    initial = word.unicodeScalars.first?.value ?? 0
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

/// An open-addressing hash table from a 64-bit key to a list index, one 8-byte slot per entry (32
/// bits of the key and the index) so that the tables of a large lexicon stay small in the
/// processor's cache. Keys are not verified against the words they came from: two keys that agree
/// in the bits kept share a list, which only adds candidates, and every candidate is checked word
/// by word. Grows at half full; never shrinks.
struct KeyTable: Sendable {
  private struct Slot: Sendable {
    /// The low 32 bits of the key (the slot's position comes from the high bits).
    var check: UInt32
    /// The list index; -1 for an empty slot.
    var value: Int32
  }

  private var slots: [Slot] = []
  private var mask = -1
  /// Every key inserted, with its value, for rebuilding the slots when the table grows.
  private var inserted: [(UInt64, Int32)] = []

  @inline(__always)
  func find(key: UInt64) -> Int32? {
    guard mask >= 0 else { return nil }
    let check = UInt32(truncatingIfNeeded: key)
    var slot = Self.slot(key, mask)
    while true {
      let entry = slots.unchecked(slot)
      if entry.value < 0 { return nil }
      if entry.check == check { return entry.value }
      slot = (slot + 1) & mask
    }
  }

  /// Adds `key`; a key that ``find(key:)`` already finds must not be inserted again.
  mutating func insert(key: UInt64, value: Int32) {
    if (inserted.count + 1) * 2 > mask + 1 { grow() }
    place(key: key, value: value)
    inserted.append((key, value))
  }

  private mutating func place(key: UInt64, value: Int32) {
    var slot = Self.slot(key, mask)
    while slots[slot].value >= 0 { slot = (slot + 1) & mask }
    slots[slot] = Slot(check: UInt32(truncatingIfNeeded: key), value: value)
  }

  @inline(__always)
  private static func slot(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  private mutating func grow() {
    let capacity = max(16, (mask + 1) * 2)
    slots = [Slot](repeating: Slot(check: 0, value: -1), count: capacity)
    mask = capacity - 1
    for (key, value) in inserted { place(key: key, value: value) }
  }
}

extension Array {
  /// Element `index`, read without a bounds check in release builds (debug builds, which the tests
  /// use, still check): only for indices that the tables here make themselves (positions in their
  /// own lists, slots under their own mask), on the hot path.
  @inline(__always)
  func unchecked(_ index: Int) -> Element { withUnsafeBufferPointer { $0[index] } }
}
