import Foundation

/// Arrays of fixed-width integers packed little-endian into base64 text, for the large tables of a
/// partial state: one JSON string instead of millions of JSON numbers keeps encoding memory and
/// file size small.
enum PackedIntegers {
  static func encode<T: FixedWidthInteger>(_ values: [T]) -> String {
    var bytes = [UInt8]()
    bytes.reserveCapacity(values.count * MemoryLayout<T>.size)
    for value in values {
      var little = value.littleEndian
      withUnsafeBytes(of: &little) { bytes.append(contentsOf: $0) }
    }
    return Data(bytes).base64EncodedString()
  }

  /// The values, or nil when the text is not base64 of a whole number of values.
  static func decode<T: FixedWidthInteger>(_ text: String, as type: T.Type = T.self) -> [T]? {
    guard let data = Data(base64Encoded: text), data.count % MemoryLayout<T>.size == 0 else { return nil }
    let size = MemoryLayout<T>.size
    var values = [T]()
    values.reserveCapacity(data.count / size)
    data.withUnsafeBytes { raw in
      for offset in stride(from: 0, to: raw.count, by: size) {
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + size)])) }
        values.append(T(littleEndian: value))
      }
    }
    return values
  }
}
