import HarkAnalysis
import Testing

@Suite struct EvaluationTests {
  static func item(_ id: String, gold: Set<String>, predicted: Set<String>, sentiment: (String, String) = ("neutral", "neutral"),
                   alerts: (Set<String>?, Set<String>) = (nil, [])) -> Evaluation.Item {
    Evaluation.Item(
      id: id, goldThemes: gold, predictedThemes: predicted, goldSentiment: sentiment.0, predictedSentiment: sentiment.1,
      goldAlerts: alerts.0, predictedAlerts: alerts.1)
  }

  @Test func countsAndRatesByHand() {
    let items = [
      Self.item("1", gold: ["a"], predicted: ["a"], sentiment: ("positive", "positive"), alerts: ([], [])),
      Self.item("2", gold: ["a", "b"], predicted: ["b"], sentiment: ("negative", "positive"), alerts: (["distress"], ["distress"])),
      Self.item("3", gold: [], predicted: ["a"], sentiment: ("negative", "negative"), alerts: (["threat"], [])),
      Self.item("4", gold: ["b"], predicted: ["b"], sentiment: ("neutral", "neutral"), alerts: ([], ["threat"])),
    ]
    let evaluation = Evaluation(items: items, themeIDs: ["a", "b"])
    let a = evaluation.themes[0]
    #expect((a.truePositives, a.falsePositives, a.falseNegatives, a.support) == (1, 1, 1, 2))
    #expect(a.precision.value == 0.5 && a.recall.value == 0.5 && a.f1.value == 0.5)
    let b = evaluation.themes[1]
    #expect(b.precision.value == 1 && b.recall.value == 1)
    #expect(abs(evaluation.microF1.value - 0.75) < 1e-12)  // tp 3, fp 1, fn 1
    #expect(abs(evaluation.macroF1.value - 0.75) < 1e-12)
    for estimate in [a.precision, a.recall, a.f1, evaluation.microF1] {
      #expect(estimate.low <= estimate.value && estimate.value <= estimate.high)
    }
    #expect(evaluation.confusion["negative"]?["positive"] == 1)
    #expect(evaluation.alertRecall == 0.5)
    #expect(evaluation.falseAlertRate == 0.5)
  }

  @Test func intervalsAreReproducible() {
    let items = (0..<50).map { Self.item(String($0), gold: $0 % 3 == 0 ? ["x"] : [], predicted: $0 % 2 == 0 ? ["x"] : []) }
    let first = Evaluation(items: items, themeIDs: ["x"])
    let second = Evaluation(items: items, themeIDs: ["x"])
    #expect(first.themes == second.themes)
    #expect(first.themes[0].f1.low < first.themes[0].f1.high)
  }
}
