import HarkTestSupport
import Testing

@testable import HarkText

/// The ASCII fast path must segment exactly as ICU does: boundaries and rule statuses.
@Suite struct ASCIIWordBreakerTests {
  static func icuSegments(_ text: String) throws -> [Segment] {
    try segments(text, source: .icu(ICUBreaker(kind: .word)))
  }

  static func asciiSegments(_ text: String) throws -> [Segment] {
    try segments(text, source: .ascii)
  }

  static func segments(_ text: String, source: SegmentCursor.Source) throws -> [Segment] {
    var copy = text
    return try copy.withUTF8 { bytes in
      let scratch = SegmentationScratch()
      var cursor = try SegmentCursor(text: bytes, source: source, scratch: scratch)
      var result: [Segment] = []
      while let segment = cursor.peek() {
        result.append(segment)
        cursor.consume(through: segment.end)
      }
      cursor.release(to: scratch)
      return result
    }
  }

  @Test(arguments: [
    "a@b", "@x", "x@", "a:b", "a_b", "_a", "_", "a_", "1_", "a.b", "a'b", "1'2", "1.2", "1,2", "a,b", "1;2",
    "ab12cd", "12ab", "a.1", "1.a", "'a'", "a\"b", "a\tb", "  ", "a  b", "x.y.z", "a..b", "a@@b", "#x", "$5",
    "a\r\nb", "__", ";__", "1__", "__1", "_1a", "a1_", "a_1", "1,2_", "ab12", "a\rb", "\n\n", "\u{B}\u{C}", "e.g.", "don't", "students'", "2,500.50", "1.5m", "BigListen2024",
  ])
  func matchesICUOnSamples(_ text: String) throws {
    #expect(try Self.asciiSegments(text) == Self.icuSegments(text))
  }

  /// The random texts of `alphabet` (20,000 of up to 24 scalars) whose segments differ from ICU's.
  static func randomMismatches(alphabet: [Unicode.Scalar], seed: UInt64) throws -> [String] {
    var generator = SplitMix64(seed: seed)
    return try generator.texts(20_000, from: alphabet, maxLength: 24).filter { try asciiSegments($0) != icuSegments($0) }
  }

  @Test func matchesICUOnRandomASCII() throws {
    // Weighted towards the characters whose rules interact: letters, digits, . ' , ; _ @ : and spaces.
    let alphabet = Array("aZb09 ..'',;;__@@::-\"#$%&()*+/<=>?[]\\^`{|}~\t\r\n\u{B}\u{C}\u{0}\u{7F}".unicodeScalars)
    let mismatches = try Self.randomMismatches(alphabet: alphabet, seed: 2024)
    let examples = mismatches.prefix(5).map { Array($0.utf8) }
    #expect(mismatches.count == 0, "first mismatches (UTF-8): \(examples)")
  }

  @Test func matchesICUOnRealisticText() throws {
    let text = """
      Ofsted's 'Big Listen' - don't PANIC!!! 2,500 leaders got 1.5m :) see https://gov.uk/x #BigListen
      @Ofstednews e-mail a.b@c.org; well-being isn't 'inadequate'... Mr. Smith (e.g. the DSL) said 10:30,
      3.5% of 1,500.50; C++ & R_2 rock_n_roll __init__ o'clock rock'n'roll 'quoted' students' 24/7 2023-24
      """
    #expect(try Self.asciiSegments(text) == Self.icuSegments(text))
  }

  /// Every non-ASCII character the fast path accepts, by value.
  static let supportedScalars: [Unicode.Scalar] = (0x80...0x1FFFF).compactMap { value in
    FastPathScalars.isSupported(UInt32(value)) ? Unicode.Scalar(UInt32(value)) : nil
  }

  @Test(arguments: [
    ("plain ASCII, don't", true), ("don’t “quoted” – £5 … • €2 — ‘x’", true), ("😀👍🎉🤔❤⭐✅✨☺☹🚛", true),
    ("café", false), ("👍🏼", false), ("❤️", false), ("a\u{200D}b", false), ("no\u{A0}break", false), ("🇬🇧", false),
    ("«quoted»", false), ("x\u{2028}y", false),
  ])
  func supportedScalarsAreRecognised(_ text: String, _ supported: Bool) {
    var copy = text
    #expect(copy.withUTF8 { FastPathScalars.supports($0) } == supported)
  }

  /// Each supported non-ASCII character, in the contexts where the word rules look at a
  /// character's class (between letters, between digits, after a dot or apostrophe, doubled, at
  /// either end), segments as ICU segments it.
  @Test func everySupportedScalarMatchesICU() throws {
    #expect(Self.supportedScalars.count > 1_000)
    var mismatches: [String] = []
    for scalar in Self.supportedScalars {
      let c = String(Character(scalar))
      for text in ["a\(c)b", "1\(c)2", "a.\(c)b", "a'\(c)", "\(c)\(c)", "\(c)", "x \(c) y", "a\(c)1", "1\(c)a", "e.g\(c)"] {
        if try Self.asciiSegments(text) != Self.icuSegments(text) { mismatches.append(text) }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
  }

  @Test func matchesICUOnRandomTextWithSupportedScalars() throws {
    let alphabet = Array("aZb09 ..'',;;__@@::-\"#$%&()*+/<=>?[]\t\r\n’’‘“”–—…£€•😀👍❤🚛🤔".unicodeScalars)
    let mismatches = try Self.randomMismatches(alphabet: alphabet, seed: 2026)
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
  }

  @Test func fastPathTokensEqualICUPathTokens() throws {
    let text = "Mr. O'Brien's school (Requires Improvement) got 3% more: see www.x.org/a_b, e.g. 'RI'... :-) <3 well-being"
    #expect(try tokenize(text, fastPath: true).tokens == tokenize(text, fastPath: false).tokens)
  }

  /// The whole fast path (ASCII word and sentence breaks, and the scanner reading them without
  /// the runs of spaces) gives the same document as ICU's iterators on random ASCII text: tokens,
  /// sentences and clauses.
  @Test func fastPathDocumentsEqualICUPathDocumentsOnRandomASCII() throws {
    let alphabet = Array("aZb09 ..'',;;__@@::-\"#$%&()*+/<=>?[]\\^`{|}~\t\r\n\u{B}\u{C}\u{0}\u{7F}".unicodeScalars)
      + Array(repeating: " ", count: 6) + Array("wordsWORDS".unicodeScalars)
    let mismatches = try Self.documentMismatches(alphabet: alphabet, seed: 77)
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3).map { Array($0.utf8) })")
  }

  /// The random texts of `alphabet` (5,000 of up to 40 scalars) whose document, tokens, sentences
  /// or clauses, differs between the fast path and ICU's iterators.
  static func documentMismatches(alphabet: [Unicode.Scalar], seed: UInt64) throws -> [String] {
    var generator = SplitMix64(seed: seed)
    let fast = try Tokenizer()  // one for all texts, as in use: its form cache carries over
    let icu = try Tokenizer()
    icu.usesASCIIFastPath = false
    return try generator.texts(5_000, from: alphabet, maxLength: 40).filter { text in
      try !Self.sameDocument(text, fast: fast, icu: icu)
    }
  }

  static func sameDocument(_ text: String, fast: Tokenizer, icu: Tokenizer) throws -> Bool {
    let (a, b) = (try fast.tokenize(text), try icu.tokenize(text))
    return a.tokens == b.tokens && a.sentences == b.sentences && a.clauses == b.clauses
  }

  /// The same with the non-ASCII characters the fast path accepts (curly quotes and apostrophes,
  /// dashes, £, €, bullets, emoji): tokens, sentences and clauses equal ICU's path.
  @Test func fastPathDocumentsEqualICUPathDocumentsWithSupportedScalars() throws {
    let alphabet = Array("aZb09 ..'',;:-\"()!?$%@#\t\n’’‘“”–—…£€•😀👍❤🎉".unicodeScalars)
      + Array(repeating: " ", count: 6) + Array("wordsWORDS".unicodeScalars)
    let mismatches = try Self.documentMismatches(alphabet: alphabet, seed: 78)
    let realistic = """
      The head’s “outstanding” rating – fair? Parents paid £1.5m… • Staff don’t care 😡. Mr. O’Brien said ‘no’. 
      Fees were €30—outrageous! 👍👍 Thanks. 24’000 pupils; ‘Requires Improvement’… really? ☹
      """
    let icu = try Tokenizer()
    icu.usesASCIIFastPath = false
    #expect(try Self.sameDocument(realistic, fast: Tokenizer(), icu: icu))
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))")
  }

  /// Texts made of words and of the pieces that make a word more than plain (what the scanner's
  /// shortcut for plain tokens must leave to the recognisers: URLs, e-mail addresses, emoticons
  /// that start with a letter, list markers, abbreviations, possessives, compounds, hashtags,
  /// amounts), joined at random with or without spaces: the same documents as ICU's path.
  @Test func fastPathDocumentsEqualICUPathDocumentsOnWordPieces() throws {
    let pieces = [
      "school", "Staff", "was", "what", "how", "xD", "XD", "D:", "DP", "o_O", "8-)", "x", "D", "P", "http", "https://a.bc/d",
      "www.ab.org", "HTTP", "www", "a@b.com", "@head", "#tag", "$5", "£3", "e.g.", "Mr.", "etc.", "students'", "don't", "it’s",
      "well-being", "a)", "1.", "b.", "-", "*", ":", ";", "'", "’", "\"", ".", ",", "!", "?", ")", "(", "...", "--", "_", "A",
      "3", "42", "24/7", "10:30", "3%", "2023-24", "3-year-old", "3rd", "1.5", "approx", "No", "U.K", "Dr", "school.", "e.g",
      "a.b.c.d.e", "U.S.A.F.B", "i.e",
    ]
    let joins = [" ", " ", " ", "", "\n", "  ", "\n- "]
    var generator = SplitMix64(seed: 79)
    let fast = try Tokenizer()
    let icu = try Tokenizer()
    icu.usesASCIIFastPath = false
    var mismatches: [String] = []
    for _ in 0..<5_000 {
      var text = ""
      for _ in 0..<Int(generator.next() % 12) {
        text += pieces[Int(generator.next() % UInt64(pieces.count))] + joins[Int(generator.next() % UInt64(joins.count))]
      }
      if try !Self.sameDocument(text, fast: fast, icu: icu) { mismatches.append(text) }
    }
    #expect(mismatches.count == 0, "\(mismatches.count) mismatches, first: \(mismatches.prefix(3))")
  }

  /// The cursor's window storage behaves like an array under random appends, drops from the front
  /// and replacements (growing past its capacity).
  @Test func segmentBufferMatchesAnArray() {
    var generator = SplitMix64(seed: 11)
    var buffer = SegmentBuffer(capacity: 4)
    defer { buffer.deallocate() }
    var model: [Segment] = []
    func segment() -> Segment {
      let start = Int(generator.next() % 1000)
      return Segment(start: start, end: start + 1, status: Int32(generator.next() % 3) * 100)
    }
    for _ in 0..<2_000 {
      switch generator.next() % 4 {
      case 0, 1:
        let s = segment()
        buffer.append(s)
        model.append(s)
      case 2 where !model.isEmpty:
        let n = Int(generator.next() % UInt64(model.count + 1))
        buffer.removeFirst(n)
        model.removeFirst(n)
      case 3 where !model.isEmpty:
        let index = Int(generator.next() % UInt64(model.count))
        let pieces = (0..<Int(generator.next() % 4)).map { _ in segment() }
        buffer.replace(at: index, with: pieces)
        model.replaceSubrange(index...index, with: pieces)
      default:
        break
      }
      #expect((0..<buffer.count).map { buffer[$0] } == model)
    }
  }
}
