import Foundation
import HarkIO
import HarkTestSupport
import Testing

@Suite struct CSVReaderTests {
  static func write(_ bytes: [UInt8], suffix: String = ".csv") throws -> String {
    let path = TestScratch.path("csv", suffix: suffix)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func records(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [CSVReader.Record] {
    let reader = try CSVReader(path: try write(Array(text.utf8)), delimiter: delimiter)
    var result: [CSVReader.Record] = []
    while let record = try reader.next() { result.append(record) }
    return result
  }

  @Test(arguments: [
    ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),
    ("a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
    ("a,b\n1,2", [["a", "b"], ["1", "2"]]),
    ("\u{FEFF}id,text\n1,hi\n", [["id", "text"], ["1", "hi"]]),
    ("x\n\"a, b\"\n", [["x"], ["a, b"]]),
    ("x\n\"she said \"\"no\"\"\"\n", [["x"], ["she said \"no\""]]),
    ("x,y\n\"line one\nline two\",2\n", [["x", "y"], ["line one\nline two", "2"]]),
    ("x,y\n,\n", [["x", "y"], ["", ""]]),
    ("x\n\n", [["x"], [""]]),
    ("x,y\n1,", [["x", "y"], ["1", ""]]),
    ("x,y\n\"a\"b,c\n", [["x", "y"], ["ab", "c"]]),
    ("x\ra\rb", [["x"], ["a"], ["b"]]),
    ("x\n\"\"\n", [["x"], [""]]),
  ] as [(String, [[String]])])
  func parsesRFC4180(text: String, expected: [[String]]) throws {
    #expect(try Self.records(text).map(\.fields) == expected)
  }

  /// Random fields holding delimiters, quotes, line breaks and non-ASCII text, written as RFC
  /// 4180 and read back: the same fields, on the right lines, across many buffer refills.
  @Test func randomRecordsRoundTrip() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let pieces = ["a", "word", " ", ",", "\"", "\n", "\r\n", "é", "😡", "\t", "''", "x,y"]
    var expected: [[String]] = []
    var text = ""
    for _ in 0..<10_000 {  // about 450 KB: several 64 KiB reads
      let fields = (0..<(1 + next(4))).map { _ in (0..<next(6)).map { _ in pieces[next(pieces.count)] }.joined() }
      expected.append(fields)
      text += fields.map { field in
        field.utf8.contains(where: { [0x2C, 0x22, 0x0A, 0x0D].contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
      }.joined(separator: ",") + "\n"
    }
    let records = try Self.records(text)
    // (A record of one empty field is an empty line, which reads back as one empty field too.)
    #expect(records.count == expected.count)
    #expect(zip(records, expected).allSatisfy { $0.fields == $1 })
    var line = 1
    var lines: [Int] = []
    for fields in expected {
      lines.append(line)
      line += 1 + fields.reduce(0) { $0 + $1.utf8.filter { $0 == 0x0A }.count }
    }
    #expect(records.map(\.line) == lines)
  }

  @Test func recordsKnowTheirStartingLine() throws {
    let records = try Self.records("x,y\n\"a\nb\nc\",1\nd,2\n")
    #expect(records.map(\.line) == [1, 2, 5])
  }

  @Test func tabSeparated() throws {
    #expect(try Self.records("a\tb\n1\t\"x\ty\"\n", delimiter: 0x09).map(\.fields) == [["a", "b"], ["1", "x\ty"]])
  }

  @Test func unclosedQuoteIsAnErrorWithItsLine() throws {
    let reader = try CSVReader(path: try Self.write(Array("x\nok\n\"never closed\n".utf8)))
    _ = try reader.next()
    _ = try reader.next()
    let error = #expect(throws: HarkIOError.self) { try reader.next() }
    #expect(error == .malformed(path: reader.name, line: 3, reason: "a quoted field is not closed before the end of the input"))
  }

  @Test func aLongQuotedFieldIsReadWhole() throws {
    let long = String(repeating: "word, \"quoted\"\n", count: 40_000)
    let escaped = long.replacingOccurrences(of: "\"", with: "\"\"")
    let records = try Self.records("text\n\"\(escaped)\"\nnext\n")
    #expect(records.count == 3)
    #expect(records[1].fields == [long])
    #expect(records[2].line == 40_003)
  }

  @Test func invalidUTF8IsRepairedAndFlagged() throws {
    let reader = try CSVReader(path: try Self.write([0x78, 0x0A, 0x61, 0xFF, 0x0A]))
    _ = try reader.next()
    let record = try #require(try reader.next())
    #expect(record.hadInvalidUTF8)
    #expect(record.fields == ["a\u{FFFD}"])
  }
}

@Suite struct RecordReaderTests {
  /// Records in = records read + records reported, over a hostile file.
  @Test func everyRecordIsAccountedFor() throws {
    let csv = "id,text,respondent_type\n1,fine,parent\n2,\"too\",many,fields\n3,\"multi\nline\",teacher\n4\n5,,other\n"
    let reader = try RecordReader(path: try CSVReaderTests.write(Array(csv.utf8)), format: .csv, keep: ["respondent_type"])
    var read: [InputRecord] = []
    var issues: [RecordIssue] = []
    var number = 0
    while let result = try reader.next(number: number + 1) {
      number += 1
      switch result {
      case .success(let record): read.append(record)
      case .failure(let issue): issues.append(issue)
      }
    }
    #expect(number == 5)
    #expect(read.count + issues.count == 5)
    #expect(read.map(\.id) == ["1", "3", "5"])
    #expect(read[1].text == "multi\nline")
    #expect(read[2].text.isEmpty)
    #expect(read[0].fields == [.init(name: "respondent_type", value: "parent")])
    #expect(issues.map(\.line) == [3, 6])
    #expect(issues[0].reason == "expected 3 fields, found 4")
  }

  @Test func missingTextColumnListsTheColumns() throws {
    let path = try CSVReaderTests.write(Array("id,body\n1,x\n".utf8))
    #expect(throws: RecordReaderError.missingColumn(source: path, column: "text", available: ["id", "body"])) {
      try RecordReader(path: path, format: .csv)
    }
  }

  @Test func jsonlFindsNestedFieldsAndReportsBadLines() throws {
    let jsonl = #"{"id": "a", "response": {"text": "hello"}}"# + "\nnot json\n" + #"{"id": 7, "response": {"text": "bye"}}"# + "\n"
    let reader = try RecordReader(path: try CSVReaderTests.write(Array(jsonl.utf8), suffix: ".jsonl"), format: .auto, textColumn: "response.text")
    #expect(reader.format == .jsonl)
    let first = try #require(try reader.next(number: 1))
    #expect(try first.get().text == "hello")
    let second = try #require(try reader.next(number: 2))
    guard case .failure(let issue) = second else {
      Issue.record("expected an issue")
      return
    }
    #expect(issue.line == 2)
    let third = try #require(try reader.next(number: 3))
    #expect(try third.get().id == "7")
    #expect(try reader.next(number: 4) == nil)
  }
}
