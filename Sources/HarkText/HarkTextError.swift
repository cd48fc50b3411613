/// Errors raised by the text layer.
public enum HarkTextError: Error, Equatable, Sendable {
  /// An ICU call failed; `code` is ICU's `UErrorCode` (always > 0 here).
  case icu(function: String, code: Int32)
  /// A text is longer than ICU's 32-bit offsets can address (2 GiB).
  case textTooLong(bytes: Int)
}

extension HarkTextError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .icu(let function, let code): "ICU call \(function) failed (UErrorCode \(code))"
    case .textTooLong(let bytes): "text of \(bytes) bytes exceeds the 2 GiB that ICU can address"
    }
  }
}

@inline(__always)
func checkICU(_ code: Int32, _ function: String) throws(HarkTextError) {
  // ICU warnings are negative (e.g. U_USING_DEFAULT_WARNING from ubrk_open with "en"): only > 0 fails.
  if code > 0 { throw .icu(function: function, code: code) }
}
