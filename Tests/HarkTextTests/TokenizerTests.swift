import HarkTestSupport
import Testing

@testable import HarkText

/// Tokenises with a fresh tokenizer (tests run in parallel; tokenizers are per task).
func tokenize(_ text: String, fastPath: Bool = true) throws -> Document {
  let tokenizer = try Tokenizer()
  tokenizer.usesASCIIFastPath = fastPath
  return try tokenizer.tokenize(text)
}

@Suite struct TokenizerTests {
  /// Surfaces of the tokens, with the kind after a slash when it is not `word`.
  static func rendered(_ document: Document) -> [String] {
    document.tokens.map { $0.kind == .word ? String(document.text(of: $0)) : "\(document.text(of: $0))/\($0.kind.rawValue)" }
  }

  @Test(arguments: [
    ("", []),
    ("   \n\t ", []),
    ("Hello, world!", ["Hello", ",/punctuation", "world", "!/punctuation"]),
    ("don't isn't headteacher's headteacher’s don’t", ["don't", "isn't", "headteacher's", "headteacher’s", "don’t"]),
    ("the students' work", ["the", "students'", "work"]),
    ("'tests' matter", ["'/punctuation", "tests", "'/punctuation", "matter"]),
    ("well-being co-operate so-called state-of-the-art", ["well-being", "co-operate", "so-called", "state-of-the-art"]),
    ("a - b -- c", ["a", "-/punctuation", "b", "-/punctuation", "-/punctuation", "c"]),
    ("3-year-old", ["3-year-old"]),
    ("e.g. i.e. etc. Mr. Dr. U.K.", ["e.g.", "i.e.", "etc.", "Mr.", "Dr.", "U.K."]),
    // Abbreviations in any case; a longer or shorter word before a full stop is not one.
    ("APPROX. Ltd. govt. approxi. ltdx. lt.", ["APPROX.", "Ltd.", "govt.", "approxi", "./punctuation", "ltdx", "./punctuation", "lt."]),
    ("HTTP://gov.uk Www.ofsted.gov.uk what www http here", ["HTTP://gov.uk/url", "Www.ofsted.gov.uk/url", "what", "www", "http", "here"]),
    ("see https://gov.uk/x, then www.ofsted.gov.uk.", ["see", "https://gov.uk/x/url", ",/punctuation", "then", "www.ofsted.gov.uk/url", "./punctuation"]),
    ("(https://en.wikipedia.org/wiki/Foo_(bar))", ["(/punctuation", "https://en.wikipedia.org/wiki/Foo_(bar)/url", ")/punctuation"]),
    ("mail a.b@c.org; first-last@example.co.uk", ["mail", "a.b@c.org/email", ";/punctuation", "first-last@example.co.uk/email"]),
    ("@Ofstednews and #BigListen2024 but # 1 and #1", ["@Ofstednews/mention", "and", "#BigListen2024/hashtag", "but", "#/punctuation", "1/number", "and", "#/punctuation", "1/number"]),
    (":) :-( ;) <3 :D D: :/ xD :)))", [":)/emoticon", ":-(/emoticon", ";)/emoticon", "<3/emoticon", ":D/emoticon", "D:/emoticon", "://emoticon", "xD/emoticon", ":)))/emoticon"]),
    ("£1.5m 3% 2,500 2023-24 10:30 24/7 $5 €20", ["£1.5m/number", "3%/number", "2,500/number", "2023-24/number", "10:30/number", "24/7/number", "$5/number", "€20/number"]),
    ("Dorothy:) said", ["Dorothy", ":/punctuation", ")/punctuation", "said"]),
    ("😡 👍🏽 👨‍👩‍👧 🇬🇧 ❤️", ["😡/emoji", "👍🏽/emoji", "👨‍👩‍👧/emoji", "🇬🇧/emoji", "❤️/emoji"]),
    ("café 東京 Ελλάδα", ["café", "東京", "Ελλάδα"]),
  ] as [(String, [String])])
  func tokens(text: String, expected: [String]) throws {
    #expect(Self.rendered(try tokenize(text)) == expected)
  }

  /// The one-pass survey of a text (all ASCII? any `@`?) agrees with a byte-by-byte look, with the
  /// bytes in the eight-byte blocks and in the tail, next to bytes with the high bit set.
  @Test func surveyMatchesAByteByByteLook() {
    var generator = SplitMix64(seed: 5)
    let alphabet: [UInt8] = [0x40, 0x41, 0x3F, 0x20, 0x00, 0x7F, 0x80, 0xC0, 0xC2, 0xFF, 0x61, 0x01]
    for _ in 0..<20_000 {
      let count = Int(generator.next() % 40)
      let bytes = (0..<count).map { _ in generator.next() % 6 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : 0x61 }
      let survey = bytes.withUnsafeBufferPointer { Tokenizer.survey($0) }
      #expect(survey.isASCII == bytes.allSatisfy { $0 < 0x80 } && survey.hasAt == bytes.contains(0x40), "\(bytes)")
    }
  }

  /// The cheap first-two-bytes filter in front of the emoticon table admits every emoticon, and
  /// each is still read as one token between spaces.
  @Test(arguments: Emoticons.list)
  func everyEmoticonPassesTheFilter(emoticon: String) throws {
    let bytes = Array(emoticon.utf8)
    #expect(Emoticons.mayStart(bytes[0], next: bytes[1]))
    let document = try tokenize("so \(emoticon) ok")
    #expect(Self.rendered(document) == ["so", "\(emoticon)/emoticon", "ok"])
  }

  @Test func emoticonSlashIsRecognised() throws {
    let document = try tokenize("meh :/ ok")
    #expect(document.tokens[1].kind == .emoticon)
    #expect(document.text(of: document.tokens[1]) == ":/")
  }

  /// The sentence from shared/notes/ICU.md, which lists what raw ICU splits and mislabels.
  @Test func icuNotesSentence() throws {
    let text = "Ofsted's 'Big Listen' — don't PANIC!!! 2,500 leaders got £1.5m :) 😡 see https://gov.uk/x #BigListen @Ofstednews e-mail a.b@c.org; well-being isn't 'inadequate'…"
    let document = try tokenize(text)
    let expected: [(String, TokenKind, String)] = [
      ("Ofsted's", .word, "ofsted's"), ("'", .punctuation, "'"), ("Big", .word, "big"), ("Listen", .word, "listen"),
      ("'", .punctuation, "'"), ("—", .punctuation, "-"), ("don't", .word, "don't"), ("PANIC", .word, "panic"),
      ("!", .punctuation, "!"), ("!", .punctuation, "!"), ("!", .punctuation, "!"), ("2,500", .number, "2,500"),
      ("leaders", .word, "leaders"), ("got", .word, "got"), ("£1.5m", .number, "£1.5m"), (":)", .emoticon, ":)"),
      ("😡", .emoji, "😡"), ("see", .word, "see"), ("https://gov.uk/x", .url, "https://gov.uk/x"),
      ("#BigListen", .hashtag, "#biglisten"), ("@Ofstednews", .mention, "@ofstednews"), ("e-mail", .word, "e-mail"),
      ("a.b@c.org", .email, "a.b@c.org"), (";", .punctuation, ";"), ("well-being", .word, "well-being"),
      ("isn't", .word, "isn't"), ("'", .punctuation, "'"), ("inadequate", .word, "inadequate"), ("'", .punctuation, "'"),
      ("…", .punctuation, "..."),
    ]
    #expect(document.tokens.count == expected.count)
    for (token, (surface, kind, norm)) in zip(document.tokens, expected) {
      #expect(document.text(of: token) == surface)
      #expect(token.kind == kind, "\(surface)")
      #expect(token.norm == norm, "\(surface)")
    }
    #expect(document.tokens[7].caseShape == .allCaps)
    #expect(document.tokens[0].caseShape == .title)
    #expect(document.tokens[24].flags.contains(.hyphenated))
    #expect(document.tokens[25].flags.contains(.apostrophe))
    #expect(document.sentences.count == 2)
  }

  @Test func hyphenatedPartsKeepTheirOffsets() throws {
    let document = try tokenize("Staff well‐being (one-word judgements)")
    let compound = try #require(document.tokens.first { $0.flags.contains(.hyphenated) })
    let parts = document.parts(of: compound)
    #expect(parts.map(\.norm) == ["well", "being"])
    let scalars = Array(document.text.unicodeScalars)
    for part in parts {
      #expect(String(String.UnicodeScalarView(scalars[part.scalarRange])) == document.text(of: part))
    }
    let plain = document.tokens[0]
    #expect(document.parts(of: plain) == [plain])
  }

  @Test(arguments: [
    ("sooooo", "soo", true), ("Goooood", "good", true), ("soo", "soo", false), ("www", "ww", true),
    ("NOOOO", "noo", true), ("Ofsted", "ofsted", false), ("naïïïve", "naïïve", true),
  ])
  func elongation(word: String, norm: String, elongated: Bool) throws {
    let token = try #require(try tokenize(word).tokens.first)
    #expect(token.norm == norm)
    #expect(token.flags.contains(.elongated) == elongated)
  }

  @Test(arguments: [
    ("PANIC", CaseShape.allCaps), ("Panic", .title), ("panic", .lower), ("BigListen", .mixed), ("I", .title),
    ("2,500", .none), ("SEND", .allCaps), ("ÉCOLE", .allCaps), ("école", .lower),
  ])
  func caseShapes(word: String, shape: CaseShape) throws {
    #expect(try tokenize(word).tokens.first?.caseShape == shape)
  }

  @Test func tokenizerCopiesAreIndependent() throws {
    let tokenizer = try Tokenizer()
    let copy = try tokenizer.copy()
    let a = try tokenizer.tokenize("Café. Second sentence")
    let b = try copy.tokenize("Café. Second sentence")
    #expect(a.tokens == b.tokens)
  }

  @Test func streamingGivesTheSameTokensAsTheDocument() throws {
    let tokenizer = try Tokenizer()
    let text = String(repeating: "Inspection was fine, but “stressful”! ", count: 800)
    var streamed: [Token] = []
    try tokenizer.forEachToken(in: text) { streamed.append($0) }
    #expect(streamed == (try tokenizer.tokenize(text)).tokens)
    #expect(streamed.count == 800 * 9)
  }

  /// Known values of the hash lexicon matchers key words by (64-bit FNV-1a, halves XORed).
  @Test(arguments: [("", 0x8422_2325 ^ 0xcbf2_9ce4), ("a", 0xaf63_dc4c ^ 0x8601_ec8c)] as [(String, UInt32)])
  func normHashIsFoldedFNV1a(norm: String, hash: UInt32) {
    #expect(Token.hash(ofNorm: norm) == hash)
  }

  @Test func normHashFollowsTheNorm() throws {
    var token = try #require(try tokenize("Good").tokens.first)
    #expect(token.normHash == Token.hash(ofNorm: "good"))
    token.norm = "great"
    #expect(token.normHash == Token.hash(ofNorm: "great"))
    // A long norm (beyond the tokenizer's cache) and a non-ASCII one.
    for text in ["Supercalifragilisticexpialidocious", "École"] {
      let token = try #require(try tokenize(text).tokens.first)
      #expect(token.normHash == Token.hash(ofNorm: token.norm))
    }
  }
}
