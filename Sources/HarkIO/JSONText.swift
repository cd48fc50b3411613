/// Writes JSON values into a byte buffer without Foundation: the output of every JSONL command
/// goes through here, one record at a time. Strings are escaped per RFC 8259 (`"`, `\`, and
/// control characters; everything else is written as UTF-8).
public enum JSONText {
  /// Appends `value` as a JSON string literal, quotes included.
  public static func appendString(_ value: String, to output: inout [UInt8]) {
    var value = value  // native strings are read in place; others are made native once
    value.withUTF8 { appendString(utf8: $0, to: &output) }
  }

  /// Appends `value` as a JSON string literal, quotes included.
  public static func appendString(_ value: Substring, to output: inout [UInt8]) {
    var value = value
    value.withUTF8 { appendString(utf8: $0, to: &output) }
  }

  /// Appends the UTF-8 text `bytes` as a JSON string literal, quotes included. Runs of bytes that
  /// need no escape are copied whole. (Concrete, not generic over `StringProtocol`: called from
  /// another module a generic function ran unspecialised, a witness-table call per byte.)
  public static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    output.append(0x22)
    var start = 0
    for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
      start = i + 1
      output.append(0x5C)  // backslash
      switch b {
      case 0x22, 0x5C: output.append(b)
      case 0x0A: output.append(0x6E)  // n
      case 0x0D: output.append(0x72)  // r
      case 0x09: output.append(0x74)  // t
      default:  // u00XX
        output.append(0x75)
        output.append(0x30)
        output.append(0x30)
        output.append(hexDigits[Int(b >> 4)])
        output.append(hexDigits[Int(b & 0x0F)])
      }
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    output.append(0x22)
  }

  /// Appends `"key":` (the key is escaped like any string).
  public static func appendKey(_ key: String, to output: inout [UInt8]) {
    appendString(key, to: &output)
    output.append(0x3A)
  }

  public static func appendInt(_ value: Int, to output: inout [UInt8]) {
    // Digits written backwards into a buffer on the stack, then copied: no string made.
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = digits.count
      repeat {
        start -= 1
        digits[start] = 0x30 + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      if value < 0 { output.append(0x2D) }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
    }
  }

  /// Appends the UTF-8 of `literal` (JSON punctuation and keys written by the caller), copied
  /// whole from the binary's constant data.
  @inline(__always)
  public static func appendLiteral(_ literal: StaticString, to output: inout [UInt8]) {
    output.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
