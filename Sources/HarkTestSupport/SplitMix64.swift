/// A small deterministic generator for reproducible random tests (SplitMix64). For the test
/// targets only.
public struct SplitMix64: RandomNumberGenerator {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension SplitMix64 {
  /// A random text of 1 to `maxLength` scalars drawn from `alphabet` (repeat a scalar to weight it).
  public mutating func text(from alphabet: [Unicode.Scalar], maxLength: Int) -> String {
    let length = 1 + Int(next() % UInt64(maxLength))
    var text = ""
    for _ in 0..<length { text.unicodeScalars.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
    return text
  }

  /// `count` texts from ``text(from:maxLength:)``, in the order drawn.
  public mutating func texts(_ count: Int, from alphabet: [Unicode.Scalar], maxLength: Int) -> [String] {
    (0..<count).map { _ in text(from: alphabet, maxLength: maxLength) }
  }
}
