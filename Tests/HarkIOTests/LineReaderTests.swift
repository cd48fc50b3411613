import Foundation
import HarkIO
import Testing

@Suite struct LineReaderTests {
  /// Writes `bytes` to a temporary file and reads its lines back with a small block size, so that
  /// lines straddle blocks.
  static func lines(of bytes: [UInt8], blockSize: Int = 7) throws -> [InputLine] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hark-lines-\(UUID().uuidString)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let reader = try LineReader(path: url.path, blockSize: blockSize)
    var result: [InputLine] = []
    while let line = try reader.next() { result.append(line) }
    return result
  }

  @Test(arguments: [
    ("", [String]()),
    ("one", ["one"]),
    ("one\n", ["one"]),
    ("one\ntwo\n", ["one", "two"]),
    ("one\r\ntwo\r\n", ["one", "two"]),
    ("one\n\nthree", ["one", "", "three"]),
    ("\n", [""]),
    ("no newline at end\r", ["no newline at end"]),
  ])
  func splitsLines(input: String, expected: [String]) throws {
    let lines = try Self.lines(of: Array(input.utf8))
    #expect(lines.map(\.text) == expected)
    #expect(lines.map(\.number) == Array(1..<(expected.count + 1)))
  }

  @Test func repairsInvalidUTF8AndSaysSo() throws {
    let lines = try Self.lines(of: [0x6F, 0x6B, 0x0A, 0x62, 0xFF, 0x61, 0x64, 0x0A, 0xE2, 0x82])
    #expect(lines.map(\.hadInvalidUTF8) == [false, true, true])
    #expect(lines[1].text == "b\u{FFFD}ad")
  }

  @Test func readsAVeryLongLineWhole() throws {
    let long = [UInt8](repeating: 0x78, count: 3_000_000)
    let lines = try Self.lines(of: long + [0x0A, 0x79], blockSize: 1 << 16)
    #expect(lines.count == 2)
    #expect(lines[0].text.utf8.count == 3_000_000)
    #expect(lines[1].text == "y")
  }

  @Test func missingFileIsAnError() {
    #expect(throws: HarkIOError.self) { try LineReader(path: "/nonexistent/hark/file.txt") }
  }
}

@Suite struct JSONTextTests {
  @Test(arguments: [
    "plain", "quote \" backslash \\ slash /", "new\nline\r\ttab", "\u{0}\u{1}\u{1F}\u{7F}", "é 東京 😀", "", "\"\"", "\"edges\\",
    "a\u{0}b\u{1F}c\"d",
  ])
  func stringsRoundTripThroughAJSONParser(_ value: String) throws {
    var bytes: [UInt8] = []
    JSONText.appendString(value, to: &bytes)
    let parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    #expect(parsed as? String == value)
    // A substring (the surface of a token, say) is written the same.
    var fromSubstring: [UInt8] = []
    JSONText.appendString(("<" + value + ">").dropFirst().dropLast(), to: &fromSubstring)
    #expect(fromSubstring == bytes)
  }

  /// Integers are written from their digits: the same bytes as Swift's own printing.
  @Test(arguments: [0, 1, -1, 9, 10, -10, 99, 100, 287, 1_000_000, -4_096, Int.max, Int.min, Int.max - 1, Int.min + 1])
  func integersAreWrittenAsSwiftPrintsThem(_ value: Int) {
    var bytes: [UInt8] = [0x5B]
    JSONText.appendInt(value, to: &bytes)
    #expect(bytes == [0x5B] + Array(String(value).utf8))
  }

  @Test func integersAcrossMagnitudesAreWrittenAsSwiftPrintsThem() {
    var generator = SystemRandomNumberGenerator()
    for digits in 1...18 {
      for _ in 0..<200 {
        let value = Int.random(in: -(Int(pow(10.0, Double(digits))))...Int(pow(10.0, Double(digits))), using: &generator)
        var bytes: [UInt8] = []
        JSONText.appendInt(value, to: &bytes)
        #expect(bytes == Array(String(value).utf8), "\(value)")
      }
    }
  }

  @Test(arguments: ["", "{", #"{"id":"#, "}\n", "é"] as [StaticString])
  func literalsAreAppendedAsTheirUTF8(_ literal: StaticString) {
    var bytes: [UInt8] = [0x41]
    JSONText.appendLiteral(literal, to: &bytes)
    #expect(bytes == [0x41] + Array(literal.description.utf8))
  }
}
