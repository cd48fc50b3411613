/// MinHash signatures over word shingles, and the LSH band keys that find near-duplicate
/// records (Broder 1997; bands of rows as in Leskovec, Rajaraman & Ullman, "Mining of Massive
/// Datasets", ch. 3).
///
/// With 8 bands of 4 rows, two records whose shingle sets have Jaccard similarity s share at least
/// one band key with probability 1 − (1 − s⁴)⁸: 0.40 at s = 0.5, 0.89 at 0.7, 0.98 at 0.8.
/// Candidates are then verified on the estimated similarity.
public enum MinHasher {
  public static let bands = 8
  public static let rows = 4
  public static var signatureLength: Int { bands * rows }
  /// Words per shingle.
  public static let shingleSize = 3
  /// Records with fewer normalised words are not signed (too short to be a campaign letter).
  public static let minimumWords = 8

  /// The signature of a word sequence (normalised forms), or nil when it has fewer than
  /// `minimumWords` words. Deterministic across runs and machines.
  public static func signature(words: [String]) -> [UInt32]? {
    guard words.count >= minimumWords else { return nil }
    let wordHashes = words.map { StableHash.fnv1a($0.utf8) }
    var minima = [UInt32](repeating: .max, count: signatureLength)
    for start in 0...(wordHashes.count - shingleSize) {
      var shingle: UInt64 = 0
      for k in 0..<shingleSize {
        shingle = StableHash.mix(shingle ^ wordHashes[start + k])
      }
      for i in 0..<signatureLength {
        let value = UInt32(truncatingIfNeeded: StableHash.mix(shingle &+ seeds[i]) >> 32)
        if value < minima[i] { minima[i] = value }
      }
    }
    return minima
  }

  /// One key per band: the band index and its rows, hashed.
  public static func bandKeys(_ signature: [UInt32]) -> [UInt64] {
    (0..<bands).map { band in
      var key = UInt64(band) &* 0x9e37_79b9_7f4a_7c15
      for row in 0..<rows {
        key = StableHash.mix(key ^ UInt64(signature[band * rows + row]))
      }
      return key
    }
  }

  /// Estimated Jaccard similarity of the two shingle sets: the share of equal signature positions.
  public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
    var equal = 0
    for i in 0..<min(a.count, b.count) where a[i] == b[i] { equal += 1 }
    return Double(equal) / Double(max(1, min(a.count, b.count)))
  }

  private static let seeds: [UInt64] = (0..<UInt64(32)).map { StableHash.mix(0x4841_524b_0000_0000 | $0) }
}
