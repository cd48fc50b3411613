import Foundation

/// The interval estimates and tests used in summary reports.
public enum Statistics {
  /// z for a two-sided 95% interval.
  public static let z95 = 1.959963984540054

  /// The Wilson score interval for a binomial proportion (95% by default), clamped to [0, 1].
  /// For `total == 0` it is (0, 1): nothing is known. Example: 12 of 30 gives 0.246–0.577.
  public static func wilsonInterval(count: Int, total: Int, z: Double = z95) -> (low: Double, high: Double) {
    guard total > 0 else { return (0, 1) }
    let n = Double(total)
    let p = Double(count) / n
    let z2 = z * z
    let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    return (max(0, centre - half), min(1, centre + half))
  }

  /// Mean and 95% normal-approximation interval from a count, a sum and a sum of squares (sample
  /// variance with n − 1). With n < 2 the interval collapses to the mean.
  public static func meanInterval(n: Int, sum: Double, sumOfSquares: Double, z: Double = z95) -> (mean: Double, low: Double, high: Double) {
    guard n > 0 else { return (0, 0, 0) }
    let count = Double(n)
    let mean = sum / count
    guard n > 1 else { return (mean, mean, mean) }
    let variance = max(0, (sumOfSquares - count * mean * mean) / (count - 1))
    let half = z * (variance / count).squareRoot()
    return (mean, mean - half, mean + half)
  }

  /// Two-proportion z statistic (pooled) for `a/n` against `b/m`; 0 when undefined.
  public static func twoProportionZ(_ a: Int, _ n: Int, _ b: Int, _ m: Int) -> Double {
    guard n > 0, m > 0 else { return 0 }
    let pooled = Double(a + b) / Double(n + m)
    let variance = pooled * (1 - pooled) * (1 / Double(n) + 1 / Double(m))
    guard variance > 0 else { return 0 }
    return (Double(a) / Double(n) - Double(b) / Double(m)) / variance.squareRoot()
  }

  /// Two-sided p-value of a standard normal statistic.
  public static func twoSidedP(_ z: Double) -> Double {
    erfc(abs(z) / 2.0.squareRoot())
  }

  /// Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 22) of a
  /// term between a group and the rest, and its z-score.
  ///
  /// - Parameters:
  ///   - inGroup: the term's count in the group; `groupTotal`: all terms' counts in the group.
  ///   - inRest, restTotal: the same for the rest.
  ///   - prior: the term's prior count α_w; `priorTotal`: α_0, the sum of all terms' priors.
  public static func logOddsWithPrior(
    inGroup: Double, groupTotal: Double, inRest: Double, restTotal: Double, prior: Double, priorTotal: Double
  ) -> (delta: Double, z: Double) {
    let a = inGroup + prior
    let b = inRest + prior
    let groupOdds = log(a / max(groupTotal + priorTotal - a, 1e-9))
    let restOdds = log(b / max(restTotal + priorTotal - b, 1e-9))
    let delta = groupOdds - restOdds
    let variance = 1 / a + 1 / b
    return (delta, delta / variance.squareRoot())
  }
}
