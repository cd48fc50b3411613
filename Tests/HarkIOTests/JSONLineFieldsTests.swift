import Foundation
@testable import HarkIO
import HarkTestSupport
import Testing

/// ``JSONLineFields`` answers only where `JSONSerialization` (with ``RecordReader/value(at:in:)``,
/// the reader's slow path) gives the same strings; everywhere else it must step aside.
@Suite struct JSONLineFieldsTests {
  static let names = ["text", "id", "region"]

  /// What the slow path reads: nil when the line is not a JSON object, else each name's value.
  static func reference(_ line: String) -> [String?]? {
    guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else { return nil }
    return names.map { RecordReader.value(at: $0, in: object) }
  }

  static func fast(_ line: String) -> [String?]? {
    var line = line
    return line.withUTF8 { JSONLineFields.strings(named: names.map { Array($0.utf8) }, in: $0) }
  }

  /// Where the fast reader answers, the line is an object and every name it found (or did not)
  /// reads the same in the slow path.
  static func expectAgreement(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let fast = fast(line) else { return }
    let slow = reference(line)
    #expect(slow != nil, "fast path read a line JSONSerialization rejects: \(line.debugDescription)", sourceLocation: sourceLocation)
    if let slow { #expect(fast == slow, "\(line.debugDescription)", sourceLocation: sourceLocation) }
  }

  @Test(arguments: [
    (#"{"text":"Staff were kind","id":"r1"}"#, ["Staff were kind", "r1", nil] as [String?]),
    (#" {"id":"7", "text" : "a\"b\\c\/d\n\t\u00e9\u0000" , "region":"North"} "#, ["a\"b\\c/d\n\té\u{0}", "7", "North"]),
    (#"{"x":[1,-2.5,0,{"y":null,"z":[true,false]}],"text":"é 😀","n":{}}"#, ["é 😀", nil, nil]),
    (#"{"te\u0078t":"escaped key"}"#, ["escaped key", nil, nil]),
    (#"{"text":""}"#, ["", nil, nil]),
    ("{\"text\":\"a\u{7F}b \\uFFFF \\u0001\"}", ["a\u{7F}b \u{FFFF} \u{1}", nil, nil]),
    (#"{}"#, [nil, nil, nil]),
  ])
  func readsPlainObjects(line: String, expected: [String?]) {
    #expect(Self.fast(line) == expected)
    #expect(Self.reference(line) == expected)
  }

  /// Lines it leaves to `JSONSerialization`: some valid there (a trailing comma, a repeated or
  /// non-string wanted field, an exponent, a surrogate pair), some not.
  @Test(arguments: [
    #"{"text":"a", }"#, #"{"text":"a","text":"b"}"#, #"{"text":1}"#, #"{"id":2,"text":"a"}"#, #"{"text":null}"#,
    #"{"n":1e5,"text":"a"}"#, #"{"n":1E400,"text":"a"}"#, #"{"n":1234567890123456,"text":"a"}"#,
    #"{"text":"\ud83d\ude00"}"#, #"{"text":"\ud800"}"#, #"{"text":"a\x"}"#, "{\"text\":\"tab\tinside\"}",
    #"{"text":"a"} x"#, #"{"text":"a"}{}"#, #"{"n":01,"text":"a"}"#, #"{"n":1.,"text":"a"}"#, #"{"n":-,"text":"a"}"#,
    #"{'text':'a'}"#, #"["text"]"#, #""text""#, "", "   ", "{\"text\":\"a\"}\u{0C}", "\u{FEFF}{\"text\":\"a\"}",
    #"{"n":tru,"text":"a"}"#, #"{"text":"a""#, #"{"text""#,
    String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
    #"{"a":[1,],"text":"x"}"#, #"{"a":{"b":1,},"text":"x"}"#, #"{"text":"\u00"}"#,
  ])
  func stepsAsideWhereUnsure(line: String) {
    #expect(Self.fast(line) == nil)
  }

  /// Random objects, half of them broken by a random edit: wherever the fast reader answers, the
  /// slow path agrees. Fails if the fast reader accepts a malformed line or decodes a string
  /// differently (decoding `\t` as `t` fails both this and the table above); and the fast reader
  /// must answer on a third of the unbroken lines at least (42% with this generator, which often
  /// puts numbers, nulls or surrogates where strings are wanted).
  @Test func agreesWithJSONSerializationOnRandomLines() {
    var random = SplitMix64(seed: 0x4A53_4F4E)
    var answered = 0
    var unbroken = 0
    for round in 0..<20_000 {
      var line = Self.randomObject(&random, depth: 0)
      let broken = round % 2 == 1
      if broken {
        var scalars = Array(line.unicodeScalars)
        let edits: [Unicode.Scalar] = [",", "}", "{", "\"", "\\", " ", ":", "]", "0", "e", "\u{1}"]
        let at = Int(random.next() % UInt64(scalars.count + 1))
        switch random.next() % 3 {
        case 0 where at < scalars.count: scalars.remove(at: at)
        case 1: scalars.insert(edits[Int(random.next() % UInt64(edits.count))], at: at)
        default: scalars = Array(scalars.prefix(at))
        }
        line = String(String.UnicodeScalarView(scalars))
      } else {
        unbroken += 1
      }
      if Self.fast(line) != nil && !broken { answered += 1 }
      Self.expectAgreement(line)
    }
    #expect(answered * 3 > unbroken, "the fast path answered on \(answered) of \(unbroken) unbroken lines")
  }

  static func randomObject(_ random: inout SplitMix64, depth: Int) -> String {
    var members: [String] = []
    let keys = ["text", "id", "region", "note", "n", "te\\u0078t", "meta"]
    for _ in 0..<Int(random.next() % 5) {
      let key = keys[Int(random.next() % UInt64(keys.count))]
      // Wanted fields are mostly strings; sometimes not, or repeated.
      let value = (key == "text" || key == "id" || key == "region") && random.next() % 5 != 0
        ? randomString(&random) : randomValue(&random, depth: depth + 1)
      members.append("\"\(key)\":\(value)")
    }
    return "{" + members.joined(separator: random.next() % 4 == 0 ? " , " : ",") + "}"
  }

  static func randomValue(_ random: inout SplitMix64, depth: Int) -> String {
    switch random.next() % (depth > 3 ? 4 : 6) {
    case 0: return randomString(&random)
    case 1:
      let numbers = ["0", "-0", "12", "-3.25", "1e5", "01", "1.", "123456789012345", "1234567890123456", "0.5", "-", "2E-3"]
      return numbers[Int(random.next() % UInt64(numbers.count))]
    case 2: return ["true", "false", "null"][Int(random.next() % 3)]
    case 3: return "\"\""
    case 4: return "[" + (0..<Int(random.next() % 3)).map { _ in randomValue(&random, depth: depth + 1) }.joined(separator: ",") + "]"
    default: return randomObject(&random, depth: depth)
    }
  }

  static func randomString(_ random: inout SplitMix64) -> String {
    let pieces = ["a", "Staff", " ", "é", "😀", "\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u00e9", "\\u0000", "\\uD83D\\uDE00", "\\ud800", "\\x", "'", "\t"]
    return "\"" + (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined() + "\""
  }
}
