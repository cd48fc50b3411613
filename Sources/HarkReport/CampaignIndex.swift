/// The near-duplicate index: every signed record (long enough to carry a MinHash signature), kept
/// so that campaigns (organised near-identical submissions) can be clustered at report time.
///
/// Memory is bounded by `capacity` records. While under it the index is exact: the same records
/// whatever the order or split of the input. Past it, records that share no LSH band with any other
/// record are pruned first (they cannot be in a campaign seen so far); if that is not enough, the
/// records with the largest keys are dropped. `pruned` counts both, and reports say the campaign
/// figures are then lower bounds.
public struct CampaignIndex: Codable, Sendable, Hashable {
  public struct Entry: Codable, Sendable, Hashable {
    /// Stable hash of id and text: the canonical order.
    public var key: UInt64
    public var id: String
    /// The text, cut to `textLimit` UTF-8 bytes at a scalar boundary.
    public var text: String
    public var signature: [UInt32]
    /// Indexes of the record's themes in the configuration.
    public var themes: [Int]
    public var isAlert: Bool

    private enum CodingKeys: String, CodingKey { case key, id, text, signature, themes, isAlert }

    public init(key: UInt64, id: String, text: String, signature: [UInt32], themes: [Int], isAlert: Bool) {
      self.key = key
      self.id = id
      self.text = text
      self.signature = signature
      self.themes = themes
      self.isAlert = isAlert
    }

    /// The signature is packed (base64, little-endian): one string instead of 32 numbers.
    public func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(key, forKey: .key)
      try container.encode(id, forKey: .id)
      try container.encode(text, forKey: .text)
      try container.encode(PackedIntegers.encode(signature), forKey: .signature)
      try container.encode(themes, forKey: .themes)
      try container.encode(isAlert, forKey: .isAlert)
    }

    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      key = try container.decode(UInt64.self, forKey: .key)
      id = try container.decode(String.self, forKey: .id)
      text = try container.decode(String.self, forKey: .text)
      guard let packed = PackedIntegers.decode(try container.decode(String.self, forKey: .signature), as: UInt32.self),
        packed.count == MinHasher.signatureLength
      else {
        throw DecodingError.dataCorruptedError(forKey: .signature, in: container, debugDescription: "not a MinHash signature")
      }
      signature = packed
      themes = try container.decode([Int].self, forKey: .themes)
      isAlert = try container.decode(Bool.self, forKey: .isAlert)
    }
  }

  /// UTF-8 bytes of text kept per record.
  public static let textLimit = 1_000

  public private(set) var entries: [Entry] = []
  public let capacity: Int
  public private(set) var pruned = 0

  public init(capacity: Int) {
    self.capacity = capacity
  }

  public var isExact: Bool { pruned == 0 }

  public mutating func add(_ entry: Entry) {
    entries.append(entry)
    if entries.count > capacity { prune() }
  }

  public mutating func merge(_ other: CampaignIndex) {
    entries.append(contentsOf: other.entries)
    pruned += other.pruned
    if entries.count > capacity { prune() }
  }

  /// Puts entries in their canonical order (call before encoding or comparing).
  public mutating func canonicalise() {
    entries.sort { ($0.key, $0.id, $0.text) < ($1.key, $1.id, $1.text) }
  }

  /// Equal when they hold the same entries, in any order.
  public static func == (a: CampaignIndex, b: CampaignIndex) -> Bool {
    var x = a
    var y = b
    x.canonicalise()
    y.canonicalise()
    return x.entries == y.entries && x.capacity == y.capacity && x.pruned == y.pruned
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(entries.count)
    hasher.combine(pruned)
  }

  public static func truncated(_ text: String) -> String {
    guard text.utf8.count > textLimit else { return text }
    let utf8 = Array(text.utf8)
    var end = textLimit
    while end > 0 && utf8[end] & 0xC0 == 0x80 { end -= 1 }
    return String(decoding: utf8[..<end], as: UTF8.self)
  }

  private mutating func prune() {
    var bandCounts: [UInt64: Int] = [:]
    let keys = entries.map { MinHasher.bandKeys($0.signature) }
    for entryKeys in keys {
      for key in entryKeys { bandCounts[key, default: 0] += 1 }
    }
    let before = entries.count
    entries = zip(entries, keys).filter { _, entryKeys in entryKeys.contains { bandCounts[$0]! > 1 } }.map(\.0)
    if entries.count > capacity * 3 / 4 {
      canonicalise()
      entries.removeLast(entries.count - capacity * 3 / 4)
    }
    pruned += before - entries.count
  }
}
