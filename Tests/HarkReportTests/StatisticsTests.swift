import Foundation
import Testing

@testable import HarkReport

@Suite struct StatisticsTests {
  /// Wilson intervals: ANCHORS.md's 12/30 → 0.246–0.577, and edge cases.
  @Test(arguments: [
    (12, 30, 0.2459, 0.5768),
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (50, 100, 0.4038, 0.5962),
    (0, 0, 0.0, 1.0),
  ] as [(Int, Int, Double, Double)])
  func wilson(count: Int, total: Int, low: Double, high: Double) {
    let interval = Statistics.wilsonInterval(count: count, total: total)
    #expect(abs(interval.low - low) < 0.0005, "low \(interval.low)")
    #expect(abs(interval.high - high) < 0.0005, "high \(interval.high)")
  }

  @Test func meanInterval() {
    // Values 0.2, 0.4, 0.6: mean 0.4, sd 0.2, half-width 1.96 * 0.2 / sqrt(3) = 0.2263.
    let (mean, low, high) = Statistics.meanInterval(n: 3, sum: 1.2, sumOfSquares: 0.04 + 0.16 + 0.36)
    #expect(abs(mean - 0.4) < 1e-12)
    #expect(abs(low - (0.4 - 0.22632)) < 1e-4)
    #expect(abs(high - (0.4 + 0.22632)) < 1e-4)
    #expect(Statistics.meanInterval(n: 1, sum: 0.5, sumOfSquares: 0.25) == (0.5, 0.5, 0.5))
  }

  @Test func twoProportionTest() {
    // 30/100 against 15/100: pooled 0.225, se 0.05906, z 2.540, p 0.0111.
    let z = Statistics.twoProportionZ(30, 100, 15, 100)
    #expect(abs(z - 2.5398) < 1e-3)
    #expect(abs(Statistics.twoSidedP(z) - 0.0111) < 1e-3)
    #expect(Statistics.twoProportionZ(0, 0, 5, 10) == 0)
    #expect(abs(Statistics.twoSidedP(1.959963984540054) - 0.05) < 1e-9)
  }

  @Test func logOddsFavoursOverRepresentedTerms() {
    let over = Statistics.logOddsWithPrior(inGroup: 40, groupTotal: 1_000, inRest: 10, restTotal: 9_000, prior: 2.5, priorTotal: 500)
    let even = Statistics.logOddsWithPrior(inGroup: 10, groupTotal: 1_000, inRest: 90, restTotal: 9_000, prior: 5, priorTotal: 500)
    let under = Statistics.logOddsWithPrior(inGroup: 1, groupTotal: 1_000, inRest: 99, restTotal: 9_000, prior: 5, priorTotal: 500)
    #expect(over.z > 5)
    #expect(abs(even.z) < 0.5)
    #expect(under.z < -1)
    #expect(over.delta > 0 && under.delta < 0)
  }

  @Test(arguments: [
    ("r-9", "r-10", true), ("r-10", "r-9", false), ("a", "b", true), ("b", "a", false), ("r-1", "r-1", false),
    ("x2", "x02", true), ("", "a", true), ("a", "", false), ("bl-0010", "bl-0100", true), ("10", "9a", false),
  ] as [(String, String, Bool)])
  func naturalOrder(a: String, b: String, less: Bool) {
    #expect(NaturalOrder.less(a, b) == less)
  }
}
