/// Agreement between Hark's labels and a hand-coded gold standard: per-theme precision, recall and
/// F1 with bootstrap 95% intervals, micro and macro averages, sentiment macro-F1 with a confusion
/// matrix, and alert recall with the false-alert rate.
public struct Evaluation: Sendable {
  /// One document's gold and predicted labels.
  public struct Item: Sendable {
    public var id: String
    public var goldThemes: Set<String>
    public var predictedThemes: Set<String>
    public var goldSentiment: String?
    public var predictedSentiment: String
    public var goldAlerts: Set<String>?
    public var predictedAlerts: Set<String>

    public init(
      id: String, goldThemes: Set<String>, predictedThemes: Set<String>, goldSentiment: String?, predictedSentiment: String,
      goldAlerts: Set<String>?, predictedAlerts: Set<String>
    ) {
      self.id = id
      self.goldThemes = goldThemes
      self.predictedThemes = predictedThemes
      self.goldSentiment = goldSentiment
      self.predictedSentiment = predictedSentiment
      self.goldAlerts = goldAlerts
      self.predictedAlerts = predictedAlerts
    }
  }

  /// A statistic and its bootstrap 95% interval.
  public struct Estimate: Sendable, Hashable {
    public var value: Double
    public var low: Double
    public var high: Double
  }

  public struct ThemeMetrics: Sendable, Hashable {
    public var id: String
    /// Documents the gold standard gives the theme.
    public var support: Int
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var precision: Estimate
    public var recall: Estimate
    public var f1: Estimate
  }

  /// Bootstrap resamples for the intervals (fixed seed: the same data give the same intervals).
  public static let bootstrapSamples = 1_000

  public let items: [Item]
  public let themes: [ThemeMetrics]
  public let microF1: Estimate
  public let macroF1: Estimate
  public let microPrecision: Double
  public let microRecall: Double
  /// Over the items that have a gold sentiment.
  public let sentimentMacroF1: Double?
  public let sentimentLabels: [String]
  /// `confusion[gold][predicted]` counts.
  public let confusion: [String: [String: Int]]
  /// Share of gold alerts found (items with an alerts column only).
  public let alertRecall: Double?
  /// Share of items without a gold alert that were flagged.
  public let falseAlertRate: Double?

  public init(items: [Item], themeIDs: [String]) {
    self.items = items
    let ids = themeIDs.isEmpty ? Array(Set(items.flatMap { $0.goldThemes.union($0.predictedThemes) })).sorted() : themeIDs
    var generator = SeededGenerator(seed: 0x4841_524B)
    let samples = (0..<Self.bootstrapSamples).map { _ in (0..<items.count).map { _ in Int.random(in: 0..<max(items.count, 1), using: &generator) } }

    // outcome[theme][item]: 0 true negative, 1 true positive, 2 false positive, 3 false negative.
    let outcome: [String: [UInt8]] = Dictionary(uniqueKeysWithValues: ids.map { id in
      (id, items.map { item -> UInt8 in
        let gold = item.goldThemes.contains(id)
        let predicted = item.predictedThemes.contains(id)
        return gold && predicted ? 1 : predicted ? 2 : gold ? 3 : 0
      })
    })
    func counts(_ id: String, _ indices: some Sequence<Int>) -> (tp: Int, fp: Int, fn: Int) {
      var tally = (0, 0, 0, 0)
      let values = outcome[id]!
      for i in indices {
        switch values[i] {
        case 1: tally.1 += 1
        case 2: tally.2 += 1
        case 3: tally.3 += 1
        default: tally.0 += 1
        }
      }
      return (tally.1, tally.2, tally.3)
    }
    func prf(_ c: (tp: Int, fp: Int, fn: Int)) -> (Double, Double, Double) {
      let p = c.tp + c.fp > 0 ? Double(c.tp) / Double(c.tp + c.fp) : 0
      let r = c.tp + c.fn > 0 ? Double(c.tp) / Double(c.tp + c.fn) : 0
      return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
    }
    func interval(_ value: Double, _ replicate: ([Int]) -> Double) -> Estimate {
      let values = samples.map(replicate).sorted()
      guard !values.isEmpty else { return Estimate(value: value, low: value, high: value) }
      return Estimate(value: value, low: values[Int(Double(values.count) * 0.025)], high: values[min(values.count - 1, Int(Double(values.count) * 0.975))])
    }

    let all = Array(items.indices)
    themes = ids.map { id in
      let c = counts(id, all)
      let (p, r, f) = prf(c)
      let replicates = samples.map { prf(counts(id, $0)) }
      func bounds(_ value: Double, _ pick: ((Double, Double, Double)) -> Double) -> Estimate {
        let sorted = replicates.map(pick).sorted()
        guard !sorted.isEmpty else { return Estimate(value: value, low: value, high: value) }
        return Estimate(value: value, low: sorted[Int(Double(sorted.count) * 0.025)], high: sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.975))])
      }
      return ThemeMetrics(
        id: id, support: c.tp + c.fn, truePositives: c.tp, falsePositives: c.fp, falseNegatives: c.fn,
        precision: bounds(p) { $0.0 }, recall: bounds(r) { $0.1 }, f1: bounds(f) { $0.2 })
    }
    func micro(_ indices: [Int]) -> (Double, Double, Double) {
      var total = (tp: 0, fp: 0, fn: 0)
      for id in ids {
        let c = counts(id, indices)
        total = (total.tp + c.tp, total.fp + c.fp, total.fn + c.fn)
      }
      return prf(total)
    }
    func macro(_ indices: [Int]) -> Double {
      ids.isEmpty ? 0 : ids.map { prf(counts($0, indices)).2 }.reduce(0, +) / Double(ids.count)
    }
    let (mp, mr, mf) = micro(all)
    microPrecision = mp
    microRecall = mr
    microF1 = interval(mf) { micro($0).2 }
    macroF1 = interval(macro(all)) { macro($0) }

    let labelled = items.filter { $0.goldSentiment != nil }
    let labels = ["positive", "negative", "neutral", "mixed"]
    sentimentLabels = labels
    var confusion: [String: [String: Int]] = [:]
    for item in labelled { confusion[item.goldSentiment!, default: [:]][item.predictedSentiment, default: 0] += 1 }
    self.confusion = confusion
    if labelled.isEmpty {
      sentimentMacroF1 = nil
    } else {
      let present = labels.filter { label in labelled.contains { $0.goldSentiment == label || $0.predictedSentiment == label } }
      let f1s = present.map { label -> Double in
        let tp = labelled.count { $0.goldSentiment == label && $0.predictedSentiment == label }
        let fp = labelled.count { $0.goldSentiment != label && $0.predictedSentiment == label }
        let fn = labelled.count { $0.goldSentiment == label && $0.predictedSentiment != label }
        return prf((tp, fp, fn)).2
      }
      sentimentMacroF1 = f1s.reduce(0, +) / Double(max(f1s.count, 1))
    }

    let withAlerts = items.filter { $0.goldAlerts != nil }
    if withAlerts.isEmpty {
      alertRecall = nil
      falseAlertRate = nil
    } else {
      let gold = withAlerts.reduce(0) { $0 + $1.goldAlerts!.count }
      let found = withAlerts.reduce(0) { $0 + $1.goldAlerts!.intersection($1.predictedAlerts).count }
      alertRecall = gold > 0 ? Double(found) / Double(gold) : nil
      let quiet = withAlerts.filter { $0.goldAlerts!.isEmpty }
      falseAlertRate = quiet.isEmpty ? nil : Double(quiet.count { !$0.predictedAlerts.isEmpty }) / Double(quiet.count)
    }
  }
}

/// SplitMix64: a small, fast, seedable generator for reproducible bootstrap intervals.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
