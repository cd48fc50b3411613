/// Remembers the normalised form, its hash, the case shape and flags of short ASCII tokens, so that
/// the frequent words of a corpus ("the", "staff", "Ofsted") are decoded and normalised once per
/// tokenizer rather than once per occurrence. Direct-mapped: a colliding token replaces the entry.
///
/// A cached entry is exactly what ``TokenScanner`` would compute (the key is the token's bytes and
/// whether it is normalised as a word), so the cache changes speed only, never results.
final class FormCache {
  struct Forms {
    var norm: String
    /// ``Token/hash(ofNorm:)`` of `norm`.
    var normHash: UInt32
    var shape: CaseShape
    var flags: TokenFlags
  }

  fileprivate struct Entry {
    var key0: UInt64 = 0
    var key1: UInt64 = 0
    /// Token length in bytes plus 1, times 2, plus 1 for word normalisation; 0 when empty.
    var tag: Int = 0
    var forms = Forms(norm: "", normHash: 0, shape: .none, flags: [])
  }

  static let maximumLength = 16
  /// 16,384 entries of 48 bytes (768 KiB, within the 2 MiB second-level cache of the machines we
  /// measure on): on 2,000 lines of the benchmark corpus, 4,096 entries missed on 15% of tokens
  /// (each miss costs a few hundred instructions), and this many takes 3% off tokenising.
  private static let slots = 16384
  private let entries: UnsafeMutablePointer<Entry>

  init() {
    entries = .allocate(capacity: Self.slots)
    entries.initialize(repeating: Entry(), count: Self.slots)
  }

  deinit {
    entries.deinitialize(count: Self.slots)
    entries.deallocate()
  }

  /// Where the forms of a token are (or are to be) cached.
  struct Slot {
    fileprivate let entry: UnsafeMutablePointer<Entry>
    fileprivate let key0: UInt64
    fileprivate let key1: UInt64
    fileprivate let tag: Int
    /// Whether the slot holds the token's forms; if not, compute them and ``FormCache/store(_:in:)``.
    let isHit: Bool
    /// The cached forms (only after a hit or a store).
    var forms: Forms { entry.pointee.forms }
  }

  /// The slot of the ASCII token `bytes` (at most ``maximumLength`` bytes). `readable` is how
  /// many bytes from `bytes`' start may be read (the rest of the text): with 16 or more, the key
  /// is read as two words instead of byte by byte.
  @inline(__always)
  func slot(of bytes: UnsafeBufferPointer<UInt8>, readable: Int, asWord: Bool) -> Slot {
    let count = bytes.count
    let (key0, key1): (UInt64, UInt64)
    if readable >= 16, let base = bytes.baseAddress {
      // Little-endian words, masked to the token: the same keys as ``keys(of:)``.
      let raw = UnsafeRawPointer(base)
      let word0 = raw.loadUnaligned(as: UInt64.self).littleEndian
      let word1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
      if count >= 8 {
        key0 = word0
        key1 = count == 16 ? word1 : word1 & ((1 << UInt64(8 * (count - 8))) &- 1)
      } else {
        key0 = word0 & ((1 << UInt64(8 * count)) &- 1)
        key1 = 0
      }
    } else {
      (key0, key1) = Self.keys(of: bytes)
    }
    let tag = (count + 1) * 2 + (asWord ? 1 : 0)
    var hash = key0 &* 0x9E37_79B9_7F4A_7C15
    hash ^= (key1 &+ UInt64(tag)) &* 0xC2B2_AE3D_27D4_EB4F
    let entry = entries + Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(Self.slots - 1))
    let isHit = entry.pointee.tag == tag && entry.pointee.key0 == key0 && entry.pointee.key1 == key1
    return Slot(entry: entry, key0: key0, key1: key1, tag: tag, isHit: isHit)
  }

  /// The token's bytes as two little-endian words (byte `i` in bits `8 i`), zero beyond its end.
  @inline(never)
  private static func keys(of bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    var key0: UInt64 = 0
    var key1: UInt64 = 0
    for i in 0..<bytes.count {
      if i < 8 { key0 |= UInt64(bytes[i]) << (8 * UInt64(i)) } else { key1 |= UInt64(bytes[i]) << (8 * UInt64(i - 8)) }
    }
    return (key0, key1)
  }

  /// Caches `forms` in `slot` (replacing what was there).
  func store(_ forms: Forms, in slot: Slot) {
    slot.entry.pointee = Entry(key0: slot.key0, key1: slot.key1, tag: slot.tag, forms: forms)
  }
}
