import HarkTestSupport
import Testing

@testable import HarkText

/// The ASCII sentence fast path must give exactly ICU's sentence boundaries.
@Suite struct ASCIISentenceBreakerTests {
  static func icuBoundaries(_ text: String) throws -> [Int32] {
    let breaker = try ICUBreaker(kind: .sentence)
    var copy = text
    return try copy.withUTF8 { bytes in
      try breaker.setText(bytes)
      var result: [Int32] = []
      var chunk = [Int32](repeating: 0, count: 64)
      while true {
        let n = chunk.withUnsafeMutableBufferPointer { breaker.fill(boundaries: $0.baseAddress!, statuses: nil, capacity: 64) }
        if n == 0 { break }
        result += chunk[0..<n]
      }
      return result
    }
  }

  static func asciiBoundaries(_ text: String) -> [Int32] {
    var copy = text
    return copy.withUTF8 { bytes in
      var result: [Int32] = []
      var position = 0
      while position < bytes.count {
        position = ASCIISentenceBreaker.nextBoundary(in: bytes, from: position)
        result.append(Int32(position))
      }
      return result
    }
  }

  @Test(arguments: [
    "", "One. Two", "U.S.A. is big", "3.5 points", "He said \"Stop.\" Then left", "Wait... what? No!", "etc. and more",
    "Mr. Smith", "end.\nNext", "end.\r\nNext", "a.b.C", "Is it? yes", "(See above.) Next", "x. , y", "x.  y", "x! y",
    "x.\" 'y", "A. B", "a. 1", "a.) b", "?!?! Done", "no terminator", "line\nline", "\r\r\n\n",
  ])
  func matchesICUOnSamples(_ text: String) throws {
    #expect(Self.asciiBoundaries(text) == (try Self.icuBoundaries(text)))
  }

  /// The eight-byte test says whether a word holds `.` `!` `?` LF or CR exactly as a byte-by-byte
  /// look does: each byte value at each position among letters, and random words.
  @Test func eightByteTerminatorTestAgreesWithBytes() {
    func bytewise(_ word: UInt64) -> Bool {
      (0..<8).contains { [0x2E, 0x21, 0x3F, 0x0A, 0x0D].contains(UInt8(truncatingIfNeeded: word >> (8 * UInt64($0)))) }
    }
    let letters = UInt64(0x6162_6364_6566_6768)
    for position in 0..<8 {
      for value in 0..<256 {
        let word = letters & ~(0xFF << (8 * UInt64(position))) | UInt64(value) << (8 * UInt64(position))
        #expect(ASCIISentenceBreaker.mayHoldTerminator(word) == bytewise(word), "byte \(value) at \(position)")
      }
    }
    var generator = SplitMix64(seed: 5)
    for _ in 0..<100_000 {
      let word = generator.next()
      #expect(ASCIISentenceBreaker.mayHoldTerminator(word) == bytewise(word))
    }
  }

  /// Long runs without a terminator (read eight bytes at a time) end where ICU says.
  @Test func matchesICUOnLongRuns() throws {
    var generator = SplitMix64(seed: 23)
    let filler = Array("abcdefgh ijkl,;:-\"'()".unicodeScalars)
    let stops = Array(".!?\n\r".unicodeScalars)
    for _ in 0..<2_000 {
      var text = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        for _ in 0..<Int.random(in: 0...40, using: &generator) { text.append(filler.randomElement(using: &generator)!) }
        text.append(stops.randomElement(using: &generator)!)
        if Bool.random(using: &generator) { text.append(" ") }
        if Bool.random(using: &generator) { text.append("A") }
      }
      let string = String(text)
      #expect(Self.asciiBoundaries(string) == (try Self.icuBoundaries(string)), "\(Array(string.utf8))")
    }
  }

  /// The random texts of `alphabet` (20,000 of up to 24 scalars) whose boundaries differ from ICU's.
  static func randomMismatches(alphabet: [Unicode.Scalar], seed: UInt64) throws -> [String] {
    var generator = SplitMix64(seed: seed)
    return try generator.texts(20_000, from: alphabet, maxLength: 24).filter { try asciiBoundaries($0) != icuBoundaries($0) }
  }

  @Test func matchesICUOnRandomASCII() throws {
    let alphabet = Array("aAbZ09 ..!?,;:-\"'()[]{}\t\r\n\u{B}\u{C}#$%&*+/<=>@\\^_`|~\u{0}\u{7F}".unicodeScalars)
    let mismatches = try Self.randomMismatches(alphabet: alphabet, seed: 17)
    #expect(mismatches.isEmpty, "first mismatches (UTF-8): \(mismatches.prefix(5).map { Array($0.utf8) })")
  }

  /// Each non-ASCII character the fast path accepts, where the sentence rules look at classes:
  /// after a full stop (Close, SContinue), before a lower-case word (SB8), around spaces.
  @Test func everySupportedScalarMatchesICU() throws {
    var mismatches: [String] = []
    for scalar in ASCIIWordBreakerTests.supportedScalars {
      let c = String(Character(scalar))
      for text in ["End.\(c) Next", "End. \(c) next", "End.\(c)\(c) next", "End\(c). Next", "a\(c)b. C", "Go!\(c)\nNew", "x. \(c)y"] {
        if Self.asciiBoundaries(text) != (try Self.icuBoundaries(text)) { mismatches.append(text) }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
  }

  @Test func matchesICUOnRandomTextWithSupportedScalars() throws {
    let alphabet = Array("aAbZ09 ..!?,;:-\"'()\t\r\n’’‘“”–—…£€•😀❤".unicodeScalars)
    let mismatches = try Self.randomMismatches(alphabet: alphabet, seed: 18)
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
  }

  @Test func matchesICUOnRealisticText() throws {
    let text = """
      The inspection was stressful. Staff were in tears!! Why? Because the U.K. system (run by Ofsted) \
      uses one-word judgements... e.g. "Inadequate." Mr. Jones said: "we got RI." 3.5 out of 10.
      - bullet one
      - bullet two.
      1. numbered. a) lettered? "Quoted!" she said. 'Single.' (Bracketed.) Then end
      """
    #expect(Self.asciiBoundaries(text) == (try Self.icuBoundaries(text)))
  }
}
