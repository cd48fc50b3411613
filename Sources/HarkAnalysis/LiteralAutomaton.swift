import HarkLexicon

/// Finds which of many byte strings occur in a text in one pass (Aho–Corasick, with a dense
/// transition table over byte classes). Each literal carries a group number; a scan reports the
/// groups of which at least one literal occurs (``scan(_:into:)``, a ``Cursor`` fed piece by
/// piece), or every place where one ends (``occurrences(in:)``). Built once, read-only afterwards.
///
/// Used to decide which regular expressions can possibly match a sentence: each literal set that
/// `RegexLiterals.required(_:boundaries:)` (HarkLexicon) reads from a regex is a group, its literals
/// looked for in ``wordView`` (``wordViewBytes(of:)``), so that word boundaries count.
final class LiteralAutomaton: @unchecked Sendable {
  // The tables live in buffers the automaton allocates and owns (read-only after `init`, hence
  // Sendable): a scan reads them through plain pointers, with no array to retain or release per
  // text.
  /// Bytes that occur in no literal share class 0 (256 entries).
  private let byteClass: UnsafeMutableBufferPointer<UInt8>
  /// Entries per row of `next`: the number of classes, rounded up to a multiple of 4.
  private let rowWidth: Int
  /// `next[4 * row + class]`, where `row` is `state * rowWidth / 4`: the row of the state after
  /// reading a byte (failure links folded in). Rows rather than state numbers, so that no
  /// multiplication lies on the scan's chain of dependent loads; in quarters, so that 16 bits hold
  /// them and the table takes half the cache it would in 32. Empty when they do not fit in 16
  /// bits: `wideNext` holds the table then.
  private let next: UnsafeMutableBufferPointer<UInt16>
  private let wideNext: UnsafeMutableBufferPointer<UInt32>
  /// States are numbered breadth first, those that complete no literal before those that do, so
  /// that a row at or past this one is a state that completes a literal (and a scan reads the
  /// output tables only then).
  private let firstOutputRow: Int
  /// Groups completed on entering state `s` (including those of its failure chain):
  /// `outputGroups[outputStart[s]..<outputStart[s + 1]]`.
  private let outputStart: UnsafeMutableBufferPointer<Int32>
  private let outputGroups: UnsafeMutableBufferPointer<Int32>
  /// The number of groups (one past the largest group number given).
  let groupCount: Int
  /// The length in bytes of the longest literal.
  let longestLiteral: Int

  /// - Parameter literals: (bytes, group) pairs; empty literals are ignored.
  /// - Parameter byteMap: how the scanned text's bytes are read (byte `b` as `byteMap[b]`), at no
  ///   cost per byte: it is folded into the byte classes. The identity when nil.
  /// - Returns: nil when the literals need more states than rows in 32 bits can number.
  init?(_ literals: [(bytes: [UInt8], group: Int)], byteMap: [UInt8]? = nil) {
    var classes = [UInt8](repeating: 0, count: 256)
    var classCount = 1
    for (bytes, _) in literals {
      for b in bytes where classes[Int(b)] == 0 {
        classes[Int(b)] = UInt8(classCount)
        classCount += 1
      }
    }
    if let byteMap { classes = (0..<256).map { classes[Int(byteMap[$0])] } }
    // Trie.
    var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
    var outputs: [[Int32]] = [[]]
    var groupCount = 0
    for (bytes, group) in literals where !bytes.isEmpty {
      groupCount = max(groupCount, group + 1)
      var state = 0
      for b in bytes {
        let c = Int(classes[Int(b)])
        if goto[state][c] < 0 {
          goto[state][c] = Int32(goto.count)
          goto.append([Int32](repeating: -1, count: classCount))
          outputs.append([])
        }
        state = Int(goto[state][c])
      }
      if !outputs[state].contains(Int32(group)) { outputs[state].append(Int32(group)) }
    }
    // Failure links, breadth first; missing transitions point where the failure state goes.
    var failure = [Int](repeating: 0, count: goto.count)
    var queue: [Int] = []
    for c in 0..<classCount {
      if goto[0][c] < 0 {
        goto[0][c] = 0
      } else {
        queue.append(Int(goto[0][c]))
      }
    }
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      for group in outputs[failure[state]] where !outputs[state].contains(group) { outputs[state].append(group) }
      for c in 0..<classCount {
        let target = goto[state][c]
        if target < 0 {
          goto[state][c] = goto[failure[state]][c]
        } else {
          failure[Int(target)] = Int(goto[failure[state]][c])
          queue.append(Int(target))
        }
      }
    }
    let rowWidth = (classCount + 3) & ~3
    guard goto.count * rowWidth / 4 <= Int(UInt32.max) else { return nil }
    self.rowWidth = rowWidth
    // Number the states breadth first: a scan spends nearly all its time in the shallow states,
    // whose rows then lie together at the start of the table and stay in the processor's cache.
    // Those that complete a literal go last (the root completes none: empty literals are skipped).
    let breadthFirst = [0] + queue
    let order = breadthFirst.filter { outputs[$0].isEmpty } + breadthFirst.filter { !outputs[$0].isEmpty }
    var renumbered = [Int](repeating: 0, count: goto.count)
    for (new, old) in order.enumerated() { renumbered[old] = new }
    self.firstOutputRow = breadthFirst.count(where: { outputs[$0].isEmpty }) * rowWidth / 4
    let rows = order.flatMap { old in
      goto[old].map { target in renumbered[Int(target)] * rowWidth / 4 } + [Int](repeating: 0, count: rowWidth - classCount)
    }
    let fitsNarrow = goto.count * rowWidth / 4 <= Int(UInt16.max)
    self.byteClass = Self.owned(classes)
    self.next = Self.owned(fitsNarrow ? rows.map { UInt16($0) } : [])
    self.wideNext = Self.owned(fitsNarrow ? [] : rows.map { UInt32($0) })
    var outputStart: [Int32] = [0]
    for old in order { outputStart.append(outputStart.last! + Int32(outputs[old].count)) }
    self.outputStart = Self.owned(outputStart)
    self.outputGroups = Self.owned(order.flatMap { outputs[$0] })
    self.groupCount = groupCount
    self.longestLiteral = literals.reduce(0) { max($0, $1.bytes.count) }
  }

  deinit {
    byteClass.deallocate()
    next.deallocate()
    wideNext.deallocate()
    outputStart.deallocate()
    outputGroups.deallocate()
  }

  /// A buffer of its own holding `elements` (at least one element's room, so that its base
  /// address is never nil; its count is the elements').
  private static func owned<Element>(_ elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
    let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(elements.count, 1))
    _ = buffer.initialize(from: elements)
    return UnsafeMutableBufferPointer(rebasing: buffer[..<elements.count])
  }

  /// Adds to `found` every group with a literal in `text`.
  func scan(_ text: UnsafeBufferPointer<UInt8>, into found: inout FoundGroups) {
    withCursor { $0.feed(text, into: &found) }
  }

  /// Texts at least this long are scanned as two streams at once (``occurrences(in:)``).
  static let twoStreamLength = 64
  /// Texts at least this long are scanned as four streams at once (when each stream then reads at
  /// least 16 bytes beyond its overlap).
  static let fourStreamLength = 128

  /// Where a literal of a group occurs in a text: `end` is the offset just past its last byte.
  struct Occurrence: Equatable {
    var group: Int32
    var end: Int32
  }

  /// Every occurrence of a literal in `text` (at each place it occurs), in ascending order of
  /// `end` (groups that end at one byte in table order); empty, and unallocated, when none does.
  /// `text` must be shorter than 2 GiB.
  ///
  /// A scan is a chain of dependent table loads, one a byte, so a long text is scanned as two or
  /// four streams whose loads overlap: the text is cut into parts, and each stream reads its part
  /// from ``longestLiteral`` − 1 bytes before it (the first from the start), so that it sees whole
  /// every literal that ends in its part, and keeps only those. The cuts are placed so that the
  /// streams read as many bytes. Four streams from 128 bytes (when each then reads at least 16
  /// bytes beyond its overlap), two from 64, else one. On the benchmark corpus the scan's share of
  /// the classify samples went from 9.5% (one stream) to 6.6% (two) and 4.1% (four).
  func occurrences(in text: UnsafeBufferPointer<UInt8>) -> [Occurrence] {
    guard let base = text.baseAddress, !text.isEmpty else { return [] }
    var found: [Occurrence] = []
    withCursor { cursor in cursor.occurrences(base, count: text.count, longestLiteral: longestLiteral, into: &found) }
    return found
  }

  /// Calls `body` with a cursor at the start state over the automaton's tables, for feeding a text
  /// in many pieces.
  func withCursor<R>(_ body: (inout Cursor) -> R) -> R {
    var cursor = Cursor(
      next: UnsafeBufferPointer(next), wideNext: UnsafeBufferPointer(wideNext), byteClass: UnsafeBufferPointer(byteClass),
      outputStart: UnsafeBufferPointer(outputStart), outputGroups: UnsafeBufferPointer(outputGroups),
      rowWidth: rowWidth, firstOutputRow: firstOutputRow, state: 0)
    return body(&cursor)
  }

  /// Whether the table needed 32-bit entries (more rows than 16 bits number).
  var isWide: Bool { !wideNext.isEmpty }

  /// A position in a scan; valid only inside ``LiteralAutomaton/withCursor(_:)``.
  struct Cursor {
    fileprivate let next: UnsafeBufferPointer<UInt16>
    fileprivate let wideNext: UnsafeBufferPointer<UInt32>
    fileprivate let byteClass: UnsafeBufferPointer<UInt8>
    fileprivate let outputStart: UnsafeBufferPointer<Int32>
    fileprivate let outputGroups: UnsafeBufferPointer<Int32>
    fileprivate let rowWidth: Int
    fileprivate let firstOutputRow: Int
    private var state: Int

    fileprivate init(
      next: UnsafeBufferPointer<UInt16>, wideNext: UnsafeBufferPointer<UInt32>, byteClass: UnsafeBufferPointer<UInt8>,
      outputStart: UnsafeBufferPointer<Int32>, outputGroups: UnsafeBufferPointer<Int32>, rowWidth: Int, firstOutputRow: Int,
      state: Int
    ) {
      (self.next, self.wideNext, self.byteClass, self.outputStart, self.outputGroups) = (next, wideNext, byteClass, outputStart, outputGroups)
      (self.rowWidth, self.firstOutputRow, self.state) = (rowWidth, firstOutputRow, state)
    }

    /// Reads `bytes`, adding the groups of the literals that end in them.
    @inline(__always)
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into found: inout FoundGroups) {
      guard let byteClass = byteClass.baseAddress, let text = bytes.baseAddress else { return }
      var position = 0
      while position < bytes.count {
        // (By count: an empty array's buffer may still have a base address.)
        if !next.isEmpty, let next = next.baseAddress {
          position = Self.run(next, byteClass, firstOutputRow, &state, text, from: position, to: bytes.count)
        } else if !wideNext.isEmpty, let wideNext = wideNext.baseAddress {
          position = Self.run(wideNext, byteClass, firstOutputRow, &state, text, from: position, to: bytes.count)
        } else {
          return
        }
        if state < 0 {  // a literal ended at `position - 1`
          state = ~state
          let entered = state * 4 / rowWidth
          for k in Int(outputStart[entered])..<Int(outputStart[entered + 1]) { found.insert(Int(outputGroups[k])) }
        }
      }
    }

    /// ``LiteralAutomaton/occurrences(in:)`` from the start state (the cursor's own state is left
    /// as it was), appended to `found`.
    fileprivate func occurrences(_ text: UnsafePointer<UInt8>, count: Int, longestLiteral: Int, into found: inout [Occurrence]) {
      let overlap = max(longestLiteral - 1, 0)
      let fourWays = count >= LiteralAutomaton.fourStreamLength && (count + 3 * overlap) / 4 - overlap >= 16
      if !next.isEmpty, let next = next.baseAddress {
        if fourWays {
          scanFour(next, text, count: count, overlap: overlap, into: &found)
        } else {
          scanTwo(next, text, count: count, longestLiteral: longestLiteral, into: &found)
        }
      } else if !wideNext.isEmpty, let wideNext = wideNext.baseAddress {
        if fourWays {
          scanFour(wideNext, text, count: count, overlap: overlap, into: &found)
        } else {
          scanTwo(wideNext, text, count: count, longestLiteral: longestLiteral, into: &found)
        }
      }
    }

    /// ``occurrences(_:count:longestLiteral:into:)`` as four streams at once: stream `k` reads
    /// from `overlap` bytes before its part of the text (the first from the start) to the end
    /// of its part, and keeps the occurrences that end in its part; every stream reads as many
    /// bytes (the last up to three more).
    @inline(__always)
    private func scanFour<Entry: FixedWidthInteger & UnsignedInteger>(
      _ next: UnsafePointer<Entry>, _ text: UnsafePointer<UInt8>, count: Int, overlap: Int, into found: inout [Occurrence]
    ) {
      guard let byteClass = byteClass.baseAddress else { return }
      let length = (count + 3 * overlap) / 4  // bytes each stream reads together
      // Part k is text[bound[k]..<bound[k + 1]]; stream k starts at bound[k] - overlap (k > 0).
      let bounds = (0, length, 2 * length - overlap, 3 * length - 2 * overlap, count)
      var states = (0, 0, 0, 0)
      let starts = (0, bounds.1 - overlap, bounds.2 - overlap, bounds.3 - overlap)
      var later: (b: [Occurrence], c: [Occurrence], d: [Occurrence]) = ([], [], [])
      var done = 0  // steps taken by every stream
      while done < length {
        let steps = Self.runFour(next, byteClass, firstOutputRow, &states, starts, from: done, to: length, text)
        done = steps
        if states.0 >= firstOutputRow { append(outputsOf: states.0, end: starts.0 + done, to: &found) }
        if states.1 >= firstOutputRow && starts.1 + done > bounds.1 { append(outputsOf: states.1, end: starts.1 + done, to: &later.b) }
        if states.2 >= firstOutputRow && starts.2 + done > bounds.2 { append(outputsOf: states.2, end: starts.2 + done, to: &later.c) }
        if states.3 >= firstOutputRow && starts.3 + done > bounds.3 { append(outputsOf: states.3, end: starts.3 + done, to: &later.d) }
      }
      found.append(contentsOf: later.b)
      found.append(contentsOf: later.c)
      found.append(contentsOf: later.d)
      // The last stream's last bytes (up to three).
      var state = states.3
      var position = starts.3 + length
      while position < count {
        position = Self.run(next, byteClass, firstOutputRow, &state, text, from: position, to: count)
        if state < 0 {
          state = ~state
          if position > bounds.3 { append(outputsOf: state, end: position, to: &found) }
        }
      }
    }

    /// Steps four streams a byte each, stream `k` reading `text[starts.k + step]` for `step` from
    /// `from` until `to`, or until a stream enters a state that completes a literal: returns the
    /// steps taken then (`to` if none did). States are rows, as in ``run(_:_:_:_:_:from:to:)``.
    @inline(never)
    private static func runFour<Entry: FixedWidthInteger & UnsignedInteger>(
      _ next: UnsafePointer<Entry>, _ byteClass: UnsafePointer<UInt8>, _ firstOutputRow: Int, _ states: inout (Int, Int, Int, Int),
      _ starts: (Int, Int, Int, Int), from: Int, to end: Int, _ text: UnsafePointer<UInt8>
    ) -> Int {
      var (a, b, c, d) = states
      let (pa, pb, pc, pd) = (text + starts.0, text + starts.1, text + starts.2, text + starts.3)
      var step = from
      while step < end {
        a = Int(truncatingIfNeeded: next[a &* 4 &+ Int(byteClass[Int(pa[step])])])
        b = Int(truncatingIfNeeded: next[b &* 4 &+ Int(byteClass[Int(pb[step])])])
        c = Int(truncatingIfNeeded: next[c &* 4 &+ Int(byteClass[Int(pc[step])])])
        d = Int(truncatingIfNeeded: next[d &* 4 &+ Int(byteClass[Int(pd[step])])])
        step &+= 1
        if a >= firstOutputRow || b >= firstOutputRow || c >= firstOutputRow || d >= firstOutputRow { break }
      }
      states = (a, b, c, d)
      return step
    }

    /// Appends the groups completed on entering `row`, ending at `end`.
    @inline(__always)
    private func append(outputsOf row: Int, end: Int, to found: inout [Occurrence]) {
      let entered = row * 4 / rowWidth
      for k in Int(outputStart[entered])..<Int(outputStart[entered + 1]) {
        found.append(Occurrence(group: outputGroups[k], end: Int32(truncatingIfNeeded: end)))
      }
    }

    @inline(__always)
    private func scanTwo<Entry: FixedWidthInteger & UnsignedInteger>(
      _ next: UnsafePointer<Entry>, _ text: UnsafePointer<UInt8>, count: Int, longestLiteral: Int, into found: inout [Occurrence]
    ) {
      guard let byteClass = byteClass.baseAddress else { return }
      /// Runs one stream over `text[from..<to]` from `state`, appending what ends after `after`.
      func finish(_ state: Int, from: Int, to end: Int, after: Int) {
        var (state, position) = (state, from)
        while position < end {
          position = Self.run(next, byteClass, firstOutputRow, &state, text, from: position, to: end)
          if state < 0 {
            state = ~state
            if position > after { append(outputsOf: state, end: position, to: &found) }
          }
        }
      }
      // The first stream reads `text[..<half]`, the second from `secondStart` to the end: as many
      // bytes each (give or take one), the second's overlap included.
      let overlap = max(longestLiteral - 1, 0)
      let half = min((count + overlap) / 2, count)
      let secondStart = half - overlap
      guard count >= LiteralAutomaton.twoStreamLength, secondStart > 0 else {
        finish(0, from: 0, to: count, after: 0)
        return
      }
      // The second stream's occurrences that end in the second half are kept apart until the
      // first stream has found its own (which come earlier in the text).
      var later: [Occurrence] = []
      var (first, firstPosition, second, secondPosition) = (0, 0, 0, secondStart)
      // The second stream is at least as long as the first, so the first ends first (or both at once).
      while Self.runTwo(next, byteClass, firstOutputRow, &first, &firstPosition, half, &second, &secondPosition, count, text) {
        if first >= firstOutputRow { append(outputsOf: first, end: firstPosition, to: &found) }
        if second >= firstOutputRow && secondPosition > half { append(outputsOf: second, end: secondPosition, to: &later) }
      }
      found.append(contentsOf: later)
      // Literals that end at or before `half` were the first stream's.
      finish(second, from: secondPosition, to: count, after: half)
    }

    /// Runs two streams a byte each a step, `text[first..<firstEnd]` and
    /// `text[second..<secondEnd]`, until either enters a state that completes a literal (true)
    /// or either reaches its end (false; with the second at least as long, the first). The states are rows, as in ``run(_:_:_:_:_:from:to:)``,
    /// and are left where the streams stopped (completing states included).
    @inline(never)
    private static func runTwo<Entry: FixedWidthInteger & UnsignedInteger>(
      _ next: UnsafePointer<Entry>, _ byteClass: UnsafePointer<UInt8>, _ firstOutputRow: Int,
      _ first: inout Int, _ firstPosition: inout Int, _ firstEnd: Int,
      _ second: inout Int, _ secondPosition: inout Int, _ secondEnd: Int, _ text: UnsafePointer<UInt8>
    ) -> Bool {
      var (a, b) = (first, second)
      let (i, j) = (firstPosition, secondPosition)
      let steps = min(firstEnd - i, secondEnd - j)
      var k = 0
      var stopped = false
      while k < steps {
        a = Int(truncatingIfNeeded: next[a &* 4 &+ Int(byteClass[Int(text[i &+ k])])])
        b = Int(truncatingIfNeeded: next[b &* 4 &+ Int(byteClass[Int(text[j &+ k])])])
        k &+= 1
        if a >= firstOutputRow || b >= firstOutputRow {
          stopped = true
          break
        }
      }
      (first, second, firstPosition, secondPosition) = (a, b, i + k, j + k)
      return stopped
    }

    /// Runs the automaton over `text[from..<to]` until a byte completes a literal: returns the
    /// position after it with `state` set to `~entered` (negative), or `to` with `state` the state
    /// reached; states are given as rows of `next` (in quarters). Not inlined, so that the loop has
    /// the registers to itself (inlined into a larger function its state went through memory on
    /// every byte); specialised for 16- and 32-bit tables.
    @inline(never)
    private static func run<Entry: FixedWidthInteger & UnsignedInteger>(
      _ next: UnsafePointer<Entry>, _ byteClass: UnsafePointer<UInt8>, _ firstOutputRow: Int, _ state: inout Int,
      _ text: UnsafePointer<UInt8>, from: Int, to end: Int
    ) -> Int {
      var current = state
      var position = from
      while position < end {
        current = Int(truncatingIfNeeded: next[current &* 4 &+ Int(byteClass[Int(text[position])])])
        position &+= 1
        if current >= firstOutputRow {
          state = ~current
          return position
        }
      }
      state = current
      return end
    }
  }
}

extension LiteralAutomaton {
  /// The view of UTF-8 text in which literals with word boundaries are looked for: ASCII
  /// letters, digits and `_` (the ASCII word characters of `\b`) as themselves, every other byte
  /// as a space. A literal that occurs in a text occurs in its view too, so looking in the view
  /// finds at least what looking in the text would.
  static let wordView: [UInt8] = (0..<256).map { isWordByte(UInt8($0)) ? UInt8($0) : 0x20 }

  static func isWordByte(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
  }

  /// What stands, in ``wordView``, for `literal` (``HarkLexicon/RegexLiterals`` read with
  /// boundaries); nil when the literal cannot occur. A ``HarkLexicon/RegexLiterals/boundary``
  /// between a word character and the text beyond the literal becomes a space (every non-word
  /// character is one in the view); one between two characters of the literal is dropped if it
  /// holds and makes the literal impossible if it cannot; one beside a non-word or a non-ASCII
  /// character (which may be a word character or not) is dropped, finding more, never less. The
  /// text scanned must begin and end with a space, so that a boundary at either end is seen.
  static func wordViewBytes(of literal: String) -> [UInt8]? {
    let marker = UInt8(RegexLiterals.boundary.value)
    var original: [UInt8] = []
    for byte in literal.utf8 where !(byte == marker && original.last == marker) { original.append(byte) }  // \b\b is \b
    /// Whether the character at `index` is a word character: nil past either end (the text goes
    /// on there), `.some(nil)` for a non-ASCII byte (either may be).
    func wordness(_ index: Int) -> Bool?? {
      guard original.indices.contains(index) else { return nil }
      return original[index] >= 0x80 ? .some(nil) : .some(isWordByte(original[index]))
    }
    var bytes: [UInt8] = []
    for (i, byte) in original.enumerated() {
      guard byte == marker else {
        bytes.append(wordView[Int(byte)])
        continue
      }
      switch (wordness(i - 1), wordness(i + 1)) {
      case (.some(.some(let a)), .some(.some(let b))) where a == b:
        return nil  // \b between two word or two non-word characters: the regex cannot match here
      case (.some(.some(true)), .none), (.none, .some(.some(true))):
        bytes.append(0x20)  // the non-word character beyond the literal
      default:
        break
      }
    }
    return bytes
  }
}

/// The groups a scan has found: membership by group number, and the list in the order found, so
/// that a caller can visit and clear just those. Noncopyable: it owns one allocation, made without
/// going through an array (an array's allocation looked its element type up at run time, which
/// cost more than a scan of a short text).
struct FoundGroups: ~Copyable {
  /// A flag per group (0 or 1), then the list of groups found.
  private let storage: UnsafeMutablePointer<Int32>
  private let groupCount: Int
  private var listCount = 0

  init(groupCount: Int) {
    self.groupCount = groupCount
    storage = .allocate(capacity: max(2 * groupCount, 1))
    storage.initialize(repeating: 0, count: 2 * groupCount)
  }

  deinit { storage.deallocate() }

  subscript(group: Int) -> Bool { storage[group] != 0 }

  var isEmpty: Bool { listCount == 0 }

  /// Calls `body` with each group found, in the order found.
  @inline(__always)
  func forEach(_ body: (Int) -> Void) {
    for k in groupCount..<groupCount + listCount { body(Int(storage[k])) }
  }

  @inline(__always)
  mutating func insert(_ group: Int) {
    guard storage[group] == 0 else { return }
    storage[group] = 1
    storage[groupCount + listCount] = Int32(truncatingIfNeeded: group)
    listCount += 1
  }

  mutating func removeAll() {
    for k in groupCount..<groupCount + listCount { storage[Int(storage[k])] = 0 }
    listCount = 0
  }
}
