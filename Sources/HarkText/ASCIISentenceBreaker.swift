/// Sentence segmentation for ASCII text that gives the same boundaries as ICU 72's sentence
/// break iterator (locale "en") on the same text, without ICU's per-character overhead.
///
/// It implements the ASCII subset of Unicode's sentence-boundary rules (UAX #29, SB3-SB11);
/// it also handles the non-ASCII characters of ``FastPathScalars`` (curly quotes are Close, en and
/// em dashes SContinue, the rest Other). `ASCIISentenceBreakerTests` checks it against ICU
/// differentially. Only call it on text that ``FastPathScalars/supports(_:)``.
enum ASCIISentenceBreaker {
  /// Sentence_Break classes of the ASCII characters.
  enum SentenceClass {
    case other, cr, lf, sp, lower, upper, numeric, aTerm, sTerm, sContinue, close
  }

  @inline(__always)
  static func sentenceClass(_ b: UInt8) -> SentenceClass {
    switch b {
    case 0x61...0x7A: .lower
    case 0x41...0x5A: .upper
    case 0x30...0x39: .numeric
    case 0x20, 0x09, 0x0B, 0x0C: .sp
    case 0x0D: .cr
    case 0x0A: .lf
    case 0x2E: .aTerm  // .
    case 0x21, 0x3F: .sTerm  // ! ?
    case 0x2C, 0x2D, 0x3A: .sContinue  // , - : (not ; in Unicode 15, which ICU 72 implements)
    case 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D: .close  // " ' ( ) [ ] { }
    default: .other
    }
  }

  /// ``sentenceClass(_:)`` for every byte value, read by the hot loop instead of branching.
  nonisolated(unsafe) static let table: UnsafePointer<SentenceClass> = {
    let table = UnsafeMutablePointer<SentenceClass>.allocate(capacity: 256)
    for b in 0..<256 { table[b] = b < 128 ? sentenceClass(UInt8(b)) : .other }
    return UnsafePointer(table)
  }()

  /// Whether any of eight bytes (read as one little- or big-endian word) is `.`, `!`, `?`, LF or
  /// CR, eight at a time: a byte equal to `t` is a zero byte of `word ^ t·0x0101…`, which the
  /// classic test `(x − 0x0101…) & ~x & 0x8080…` finds (exactly: no false positive is possible
  /// when asking only whether some byte is zero).
  @inline(__always)
  static func mayHoldTerminator(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
    return hasZeroByte(word ^ (0x2E &* ones)) | hasZeroByte(word ^ (0x21 &* ones)) | hasZeroByte(word ^ (0x3F &* ones))
      | hasZeroByte(word ^ (0x0A &* ones)) | hasZeroByte(word ^ (0x0D &* ones)) != 0
  }

  /// The next boundary after `from` (the text's length at the end).
  static func nextBoundary(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    let n = text.count
    let table = Self.table
    func sentenceClass(_ b: UInt8) -> SentenceClass { table[Int(b)] }
    var i = start
    while i < n {
      let c = sentenceClass(text[i])
      switch c {
      case .cr:
        return i + 1 < n && text[i + 1] == 0x0A ? i + 2 : i + 1  // SB3, SB4
      case .lf:
        return i + 1  // SB4
      case .aTerm, .sTerm:
        if c == .aTerm && i + 1 < n {
          let next = sentenceClass(text[i + 1])
          if next == .numeric { i += 1; continue }  // SB6
          if next == .upper && i > start {
            let previous = sentenceClass(text[i - 1])
            if previous == .upper || previous == .lower { i += 1; continue }  // SB7
          }
        }
        var j = i + 1
        while j < n {  // SB9
          if sentenceClass(text[j]) == .close {
            j += 1
          } else if text[j] == 0xE2, case let width = FastPathScalars.curlyQuoteWidth(text, at: j), width > 0 {
            j += width
          } else {
            break
          }
        }
        while j < n && sentenceClass(text[j]) == .sp { j += 1 }  // SB10
        if j >= n { return n }
        let after = sentenceClass(text[j])
        if after == .cr { return j + 1 < n && text[j + 1] == 0x0A ? j + 2 : j + 1 }  // SB9/10, then SB4
        if after == .lf { return j + 1 }
        if after == .sContinue || after == .aTerm || after == .sTerm || FastPathScalars.isDash(text, at: j) {  // SB8a
          i = j
          continue
        }
        if c == .aTerm {  // SB8: ATerm Close* Sp* × (¬(OLetter|Upper|Lower|ParaSep|SATerm))* Lower
          var k = j
          while k < n {
            let x = sentenceClass(text[k])
            if x == .upper || x == .lower || x == .cr || x == .lf || x == .aTerm || x == .sTerm { break }
            k += 1
          }
          if k < n && sentenceClass(text[k]) == .lower {
            i = j
            continue
          }
        }
        return j  // SB11
      default:
        // Only CR, LF and terminators can end a sentence: skip to the next one (letters, the bulk
        // of the text, are all above 0x3F).
        i += 1
        if let base = text.baseAddress {
          while i + 8 <= n && !Self.mayHoldTerminator(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) { i += 8 }
        }
        while i < n {
          let b = text[i]
          if b < 0x40 && (b == 0x2E || b == 0x21 || b == 0x3F || b == 0x0A || b == 0x0D) { break }
          i += 1
        }
      }
    }
    return n
  }
}
