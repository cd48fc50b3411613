/// Splits text into tokens, sentences and clauses.
///
/// Word boundaries come from ICU's word break iterator (locale `en`), or for all-ASCII text from
/// ``ASCIIWordBreaker``, which gives the same boundaries faster. Recognisers then join or relabel
/// what ICU splits or mislabels: URLs, e-mail addresses, @mentions, #hashtags, emoticons, numbers
/// with currency, percent and ranges (`£1.5m`, `3%`, `2023-24`, `10:30`), possessives (`students'`),
/// hyphenated compounds (`well-being`), abbreviations (`e.g.`, `Mr.`) and list markers.
/// Sentences come from ICU's sentence break, except that abbreviations and list markers do not
/// end a sentence, and a line break ends one unless the next line goes on in lower case.
///
/// ```swift
/// let tokenizer = try Tokenizer()
/// let document = try tokenizer.tokenize("Don’t PANIC!!! well-being matters :)")
/// document.tokens.map(\.norm)   // ["don't", "panic", "!", "!", "!", "well-being", "matters", ":)"]
/// ```
///
/// A `Tokenizer` holds ICU iterators, which are stateful: use one per task (``copy()`` is cheap).
public final class Tokenizer {
  public let normalizer: Normalizer
  /// Use ``ASCIIWordBreaker`` for all-ASCII texts (on by default; off to measure or compare).
  public var usesASCIIFastPath = true
  private let wordBreaker: ICUBreaker
  private let sentenceBreaker: ICUBreaker

  public init(normalizer: Normalizer? = nil) throws(HarkTextError) {
    if let normalizer {
      self.normalizer = normalizer
    } else {
      self.normalizer = try Normalizer()
    }
    self.wordBreaker = try ICUBreaker(kind: .word)
    self.sentenceBreaker = try ICUBreaker(kind: .sentence)
  }

  private init(copying other: Tokenizer) throws(HarkTextError) {
    self.normalizer = other.normalizer
    self.usesASCIIFastPath = other.usesASCIIFastPath
    self.wordBreaker = try other.wordBreaker.copy()
    self.sentenceBreaker = try other.sentenceBreaker.copy()
  }

  /// Whether `scalar` never becomes part of a token's start: white space, controls, zero-width
  /// and format characters (ZWJ, bidi marks), variation selectors, line and paragraph separators.
  /// Only such characters lie between tokens.
  public static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if scalar.properties.isWhitespace || Normalizer.isRemoved(v) { return true }
    switch v {
    case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x2028, 0x2029: return true
    default: return scalar.properties.generalCategory == .format
    }
  }

  /// An independent tokenizer with the same settings, for use on another task.
  public func copy() throws(HarkTextError) -> Tokenizer { try Tokenizer(copying: self) }

  /// Tokenises `text` into a ``Document``.
  /// - Complexity: O(n) in the length of `text`.
  public func tokenize(_ text: String) throws(HarkTextError) -> Document {
    var tokens: [Token] = []
    var sentences: [Sentence] = []
    var clauses: [Clause] = []
    try forEachToken(in: text) { token in
      let index = tokens.count
      if token.sentence == sentences.count {
        sentences.append(Sentence(index: token.sentence, tokens: index..<index + 1, utf8Range: token.utf8Range, scalarRange: token.scalarRange))
      } else {
        sentences[sentences.count - 1].tokens = sentences[sentences.count - 1].tokens.lowerBound..<index + 1
        sentences[sentences.count - 1].utf8Range = sentences[sentences.count - 1].utf8Range.lowerBound..<token.utf8Range.upperBound
        sentences[sentences.count - 1].scalarRange = sentences[sentences.count - 1].scalarRange.lowerBound..<token.scalarRange.upperBound
      }
      if token.clause == clauses.count {
        clauses.append(Clause(index: token.clause, sentence: token.sentence, tokens: index..<index + 1))
      } else {
        clauses[clauses.count - 1].tokens = clauses[clauses.count - 1].tokens.lowerBound..<index + 1
      }
      tokens.append(token)
    }
    return Document(text: text, tokens: tokens, sentences: sentences, clauses: clauses)
  }

  /// Calls `body` with each token of `text` in order, without keeping them: memory stays bounded
  /// by the text itself, however many tokens it holds.
  public func forEachToken(in text: String, _ body: (Token) -> Void) throws(HarkTextError) {
    var copy = text
    let failure = copy.withUTF8 { bytes -> HarkTextError? in
      let ascii = Normalizer.isASCII(bytes)
      let source: SegmentCursor.Source = ascii && usesASCIIFastPath ? .ascii(ASCIIWordBreaker()) : .icu(wordBreaker)
      do throws(HarkTextError) {
        var scanner = try TokenScanner(
          text: bytes, isASCII: ascii, segments: SegmentCursor(text: bytes, source: source),
          sentenceBreaker: sentenceBreaker, normalizer: normalizer)
        while let token = scanner.next() { body(token) }
        return nil
      } catch {
        return error
      }
    }
    if let failure { throw failure }
  }
}
