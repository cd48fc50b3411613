import HarkTestSupport
import Testing

@testable import HarkText

@Suite struct NormalizerTests {
  let normalizer: Normalizer

  init() throws { normalizer = try Normalizer() }

  @Test(arguments: [
    ("Don’t  PANIC", "don't panic"),
    ("“Quoted” ‘single’", "\"quoted\" 'single'"),
    ("a‐b‑c‒d–e—f―g−h﹘i﹣j－k", "a-b-c-d-e-f-g-h-i-j-k"),
    ("zero\u{200B}width\u{200C}non\u{200D}joiner\u{2060}\u{FEFF}", "zerowidthnonjoiner"),
    ("soft\u{AD}hyphen", "softhyphen"),
    ("ctrl\u{1}\u{7F}\u{9F}chars", "ctrlchars"),
    ("next\u{85}line", "next line"),
    ("  many \t\n spaces\u{A0}\u{3000}here  ", "many spaces here"),
    ("Straße", "strasse"),
    ("ＦＵＬＬ ｗｉｄｔｈ", "full width"),
    ("ﬁne", "fine"),
    ("İstanbul", "i̇stanbul"),
    ("ÉCOLE Naïve", "école naïve"),
    ("sooooo", "sooooo"),
    ("", ""),
  ])
  func normalizesWholeTexts(input: String, expected: String) {
    #expect(normalizer.normalize(input) == expected)
  }

  @Test func foldsAccentsWhenAsked() throws {
    let folding = try Normalizer(options: .init(foldAccents: true))
    #expect(folding.normalize("Café naïve RÉSUMÉ Ångström") == "cafe naive resume angstrom")
    #expect(folding.normalize("東京 😀") == "東京 😀")
  }

  @Test func squeezesWords() throws {
    #expect(normalizer.normalizeWord("Sooooo") == ("soo", true))
    #expect(normalizer.normalizeWord("good") == ("good", false))
    let keeping = try Normalizer(options: .init(squeezeElongations: false))
    #expect(keeping.normalizeWord("Sooooo") == ("sooooo", false))
  }

  /// The ASCII fast path gives exactly what the ICU path gives, for every ASCII character and
  /// for random ASCII strings.
  @Test func asciiFastPathEqualsICUPath() {
    var inputs: [[UInt8]] = (0..<128).map { [UInt8($0)] }
    inputs += (0..<128).map { [0x61, UInt8($0), 0x20, UInt8($0), 0x41] }
    var generator = SplitMix64(seed: 99)
    for _ in 0..<5_000 {
      inputs.append((0..<Int(generator.next() % 30)).map { _ in UInt8(generator.next() % 128) })
    }
    for input in inputs {
      input.withUnsafeBufferPointer { bytes in
        #expect(Normalizer.asciiCanonical(bytes) == normalizer.unicodeCanonical(bytes), "\(input)")
      }
    }
  }
}
