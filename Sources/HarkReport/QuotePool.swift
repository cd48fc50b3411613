/// Candidate quotes for one theme: the `size` eligible records with the smallest stable hash, a
/// uniform sample that is the same whatever the order or split of the input, so merging pools
/// gives exactly the pool of one run.
public struct QuotePool: Codable, Sendable, Hashable {
  public struct Candidate: Codable, Sendable, Hashable {
    public var key: UInt64
    public var id: String
    public var text: String
    /// Compound × 10⁴.
    public var compound: Int64
    /// Theme score × 10³.
    public var score: Int64
    /// How many themes the record was assigned (fewer means more typical of this one).
    public var themeCount: Int
  }

  /// Texts shorter or longer than this (in Unicode scalars) are not quoted.
  public static let lengthRange = 40...500

  public private(set) var candidates: [Candidate] = []
  public let size: Int

  public init(size: Int) {
    self.size = size
  }

  /// True when a record of this length may be quoted.
  public static func isEligible(_ text: String) -> Bool {
    lengthRange.contains(text.unicodeScalars.count)
  }

  public mutating func offer(_ candidate: Candidate) {
    if candidates.count == size, let last = candidates.last, Self.precedes(last, candidate) { return }
    let position = candidates.firstIndex { Self.precedes(candidate, $0) } ?? candidates.endIndex
    candidates.insert(candidate, at: position)
    if candidates.count > size { candidates.removeLast() }
  }

  public mutating func merge(_ other: QuotePool) {
    for candidate in other.candidates { offer(candidate) }
  }

  /// The total order of candidates: by key, then id and text (equal keys are vanishingly rare).
  static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
    (a.key, a.id, a.text) < (b.key, b.id, b.text)
  }
}
