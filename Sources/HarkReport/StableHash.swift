/// Hashes that are the same on every machine and every run (Swift's `Hasher` is seeded per
/// process), so that samples chosen by hash are identical across runs, shards and merges.
public enum StableHash {
  /// FNV-1a, 64 bits, over UTF-8 bytes.
  public static func fnv1a<S: Sequence>(_ bytes: S, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where S.Element == UInt8 {
    var hash = seed
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  /// FNV-1a over the UTF-8 of `parts`, each followed by a 0x1F separator, then mixed (so that
  /// nearby inputs do not give nearby hashes).
  public static func of(_ parts: String...) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in parts {
      hash = fnv1a(part.utf8, seed: hash)
      hash = fnv1a(CollectionOfOne(0x1F), seed: hash)
    }
    return mix(hash)
  }

  /// The SplitMix64 finaliser: a bijection on 64-bit values with good avalanche.
  @inline(__always)
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
