/// Tokens being made for one text, in memory a ``Tokenizer`` keeps from text to text: appending
/// costs no uniqueness check, and the finished tokens are moved (not copied) into the document's
/// array. Invariant: `base[0..<count]` are initialised, the rest of the capacity is not.
final class TokenBuffer {
  private(set) var base: UnsafeMutablePointer<Token>
  private(set) var capacity: Int
  private(set) var count = 0

  init(capacity: Int = 256) {
    self.capacity = max(capacity, 1)
    base = .allocate(capacity: self.capacity)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  @inline(__always)
  func append(_ token: consuming Token) {
    if count == capacity { grow() }
    (base + count).initialize(to: token)
    count += 1
  }

  /// The sentence of token `index` (< `count`), read in place.
  @inline(__always)
  func sentence(at index: Int) -> Int { base[index].sentence }

  /// The clause of token `index` (< `count`), read in place.
  @inline(__always)
  func clause(at index: Int) -> Int { base[index].clause }

  /// The offsets of token `index` (< `count`), read in place.
  @inline(__always)
  func ranges(at index: Int) -> (utf8: Range<Int>, scalars: Range<Int>) { (base[index].utf8Range, base[index].scalarRange) }

  /// The tokens appended since the last call, moved into an array; the buffer is left empty.
  func takeAll() -> [Token] {
    let n = count
    count = 0
    return [Token](unsafeUninitializedCapacity: n) { buffer, initialized in
      if let target = buffer.baseAddress { target.moveInitialize(from: base, count: n) }
      initialized = n
    }
  }

  /// Drops every token.
  func removeAll() {
    base.deinitialize(count: count)
    count = 0
  }

  @inline(never)
  private func grow() {
    let bigger = UnsafeMutablePointer<Token>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity *= 2
  }
}
