/// A segment from word break: `[start, end)` in UTF-8 bytes with ICU's rule status.
struct Segment: Equatable {
  var start: Int
  var end: Int
  var status: Int32
}

/// Scratch memory that a ``Tokenizer`` reuses for every text it tokenises, so that short texts
/// cost no allocation for segmentation.
final class SegmentationScratch {
  static let chunk = 1024
  let boundaries = UnsafeMutablePointer<Int32>.allocate(capacity: chunk)
  let statuses = UnsafeMutablePointer<Int32>.allocate(capacity: chunk)
  let sentenceBoundaries = UnsafeMutablePointer<Int32>.allocate(capacity: chunk)
  /// The storage of a ``SegmentCursor``'s window (it may grow it).
  var window = SegmentBuffer(capacity: chunk * 2)

  deinit {
    boundaries.deallocate()
    statuses.deallocate()
    sentenceBoundaries.deallocate()
    window.deallocate()
  }
}

/// A growable run of segments in memory its owner allocates and frees: appending and reading
/// need no uniqueness or bounds bookkeeping beyond a count.
struct SegmentBuffer {
  private(set) var base: UnsafeMutablePointer<Segment>
  private(set) var capacity: Int
  var count = 0

  init(capacity: Int) {
    base = .allocate(capacity: capacity)
    self.capacity = capacity
  }

  func deallocate() { base.deallocate() }

  @inline(__always)
  subscript(index: Int) -> Segment { base[index] }

  @inline(__always)
  mutating func append(_ segment: Segment) {
    if count == capacity { grow(to: capacity * 2) }
    (base + count).initialize(to: segment)
    count += 1
  }

  /// Drops the first `n` segments, moving the rest to the front.
  mutating func removeFirst(_ n: Int) {
    for i in 0..<(count - n) { base[i] = base[i + n] }  // forward: the regions may overlap
    count -= n
  }

  /// Replaces the segment at `index` with `pieces`.
  mutating func replace(at index: Int, with pieces: [Segment]) {
    let newCount = count - 1 + pieces.count
    if newCount > capacity { grow(to: max(capacity * 2, newCount)) }
    // Move the segments after `index` to their new place, in the direction that keeps the
    // overlapping regions intact.
    let (from, to) = (index + 1, index + pieces.count)
    if to > from {
      for i in stride(from: count - 1, through: from, by: -1) { (base + i + to - from).initialize(to: base[i]) }
    } else if to < from {
      for i in from..<count { base[i - (from - to)] = base[i] }
    }
    for (k, piece) in pieces.enumerated() { base[index + k] = piece }
    count = newCount
  }

  private mutating func grow(to newCapacity: Int) {
    let bigger = UnsafeMutablePointer<Segment>.allocate(capacity: newCapacity)
    bigger.initialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity = newCapacity
  }
}

/// Streams word-break segments with a few segments of look-ahead, from ICU or from the ASCII
/// fast path, in chunks so that memory stays bounded on very long texts.
struct SegmentCursor {
  enum Source {
    case icu(ICUBreaker)
    /// ``ASCIIWordBreaker``, for text that ``FastPathScalars/supports(_:)``.
    case ascii
  }

  private var source: Source
  private let text: UnsafeBufferPointer<UInt8>
  /// Segments read ahead; those before `head` are consumed. Borrowed from the scratch.
  private var window: SegmentBuffer
  private var head = 0
  private var exhausted = false
  private var lastEnd = 0
  private let boundaries: UnsafeMutablePointer<Int32>
  private let statuses: UnsafeMutablePointer<Int32>

  /// Whether runs of ASCII spaces (U+0020) are left out of the window (ASCII source only): they
  /// make no token, and a scanner that tells adjacency by offsets (`next.start == end`) sees the
  /// same text without them.
  private let skipsSpaceRuns: Bool
  /// Whether the source is ``Source/ascii``.
  private let isASCIISource: Bool
  /// ``ASCIIWordBreaker/table``, read once: every read of the static goes through its lazy
  /// initialisation (a call to `swift_once`).
  private let wordClasses: UnsafePointer<ASCIIWordBreaker.WordClass>

  /// Borrows `scratch`'s buffers and window storage, which must stay alive while the cursor is in
  /// use; give the window back with ``release(to:)`` (it may have grown).
  init(text: UnsafeBufferPointer<UInt8>, source: Source, scratch: SegmentationScratch, skipsSpaceRuns: Bool = false) throws(HarkTextError) {
    self.text = text
    self.source = source
    if case .ascii = source { self.isASCIISource = true } else { self.isASCIISource = false }
    self.skipsSpaceRuns = isASCIISource && skipsSpaceRuns
    self.wordClasses = ASCIIWordBreaker.table
    self.boundaries = scratch.boundaries
    self.statuses = scratch.statuses
    self.window = scratch.window
    window.count = 0
    if case .icu(let breaker) = source { try breaker.setText(text) }
  }

  /// The next segment of an ASCII source when nothing is read ahead (else nil, as at the end of
  /// the text), computed here and not put in the window: the caller consumes it, or hands it back
  /// with ``unread(_:)`` for ``peek(_:)`` to return. Runs of spaces are stepped over as the
  /// window does. Most tokens of a plain text are whole segments, which this serves without the
  /// window's bookkeeping. Transparent: the tokenizer's plain-token loop calls it per token, and
  /// with `@inline(__always)` the optimiser kept it out of line.
  @_transparent
  mutating func takeDirect() -> Segment? {
    guard isASCIISource, head >= window.count else { return nil }
    var start = lastEnd
    let n = text.count
    if skipsSpaceRuns { while start < n && text[start] == 0x20 { start += 1 } }
    guard start < n else {
      lastEnd = n
      return nil
    }
    let (end, status) = ASCIIWordBreaker.segment(in: text, from: start, table: wordClasses)
    lastEnd = end
    return Segment(start: start, end: end, status: status)
  }

  /// Puts back the segment that ``takeDirect()`` just returned, as the current segment.
  mutating func unread(_ segment: Segment) {
    window.count = 0
    head = 0
    window.append(segment)
  }

  /// Returns the window's storage to `scratch` for the next text.
  mutating func release(to scratch: SegmentationScratch) {
    scratch.window = window
  }

  /// The `k`-th segment ahead of the cursor (0 is the current one), or nil past the end.
  @inline(__always)
  mutating func peek(_ k: Int = 0) -> Segment? {
    if head + k >= window.count { refill(until: k) }
    return head + k < window.count ? window[head + k] : nil
  }

  /// Moves past every segment that ends at or before `offset`. A segment that `offset` cuts in
  /// two is re-segmented from `offset` on (by the ASCII rules where its rest is ASCII).
  @inline(__always)
  mutating func consume(through offset: Int) {
    while true {
      if head >= window.count {
        // Nothing read ahead: the next segment starts at `lastEnd`, so if that is past `offset`
        // there is nothing to move past (and reading it now would keep ``takeDirect()`` idle).
        if lastEnd >= offset { return }
        refill(until: 0)
        if head >= window.count { return }
      }
      let segment = window[head]
      if segment.end > offset {
        if segment.start < offset { split(segment, at: offset) }
        return
      }
      head += 1
    }
  }

  /// Replaces the current segment, which `offset` cuts in two, with the segments of its rest.
  @inline(never)
  private mutating func split(_ segment: Segment, at offset: Int) {
    var pieces: [Segment] = []
    let rest = UnsafeBufferPointer(rebasing: text[offset..<segment.end])
    if Normalizer.isASCII(rest) {
      var position = 0
      while position < rest.count {
        let (end, status) = ASCIIWordBreaker.segment(in: rest, from: position)
        pieces.append(Segment(start: offset + position, end: offset + end, status: status))
        position = end
      }
    } else {
      pieces.append(Segment(start: offset, end: segment.end, status: segment.status))
    }
    window.replace(at: head, with: pieces)
  }

  private mutating func refill(until k: Int) {
    while head + k >= window.count && !exhausted {
      if head > 0 {
        window.removeFirst(head)
        head = 0
      }
      switch source {
      case .icu(let breaker):
        let added = breaker.fill(boundaries: boundaries, statuses: statuses, capacity: SegmentationScratch.chunk)
        if added == 0 {
          exhausted = true
          return
        }
        for i in 0..<added {
          let end = Int(boundaries[i])
          window.append(Segment(start: lastEnd, end: end, status: statuses[i]))
          lastEnd = end
        }
      case .ascii:
        // Segments straight into the window, only as many as asked for (the breaker needs no
        // state but the position): the sooner the window is empty, the sooner ``takeDirect()``
        // serves the next segment.
        guard lastEnd < text.count else {
          exhausted = true
          return
        }
        let table = wordClasses
        while head + k >= window.count && lastEnd < text.count {
          if skipsSpaceRuns && text[lastEnd] == 0x20 {
            // The segment the ASCII breaker gives a run of spaces, stepped over here.
            lastEnd += 1
            while lastEnd < text.count && text[lastEnd] == 0x20 { lastEnd += 1 }
            continue
          }
          let (end, status) = ASCIIWordBreaker.segment(in: text, from: lastEnd, table: table)
          window.append(Segment(start: lastEnd, end: end, status: status))
          lastEnd = end
        }
      }
    }
  }
}
