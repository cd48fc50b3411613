import CICUShim

/// Splits text into tokens, sentences and clauses.
///
/// Word boundaries come from ICU's word break iterator (locale `en`), or for ASCII text (which
/// may hold the few typographic characters and emoji of ``FastPathScalars``) from
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
  /// Use ``ASCIIWordBreaker`` and ``ASCIISentenceBreaker`` for ASCII texts (and texts whose only
  /// other characters are ``FastPathScalars``). They were
  /// verified equal to ICU 72's rules (the version Debian 12 ships), so the default is on only when
  /// that ICU is loaded; turn it off to measure or compare.
  public var usesASCIIFastPath = Tokenizer.icuVersion.hasPrefix("72.")

  /// The version of the ICU library in use, e.g. "72.1".
  public static let icuVersion = String(cString: hark_icu_version())
  private let wordBreaker: ICUBreaker
  private let sentenceBreaker: ICUBreaker
  private let scratch = SegmentationScratch()
  /// Where the tokens of each text are made (see ``TokenBuffer``).
  private let tokenBuffer = TokenBuffer()
  private let cache = FormCache()

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
    try scan(text) { scanner in
      // Everything here is local to the closure (not captured), so appends cost no exclusivity checks.
      let tokens = tokenBuffer
      tokens.removeAll()  // empty unless an earlier call stopped mid-way
      // Growing from empty would reallocate these several times per text. On 20,000 lines of the
      // benchmark corpus, counting sentence and clause punctuation, a sentence averages about 54
      // bytes and a clause about 38: these rarely need to grow.
      var sentences: [Sentence] = []
      sentences.reserveCapacity(text.utf8.count / 48 + 1)
      var clauses: [Clause] = []
      clauses.reserveCapacity(text.utf8.count / 24 + 1)
      var sentenceStart = 0
      var clauseStart = 0
      func closeClause(at count: Int) {
        guard clauseStart < count else { return }
        clauses.append(Clause(index: clauses.count, sentence: tokens.sentence(at: clauseStart), tokens: clauseStart..<count))
        clauseStart = count
      }
      func closeSentence(at count: Int) {
        guard sentenceStart < count else { return }
        let (first, last) = (tokens.ranges(at: sentenceStart), tokens.ranges(at: count - 1))
        sentences.append(
          Sentence(
            index: sentences.count, tokens: sentenceStart..<count, utf8Range: first.utf8.lowerBound..<last.utf8.upperBound,
            scalarRange: first.scalars.lowerBound..<last.scalars.upperBound))
        sentenceStart = count
      }
      while scanner.appendNext(to: tokens) {}
      // Sentences and clauses are the runs of tokens with the same index (indices count up from 0).
      for i in 0..<tokens.count {
        if tokens.clause(at: i) != clauses.count { closeClause(at: i) }
        if tokens.sentence(at: i) != sentences.count { closeSentence(at: i) }
      }
      closeClause(at: tokens.count)
      closeSentence(at: tokens.count)
      return Document(text: text, tokens: tokens.takeAll(), sentences: sentences, clauses: clauses)
    }
  }

  /// Calls `body` with each token of `text` in order, without keeping them: memory stays bounded
  /// by the text itself, however many tokens it holds.
  public func forEachToken(in text: String, _ body: (Token) -> Void) throws(HarkTextError) {
    try scan(text) { scanner in
      let buffer = tokenBuffer
      buffer.removeAll()
      while scanner.appendNext(to: buffer) {
        for i in 0..<buffer.count { body(buffer.base[i]) }
        buffer.removeAll()
      }
    }
  }

  /// Whether all of `bytes` are ASCII, and whether any is `@` (without one, no token is an e-mail
  /// address or an @mention). One pass, eight bytes at a time.
  static func survey(_ bytes: UnsafeBufferPointer<UInt8>) -> (isASCII: Bool, hasAt: Bool) {
    guard let base = bytes.baseAddress else { return (true, false) }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var combined: UInt64 = 0
    var at: UInt64 = 0
    var i = 0
    while i + 8 <= bytes.count {
      let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      combined |= word
      let x = word ^ (ones &* 0x40)  // a zero byte where the byte was `@`
      at |= (x &- ones) & ~x & highs  // non-zero exactly when `x` has a zero byte
      i += 8
    }
    var tail: UInt8 = 0
    var tailAt = false
    while i < bytes.count {
      tail |= base[i]
      tailAt = tailAt || base[i] == 0x40
      i += 1
    }
    return (combined & highs == 0 && tail < 0x80, at != 0 || tailAt)
  }

  /// Runs `body` with a scanner over `text`, lending it this tokenizer's iterators and scratch.
  @inline(__always)
  private func scan<Result>(_ text: String, _ body: (inout TokenScanner) -> Result) throws(HarkTextError) -> Result {
    var copy = text
    let outcome = copy.withUTF8 { bytes -> Swift.Result<Result, HarkTextError> in
      let (ascii, hasAt) = Self.survey(bytes)
      let fast = usesASCIIFastPath && (ascii || FastPathScalars.supports(bytes))
      let source: SegmentCursor.Source = fast ? .ascii : .icu(wordBreaker)
      do throws(HarkTextError) {
        var scanner = try TokenScanner(
          text: bytes, isASCII: ascii, mayHoldAddresses: hasAt, source: source, sentenceBreaker: sentenceBreaker, normalizer: normalizer,
          scratch: scratch, cache: cache)
        let result = body(&scanner)
        scanner.release(to: scratch)
        return .success(result)
      } catch {
        return .failure(error)
      }
    }
    return try outcome.get()
  }
}
