import Testing

@testable import HarkText

@Suite struct SentenceTests {
  /// The sentences of `text` as lists of surfaces joined by spaces.
  static func sentences(_ text: String) throws -> [String] {
    let document = try tokenize(text)
    return document.sentences.map { sentence in
      document.tokens[sentence.tokens].map { String(document.text(of: $0)) }.joined(separator: " ")
    }
  }

  @Test(arguments: [
    ("One. Two! Three? Four", ["One .", "Two !", "Three ?", "Four"]),
    ("Mr. Smith and Dr. Jones came. They left.", ["Mr. Smith and Dr. Jones came .", "They left ."]),
    ("Paperwork, e.g. Data. Reports, i.e. Forms, etc. Were fine", ["Paperwork , e.g. Data .", "Reports , i.e. Forms , etc. Were fine"]),
    ("Points:\n- workload\n- stress\n1. Grades\na) tone", ["Points :", "- workload", "- stress", "1. Grades", "a) tone"]),
    ("first line\nsecond line", ["first line second line"]),
    ("First line\nSecond line", ["First line", "Second line"]),
    ("It ended.\nthen more", ["It ended .", "then more"]),
  ] as [(String, [String])])
  func splits(text: String, expected: [String]) throws {
    #expect(try Self.sentences(text) == expected)
  }

  @Test func bulletsAreFlagged() throws {
    let document = try tokenize("- one\n• two\n1. three\nx - y")
    let bullets = document.tokens.filter { $0.flags.contains(.bulletMarker) }.map { String(document.text(of: $0)) }
    #expect(bullets == ["-", "•", "1."])
  }

  @Test func clausesEndAtClausePunctuation() throws {
    let document = try tokenize("Good staff, poor rooms; long waits (two hours) - awful. Next")
    let clauses = document.clauses.map { document.tokens[$0.tokens].map { String(document.text(of: $0)) }.joined(separator: " ") }
    #expect(clauses == ["Good staff ,", "poor rooms ;", "long waits", "( two hours )", "- awful .", "Next"])
    #expect(document.clauses.map(\.sentence) == [0, 0, 0, 0, 0, 1])
  }

  @Test func sentenceRangesSliceTheText() throws {
    let text = "Café was “fine”. Inspectors—not so.\nNew line"
    let document = try tokenize(text)
    let scalars = Array(text.unicodeScalars)
    for sentence in document.sentences {
      let first = document.tokens[sentence.tokens.lowerBound]
      let last = document.tokens[sentence.tokens.upperBound - 1]
      #expect(sentence.utf8Range == first.utf8Range.lowerBound..<last.utf8Range.upperBound)
      #expect(sentence.scalarRange == first.scalarRange.lowerBound..<last.scalarRange.upperBound)
      #expect(!String(String.UnicodeScalarView(scalars[sentence.scalarRange])).isEmpty)
    }
  }
}
