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
