/// A tokenised text: the original, its tokens, sentences and clauses.
///
/// Invariants: tokens are in text order and do not overlap; for every token, the slice of
/// `text.utf8` at `token.utf8Range` and the slice of `text.unicodeScalars` at `token.scalarRange`
/// are the same text, ``text(of:)``; every sentence and clause is a non-empty run of consecutive tokens.
public struct Document: Sendable {
  /// The original text, unmodified.
  public let text: String
  public let tokens: [Token]
  public let sentences: [Sentence]
  public let clauses: [Clause]

  public init(text: String, tokens: [Token], sentences: [Sentence], clauses: [Clause]) {
    self.text = text
    self.tokens = tokens
    self.sentences = sentences
    self.clauses = clauses
  }

  /// The surface of `token`, one of this document's tokens: its slice of ``text``.
  public func text(of token: Token) -> Substring { token.text(in: text) }

  /// The parts of a hyphenated compound (`well-being` -> `well`, `being`) as word tokens with their
  /// own offsets; a token that is not hyphenated is its own single part.
  public func parts(of token: Token) -> [Token] {
    guard token.flags.contains(.hyphenated) else { return [token] }
    var parts: [Token] = []
    var scalarStart = token.scalarRange.lowerBound
    var byteStart = token.utf8Range.lowerBound
    var current = ""
    func flush(byteEnd: Int, scalarEnd: Int) {
      if !current.isEmpty {
        let (norm, elongated) = Self.partNormalizer.normalizeWord(current)
        parts.append(
          Token(
            kind: .word, norm: norm, utf8Range: byteStart..<byteEnd,
            scalarRange: scalarStart..<scalarEnd, sentence: token.sentence, clause: token.clause,
            caseShape: CaseShape(of: current), flags: elongated ? [.elongated] : []))
      }
      current = ""
    }
    var byte = byteStart
    var scalarIndex = scalarStart
    for scalar in text(of: token).unicodeScalars {
      let width = UTF8.width(scalar)
      if scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}" {
        flush(byteEnd: byte, scalarEnd: scalarIndex)
        byteStart = byte + width
        scalarStart = scalarIndex + 1
      } else {
        current.unicodeScalars.append(scalar)
      }
      byte += width
      scalarIndex += 1
    }
    flush(byteEnd: byte, scalarEnd: scalarIndex)
    return parts
  }

  private static let partNormalizer: Normalizer = {
    // NFKC case folding has no failure mode once ICU's data loaded for the tokenizer that made
    // this document; a failure here means ICU's data files are missing altogether.
    do { return try Normalizer() } catch { fatalError("ICU normaliser unavailable: \(error)") }
  }()
}

extension CaseShape {
  /// The case shape of `text`'s letters.
  public init(of text: some StringProtocol) {
    var upper = 0
    var lower = 0
    var firstIsUpper = false
    var laterUpper = false
    for scalar in text.unicodeScalars {
      let properties = scalar.properties
      if properties.isUppercase {
        if upper + lower == 0 { firstIsUpper = true } else { laterUpper = true }
        upper += 1
      } else if properties.isLowercase {
        lower += 1
      }
    }
    self = CaseShape.classify(upper: upper, lower: lower, firstIsUpper: firstIsUpper, laterUpper: laterUpper)
  }

  @inline(__always)
  static func classify(upper: Int, lower: Int, firstIsUpper: Bool, laterUpper: Bool) -> CaseShape {
    if upper + lower == 0 { return .none }
    if upper == 0 { return .lower }
    if lower == 0 { return upper >= 2 ? .allCaps : .title }
    if firstIsUpper && !laterUpper { return .title }
    return .mixed
  }
}

/// Counts the cased letters of ASCII bytes, for ``CaseShape``.
struct ASCIICaseCounter {
  private(set) var upper = 0
  private(set) var lower = 0
  private var firstIsUpper = false
  private var laterUpper = false

  @inline(__always)
  mutating func add(_ b: UInt8) {
    if b >= 0x41 && b <= 0x5A {
      if upper + lower == 0 { firstIsUpper = true } else { laterUpper = true }
      upper += 1
    } else if b >= 0x61 && b <= 0x7A {
      lower += 1
    }
  }

  var shape: CaseShape {
    CaseShape.classify(upper: upper, lower: lower, firstIsUpper: firstIsUpper, laterUpper: laterUpper)
  }
}
