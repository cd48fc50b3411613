import Testing

@testable import HarkText

@Suite struct TokenBufferTests {
  static func token(_ i: Int) -> Token {
    // Long norms are heap strings: a token moved or dropped wrongly would show as a wrong norm
    // or a crash.
    Token(
      kind: .word, norm: "word number \(i) of the buffer test", utf8Range: i..<i + 1, scalarRange: i..<i + 1, sentence: i / 10,
      clause: i / 5, caseShape: .lower)
  }

  @Test(arguments: [0, 1, 2, 3, 4, 5, 100])
  func appendsPastItsCapacityAndHandsOverEveryToken(count: Int) {
    let buffer = TokenBuffer(capacity: 2)
    for i in 0..<count { buffer.append(Self.token(i)) }
    #expect(buffer.count == count)
    for i in 0..<count {
      #expect(buffer.sentence(at: i) == i / 10)
      #expect(buffer.clause(at: i) == i / 5)
      #expect(buffer.ranges(at: i).utf8 == i..<i + 1)
    }
    let tokens = buffer.takeAll()
    #expect(tokens == (0..<count).map(Self.token))
    #expect(buffer.count == 0)
    // Reused after a hand-over, and after dropping tokens.
    buffer.append(Self.token(7))
    buffer.removeAll()
    buffer.append(Self.token(8))
    #expect(buffer.takeAll() == [Self.token(8)])
  }

  /// A tokenizer reuses its buffer from text to text: long and short texts in turn give the
  /// same documents as a fresh tokenizer each.
  @Test func tokenizerReusesItsBufferAcrossTexts() throws {
    let long = (0..<400).map { "Word\($0), said the inspector." }.joined(separator: " ")
    let texts = ["Short one.", long, "", "Another short one!", long + " And more.", "x"]
    let shared = try Tokenizer()
    for text in texts {
      let fresh = try Tokenizer().tokenize(text)
      let reused = try shared.tokenize(text)
      #expect(reused.tokens == fresh.tokens)
      #expect(reused.sentences == fresh.sentences)
      #expect(reused.clauses == fresh.clauses)
      var streamed: [Token] = []
      try shared.forEachToken(in: text) { streamed.append($0) }
      #expect(streamed == fresh.tokens)
    }
  }
}

@Suite struct AbbreviationTests {
  @Test func longestAbbreviationIsTheLongestListed() {
    let longest = TokenScanner.abbreviations.filter { !$0.dropLast().contains(".") }.map { $0.count - 1 }.max()
    #expect(longest == TokenScanner.longestAbbreviation)
  }

  /// Every listed abbreviation keeps its full stop, in any case; longer words before a full stop
  /// do not.
  @Test func everyListedAbbreviationKeepsItsFullStop() throws {
    for abbreviation in TokenScanner.abbreviations {
      for form in [abbreviation, abbreviation.capitalized, abbreviation.uppercased()] {
        let document = try tokenize("See \(form) here")
        #expect(document.tokens.map { String(document.text(of: $0)) } == ["See", form, "here"], "\(form)")
      }
    }
    for word in ["approxi.", "services.", "school."] {
      let document = try tokenize("See \(word) Here")
      #expect(document.tokens.count == 4, "\(word)")
    }
  }

  /// Dotted initialisms keep their full stop up to ``TokenScanner/longestDottedAbbreviation``
  /// bytes (dots included, the final one not), in the ASCII fast path and in ICU's alike.
  @Test(arguments: [("U.K.", true), ("e.g.", true), ("U.S.A.F.", true), ("a.b.c.d.", true), ("a.b.c.d.e.", false), ("U.S.A.F.B.", false)])
  func dottedInitialismsUpToTheLimitKeepTheirFullStop(word: String, keepsStop: Bool) throws {
    let fast = try Tokenizer()
    let icu = try Tokenizer()
    icu.usesASCIIFastPath = false
    for tokenizer in [fast, icu] {
      let document = try tokenizer.tokenize("See \(word) here")
      let surfaces = document.tokens.map { String(document.text(of: $0)) }
      #expect(surfaces == (keepsStop ? ["See", word, "here"] : ["See", String(word.dropLast()), ".", "here"]), "\(word): \(surfaces)")
    }
  }
}
