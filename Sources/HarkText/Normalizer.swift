import CICUShim

/// Produces the normalised forms that Hark matches lexicons against. The original text is never
/// modified: ``Tokenizer`` keeps each token's surface and gives it a `norm` from here.
///
/// Steps, in order:
/// 1. curly apostrophes and primes become `'`, curly double quotes become `"`, every dash and
///    hyphen variant (U+2010-2015, U+2212, U+FE58, U+FE63, U+FF0D) becomes `-`;
/// 2. zero-width characters (U+200B-U+200D, U+2060, U+FEFF, soft hyphen) and control characters
///    are removed; whitespace runs become one space (and are trimmed);
/// 3. ICU NFKC case folding (`ß` -> `ss`, full-width -> ASCII, `ﬁ` -> `fi`; not Turkish-aware);
/// 4. optionally, accents are removed (NFD, drop non-spacing marks, NFC): `café` -> `cafe`;
/// 5. for words, a letter repeated three or more times is squeezed to two (`sooooo` -> `soo`).
///
/// ```swift
/// let normalizer = try Normalizer()
/// normalizer.normalize("Don’t  PANIC — it’s ﬁne")   // "don't panic - it's fine"
/// normalizer.normalizeWord("Sooooo")                // ("soo", elongated: true)
/// ```
///
/// ASCII input takes a fast path that gives the same result as the ICU path (tested).
/// `Normalizer` is immutable and safe to share between tasks.
public struct Normalizer: Sendable {
  public struct Options: Sendable, Hashable {
    /// Remove accents (`naïve` -> `naive`). Off by default: lexicons list accented forms.
    public var foldAccents: Bool
    /// Squeeze letters repeated three or more times in words to two. On by default.
    public var squeezeElongations: Bool

    public init(foldAccents: Bool = false, squeezeElongations: Bool = true) {
      self.foldAccents = foldAccents
      self.squeezeElongations = squeezeElongations
    }
  }

  public let options: Options
  private let casefold: ICUNormalizerInstance

  public init(options: Options = Options()) throws(HarkTextError) {
    self.options = options
    self.casefold = try ICUNormalizerInstance(form: Int32(HARK_NORM_NFKC_CASEFOLD))
  }

  /// The normalised form of a whole text (steps 1-4; no squeezing: URLs like `www` must survive).
  public func normalize(_ text: String) -> String {
    var copy = text
    return copy.withUTF8 { String(decoding: normalizeBytes($0, squeeze: false).bytes, as: UTF8.self) }
  }

  /// The normalised form of one word (steps 1-5) and whether step 5 changed it.
  public func normalizeWord(_ word: some StringProtocol) -> (form: String, elongated: Bool) {
    var copy = String(word)
    return copy.withUTF8 { buffer in
      let result = normalizeBytes(buffer, squeeze: options.squeezeElongations)
      return (String(decoding: result.bytes, as: UTF8.self), result.elongated)
    }
  }

  /// The normalisation of `bytes` as UTF-8 bytes. `squeeze` applies step 5.
  func normalizeBytes(_ bytes: UnsafeBufferPointer<UInt8>, squeeze: Bool) -> (bytes: [UInt8], elongated: Bool) {
    var output: [UInt8]
    if Self.isASCII(bytes) {
      output = Self.asciiCanonical(bytes)
    } else {
      output = unicodeCanonical(bytes)
    }
    guard squeeze else { return (output, false) }
    let elongated = Self.squeezeElongations(&output)
    return (output, elongated)
  }

  /// The ICU route for steps 1-4, also used on ASCII by the tests that prove the fast path equal.
  func unicodeCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    let premapped = Self.premap(bytes)
    var folded = premapped.withUnsafeBufferPointer { casefold.apply($0) }
    if options.foldAccents && !folded.allSatisfy({ $0 < 0x80 }) {
      folded = folded.withUnsafeBufferPointer { ICUNormalizerInstance.foldAccents($0) }
    }
    return folded
  }

  @inline(__always)
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var combined: UInt8 = 0
    for b in bytes { combined |= b }
    return combined < 0x80
  }

  /// Steps 1-3 for ASCII: drop controls, fold whitespace, lower-case.
  static func asciiCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var pendingSpace = false
    for b in bytes {
      if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
        pendingSpace = !output.isEmpty
      } else if b < 0x20 || b == 0x7F {
        continue
      } else {
        if pendingSpace { output.append(0x20); pendingSpace = false }
        output.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
      }
    }
    return output
  }

  /// Steps 1-2 on arbitrary UTF-8 (invalid sequences become U+FFFD).
  static func premap(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var pendingSpace = false
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      let v = scalar.value
      if scalar.properties.isWhitespace {
        pendingSpace = !output.isEmpty
        continue
      }
      if isRemoved(v) { continue }
      if pendingSpace { output.append(0x20); pendingSpace = false }
      if let mapped = asciiReplacement(v) {
        output.append(mapped)
      } else {
        output.append(contentsOf: UTF8.encode(scalar)!)
      }
    }
    return output
  }

  /// Zero-width and control characters that step 2 removes.
  @inline(__always)
  public static func isRemoved(_ v: UInt32) -> Bool {
    switch v {
    case 0x00...0x1F, 0x7F...0x9F: true  // C0 and C1 controls (whitespace was handled before)
    case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD: true  // zero-width space/joiners, word joiner, BOM, soft hyphen
    default: false
    }
  }

  /// The ASCII character that step 1 maps a quote or dash to, if any (also used by the lexicon
  /// linter, so lexicon entries are checked against the same table).
  @inline(__always)
  public static func asciiReplacement(_ v: UInt32) -> UInt8? {
    switch v {
    case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC, 0xFF07: UInt8(ascii: "'")
    case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0xFF02: UInt8(ascii: "\"")
    case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: UInt8(ascii: "-")
    default: nil
    }
  }

  /// Step 5 in place: runs of three or more identical letters become two. Returns whether any did.
  static func squeezeElongations(_ bytes: inout [UInt8]) -> Bool {
    guard bytes.count >= 3 else { return false }
    if bytes.allSatisfy({ $0 < 0x80 }) {
      var found = false
      for i in 2..<bytes.count where bytes[i] == bytes[i - 1] && bytes[i] == bytes[i - 2] && isASCIILetter(bytes[i]) {
        found = true
        break
      }
      guard found else { return false }
      var write = 0
      for read in 0..<bytes.count {
        let b = bytes[read]
        if write >= 2 && b == bytes[write - 1] && b == bytes[write - 2] && isASCIILetter(b) { continue }
        bytes[write] = b
        write += 1
      }
      bytes.removeLast(bytes.count - write)
      return true
    }
    var scalars: [Unicode.Scalar] = []
    var changed = false
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      if scalars.count >= 2 && scalar == scalars[scalars.count - 1] && scalar == scalars[scalars.count - 2]
        && scalar.properties.isAlphabetic
      {
        changed = true
        continue
      }
      scalars.append(scalar)
    }
    guard changed else { return false }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    bytes = Array(String(view).utf8)
    return true
  }

  @inline(__always)
  static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
}

/// ICU's normaliser singletons are immutable and owned by ICU for the life of the process, so
/// sharing the pointer between tasks is safe (ICU documents them as thread-safe).
struct ICUNormalizerInstance: @unchecked Sendable {
  private let handle: UnsafeRawPointer

  init(form: Int32) throws(HarkTextError) {
    var error: Int32 = 0
    let handle = hark_normalizer_get(form, &error)
    try checkICU(error, "unorm2_getInstance")
    guard let handle else { throw .icu(function: "unorm2_getInstance", code: error) }
    self.handle = handle
  }

  func apply(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    Self.callGrowing(bytes) { src, count, dest, capacity, error in
      hark_normalize_utf8(handle, src, count, dest, capacity, &error)
    }
  }

  static func foldAccents(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    callGrowing(bytes) { src, count, dest, capacity, error in
      hark_fold_accents_utf8(src, count, dest, capacity, &error)
    }
  }

  /// Calls a C function that writes UTF-8 into a buffer and reports the length it needed.
  /// On an ICU failure (only memory exhaustion in practice) the input is returned unchanged.
  private static func callGrowing(
    _ bytes: UnsafeBufferPointer<UInt8>,
    _ body: (UnsafePointer<UInt8>?, Int32, UnsafeMutablePointer<UInt8>?, Int32, inout Int32) -> Int32
  ) -> [UInt8] {
    var capacity = bytes.count * 3 + 16
    while true {
      var error: Int32 = 0
      var needed: Int32 = 0
      let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
        needed = body(bytes.baseAddress, Int32(bytes.count), buffer.baseAddress, Int32(capacity), &error)
        initialized = error <= 0 && Int(needed) <= capacity ? Int(needed) : 0
      }
      if error > 0 { return Array(bytes) }
      if Int(needed) <= capacity { return output }
      capacity = Int(needed)
    }
  }
}
