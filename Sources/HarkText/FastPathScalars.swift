/// The non-ASCII characters that ``ASCIIWordBreaker`` and ``ASCIISentenceBreaker`` segment as
/// ICU does, so that text holding them may take the fast path too.
///
/// Real comments are mostly ASCII with a few typographic characters: curly quotes and
/// apostrophes pasted from word processors (`don’t`), dashes, the pound sign, bullets and single
/// emoji. Each of these has one simple class in Unicode's word- and sentence-break rules (UAX #29):
///
/// | characters | word break | sentence break |
/// |---|---|---|
/// | ’ ‘ (U+2019, U+2018) | MidNumLet, like `.` | Close |
/// | ” “ (U+201D, U+201C) | Other | Close |
/// | – — (U+2013, U+2014) | Other | SContinue |
/// | … £ € • (U+2026, U+00A3, U+20AC, U+2022) | Other | Other |
/// | emoji U+1F300-U+1F5FF, U+1F600-U+1F64F, U+1F680-U+1F6FF, U+1F90C-U+1F9FF (but the skin-tone modifiers U+1F3FB-U+1F3FF), ❤ ⭐ ✅ ✨ ☺ ☹ | Other (Extended_Pictographic) | Other |
///
/// A text holding any other non-ASCII character (letters such as `é`, variation selectors,
/// joiners, skin tones, no-break spaces) goes to ICU. `ASCIIWordBreakerTests` and
/// `ASCIISentenceBreakerTests` check every character here against ICU differentially.
enum FastPathScalars {
  /// Whether every scalar of `bytes` (valid UTF-8) is ASCII or one of the characters above.
  static func supports(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let (scalar, width) = TokenScanner.decodeScalar(bytes, at: i)  // valid UTF-8: it comes from a String
      guard isSupported(scalar.value) else { return false }
      i += width
    }
    return true
  }

  /// Whether `value` is one of the supported non-ASCII scalars.
  static func isSupported(_ value: UInt32) -> Bool {
    switch value {
    case 0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0x00A3, 0x20AC, 0x2022: true
    case 0x2764, 0x2B50, 0x2705, 0x2728, 0x263A, 0x2639: true
    case 0x1F3FB...0x1F3FF: false  // skin-tone modifiers: Extend, joined to what precedes them
    case 0x1F300...0x1F5FF, 0x1F600...0x1F64F, 0x1F680...0x1F6FF, 0x1F90C...0x1F9FF: true
    default: false
    }
  }

  /// The length in bytes of the UTF-8 sequence that starts with `lead` (1 for ASCII).
  @inline(__always)
  static func utf8Width(lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  /// Whether the bytes at `i` are ’ or ‘ (E2 80 99, E2 80 98): MidNumLet in word break.
  @inline(__always)
  static func isCurlySingleQuote(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    i + 2 < bytes.count && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99)
  }

  /// The width of a sentence-break Close character at `i` that is not ASCII (’ ‘ ” “), else 0.
  @inline(__always)
  static func curlyQuoteWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    guard i + 2 < bytes.count, bytes[i] == 0xE2, bytes[i + 1] == 0x80 else { return 0 }
    switch bytes[i + 2] {
    case 0x98, 0x99, 0x9C, 0x9D: return 3
    default: return 0
    }
  }

  /// Whether the bytes at `i` are – or — (E2 80 93, E2 80 94): SContinue in sentence break.
  @inline(__always)
  static func isDash(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    i + 2 < bytes.count && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94)
  }
}
