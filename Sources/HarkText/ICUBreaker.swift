import CICUShim

/// Owns one ICU break iterator (word or sentence). Stateful and not thread-safe: each
/// ``Tokenizer`` holds its own, and ``copy()`` makes another for another task.
final class ICUBreaker {
  enum Kind: Int32 {
    case word = 0
    case sentence = 1
  }

  let kind: Kind
  private let handle: OpaquePointer

  init(kind: Kind, locale: String = "en") throws(HarkTextError) {
    var error: Int32 = 0
    let opened = hark_breaker_open(kind.rawValue, locale, &error)
    try checkICU(error, "ubrk_open")
    guard let opened else { throw .icu(function: "ubrk_open", code: error) }
    self.kind = kind
    self.handle = opened
  }

  private init(kind: Kind, handle: OpaquePointer) {
    self.kind = kind
    self.handle = handle
  }

  func copy() throws(HarkTextError) -> ICUBreaker {
    var error: Int32 = 0
    let cloned = hark_breaker_clone(handle, &error)
    try checkICU(error, "ubrk_clone")
    guard let cloned else { throw .icu(function: "ubrk_clone", code: error) }
    return ICUBreaker(kind: kind, handle: cloned)
  }

  deinit { hark_breaker_close(handle) }

  /// Starts iterating `text`. The bytes are not copied: keep them alive and unchanged while
  /// ``fill(boundaries:statuses:)`` is called.
  func setText(_ text: UnsafeBufferPointer<UInt8>) throws(HarkTextError) {
    guard text.count < Int(Int32.max) else { throw .textTooLong(bytes: text.count) }
    var error: Int32 = 0
    hark_breaker_set_utf8(handle, text.baseAddress, Int64(text.count), &error)
    try checkICU(error, "ubrk_setUText")
  }

  /// Appends the next boundaries (UTF-8 offsets) and their rule statuses, at most `capacity`.
  /// Returns how many were added; 0 at the end of the text.
  func fill(boundaries: UnsafeMutablePointer<Int32>, statuses: UnsafeMutablePointer<Int32>?, capacity: Int) -> Int {
    Int(hark_breaker_fill(handle, boundaries, statuses, Int32(capacity)))
  }
}
