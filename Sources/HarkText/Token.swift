/// What a token is.
public enum TokenKind: String, Sendable, Hashable, CaseIterable, Codable {
  case word, number, url, email, mention, hashtag, emoticon, emoji, punctuation, symbol
}

/// The capitalisation of a token's letters.
public enum CaseShape: String, Sendable, Hashable, CaseIterable, Codable {
  /// No cased letters (numbers, punctuation, CJK, emoji).
  case none
  /// All cased letters are lower case: `inspection`.
  case lower
  /// The first cased letter is upper case, the rest lower: `Ofsted`, `I`.
  case title
  /// Two or more cased letters, all upper case: `PANIC`, `SEND`.
  case allCaps
  /// Anything else: `BigListen`, `iPhone`.
  case mixed
}

/// Facts about a token beyond its kind. (The flags are inlinable computed constants: as stored
/// statics, every use from another module went through a lazy-initialisation accessor.)
public struct TokenFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// A letter was repeated three or more times in the surface ("sooooo"); `norm` has it squeezed.
  @inlinable public static var elongated: TokenFlags { TokenFlags(rawValue: 1 << 0) }
  /// A hyphenated compound ("well-being"); ``Document/parts(of:)`` gives its parts.
  @inlinable public static var hyphenated: TokenFlags { TokenFlags(rawValue: 1 << 1) }
  /// Holds an apostrophe: a contraction or possessive ("don't", "headteacher's", "students'").
  @inlinable public static var apostrophe: TokenFlags { TokenFlags(rawValue: 1 << 2) }
  /// An abbreviation with its full stop ("e.g.", "Mr.").
  @inlinable public static var abbreviation: TokenFlags { TokenFlags(rawValue: 1 << 3) }
  /// A list marker at the start of a line ("-", "*", "•", "1.", "a)").
  @inlinable public static var bulletMarker: TokenFlags { TokenFlags(rawValue: 1 << 4) }
}

/// One token of a text. Tokens never modify the text they came from: `utf8Range` and
/// `scalarRange` always slice exactly the token's surface out of the original, which
/// ``Document/text(of:)`` (or ``text(in:)``) returns.
///
/// A token keeps offsets rather than a copy of its surface, and stores them as 32-bit values (a
/// text is limited to 2 GiB, as in ICU), so that it fits in 48 bytes and holds one string, its
/// norm; the public properties are plain `Int` ranges.
public struct Token: Hashable, Sendable {
  /// The normalised form used for lexicon look-ups (see ``Normalizer``).
  public var norm: String {
    didSet { normHash = Self.hash(ofNorm: norm) }
  }
  /// ``hash(ofNorm:)`` of `norm`, kept up to date with it. The tokenizer takes it from its cache
  /// of frequent forms, so lexicon matchers get it without reading the norm's bytes again.
  public private(set) var normHash: UInt32
  private var byteStart: Int32
  private var byteEnd: Int32
  private var scalarStart: Int32
  private var scalarEnd: Int32
  private var sentenceIndex: Int32
  private var clauseIndex: Int32
  /// What the token is.
  public var kind: TokenKind
  /// The capitalisation of the surface.
  public var caseShape: CaseShape
  public var flags: TokenFlags

  /// UTF-8 byte offsets into the original text, end exclusive.
  public var utf8Range: Range<Int> {
    get { Int(byteStart)..<Int(byteEnd) }
    set {
      byteStart = Int32(newValue.lowerBound)
      byteEnd = Int32(newValue.upperBound)
    }
  }

  /// Unicode scalar (code point) offsets into the original text, end exclusive: Python's
  /// `text[start:end]` returns the surface.
  public var scalarRange: Range<Int> {
    get { Int(scalarStart)..<Int(scalarEnd) }
    set {
      scalarStart = Int32(newValue.lowerBound)
      scalarEnd = Int32(newValue.upperBound)
    }
  }

  /// The 0-based index of the sentence that holds the token.
  public var sentence: Int {
    get { Int(sentenceIndex) }
    set { sentenceIndex = Int32(newValue) }
  }

  /// The 0-based index, within the whole text, of the clause that holds the token. Clauses end
  /// at `,` `;` `:` dashes, brackets and sentence ends; the punctuation belongs to the clause it
  /// ends, except a dash or bracket that opens one.
  public var clause: Int {
    get { Int(clauseIndex) }
    set { clauseIndex = Int32(newValue) }
  }

  public init(
    kind: TokenKind, norm: String, utf8Range: Range<Int>, scalarRange: Range<Int>,
    sentence: Int, clause: Int, caseShape: CaseShape, flags: TokenFlags = []
  ) {
    self.kind = kind
    self.norm = norm
    self.normHash = Self.hash(ofNorm: norm)
    self.byteStart = Int32(utf8Range.lowerBound)
    self.byteEnd = Int32(utf8Range.upperBound)
    self.scalarStart = Int32(scalarRange.lowerBound)
    self.scalarEnd = Int32(scalarRange.upperBound)
    self.sentenceIndex = Int32(sentence)
    self.clauseIndex = Int32(clause)
    self.caseShape = caseShape
    self.flags = flags
  }

  /// A token whose `normHash` the caller has already computed (the tokenizer's hot path). The
  /// offsets and indices must fit in 32 bits: the tokenizer checks the text's length once.
  init(
    kind: TokenKind, norm: String, normHash: UInt32, utf8Range: Range<Int>, scalarRange: Range<Int>,
    sentence: Int, clause: Int, caseShape: CaseShape, flags: TokenFlags
  ) {
    self.kind = kind
    self.norm = norm
    self.normHash = normHash
    self.byteStart = Int32(truncatingIfNeeded: utf8Range.lowerBound)
    self.byteEnd = Int32(truncatingIfNeeded: utf8Range.upperBound)
    self.scalarStart = Int32(truncatingIfNeeded: scalarRange.lowerBound)
    self.scalarEnd = Int32(truncatingIfNeeded: scalarRange.upperBound)
    self.sentenceIndex = Int32(truncatingIfNeeded: sentence)
    self.clauseIndex = Int32(truncatingIfNeeded: clause)
    self.caseShape = caseShape
    self.flags = flags
  }

  /// A 32-bit hash of a norm's UTF-8 bytes: 64-bit FNV-1a with its halves XORed together. Equal
  /// norms have equal hashes; lexicon matchers compare hashes first and spellings only when they
  /// agree.
  @inline(__always)
  public static func hash(ofNorm norm: String) -> UInt32 {
    if let hash = norm.utf8.withContiguousStorageIfAvailable({ Token.hash(ofNormBytes: $0) }) { return hash }
    var contiguous = norm  // a string without contiguous UTF-8 (bridged): made native once
    return contiguous.withUTF8 { Token.hash(ofNormBytes: $0) }
  }

  /// ``hash(ofNorm:)`` of a norm's UTF-8 bytes.
  @inline(__always)
  public static func hash(ofNormBytes bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
    return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
  }

  /// The surface: the slice of `source`, the text the token came from, at ``utf8Range``.
  public func text(in source: String) -> Substring {
    let utf8 = source.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: Int(byteStart))
    let end = utf8.index(start, offsetBy: Int(byteEnd - byteStart))
    return source[start..<end]
  }

  /// Whether the token carries meaning for lexicons (not punctuation or a symbol).
  public var isWordLike: Bool {
    switch kind {
    case .punctuation, .symbol: false
    default: true
    }
  }
}

/// A sentence: a run of tokens.
public struct Sentence: Hashable, Sendable {
  public var index: Int
  /// Indices into ``Document/tokens``.
  public var tokens: Range<Int>
  /// UTF-8 byte offsets into the original text, from the first token's start to the last one's end.
  public var utf8Range: Range<Int>
  /// Unicode scalar offsets into the original text.
  public var scalarRange: Range<Int>
}

/// A clause: a run of tokens inside one sentence, ended by clause punctuation.
public struct Clause: Hashable, Sendable {
  public var index: Int
  public var sentence: Int
  /// Indices into ``Document/tokens``.
  public var tokens: Range<Int>
}
