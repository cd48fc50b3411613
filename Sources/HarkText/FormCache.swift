/// Remembers the surface, normalised form, case shape and flags of short ASCII tokens, so that
/// the frequent words of a corpus ("the", "staff", "Ofsted") are decoded and normalised once per
/// tokenizer rather than once per occurrence. Direct-mapped: a colliding token replaces the entry.
///
/// A cached entry is exactly what ``TokenScanner`` would compute (the key is the token's bytes and
/// whether it is normalised as a word), so the cache changes speed only, never results.
final class FormCache {
  struct Forms {
    var surface: String
    var norm: String
    var shape: CaseShape
    var flags: TokenFlags
  }

  private struct Entry {
    var key0: UInt64 = 0
    var key1: UInt64 = 0
    /// Token length in bytes plus 1, times 2, plus 1 for word normalisation; 0 when empty.
    var tag: Int = 0
    var forms = Forms(surface: "", norm: "", shape: .none, flags: [])
  }

  static let maximumLength = 16
  private static let slots = 4096
  private let entries: UnsafeMutablePointer<Entry>

  init() {
    entries = .allocate(capacity: Self.slots)
    entries.initialize(repeating: Entry(), count: Self.slots)
  }

  deinit {
    entries.deinitialize(count: Self.slots)
    entries.deallocate()
  }

  /// The forms of the ASCII token `bytes` (at most ``maximumLength`` bytes), from the cache or
  /// from `compute`, which is called on a miss and its result stored.
  @inline(__always)
  func forms(of bytes: UnsafeBufferPointer<UInt8>, asWord: Bool, compute: () -> Forms) -> Forms {
    var key0: UInt64 = 0
    var key1: UInt64 = 0
    for i in 0..<bytes.count {
      if i < 8 { key0 |= UInt64(bytes[i]) << (8 * UInt64(i)) } else { key1 |= UInt64(bytes[i]) << (8 * UInt64(i - 8)) }
    }
    let tag = (bytes.count + 1) * 2 + (asWord ? 1 : 0)
    var hash = key0 &* 0x9E37_79B9_7F4A_7C15
    hash ^= (key1 &+ UInt64(tag)) &* 0xC2B2_AE3D_27D4_EB4F
    let slot = Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(Self.slots - 1))
    let entry = entries + slot
    if entry.pointee.tag == tag && entry.pointee.key0 == key0 && entry.pointee.key1 == key1 {
      return entry.pointee.forms
    }
    let forms = compute()
    entry.pointee = Entry(key0: key0, key1: key1, tag: tag, forms: forms)
    return forms
  }
}
