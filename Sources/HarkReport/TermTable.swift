/// Document counts of terms, per column: column 0 is every non-empty record, columns 1...n the
/// records of each theme, column n+1 the records no theme matched.
///
/// Counts are exact while the number of distinct terms stays under `capacity`. Past it, the table
/// is pruned by lossy counting (Manku & Motwani 2002): terms whose total count is at or below a
/// rising level are dropped, so a term's count is under-estimated by at most `pruneLevel` per
/// pruning. `pruneLevel` is 0 while the table is exact.
public struct TermTable: Sendable, Hashable {
  public private(set) var terms: [String] = []
  private var index: [String: Int] = [:]
  /// `terms.count × columns` counts, row-major.
  private var counts: [UInt32] = []
  /// Per column, the sum over terms of their counts (before any pruning): the `n` of the log-odds
  /// statistic.
  public private(set) var totals: [Int]
  public let columns: Int
  public let capacity: Int
  public private(set) var pruneLevel = 0

  public init(columns: Int, capacity: Int) {
    self.columns = columns
    self.capacity = capacity
    totals = Array(repeating: 0, count: columns)
  }

  public var isExact: Bool { pruneLevel == 0 }

  /// Counts one document's distinct `terms` in the given columns (column 0 is always counted).
  public mutating func add(_ newTerms: [String], columns selected: [Int]) {
    for term in newTerms {
      let row = self.row(adding: term)
      counts[row * columns] += 1
      for column in selected { counts[row * columns + column] += 1 }
    }
    totals[0] += newTerms.count
    for column in selected { totals[column] += newTerms.count }
    if terms.count > capacity { prune() }
  }

  public func count(row: Int, column: Int) -> Int { Int(counts[row * columns + column]) }

  public func row(of term: String) -> Int? { index[term] }

  /// The term's row, appended with zero counts if new.
  private mutating func row(adding term: String) -> Int {
    if let existing = index[term] { return existing }
    let row = terms.count
    index[term] = row
    terms.append(term)
    counts.append(contentsOf: repeatElement(0, count: columns))
    return row
  }

  public mutating func merge(_ other: TermTable) {
    precondition(other.columns == columns)
    for (otherRow, term) in other.terms.enumerated() {
      let row = self.row(adding: term)
      for column in 0..<columns { counts[row * columns + column] += other.counts[otherRow * columns + column] }
    }
    for column in 0..<columns { totals[column] += other.totals[column] }
    pruneLevel = max(pruneLevel, other.pruneLevel)
    if terms.count > capacity { prune() }
  }

  /// Drops terms at or below a rising total count until three quarters of the capacity is left.
  private mutating func prune() {
    let target = capacity * 3 / 4
    while terms.count > target {
      pruneLevel += 1
      let (level, width, current) = (UInt32(pruneLevel), columns, counts)
      keep { current[$0 * width] > level }
    }
  }

  private mutating func keep(_ predicate: (Int) -> Bool) {
    var newTerms: [String] = []
    var newCounts: [UInt32] = []
    for row in 0..<terms.count where predicate(row) {
      newTerms.append(terms[row])
      newCounts.append(contentsOf: counts[(row * columns)..<((row + 1) * columns)])
    }
    terms = newTerms
    counts = newCounts
    index = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, $0) })
  }
}

extension TermTable: Codable {
  private enum CodingKeys: String, CodingKey { case columns, capacity, pruneLevel, totals, terms, counts }

  /// Encoded with terms in sorted order and counts packed (base64, little-endian), so equal tables
  /// encode to equal bytes.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(columns, forKey: .columns)
    try container.encode(capacity, forKey: .capacity)
    try container.encode(pruneLevel, forKey: .pruneLevel)
    try container.encode(totals, forKey: .totals)
    let order = terms.indices.sorted { terms[$0] < terms[$1] }
    try container.encode(order.map { terms[$0] }, forKey: .terms)
    var flat: [UInt32] = []
    flat.reserveCapacity(counts.count)
    for row in order { flat.append(contentsOf: counts[(row * columns)..<((row + 1) * columns)]) }
    try container.encode(PackedIntegers.encode(flat), forKey: .counts)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    columns = try container.decode(Int.self, forKey: .columns)
    capacity = try container.decode(Int.self, forKey: .capacity)
    pruneLevel = try container.decode(Int.self, forKey: .pruneLevel)
    totals = try container.decode([Int].self, forKey: .totals)
    terms = try container.decode([String].self, forKey: .terms)
    guard let packed = PackedIntegers.decode(try container.decode(String.self, forKey: .counts), as: UInt32.self) else {
      throw DecodingError.dataCorruptedError(forKey: .counts, in: container, debugDescription: "counts are not packed integers")
    }
    counts = packed
    guard columns > 0, totals.count == columns, counts.count == terms.count * columns else {
      throw DecodingError.dataCorruptedError(forKey: .counts, in: container, debugDescription: "term table sizes do not agree")
    }
    index = Dictionary(terms.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
  }

  public static func == (a: TermTable, b: TermTable) -> Bool {
    guard a.columns == b.columns, a.capacity == b.capacity, a.pruneLevel == b.pruneLevel, a.totals == b.totals,
      a.terms.count == b.terms.count
    else { return false }
    for (row, term) in a.terms.enumerated() {
      guard let other = b.index[term] else { return false }
      for column in 0..<a.columns where a.count(row: row, column: column) != b.count(row: other, column: column) {
        return false
      }
    }
    return true
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(terms.count)
    hasher.combine(totals)
  }
}
