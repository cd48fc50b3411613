import HarkTestSupport
import Testing

@testable import HarkText

/// spaCy's non-destructive invariant, Hark's way: whatever the input, every token's offsets
/// slice exactly its surface out of the original, tokens are ordered and disjoint, nothing but
/// white space and invisible characters lies between them, and sentences/clauses only grow.
@Suite struct OffsetInvariantTests {
  static let hostile: [String] = [
    "",
    "   \t\n  ",
    "مرحبا بالعالم! هذا اختبار.",  // right-to-left
    "שלום, עולם",
    "\u{202E}reversed\u{202C} text",
    "東京は大きい都市です。今日は晴れ。",  // CJK
    "e\u{301}\u{301}\u{301} Zalgo z\u{35B}\u{35B}a\u{36A}l",  // combining marks
    "\u{301}\u{302} lone combining marks \u{301}",
    "İstanbul ıi Iİ",  // Turkish dotted and dotless I
    "👨‍👩‍👧‍👦 👍🏿 🏳️‍🌈 🇬🇧🇫🇷 ❤️‍🔥 1️⃣ #️⃣",
    "a\u{0}b NUL\u{0}\u{0}",
    "\u{FEFF}BOM \u{200B}zero\u{200B}width\u{200D} soft\u{AD}hyphen",
    "\u{FFFD}\u{FFFD} replacement",
    "tab\tseparated\u{B}vertical\u{C}feed\r\nCRLF\u{2028}LS\u{2029}PS\u{85}NEL",
    String(repeating: "a", count: 100_000),
    String(repeating: "x-", count: 5_000),
    String(repeating: "a+", count: 5_000) + "@b.com",
    String(repeating: ":)", count: 1_000),
    String(repeating: "é", count: 10_000),
    "https://" + String(repeating: "(", count: 500),
    "ＦＵＬＬ　ｗｉｄｔｈ　ｔｅｘｔ！",
    "ﬁne ﬂow Straße ß ǅ ΣΑΣ",
    "'''''' \"\"\" ’’’ ‘‘‘",
    "students'  students’ 's ' s'",
    "e.g.e.g.e.g. Mr.Mr. ...",
    "1.2.3.4 1,2,3 1-2-3-a-b £ $ € 100% %",
    "@ # @@ ## #@ @#",
    "\u{1F3FB}\u{1F3FB} skin tones alone \u{FE0F}\u{FE0F}",
    "\u{E000}\u{F8FF} private use",
    "𝕳𝖆𝖗𝖐 mathematical",
  ]

  @Test(arguments: hostile)
  func offsetsSliceTheOriginal(_ text: String) throws {
    for fastPath in [true, false] {
      let document = try tokenize(text, fastPath: fastPath)
      Self.check(document)
    }
  }

  @Test func invalidUTF8IsRepairedAtTheBoundary() throws {
    let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0x20, 0xC3, 0x28, 0x20, 0xE2, 0x82]
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.unicodeScalars.contains("\u{FFFD}"))
    Self.check(try tokenize(text))
  }

  @Test func randomNoiseKeepsTheInvariants() throws {
    var generator = SplitMix64(seed: 7)
    let pieces = ["a", "B", "é", "’", "'", "-", ".", " ", "\n", "😀", "\u{301}", "1", ",", "@", "#", ":", ")", "\u{200D}", "東", "\u{0}", "ß", "http://", "www."]
    for _ in 0..<300 {
      let length = Int(generator.next() % 40)
      let text = (0..<length).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
      Self.check(try tokenize(text))
    }
  }

  static func check(_ document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = document.text
    let bytes = Array(text.utf8)
    let scalars = Array(text.unicodeScalars)
    var previousEnd = 0
    var previousSentence = 0
    var previousClause = 0
    for token in document.tokens {
      #expect(!document.text(of: token).isEmpty, sourceLocation: sourceLocation)
      #expect(token.utf8Range.lowerBound >= previousEnd, sourceLocation: sourceLocation)
      #expect(String(decoding: bytes[token.utf8Range], as: UTF8.self) == document.text(of: token), sourceLocation: sourceLocation)
      #expect(String(String.UnicodeScalarView(scalars[token.scalarRange])) == document.text(of: token), sourceLocation: sourceLocation)
      let gap = String(decoding: bytes[previousEnd..<token.utf8Range.lowerBound], as: UTF8.self)
      #expect(gap.unicodeScalars.allSatisfy(Self.isSkippable), "gap \(Array(gap.unicodeScalars))", sourceLocation: sourceLocation)
      #expect(token.sentence == previousSentence || token.sentence == previousSentence + 1, sourceLocation: sourceLocation)
      #expect(token.clause == previousClause || token.clause == previousClause + 1, sourceLocation: sourceLocation)
      // The tokenizer takes most hashes from its cache: they must be the norm's.
      #expect(token.normHash == Token.hash(ofNorm: token.norm), "\(token.norm)", sourceLocation: sourceLocation)
      previousEnd = token.utf8Range.upperBound
      previousSentence = token.sentence
      previousClause = token.clause
    }
    let tail = String(decoding: bytes[previousEnd...], as: UTF8.self)
    #expect(tail.unicodeScalars.allSatisfy(Self.isSkippable), sourceLocation: sourceLocation)
    if let first = document.tokens.first {
      #expect(first.sentence == 0 && first.clause == 0, sourceLocation: sourceLocation)
    }
  }

  static func isSkippable(_ scalar: Unicode.Scalar) -> Bool { Tokenizer.isIgnorable(scalar) }
}

