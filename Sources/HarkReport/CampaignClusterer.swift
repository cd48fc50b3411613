/// Groups the near-duplicate index into campaign clusters at report time.
///
/// Candidate pairs are records sharing an LSH band key; a pair joins one cluster when its
/// estimated Jaccard similarity reaches the threshold (union-find, so clusters are the connected
/// components). The template is the member most similar on average to the others (ties to the
/// smallest key); members are listed in key order. Deterministic for a given index.
public struct CampaignClusterer: Sendable {
  public var similarity: Double
  public var minimumSize: Int

  public init(similarity: Double, minimumSize: Int) {
    self.similarity = similarity
    self.minimumSize = minimumSize
  }

  /// A cluster as entry positions into the (canonicalised) index.
  public struct Cluster: Sendable, Hashable {
    public var members: [Int]
    public var template: Int
  }

  /// Clusters of at least `minimumSize` members, largest first (then by template key).
  public func clusters(of index: CampaignIndex) -> [Cluster] {
    let entries = index.entries
    var parent = Array(entries.indices)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    var buckets: [UInt64: [Int]] = [:]
    for (position, entry) in entries.enumerated() {
      for key in MinHasher.bandKeys(entry.signature) { buckets[key, default: []].append(position) }
    }
    for key in buckets.keys.sorted() {
      let members = buckets[key]!
      guard members.count > 1 else { continue }
      let first = members[0]
      for other in members.dropFirst() where find(other) != find(first) {
        if MinHasher.similarity(entries[first].signature, entries[other].signature) >= similarity {
          parent[find(other)] = find(first)
        } else {
          // Compare with the component's earliest member too, so a chain through the bucket's
          // first member is not the only route in.
          for candidate in members.prefix(20) where candidate < other && find(candidate) != find(other) {
            if MinHasher.similarity(entries[candidate].signature, entries[other].signature) >= similarity {
              parent[find(other)] = find(candidate)
              break
            }
          }
        }
      }
    }
    var components: [Int: [Int]] = [:]
    for position in entries.indices { components[find(position), default: []].append(position) }
    var result: [Cluster] = []
    for members in components.values where members.count >= minimumSize {
      result.append(Cluster(members: members, template: template(of: members, in: entries)))
    }
    result.sort { a, b in
      a.members.count != b.members.count
        ? a.members.count > b.members.count : entries[a.template].key < entries[b.template].key
    }
    return result
  }

  /// The member with the highest mean similarity to (up to 200 of) the others; non-alert
  /// records are preferred so that a template is never an alert's text.
  private func template(of members: [Int], in entries: [CampaignIndex.Entry]) -> Int {
    let sample = Array(members.prefix(200))
    var best = members[0]
    var bestScore = -1.0
    for candidate in sample {
      var total = 0.0
      for other in sample where other != candidate {
        total += MinHasher.similarity(entries[candidate].signature, entries[other].signature)
      }
      let score = total + (entries[candidate].isAlert ? -1_000 : 0)
      if score > bestScore {
        bestScore = score
        best = candidate
      }
    }
    return best
  }
}

/// What a text adds to a template, word by word: the runs of words not in their longest common
/// subsequence, compared case-insensitively without punctuation.
public enum TemplateDiff {
  /// Added runs in text order, each as it appears in `text`, joined with " … ".
  public static func added(_ text: String, template: String) -> String {
    let words = text.split(whereSeparator: \.isWhitespace)
    let base = template.split(whereSeparator: \.isWhitespace)
    let keys = words.map(key)
    let baseKeys = base.map(key)
    let n = keys.count
    let m = baseKeys.count
    guard n > 0 else { return "" }
    guard m > 0 else { return words.joined(separator: " ") }
    // lengths[i][j]: LCS of keys[i...] and baseKeys[j...], in one flat array.
    var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        lengths[i * (m + 1) + j] =
          keys[i] == baseKeys[j]
          ? lengths[(i + 1) * (m + 1) + j + 1] + 1
          : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
      }
    }
    var runs: [String] = []
    var run: [Substring] = []
    var i = 0
    var j = 0
    while i < n {
      if j < m && keys[i] == baseKeys[j] {
        if !run.isEmpty { runs.append(run.joined(separator: " ")); run = [] }
        i += 1
        j += 1
      } else if j < m && lengths[i * (m + 1) + j + 1] >= lengths[(i + 1) * (m + 1) + j] {
        j += 1
      } else {
        run.append(words[i])
        i += 1
      }
    }
    if !run.isEmpty { runs.append(run.joined(separator: " ")) }
    return runs.filter { $0.contains { $0.isLetter || $0.isNumber } }.joined(separator: " … ")
  }

  private static func key(_ word: Substring) -> String {
    String(word.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
  }
}
