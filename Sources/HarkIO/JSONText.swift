/// Writes JSON values into a byte buffer without Foundation: the output of every JSONL command
/// goes through here, one record at a time. Strings are escaped per RFC 8259 (`"`, `\`, and
/// control characters; everything else is written as UTF-8).
public enum JSONText {
  /// Appends `value` as a JSON string literal, quotes included.
  public static func appendString(_ value: some StringProtocol, to output: inout [UInt8]) {
    output.append(0x22)
    for b in value.utf8 {
      switch b {
      case 0x22: output.append(0x5C); output.append(0x22)
      case 0x5C: output.append(0x5C); output.append(0x5C)
      case 0x0A: output.append(0x5C); output.append(0x6E)
      case 0x0D: output.append(0x5C); output.append(0x72)
      case 0x09: output.append(0x5C); output.append(0x74)
      case 0x00..<0x20, 0x7F:
        output.append(contentsOf: Array("\\u00".utf8))
        output.append(hexDigits[Int(b >> 4)])
        output.append(hexDigits[Int(b & 0x0F)])
      default: output.append(b)
      }
    }
    output.append(0x22)
  }

  /// Appends `"key":` (the key is escaped like any string).
  public static func appendKey(_ key: String, to output: inout [UInt8]) {
    appendString(key, to: &output)
    output.append(0x3A)
  }

  public static func appendInt(_ value: Int, to output: inout [UInt8]) {
    output.append(contentsOf: String(value).utf8)
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
