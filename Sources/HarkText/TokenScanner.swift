/// The state of one pass over one text: turns word-break segments into tokens and assigns
/// sentences and clauses. Internal to ``Tokenizer``.
///
/// Its helpers are declared `mutating` although most only read: called as non-mutating methods
/// from the mutating hot path, they made Swift copy the whole scanner (252 bytes) per call, which
/// callgrind showed as five `memcpy` calls per token.
struct TokenScanner {
  private let text: UnsafeBufferPointer<UInt8>
  private let isASCII: Bool
  /// Whether the text holds an `@`: else e-mail addresses and @mentions are not looked for.
  private let mayHoldAddresses: Bool
  private var segments: SegmentCursor
  private let normalizer: Normalizer
  private let cache: FormCache
  private var sentenceBoundaries: SentenceBoundaries

  // Offsets
  private var scalarByte = 0
  private var scalarCount = 0
  // Sentence and clause state
  /// What sentence assignment needs to know of the previous token.
  private struct Previous {
    var end: Int
    /// A bullet marker or an abbreviation like `Mr.` or `e.g.`: ICU's boundary after it is ignored.
    var holdsSentence: Bool
    /// `.`, `!` or `?`.
    var endsSentence: Bool
  }
  private var previous: Previous?
  private var sentence = -1
  private var clause = -1
  private var breakClauseBeforeNext = false
  private var atLineStart = true
  private var sawLineBreak = false
  private var singleQuoteOpen = false

  init(
    text: UnsafeBufferPointer<UInt8>, isASCII: Bool, mayHoldAddresses: Bool, source: SegmentCursor.Source,
    sentenceBreaker: ICUBreaker, normalizer: Normalizer, scratch: SegmentationScratch, cache: FormCache
  ) throws(HarkTextError) {
    // Tokens keep 32-bit offsets (as ICU does), for every source.
    guard text.count < Int(Int32.max) else { throw .textTooLong(bytes: text.count) }
    self.text = text
    self.cache = cache
    self.isASCII = isASCII
    self.mayHoldAddresses = mayHoldAddresses
    self.segments = try SegmentCursor(text: text, source: source, scratch: scratch, skipsSpaceRuns: true)
    self.normalizer = normalizer
    let sentenceSource: SentenceBoundaries.Source =
      if case .ascii = source { .ascii } else { .icu(sentenceBreaker) }
    self.sentenceBoundaries = try SentenceBoundaries(text: text, source: sentenceSource, buffer: scratch.sentenceBoundaries)
  }

  /// Hands the reusable memory back to `scratch`.
  mutating func release(to scratch: SegmentationScratch) { segments.release(to: scratch) }

  /// Appends the next tokens to `tokens`, at least one (building them in place saves copying a
  /// 48-byte value through optionals); false at the end of the text.
  mutating func appendNext(to tokens: TokenBuffer) -> Bool {
    if appendPlainRun(to: tokens) { return true }
    if let segment = segments.takeDirect() {
      if let (end, kind) = plainToken(segment) {
        appendToken(start: segment.start, end: end, kind: kind, flags: [], to: tokens)
        return true
      }
      segments.unread(segment)
    }
    while let segment = segments.peek() {
      let content = firstContent(of: segment)
      if content != segment.start {
        // White space and invisible characters make no token. ICU attaches a combining mark or
        // a joined emoji to a preceding space (UAX #29 rule 4): what follows the space is content.
        let skipped = Segment(start: segment.start, end: content ?? segment.end, status: 0)
        if containsLineBreak(skipped) {
          atLineStart = true
          sawLineBreak = true
        }
        segments.consume(through: skipped.end)
        continue
      }
      let (end, kind, flags) = recognize(segment)
      segments.consume(through: end)
      appendToken(start: segment.start, end: end, kind: kind, flags: flags, to: tokens)
      return true
    }
    return false
  }

  // MARK: - Building tokens

  /// Appends plain tokens (``plainToken(_:)``) whose forms the cache can hold, one after another,
  /// until a token that is not such, a line break or the end of the text; true if any was
  /// appended. The same tokens as ``appendToken(start:end:kind:flags:to:)`` makes, with what the
  /// rules read of the previous token kept in locals: within the run no token is a list marker or
  /// an abbreviation and no line break is seen, so the sentence and clause rules reduce to what
  /// is written out here. It starts only after a first token (which the general path makes).
  private mutating func appendPlainRun(to tokens: TokenBuffer) -> Bool {
    guard !atLineStart && !sawLineBreak && !mayHoldAddresses, let last = previous, let base = text.baseAddress else { return false }
    var previousEnd = last.end
    var previousHoldsSentence = last.holdsSentence
    var previousEndsSentence = last.endsSentence
    var currentSentence = sentence
    var currentClause = clause
    var breakClause = breakClauseBeforeNext
    var appended = false
    while let segment = segments.takeDirect() {
      let start = segment.start
      let bytes = UnsafeBufferPointer(start: base + start, count: segment.end - start)
      // A plain token ends where its segment does.
      guard bytes.count <= FormCache.maximumLength && (isASCII || Normalizer.isASCII(bytes)), let (end, kind) = plainToken(segment) else {
        segments.unread(segment)
        break
      }
      let slot = cache.slot(of: bytes, readable: text.count - start, asWord: kind == .word)
      if !slot.isHit { cache.store(asciiForms(bytes, kind: kind), in: slot) }
      let forms = slot.forms
      let single: UInt8 = kind == .punctuation && bytes.count == 1 ? bytes[0] : 0
      // Sentence (``assignSentence``, with no line break seen).
      let newSentence = sentenceBoundaries.hasBoundary(after: previousEnd, upTo: start) && !previousHoldsSentence
      if newSentence {
        currentSentence += 1
        singleQuoteOpen = false
      }
      if single == 0x27 && previousEnd == start { singleQuoteOpen = false }
      // Clause (``assignClause``).
      let startsAnyway = currentClause < 0 || newSentence || breakClause
      if kind == .punctuation {
        let (starts, breaksNext) = Self.punctuationClause(startsAnyway: startsAnyway, norm: forms.norm, single: single, flags: forms.flags)
        if starts { currentClause += 1 }
        breakClause = breaksNext
      } else {
        if startsAnyway { currentClause += 1 }
        breakClause = false
      }
      let scalarStart = scalarOffset(of: start)
      let scalarEnd = scalarOffset(of: end)
      previousEnd = end
      previousHoldsSentence = false  // neither a list marker nor an abbreviation
      previousEndsSentence = single == 0x2E || single == 0x21 || single == 0x3F
      tokens.append(
        Token(
          kind: kind, norm: forms.norm, normHash: forms.normHash, utf8Range: start..<end, scalarRange: scalarStart..<scalarEnd,
          sentence: currentSentence, clause: currentClause, caseShape: forms.shape, flags: forms.flags))
      appended = true
    }
    guard appended else { return false }
    previous = Previous(end: previousEnd, holdsSentence: previousHoldsSentence, endsSentence: previousEndsSentence)
    sentence = currentSentence
    clause = currentClause
    breakClauseBeforeNext = breakClause
    return true
  }

  private mutating func appendToken(start: Int, end: Int, kind: TokenKind, flags recognized: TokenFlags, to tokens: TokenBuffer) {
    let bytes = UnsafeBufferPointer(rebasing: text[start..<end])
    var flags = recognized
    let norm: String
    let normHash: UInt32
    var shape = CaseShape.none
    let cacheable: Bool
    switch kind {
    case .word, .number, .punctuation, .symbol:
      cacheable = bytes.count <= FormCache.maximumLength && (isASCII || Normalizer.isASCII(bytes))
    default:
      cacheable = false
    }
    if cacheable {
      let slot = cache.slot(of: bytes, readable: text.count - start, asWord: kind == .word)
      if !slot.isHit { cache.store(asciiForms(bytes, kind: kind), in: slot) }
      let forms = slot.forms
      norm = forms.norm
      normHash = forms.normHash
      shape = forms.shape
      flags.formUnion(forms.flags)
    } else {
      let surface = String(decoding: bytes, as: UTF8.self)
      switch kind {
      case .word, .hashtag, .mention:
        let (form, elongated, caseShape) = wordForm(bytes, surface: surface)
        norm = form
        shape = caseShape
        if elongated { flags.insert(.elongated) }
        if kind == .word && Self.containsApostrophe(bytes) { flags.insert(.apostrophe) }
      case .emoticon:
        norm = surface
      case .emoji:
        norm = Self.emojiNorm(surface)
      case .url, .email:
        norm = String(decoding: normalizer.normalizeBytes(bytes, squeeze: false).bytes, as: UTF8.self)
      case .number, .punctuation, .symbol:
        let ascii = isASCII || Normalizer.isASCII(bytes)
        norm = ascii ? surface : String(decoding: normalizer.normalizeBytes(bytes, squeeze: false).bytes, as: UTF8.self)
        if kind == .number { shape = ascii ? Self.asciiCaseShape(bytes) : CaseShape(of: surface) }
      }
      normHash = Token.hash(ofNorm: norm)
    }
    // The norm of one-byte punctuation, else 0: what the clause and sentence rules look at. An
    // ASCII punctuation token's norm is its surface.
    let single: UInt8 =
      kind != .punctuation ? 0 : cacheable ? (bytes.count == 1 ? bytes[0] : 0) : Self.singleByte(of: norm)
    if atLineStart && Self.isBulletMarker(norm, kind: kind) && followedBySpace(end) { flags.insert(.bulletMarker) }

    let sentenceIndex = assignSentence(start: start, flags: flags, surfaceFirst: bytes.first)
    if sentenceIndex != sentence { singleQuoteOpen = false }
    if single == 0x27 && previous?.end == start { singleQuoteOpen = false }
    let clauseIndex = assignClause(newSentence: sentenceIndex != sentence, norm: norm, single: single, kind: kind, flags: flags)
    sentence = sentenceIndex
    clause = clauseIndex
    let scalarStart = scalarOffset(of: start)
    let scalarEnd = scalarOffset(of: end)
    previous = Previous(
      end: end,
      holdsSentence: flags.contains(.bulletMarker)
        || (flags.contains(.abbreviation) && Self.nonTerminalAbbreviations.contains(norm)),
      endsSentence: single == 0x2E || single == 0x21 || single == 0x3F)
    atLineStart = false
    sawLineBreak = false
    tokens.append(
      Token(
        kind: kind, norm: consume norm, normHash: normHash, utf8Range: start..<end,
        scalarRange: scalarStart..<scalarEnd, sentence: sentenceIndex, clause: clauseIndex, caseShape: shape, flags: flags))
  }

  /// The forms of an ASCII token of kind word, number, punctuation or symbol (what ``FormCache``
  /// stores).
  private mutating func asciiForms(_ bytes: UnsafeBufferPointer<UInt8>, kind: TokenKind) -> FormCache.Forms {
    let surface = String(decoding: bytes, as: UTF8.self)
    switch kind {
    case .word:
      let (norm, elongated, shape) = wordForm(bytes, surface: surface)
      var flags: TokenFlags = elongated ? [.elongated] : []
      if Self.containsApostrophe(bytes) { flags.insert(.apostrophe) }
      return FormCache.Forms(norm: norm, normHash: Token.hash(ofNorm: norm), shape: shape, flags: flags)
    case .number:
      return FormCache.Forms(norm: surface, normHash: Token.hash(ofNormBytes: bytes), shape: Self.asciiCaseShape(bytes), flags: [])
    default:
      return FormCache.Forms(norm: surface, normHash: Token.hash(ofNormBytes: bytes), shape: .none, flags: [])
    }
  }

  /// Whether the bytes hold `'` or `’` (E2 80 99).
  @inline(__always)
  static func containsApostrophe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for i in bytes.indices {
      let b = bytes[i]
      if b == 0x27 { return true }
      if b == 0xE2 && i + 2 < bytes.endIndex && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 { return true }
    }
    return false
  }

  /// The norm, elongation and case shape of a word-like token.
  private mutating func wordForm(_ bytes: UnsafeBufferPointer<UInt8>, surface: String) -> (String, Bool, CaseShape) {
    if isASCII || Normalizer.isASCII(bytes) {
      // Fast path: lower-case in one pass; reuse the surface when nothing changes.
      var cases = ASCIICaseCounter()
      var run = 1
      var elongation = false
      var previousByte: UInt8 = 0
      for b in bytes {
        cases.add(b)
        run = (b | 0x20) == previousByte ? run + 1 : 1
        if run >= 3 && Normalizer.isASCIILetter(b) { elongation = true }
        previousByte = b | 0x20
      }
      let shape = cases.shape
      let squeezes = elongation && normalizer.options.squeezeElongations
      if cases.upper == 0 && !squeezes { return (surface, false, shape) }
      if !squeezes && !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
        // Lower-case straight into the string's storage: no intermediate array.
        let lowered = String(unsafeUninitializedCapacity: bytes.count) { out in
          for i in 0..<bytes.count {
            let b = bytes[i]
            out[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
          }
          return bytes.count
        }
        return (lowered, false, shape)
      }
      let result = normalizer.normalizeBytes(bytes, squeeze: normalizer.options.squeezeElongations)
      return (String(decoding: result.bytes, as: UTF8.self), result.elongated, shape)
    }
    let result = normalizer.normalizeBytes(bytes, squeeze: normalizer.options.squeezeElongations)
    return (String(decoding: result.bytes, as: UTF8.self), result.elongated, CaseShape(of: surface))
  }

  static func asciiCaseShape(_ bytes: UnsafeBufferPointer<UInt8>) -> CaseShape {
    var cases = ASCIICaseCounter()
    for b in bytes { cases.add(b) }
    return cases.shape
  }

  /// Emoji are matched without variation selectors and skin-tone modifiers; joiners stay.
  static func emojiNorm(_ surface: String) -> String {
    var view = String.UnicodeScalarView()
    for scalar in surface.unicodeScalars {
      switch scalar.value {
      case 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF: continue
      default: view.append(scalar)
      }
    }
    return String(view)
  }

  // MARK: - Offsets

  /// The scalar offset of byte `offset`; calls must come in non-decreasing order.
  @inline(__always)
  private mutating func scalarOffset(of offset: Int) -> Int {
    isASCII ? offset : countScalars(upTo: offset)
  }

  @inline(never)
  private mutating func countScalars(upTo offset: Int) -> Int {
    while scalarByte < offset {
      if text[scalarByte] & 0xC0 != 0x80 { scalarCount += 1 }
      scalarByte += 1
    }
    return scalarCount
  }

  // MARK: - Sentences and clauses

  @inline(__always)
  private mutating func assignSentence(start: Int, flags: TokenFlags, surfaceFirst: UInt8?) -> Int {
    guard let previous else { return 0 }
    let icuBoundary = sentenceBoundaries.hasBoundary(after: previous.end, upTo: start)
    let startsLower = surfaceFirst.map { $0 >= 0x61 && $0 <= 0x7A } ?? false
    var breaks = icuBoundary
    if breaks && previous.holdsSentence { breaks = false }
    if sawLineBreak {
      // A new line starts a sentence unless it continues the previous one in lower case.
      breaks = !startsLower || previous.endsSentence || flags.contains(.bulletMarker)
    }
    return breaks ? sentence + 1 : sentence
  }

  /// `single` is the norm's byte when the norm is one byte long, else 0.
  @inline(__always)
  private mutating func assignClause(newSentence: Bool, norm: String, single: UInt8, kind: TokenKind, flags: TokenFlags) -> Int {
    let startsAnyway = clause < 0 || newSentence || breakClauseBeforeNext
    guard kind == .punctuation else {
      breakClauseBeforeNext = false
      return startsAnyway ? clause + 1 : clause
    }
    let (starts, breaksNext) = Self.punctuationClause(startsAnyway: startsAnyway, norm: norm, single: single, flags: flags)
    breakClauseBeforeNext = breaksNext
    return starts ? clause + 1 : clause
  }

  /// For punctuation, which may open or end a clause: whether it starts a clause, and whether the
  /// token after it does.
  @inline(__always)
  static func punctuationClause(startsAnyway: Bool, norm: String, single: UInt8, flags: TokenFlags) -> (starts: Bool, breaksNext: Bool) {
    let opensBracket = single == 0x28 || single == 0x5B || single == 0x7B  // ( [ {
    let endsClause = !flags.contains(.bulletMarker) && Self.endsClause(norm, single: single)
    let startsClause = startsAnyway || opensBracket
    // Clause punctuation that opens a clause (a dash after a bracket) belongs to the new clause.
    let closesBracket = endsClause && Self.isClosingBracket(single)
    return (startsClause, endsClause && !(startsClause && !closesBracket))
  }

  /// Whether punctuation with norm `norm` (whose only byte is `single`, or 0 if it has more) ends
  /// a clause.
  @inline(__always)
  static func endsClause(_ norm: String, single: UInt8) -> Bool {
    switch single {
    case 0x2C, 0x3B, 0x3A, 0x2D, 0x29, 0x5D, 0x7D: return true  // , ; : - ) ] }
    case 0: return norm == "--" || norm == "..."
    default: return false
    }
  }

  /// The only byte of `norm` if it is one byte long, else 0.
  static func singleByte(of norm: String) -> UInt8 {
    var utf8 = norm.utf8.makeIterator()
    guard let first = utf8.next(), utf8.next() == nil else { return 0 }
    return first
  }

  @inline(__always)
  static func isClosingBracket(_ b: UInt8) -> Bool { b == 0x29 || b == 0x5D || b == 0x7D }  // ) ] }

  // MARK: - Segment classes

  /// The offset of the first scalar in `segment` that is not ignorable, or nil if there is none.
  @inline(__always)
  private mutating func firstContent(of segment: Segment) -> Int? {
    let first = text[segment.start]
    if first < 0x80 {
      if !Self.isASCIIIgnorable(first) { return segment.start }
      if isASCII { return nil }
    }
    return firstContentSlowPath(of: segment)
  }

  @inline(never)
  private mutating func firstContentSlowPath(of segment: Segment) -> Int? {
    var offset = segment.start
    while offset < segment.end {
      let b = text[offset]
      if b < 0x80 {
        if !Self.isASCIIIgnorable(b) { return offset }
        offset += 1
        continue
      }
      let (scalar, width) = Self.decodeScalar(text, at: offset)
      if !Tokenizer.isIgnorable(scalar) { return offset }
      offset += width
    }
    return nil
  }

  @inline(__always)
  static func isASCIIIgnorable(_ b: UInt8) -> Bool { b <= 0x20 || b == 0x7F }

  /// The scalar whose UTF-8 encoding starts at `offset`, and its width in bytes. The text is
  /// valid UTF-8 (it comes from a Swift `String`).
  static func decodeScalar(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> (Unicode.Scalar, Int) {
    let b0 = UInt32(text[offset])
    if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
    if b0 < 0xE0 {
      let value = (b0 & 0x1F) << 6 | UInt32(text[offset + 1] & 0x3F)
      return (Unicode.Scalar(value) ?? "\u{FFFD}", 2)
    }
    if b0 < 0xF0 {
      let value = (b0 & 0x0F) << 12 | UInt32(text[offset + 1] & 0x3F) << 6 | UInt32(text[offset + 2] & 0x3F)
      return (Unicode.Scalar(value) ?? "\u{FFFD}", 3)
    }
    let value = (b0 & 0x07) << 18 | UInt32(text[offset + 1] & 0x3F) << 12 | UInt32(text[offset + 2] & 0x3F) << 6
      | UInt32(text[offset + 3] & 0x3F)
    return (Unicode.Scalar(value) ?? "\u{FFFD}", 4)
  }

  private mutating func containsLineBreak(_ segment: Segment) -> Bool {
    for i in segment.start..<segment.end {
      let b = text[i]
      if b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C { return true }
      // U+2028, U+2029, U+0085
      if b == 0xE2 && i + 2 < segment.end && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9) { return true }
      if b == 0xC2 && i + 1 < segment.end && text[i + 1] == 0x85 { return true }
    }
    return false
  }

  private mutating func followedBySpace(_ end: Int) -> Bool {
    end >= text.count || text[end] == 0x20 || text[end] == 0x09 || text[end] == 0x0A || text[end] == 0x0D
      || (text[end] == 0xC2 && end + 1 < text.count && text[end + 1] == 0xA0)
  }

  /// Whether a token can be a list marker (if it starts a line and a space follows).
  static func isBulletMarker(_ norm: String, kind: TokenKind) -> Bool {
    // Every marker below is punctuation or a symbol: most line starts are words, ruled out here.
    guard kind == .punctuation || kind == .symbol else { return false }
    switch norm {
    case "-", "*", "•", "·", "‣", "◦", "▪", "+", ">": return true
    default: return kind == .punctuation && norm.count >= 2 && (norm.hasSuffix(".") || norm.hasSuffix(")"))
    }
  }

  static let nonTerminalAbbreviations: Set<String> = [
    "mr.", "mrs.", "ms.", "mx.", "dr.", "prof.", "st.", "rev.", "revd.", "cllr.", "sgt.", "capt.", "col.", "gen.",
    "lt.", "hon.", "e.g.", "i.e.", "etc.", "vs.", "viz.", "cf.", "approx.", "al.", "nb.", "n.b.", "eg.", "ie.",
  ]

  // MARK: - Recognisers

  /// Decides the extent and kind of the token that starts at `segment`.
  @inline(__always)
  private mutating func recognize(_ segment: Segment) -> (end: Int, kind: TokenKind, flags: TokenFlags) {
    let start = segment.start
    let first = text[start]
    let isWordSegment = segment.status >= 100

    if isWordSegment {
      if first == 0x68 || first == 0x48 || first == 0x77 || first == 0x57, mayStartURL(at: start), let end = urlEnd(at: start) {
        return (end, .url, [])
      }
      if mayHoldAddresses && first != 0x40, mayStartEmail(segment), let end = emailEnd(at: start) { return (end, .email, []) }
      if first == 0x40 { return mention(segment) }
      if let end = emoticonEnd(at: start, segment: segment) { return (end, .emoticon, []) }
      if atLineStart, let end = listMarkerEnd(segment) { return (end, .punctuation, []) }
      if first >= 0x30 && first <= 0x39 { return numberOrCompound(segment) }
      return wordExtent(segment)
    }
    if first == 0x23, let hashtag = hashtagEnd(segment) { return (hashtag, .hashtag, []) }
    if let end = emoticonEnd(at: start, segment: segment) { return (end, .emoticon, []) }
    if Self.isCurrencySymbol(text, segment), let next = segments.peek(1), next.start == segment.end,
      text[next.start] >= 0x30 && text[next.start] <= 0x39
    {
      let (end, _, _) = numberOrCompound(next)
      return (end, .number, [])
    }
    if first < 0x80 {
      return (segment.end, Self.asciiKind(first), [])
    }
    return (segment.end, nonASCIIKind(segment), [])
  }

  /// The extent and kind of the token at `segment` when it is plain: a word that starts with a
  /// letter and that nothing joins to what follows, a number followed by a space, or ASCII
  /// punctuation or a symbol that starts no emoticon, hashtag or amount; nil for anything else
  /// (``recognize(_:)`` decides those).
  /// For the tokens it accepts it returns what ``recognize(_:)`` would, reading only the segment
  /// and the bytes next to it, so that no look-ahead segment is needed. Transparent because the
  /// optimiser kept it out of line despite `@inline(__always)` (a call per token; inlined, the
  /// plain run takes 1,300 fewer instructions a text).
  @_transparent
  private mutating func plainToken(_ segment: Segment) -> (end: Int, kind: TokenKind)? {
    let start = segment.start
    let first = text[start]
    let next = start + 1 < text.count ? text[start + 1] : 0
    if segment.status >= 100 {
      // Not an e-mail address, @mention, emoticon or list marker (see `recognize`).
      guard !atLineStart, !mayHoldAddresses, !Emoticons.mayStart(first, next: next) else { return nil }
      if Normalizer.isASCIILetter(first) {
        if first == 0x68 || first == 0x48 || first == 0x77 || first == 0x57, mayStartURL(at: start) { return nil }
        // Nothing joins (see `joinedWordExtent`): no hyphen or apostrophe follows, ASCII or
        // typographic (which start with E2), and a full stop only if the word is no abbreviation.
        if segment.end < text.count {
          let after = text[segment.end]
          if after == 0x2E {
            if isAbbreviation(segment) { return nil }
          } else if after == 0x2D || after == 0x27 || after == 0xE2 {
            return nil
          }
        }
        trackQuotes(before: segment)
        return (segment.end, .word)
      }
      // A number that nothing follows but a space (see `numberOrCompound`).
      if first >= 0x30 && first <= 0x39 && (segment.end == text.count || text[segment.end] == 0x20) { return (segment.end, .number) }
      return nil
    }
    // Visible ASCII other than `#` (hashtags) and `$` (amounts).
    guard first > 0x20 && first < 0x7F && first != 0x23 && first != 0x24, !Emoticons.mayStart(first, next: next) else { return nil }
    return (segment.end, Self.asciiKind(first))
  }

  /// A word segment, extended over hyphens into a compound, over a trailing possessive apostrophe,
  /// or over the full stop of an abbreviation.
  @inline(__always)
  private mutating func wordExtent(_ segment: Segment) -> (end: Int, kind: TokenKind, flags: TokenFlags) {
    trackQuotes(before: segment)
    let end = segment.end
    let first = text[segment.start]
    // Most words end at a space or the end of the text: then no joiner (hyphen, apostrophe, full
    // stop) follows and nothing below applies.
    if end == text.count || text[end] == 0x20 { return (end, first >= 0x30 && first <= 0x39 ? .number : .word, []) }
    return joinedWordExtent(segment)
  }

  /// ``wordExtent(_:)`` where a joiner may follow the segment.
  private mutating func joinedWordExtent(_ segment: Segment) -> (end: Int, kind: TokenKind, flags: TokenFlags) {
    var end = segment.end
    let first = text[segment.start]
    var flags: TokenFlags = []
    var k = 0
    // Hyphenated compounds: word (-word)+
    while let hyphen = segments.peek(k + 1), hyphen.start == end, isHyphen(hyphen),
      let part = segments.peek(k + 2), part.start == hyphen.end, part.status >= 100
    {
      end = part.end
      k += 2
      flags.insert(.hyphenated)
    }
    if flags.contains(.hyphenated) { return (end, .word, flags) }
    // Possessive plural: students'
    if let quote = segments.peek(1), quote.start == end, isApostrophe(quote), !singleQuoteOpen {
      let last = text[end - 1]
      let after = quote.end < text.count ? text[quote.end] : 0x20
      if (last == 0x73 || last == 0x53) && !Self.isASCIIAlphanumeric(after) && after < 0x80 {
        return (quote.end, .word, [.apostrophe])
      }
    }
    // Abbreviations: e.g. / Mr. / U.K.
    if let stop = segments.peek(1), stop.start == end, stop.end == end + 1, text[end] == 0x2E, isAbbreviation(segment) {
      return (stop.end, .word, [.abbreviation])
    }
    return (end, first >= 0x30 && first <= 0x39 ? .number : .word, flags)
  }

  /// Opening single quotes (a `'` or `‘` after a space and before a letter) make a later `s'`
  /// read as a closing quote rather than a possessive.
  @inline(__always)
  private mutating func trackQuotes(before segment: Segment) {
    // Most words follow a space: neither quote ends in 0x20.
    guard segment.start > 0, text[segment.start - 1] != 0x20 else { return }
    let quoteStart: Int
    if text[segment.start - 1] == 0x27 {
      quoteStart = segment.start - 1
    } else if segment.start >= 3 && text[segment.start - 3] == 0xE2 && text[segment.start - 2] == 0x80
      && text[segment.start - 1] == 0x98
    {
      quoteStart = segment.start - 3
    } else {
      return
    }
    let before = quoteStart > 0 ? text[quoteStart - 1] : 0x20
    if before == 0x20 || before == 0x0A || before == 0x09 || before == 0x28 || before == 0x22 { singleQuoteOpen = true }
  }

  private mutating func isHyphen(_ segment: Segment) -> Bool {
    let length = segment.end - segment.start
    if length == 1 { return text[segment.start] == 0x2D }
    // U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN
    return length == 3 && text[segment.start] == 0xE2 && text[segment.start + 1] == 0x80
      && (text[segment.start + 2] == 0x90 || text[segment.start + 2] == 0x91)
  }

  private mutating func isApostrophe(_ segment: Segment) -> Bool {
    let length = segment.end - segment.start
    if length == 1 { return text[segment.start] == 0x27 }
    return length == 3 && text[segment.start] == 0xE2 && text[segment.start + 1] == 0x80 && text[segment.start + 2] == 0x99
  }

  /// Whether the word `segment`, followed by a full stop, is an abbreviation: a listed one, or a
  /// dotted initialism (U.K, e.g) of at most ``longestDottedAbbreviation`` bytes.
  @inline(__always)
  private mutating func isAbbreviation(_ segment: Segment) -> Bool {
    // Inline, so that most words before a full stop are ruled out without a call.
    segment.end - segment.start <= Self.longestDottedAbbreviation && isShortAbbreviation(segment)
  }

  /// ``isAbbreviation(_:)`` for a segment no longer than the limit.
  private mutating func isShortAbbreviation(_ segment: Segment) -> Bool {
    var letters = 0
    var dots = 0
    for i in segment.start..<segment.end {
      let b = text[i]
      if b == 0x2E { dots += 1 } else if Normalizer.isASCIILetter(b) { letters += 1 } else { return false }
    }
    // Dotted initialisms like U.K or e.g: letters separated by single dots.
    if dots > 0 { return dots == letters - 1 }
    // No abbreviation is longer than the longest listed (most words before a full stop are).
    guard letters <= Self.longestAbbreviation else { return false }
    // The lower-cased letters packed as ``packedKey(_:)`` packs.
    var key: UInt64 = 0
    for i in 0..<(segment.end - segment.start) { key |= UInt64(text[segment.start + i] | 0x20) << (8 * UInt64(i)) }
    return Self.abbreviationKeys.contains(key)
  }

  static let abbreviations: Set<String> = nonTerminalAbbreviations.union([
    "jr.", "jnr.", "sr.", "snr.", "inc.", "ltd.", "est.", "fig.", "dept.", "govt.", "no.", "ps.", "mt.", "ave.",
  ])

  /// ``abbreviations`` without their last full stop, packed by ``packedKey(_:)``: checking a word
  /// costs no string hashing.
  static let abbreviationKeys = PackedKeySet(abbreviations.map { packedKey($0.dropLast()) })

  /// The letters of the longest undotted abbreviation in ``abbreviations`` ("approx"). A literal,
  /// not computed: a static read costs a lazy-initialisation check (a test checks the value).
  static let longestAbbreviation = 6

  /// The bytes of the longest word read as an abbreviation, dots included ("U.S.A.F", 7, is one;
  /// "a.b.c.d.e", 9, is not).
  static let longestDottedAbbreviation = 8

  /// Up to the first eight bytes of `word`, byte `i` in bits `8 i`.
  static func packedKey(_ word: Substring) -> UInt64 {
    var key: UInt64 = 0
    for (i, b) in word.utf8.prefix(8).enumerated() { key |= UInt64(b) << (8 * UInt64(i)) }
    return key
  }

  /// A list marker at the start of a line: `1.`, `12)`, `a)`, `b.`, followed by a space.
  private mutating func listMarkerEnd(_ segment: Segment) -> Int? {
    let length = segment.end - segment.start
    guard length <= 2, let mark = segments.peek(1), mark.start == segment.end, mark.end == mark.start + 1,
      text[mark.start] == 0x2E || text[mark.start] == 0x29, followedBySpace(mark.end)
    else { return nil }
    for i in segment.start..<segment.end {
      let b = text[i]
      let isDigit = b >= 0x30 && b <= 0x39
      if !(isDigit || (length == 1 && Normalizer.isASCIILetter(b))) { return nil }
    }
    return mark.end
  }

  /// Numbers joined over `-`, `–`, `/`, `:` and `.` to further digits (`2023-24`, `10:30`, `24/7`)
  /// and a following `%`; a number hyphenated to a word (`3-year-old`) is a compound word.
  private mutating func numberOrCompound(_ segment: Segment) -> (end: Int, kind: TokenKind, flags: TokenFlags) {
    var end = segment.end
    if end == text.count || text[end] == 0x20 { return (end, .number, []) }  // no joiner or % follows
    var k = 0
    while let joiner = segments.peek(k + 1), joiner.start == end, isNumberJoiner(joiner),
      let part = segments.peek(k + 2), part.start == joiner.end, part.status >= 100
    {
      let partFirst = text[part.start]
      let partIsDigit = partFirst >= 0x30 && partFirst <= 0x39
      if !partIsDigit {
        if isHyphen(joiner) {
          let (compoundEnd, _, _) = wordExtent(segment)
          return (compoundEnd, .word, [.hyphenated])
        }
        break
      }
      end = part.end
      k += 2
    }
    if let percent = segments.peek(k + 1), percent.start == end, percent.end == end + 1, text[end] == 0x25 {
      end = percent.end
    }
    return (end, .number, [])
  }

  private mutating func isNumberJoiner(_ segment: Segment) -> Bool {
    let length = segment.end - segment.start
    if length == 1 {
      let b = text[segment.start]
      return b == 0x2D || b == 0x2F || b == 0x3A || b == 0x2E
    }
    // U+2013 EN DASH
    return length == 3 && text[segment.start] == 0xE2 && text[segment.start + 1] == 0x80 && text[segment.start + 2] == 0x93
      || isHyphen(segment)
  }

  static func isCurrencySymbol(_ text: UnsafeBufferPointer<UInt8>, _ segment: Segment) -> Bool {
    let length = segment.end - segment.start
    let b = text[segment.start]
    if length == 1 { return b == 0x24 }  // $
    if length == 2 { return b == 0xC2 && (text[segment.start + 1] == 0xA3 || text[segment.start + 1] == 0xA5) }  // £ ¥
    if length == 3 { return b == 0xE2 && text[segment.start + 1] == 0x82 && (text[segment.start + 2] == 0xAC || text[segment.start + 2] == 0xB9) }  // € ₹
    return false
  }

  /// Whether the text at `start` begins `http` or `www.` in any case (the first letter is known to
  /// be `h` or `w`): most words that start so ("have", "we") are ruled out by one comparison.
  @inline(__always)
  private mutating func mayStartURL(at start: Int) -> Bool {
    guard start + 4 < text.count, let base = text.baseAddress else { return false }
    let four = UnsafeRawPointer(base + start).loadUnaligned(as: UInt32.self).littleEndian | 0x2020_2020
    return four == 0x7074_7468 || four == 0x2E77_7777  // "http", "www." (with 0x20 set: "." stays ".")
  }

  /// `http://…`, `https://…` or `www.…` up to white space, without trailing punctuation.
  private mutating func urlEnd(at start: Int) -> Int? {
    let n = text.count
    func matches(_ prefix: StaticString) -> Bool {
      let count = prefix.utf8CodeUnitCount
      guard start + count < n else { return false }
      let p = prefix.utf8Start
      for i in 0..<count where (text[start + i] | 0x20) != p[i] { return false }
      return true
    }
    guard matches("https://") || matches("http://") || matches("www.") else { return nil }
    var end = start
    var open = 0
    while end < n {
      let b = text[end]
      if b <= 0x20 || b >= 0x80 || b == 0x22 || b == 0x3C || b == 0x3E || b == 0x60 { break }
      if b == 0x28 { open += 1 } else if b == 0x29 { open -= 1 }
      end += 1
    }
    while end > start {
      let b = text[end - 1]
      if b == 0x2E || b == 0x2C || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F || b == 0x27 || b == 0x22 || b == 0x5D {
        end -= 1
      } else if b == 0x29 && open < 0 {
        end -= 1
        open += 1
      } else {
        break
      }
    }
    let minimum = matches("www.") ? 5 : (matches("https://") ? 9 : 8)
    return end - start >= minimum ? end : nil
  }

  /// A cheap filter before ``emailEnd(at:)``: ICU keeps `@` inside word segments, so an address
  /// starting here has its `@` in this segment or one joined to it by `-` `+` `%` `.` `_`.
  @inline(__always)
  private mutating func mayStartEmail(_ segment: Segment) -> Bool {
    if segment.end < text.count {
      let after = text[segment.end]
      if after == 0x2D || after == 0x2B || after == 0x25 || after == 0x2E || after == 0x5F { return true }
    }
    for i in segment.start..<segment.end where text[i] == 0x40 { return true }
    return false
  }

  /// `local@domain.tld` starting at `start`.
  private mutating func emailEnd(at start: Int) -> Int? {
    let n = text.count
    var i = start
    // RFC 5321 limits: 64 bytes of local part, 255 of domain. The limits also keep a long run of
    // `a+a+a+…` from being rescanned from every word in it.
    let localLimit = min(n, start + 64)
    while i < localLimit, Self.isEmailLocal(text[i]) { i += 1 }
    guard i > start, i < n, text[i] == 0x40 else { return nil }
    var end = i + 1
    var lastDot = -1
    let domainLimit = min(n, end + 255)
    while end < domainLimit {
      let b = text[end]
      if Self.isASCIIAlphanumeric(b) || b == 0x2D {
        end += 1
      } else if b == 0x2E, end + 1 < n, Self.isASCIIAlphanumeric(text[end + 1]) {
        lastDot = end
        end += 1
      } else {
        break
      }
    }
    guard lastDot > i + 1, end - lastDot - 1 >= 2 else { return nil }
    for j in (lastDot + 1)..<end where !Normalizer.isASCIILetter(text[j]) { return nil }
    return end
  }

  private mutating func mention(_ segment: Segment) -> (end: Int, kind: TokenKind, flags: TokenFlags) {
    var end = segment.start + 1
    while end < segment.end, Self.isASCIIAlphanumeric(text[end]) || text[end] == 0x5F { end += 1 }
    if end == segment.start + 1 { return (segment.end, .word, []) }
    return (end, .mention, [])
  }

  private mutating func hashtagEnd(_ segment: Segment) -> Int? {
    guard segment.end - segment.start == 1, let word = segments.peek(1), word.start == segment.end, word.status >= 100 else { return nil }
    for i in word.start..<word.end where Normalizer.isASCIILetter(text[i]) || text[i] >= 0x80 { return word.end }
    return nil
  }

  /// An emoticon from ``Emoticons`` at `start` that does not run into a letter or digit.
  @inline(__always)
  private mutating func emoticonEnd(at start: Int, segment: Segment) -> Int? {
    // Checked inline: most words are ruled out by their first two bytes.
    guard Emoticons.mayStart(text[start], next: start + 1 < text.count ? text[start + 1] : 0) else { return nil }
    return emoticonEndFromTable(at: start, segment: segment)
  }

  @inline(never)
  private mutating func emoticonEndFromTable(at start: Int, segment: Segment) -> Int? {
    let candidates = Emoticons.byFirstByte[Int(text[start])]
    if start > 0 {
      let before = text[start - 1]
      if Self.isASCIIAlphanumeric(before) { return nil }
    }
    for emoticon in candidates {
      let count = emoticon.count
      guard start + count <= text.count else { continue }
      var same = true
      for i in 0..<count where text[start + i] != emoticon[i] {
        same = false
        break
      }
      guard same else { continue }
      var end = start + count
      let last = emoticon[count - 1]
      if last == 0x29 || last == 0x28 || last == 0x44 {  // ) ( D may repeat: :))) :DDD
        while end < text.count && text[end] == last { end += 1 }
      }
      if end < text.count && Self.isASCIIAlphanumeric(text[end]) { continue }
      // Letter-led emoticons (xD, D:) must be a whole word segment on their own.
      if Normalizer.isASCIILetter(text[start]) && segment.end != start + (Normalizer.isASCIILetter(emoticon[count - 1]) ? count : 1) { continue }
      return end
    }
    return nil
  }

  private mutating func nonASCIIKind(_ segment: Segment) -> TokenKind {
    let scalar = Self.decodeScalar(text, at: segment.start).0
    let properties = scalar.properties
    if (0x1F1E6...0x1F1FF).contains(scalar.value) || (properties.isEmoji && scalar.value >= 0x203C) { return .emoji }
    switch properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
      .finalPunctuation, .otherPunctuation:
      return .punctuation
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      return .word
    case .decimalNumber, .letterNumber, .otherNumber:
      return .number
    default:
      return .symbol
    }
  }

  @inline(__always)
  static func asciiKind(_ b: UInt8) -> TokenKind {
    switch b {
    case 0x30...0x39: .number
    case 0x41...0x5A, 0x61...0x7A: .word
    case 0x24, 0x2B, 0x3C, 0x3D, 0x3E, 0x5E, 0x60, 0x7C, 0x7E: .symbol  // $ + < = > ^ ` | ~
    case 0x21...0x7E: .punctuation
    default: .symbol
    }
  }

  @inline(__always)
  static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || Normalizer.isASCIILetter(b)
  }

  @inline(__always)
  static func isEmailLocal(_ b: UInt8) -> Bool {
    isASCIIAlphanumeric(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
  }
}

/// Sentence boundaries over the text: ICU's, read in batches, or the equivalent ASCII fast path's,
/// computed one at a time as the queries reach them.
struct SentenceBoundaries {
  enum Source {
    case icu(ICUBreaker)
    /// ``ASCIISentenceBreaker``, for text that ``FastPathScalars/supports(_:)``.
    case ascii
  }

  private let source: Source
  private let isASCII: Bool
  private let text: UnsafeBufferPointer<UInt8>
  private let buffer: UnsafeMutablePointer<Int32>
  private var count = 0
  private var index = 0
  private var exhausted = false
  /// ASCII: the last boundary computed (-1 before the first).
  private var last = -1

  init(text: UnsafeBufferPointer<UInt8>, source: Source, buffer: UnsafeMutablePointer<Int32>) throws(HarkTextError) {
    self.source = source
    self.text = text
    self.buffer = buffer
    if case .icu(let breaker) = source {
      try breaker.setText(text)
      isASCII = false
    } else {
      isASCII = true
    }
  }

  /// Whether there is a sentence boundary in `lower...upper` (both byte offsets). Boundaries
  /// before `lower` are dropped; calls must come with non-decreasing bounds.
  @inline(__always)
  mutating func hasBoundary(after lower: Int, upTo upper: Int) -> Bool {
    // Most queries (one per token) fall before the next ASCII boundary, already computed.
    if isASCII && last >= lower { return last <= upper }
    return isASCII ? asciiHasBoundary(after: lower, upTo: upper) : icuHasBoundary(after: lower, upTo: upper)
  }

  @inline(never)
  private mutating func asciiHasBoundary(after lower: Int, upTo upper: Int) -> Bool {
    while last < lower {
      let position = max(last, 0)
      if position >= text.count { return false }
      last = ASCIISentenceBreaker.nextBoundary(in: text, from: position)
    }
    return last <= upper
  }

  @inline(never)
  private mutating func icuHasBoundary(after lower: Int, upTo upper: Int) -> Bool {
    guard case .icu(let breaker) = source else { return false }
    while true {
      if index >= count {
        if exhausted { return false }
        count = breaker.fill(boundaries: buffer, statuses: nil, capacity: SegmentationScratch.chunk)
        index = 0
        if count == 0 { exhausted = true }
        continue
      }
      let boundary = Int(buffer[index])
      if boundary < lower {
        index += 1
        continue
      }
      return boundary <= upper
    }
  }
}

/// A small set of 64-bit keys, kept sorted in a flat array.
struct PackedKeySet: Sendable {
  private let keys: [UInt64]

  init(_ keys: [UInt64]) { self.keys = Array(Set(keys)).sorted() }

  func contains(_ key: UInt64) -> Bool {
    var (low, high) = (0, keys.count)
    while low < high {
      let middle = (low + high) / 2
      if keys[middle] < key { low = middle + 1 } else { high = middle }
    }
    return low < keys.count && keys[low] == key
  }
}
