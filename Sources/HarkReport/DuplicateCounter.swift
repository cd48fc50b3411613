/// Counts of normalised texts, for exact duplicates. Exact while the number of distinct texts
/// stays under `capacity`; past it, the rarest texts so far are dropped (and `isExact` is false).
public struct DuplicateCounter: Codable, Sendable, Hashable {
  public private(set) var counts: [UInt64: Int] = [:]
  public let capacity: Int
  public private(set) var pruned = 0

  public init(capacity: Int) {
    self.capacity = capacity
  }

  public var isExact: Bool { pruned == 0 }

  public mutating func add(_ hash: UInt64) {
    counts[hash, default: 0] += 1
    if counts.count > capacity { prune() }
  }

  public mutating func merge(_ other: DuplicateCounter) {
    counts.merge(other.counts, uniquingKeysWith: +)
    pruned += other.pruned
    if counts.count > capacity { prune() }
  }

  /// Groups of two or more equal texts, and the records in them.
  public var duplicates: (groups: Int, records: Int) {
    var groups = 0
    var records = 0
    for count in counts.values where count > 1 {
      groups += 1
      records += count
    }
    return (groups, records)
  }

  /// Drops texts at or below a rising count until three quarters of the capacity is left.
  private mutating func prune() {
    var level = 1
    while counts.count > capacity * 3 / 4 {
      let before = counts.count
      counts = counts.filter { $0.value > level }
      pruned += before - counts.count
      level += 1
    }
  }

  private enum CodingKeys: String, CodingKey { case capacity, pruned, hashes, counts }

  /// Encoded as two packed arrays (base64, little-endian) in hash order, so equal counters encode
  /// to equal bytes.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(capacity, forKey: .capacity)
    try container.encode(pruned, forKey: .pruned)
    let sorted = counts.sorted { $0.key < $1.key }
    try container.encode(PackedIntegers.encode(sorted.map(\.key)), forKey: .hashes)
    try container.encode(PackedIntegers.encode(sorted.map { UInt32(clamping: $0.value) }), forKey: .counts)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    capacity = try container.decode(Int.self, forKey: .capacity)
    pruned = try container.decode(Int.self, forKey: .pruned)
    guard let hashes = PackedIntegers.decode(try container.decode(String.self, forKey: .hashes), as: UInt64.self),
      let values = PackedIntegers.decode(try container.decode(String.self, forKey: .counts), as: UInt32.self),
      hashes.count == values.count
    else {
      throw DecodingError.dataCorruptedError(forKey: .counts, in: container, debugDescription: "packed hashes and counts do not agree")
    }
    counts = Dictionary(zip(hashes, values.map(Int.init)), uniquingKeysWith: +)
  }
}
