/// Reads the few top-level string fields a record needs (its text, its id, the kept columns) from
/// one JSONL line in a single pass, without building the whole object as `JSONSerialization`
/// does: on the main thread of `hark classify --jobs 2`, decoding JSONL that way took a tenth of
/// all CPU and held the workers back.
///
/// It answers only where it is sure to agree with `JSONSerialization` and
/// ``RecordReader/value(at:in:)``: the line is one JSON object of plain RFC 8259 syntax (numbers
/// without exponents and of at most 15 digits, escapes other than lone surrogates, nesting at most
/// 32 deep, no trailing commas) whose wanted fields, where present, are strings named once. Any
/// other line (a number or an object where a string is wanted, a repeated name, anything
/// malformed or unusual) gives nil, and the caller decodes it with `JSONSerialization` as before.
/// A test compares the two on random and broken lines.
enum JSONLineFields {
  /// The most nested objects and arrays read; deeper lines are left to `JSONSerialization`.
  static let maximumDepth = 32

  /// The values of the top-level fields `names` (each the UTF-8 of a name without a `.`, made once
  /// by the caller for every line) in the object on `line`, in the order of `names`: nil for a
  /// name the object lacks. Nil when unsure (see above).
  static func strings(named names: [[UInt8]], in line: UnsafeBufferPointer<UInt8>) -> [String?]? {
    var scanner = Scanner(bytes: line, names: names)
    guard scanner.readObject() else { return nil }
    return scanner.found
  }

  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let names: [[UInt8]]
    var position = 0
    var found: [String?]
    /// Decoded bytes of the string being read when it holds escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, names: [[UInt8]]) {
      self.bytes = bytes
      self.names = names
      found = Array(repeating: nil, count: names.count)
    }

    /// The whole line: whitespace, one object, whitespace.
    mutating func readObject() -> Bool {
      skipWhitespace()
      guard peek() == UInt8(ascii: "{") else { return false }
      guard readMembers(topLevel: true, depth: 1) else { return false }
      skipWhitespace()
      return position == bytes.count
    }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
      while position < bytes.count {
        switch bytes[position] {
        case 0x20, 0x09, 0x0A, 0x0D: position += 1
        default: return
        }
      }
    }

    /// An object from its `{`; at the top level, the wanted members' string values are kept.
    mutating func readMembers(topLevel: Bool, depth: Int) -> Bool {
      position += 1  // {
      skipWhitespace()
      if peek() == UInt8(ascii: "}") {
        position += 1
        return true
      }
      while true {
        guard peek() == UInt8(ascii: "\""), let (keyStart, keyEnd, keyEscaped) = readString() else { return false }
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { return false }
        position += 1
        skipWhitespace()
        var wanted: Int?
        if topLevel {
          // A key with escapes is compared decoded; one matching a wanted name is read below.
          if keyEscaped {
            let key = decoded(keyStart, keyEnd)
            wanted = names.firstIndex(of: key)
          } else {
            let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<keyEnd])
            wanted = names.firstIndex { $0.elementsEqual(key) }
          }
        }
        if let index = wanted {
          // A wanted field must be a string, named once.
          guard found[index] == nil, peek() == UInt8(ascii: "\""), let (start, end, escaped) = readString() else { return false }
          found[index] = escaped ? String(decoding: decoded(start, end), as: UTF8.self) : String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        } else if !skipValue(depth: depth) {
          return false
        }
        guard let closed = readSeparator(closing: UInt8(ascii: "}")) else { return false }
        if closed { return true }
      }
    }

    /// After a member or an element: true past `closing`, false past a comma (and the whitespace
    /// after it), nil for anything else.
    mutating func readSeparator(closing: UInt8) -> Bool? {
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","):
        position += 1
        skipWhitespace()
        return false
      case closing:
        position += 1
        return true
      default:
        return nil
      }
    }

    /// Any value, read for its syntax only.
    mutating func skipValue(depth: Int) -> Bool {
      guard let first = peek() else { return false }
      switch first {
      case UInt8(ascii: "\""):
        return readString() != nil
      case UInt8(ascii: "{"):
        return depth < maximumDepth && readMembers(topLevel: false, depth: depth + 1)
      case UInt8(ascii: "["):
        guard depth < maximumDepth else { return false }
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
          position += 1
          return true
        }
        while true {
          guard skipValue(depth: depth + 1), let closed = readSeparator(closing: UInt8(ascii: "]")) else { return false }
          if closed { return true }
        }
      case UInt8(ascii: "t"): return readLiteral("true")
      case UInt8(ascii: "f"): return readLiteral("false")
      case UInt8(ascii: "n"): return readLiteral("null")
      default: return readNumber()
      }
    }

    mutating func readLiteral(_ literal: StaticString) -> Bool {
      let count = literal.utf8CodeUnitCount
      guard position + count <= bytes.count else { return false }
      for k in 0..<count where bytes[position + k] != literal.utf8Start[k] { return false }
      position += count
      return true
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, at most 15 digits in all (no exponent: a large one fails
    /// in `JSONSerialization`, which this reader does not try to predict).
    mutating func readNumber() -> Bool {
      if peek() == UInt8(ascii: "-") { position += 1 }
      var digits = 0
      func digit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
      guard digit(peek()) else { return false }
      if peek() == 0x30 {
        position += 1
        digits += 1
        if digit(peek()) { return false }  // no leading zeros
      } else {
        while digit(peek()) {
          position += 1
          digits += 1
        }
      }
      if peek() == UInt8(ascii: ".") {
        position += 1
        guard digit(peek()) else { return false }
        while digit(peek()) {
          position += 1
          digits += 1
        }
      }
      if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") { return false }
      return digits <= 15
    }

    /// A string from its opening quote: the range of its raw contents and whether they hold
    /// escapes; nil for a control character, an unknown escape or a lone surrogate.
    mutating func readString() -> (Int, Int, Bool)? {
      position += 1  // "
      let start = position
      var escaped = false
      while position < bytes.count {
        let b = bytes[position]
        if b == UInt8(ascii: "\"") {
          position += 1
          return (start, position - 1, escaped)
        }
        if b < 0x20 { return nil }
        if b == UInt8(ascii: "\\") {
          escaped = true
          guard position + 1 < bytes.count else { return nil }
          switch bytes[position + 1] {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
          case UInt8(ascii: "u"):
            guard let unit = hex4(at: position + 2), !(0xD800...0xDFFF).contains(unit) else { return nil }
            position += 6
          default:
            return nil
          }
          continue
        }
        position += 1
      }
      return nil
    }

    func hex4(at offset: Int) -> UInt32? {
      guard offset + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for k in 0..<4 {
        let b = bytes[offset + k]
        let nibble: UInt8
        switch b {
        case 0x30...0x39: nibble = b - 0x30
        case 0x41...0x46: nibble = b - 0x41 + 10
        case 0x61...0x66: nibble = b - 0x61 + 10
        default: return nil
        }
        value = value << 4 | UInt32(nibble)
      }
      return value
    }

    /// The UTF-8 of the escaped string contents `bytes[start..<end]`, checked by ``readString()``.
    mutating func decoded(_ start: Int, _ end: Int) -> [UInt8] {
      scratch.removeAll(keepingCapacity: true)
      var i = start
      while i < end {
        let b = bytes[i]
        guard b == UInt8(ascii: "\\") else {
          scratch.append(b)
          i += 1
          continue
        }
        let e = bytes[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
          let unit = hex4(at: i)!
          i += 4
          scratch.append(contentsOf: String(Character(Unicode.Scalar(unit)!)).utf8)
        default: scratch.append(e)  // " \ /
        }
      }
      return scratch
    }
  }
}
