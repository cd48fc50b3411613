/// Word segmentation for ASCII text that gives the same boundaries and rule statuses as
/// ICU 72's word break iterator (locale "en") on the same text, several times faster.
///
/// It implements the ASCII subset of Unicode's word-boundary rules (UAX #29) with ICU's
/// tailorings: `@` counts as a letter (so e-mail addresses and @handles stay whole) and `:` is not
/// a mid-letter joiner. It also segments the few non-ASCII characters of ``FastPathScalars``.
/// `ASCIIWordBreakerTests` checks the equivalence against ICU differentially on large random and
/// realistic inputs; only call it on text that ``FastPathScalars/supports(_:)``.
enum ASCIIWordBreaker {
  /// Word_Break classes of the ASCII characters.
  enum WordClass: UInt8, CaseIterable {
    case other, letter, numeric, midNumLet, singleQuote, midNum, extendNumLet, space, cr, lf, newline
  }

  /// The Word_Break class of an ASCII byte.
  @inline(__always)
  static func wordClass(_ b: UInt8) -> WordClass {
    switch b {
    case 0x61...0x7A, 0x41...0x5A, 0x40: .letter  // a-z A-Z @ (ICU counts @ as a letter)
    case 0x30...0x39: .numeric
    case 0x2E: .midNumLet  // .
    case 0x27: .singleQuote  // '
    case 0x2C, 0x3B: .midNum  // , ;
    case 0x5F: .extendNumLet  // _
    case 0x20: .space
    case 0x0D: .cr
    case 0x0A: .lf
    case 0x0B, 0x0C: .newline
    default: .other
    }
  }

  /// ``wordClass(_:)`` for every byte value, so the hot loop reads a table instead of branching.
  nonisolated(unsafe) static let table: UnsafePointer<WordClass> = {
    let table = UnsafeMutablePointer<WordClass>.allocate(capacity: 256)
    for b in 0..<256 { table[b] = b < 128 ? wordClass(UInt8(b)) : .other }
    return UnsafePointer(table)
  }()

  /// The end of the segment starting at `start` and its ICU rule status (0, 100 or 200).
  @inline(__always)
  static func segment(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, status: Int32) {
    segment(in: text, from: start, table: table)
  }

  /// ``segment(in:from:)`` with the class table passed in: reading a static in a loop costs a
  /// lazy-initialisation check per read. Transparent: with `@inline(__always)` the optimiser still
  /// kept it out of the tokenizer's plain-token loop.
  @_transparent
  static func segment(in text: UnsafeBufferPointer<UInt8>, from start: Int, table: UnsafePointer<WordClass>) -> (end: Int, status: Int32) {
    let n = text.count
    let first = table[Int(text[start])]
    switch first {
    case .cr:
      return (start + 1 < n && text[start + 1] == 0x0A ? start + 2 : start + 1, 0)
    case .space:
      var i = start + 1
      while i < n && text[i] == 0x20 { i += 1 }
      return (i, 0)
    case .letter, .numeric, .extendNumLet:
      var status: Int32 = first == .letter ? 200 : first == .numeric ? 100 : 0
      var current = first
      var i = start + 1
      while i < n {
        if current == .letter {
          // Most of a word: a run of letters (a-z, A-Z, @) keeps status 200. (A table read per byte
          // took 1% fewer instructions a text than testing the byte's range.)
          while i < n && table[Int(text[i])] == .letter { i += 1 }
          guard i < n else { return (i, 200) }
        }
        let next = table[Int(text[i])]
        switch next {
        case .letter, .numeric, .extendNumLet:
          // ICU's status is that of the last rule applied, which depends on the last two units:
          // a letter ends with 200, a digit with 100, `_` after a digit with 100, else 200.
          switch next {
          case .letter: status = 200
          case .numeric: status = 100
          default: status = current == .numeric ? 100 : 200
          }
          current = next
          i += 1
          continue
        case .midNumLet, .singleQuote, .midNum:
          guard let joined = join(text, at: i, width: 1, current: current, isMidNum: next == .midNum, table: table) else { return (i, status) }
          (status, current, i) = joined
          continue
        default:
          // ’ and ‘ (supported non-ASCII, see ``FastPathScalars``) are MidNumLet, like `.`.
          guard text[i] == 0xE2, FastPathScalars.isCurlySingleQuote(text, at: i),
            let joined = join(text, at: i, width: 3, current: current, isMidNum: false, table: table)
          else { return (i, status) }
          (status, current, i) = joined
          continue
        }
      }
      return (i, status)
    default:
      // Anything else stands alone: one ASCII byte, or one supported non-ASCII character.
      return (start + FastPathScalars.utf8Width(lead: text[start]), 0)
    }
  }

  /// WB6/7 and WB11/12: a mid-word character `width` bytes long at `i`, after a run whose last
  /// class is `current`, joins it to what follows when letters or digits are on both sides (a
  /// MidNum, `,` `;`, joins digits only). Returns the new status, class and position, or nil.
  @inline(__always)
  private static func join(
    _ text: UnsafeBufferPointer<UInt8>, at i: Int, width: Int, current: WordClass, isMidNum: Bool, table: UnsafePointer<WordClass>
  ) -> (status: Int32, current: WordClass, end: Int)? {
    guard i + width < text.count else { return nil }
    let after = table[Int(text[i + width])]
    let joinsLetters = current == .letter && !isMidNum && after == .letter
    let joinsNumbers = current == .numeric && after == .numeric
    guard joinsLetters || joinsNumbers else { return nil }
    return (after == .letter ? 200 : 100, after, i + width + 1)
  }
}
