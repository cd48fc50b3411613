import HarkAnalysis
import HarkLexicon
import HarkText
import HarkTestSupport
import Testing

/// Shared, loaded once: the bundled model and a scorer over it.
enum Bundled {
  static let model: SentimentModel = {
    do { return try SentimentModel.load(directory: TestPaths.lexicons) } catch { fatalError("bundled lexicons: \(error)") }
  }()
  static let scorer = HarkSentimentScorer(model: model)

  static func explain(_ text: String) throws -> SentimentExplanation {
    scorer.explain(try Tokenizer().tokenize(text))
  }

  static func compound(_ text: String) throws -> Double { try explain(text).scores.compound }
}

@Suite struct HarkSentimentScorerTests {
  /// One example per rule: the text, the label expected, and a rule that must appear in its trace.
  @Test(arguments: [
    ("The staff were helpful.", SentimentLabel.positive, nil),
    ("The staff were rude.", .negative, nil),
    ("The staff were not helpful.", .negative, SentimentRule.negation),
    ("The staff were not unhelpful.", .positive, .negation),
    ("The inspection was not without merit.", .positive, .doubleNegation),
    ("It is not fit for purpose.", .negative, nil),
    ("Nothing was too much trouble.", .positive, nil),
    ("The nurses went above and beyond.", .positive, nil),
    ("It would be good if staff listened.", .neutral, nil),
    ("This should be improved.", .negative, .demand),
    ("Staff need to be more helpful.", .negative, .demand),
    ("I hope the new system is better.", .positive, .irrealis),
    ("The food was GREAT but the wait was awful.", .mixed, .contrastAfter),
    ("Although the staff were kind, the wait was awful.", .mixed, .concession),
    ("Welcome, but much more needs to be done.", .mixed, nil),
    ("I was sooooo happy", .positive, nil),
    ("Lovely staff :)", .positive, nil),
    ("Awful 😡", .negative, nil),
    ("The building has three floors.", .neutral, nil),
    ("", .neutral, nil),
  ] as [(String, SentimentLabel, SentimentRule?)])
  func rulesByExample(text: String, label: SentimentLabel, rule: SentimentRule?) throws {
    let explanation = try Bundled.explain(text)
    #expect(explanation.scores.label == label, "compound \(explanation.scores.compound)")
    if let rule {
      #expect(explanation.contributions.contains { $0.steps.contains { $0.rule == rule } }, "no \(rule) in trace")
    }
  }

  @Test func intensityAndCapsRaiseMagnitude() throws {
    let plain = try Bundled.compound("The service was good.")
    #expect(try Bundled.compound("The service was very good.") > plain)
    #expect(try Bundled.compound("The service was GOOD.") > plain)
    #expect(try Bundled.compound("The service was good!!!") > plain)
    #expect(try Bundled.compound("The service was slightly good.") < plain)
    #expect(abs(try Bundled.compound("The service was not very good.")) < abs(try Bundled.compound("The service was not good.")))
  }

  @Test func irrealisDampens() throws {
    #expect(try Bundled.compound("I hope the new system is better.") < Bundled.compound("The new system is better."))
    #expect(try Bundled.compound("If staff were kind, it would help.") < Bundled.compound("Staff were kind, it helped."))
  }

  @Test func amplifierEffectDecaysWithDistance() throws {
    let near = try Bundled.explain("very good").contributions[0].value
    let far = try Bundled.explain("very quite good").contributions[0].value
    #expect(near > 1.9)
    #expect(far < near)
  }

  @Test func negationStopsAtTheClause() throws {
    let explanation = try Bundled.explain("I do not know, but the staff were kind.")
    let kind = try #require(explanation.contributions.first { $0.term == "kind" })
    #expect(!kind.steps.contains { $0.rule == .negation })
    #expect(kind.value > 0)
  }

  @Test func contrastMarkersAllCount() throws {
    for marker in ["but", "however", "yet", "whereas"] {
      let explanation = try Bundled.explain("The rooms were clean \(marker) the staff were rude.")
      let rude = try #require(explanation.contributions.first { $0.term == "rude" })
      #expect(rude.steps.contains { $0.rule == .contrastAfter }, "\(marker)")
    }
    let opening = try Bundled.explain("The rooms were clean. However, the staff were rude.")
    let clean = try #require(opening.contributions.first { $0.term == "clean" })
    #expect(clean.steps.contains { $0.rule == .nextSentenceContrast })
  }

  /// The contributions plus the emphasis are the raw score, and compound is its normalisation.
  @Test(arguments: [
    "The staff were not very helpful, but the nurse was LOVELY!",
    "Grades are unfair!!! Inspectors were rude?? However the report was fair.",
    "Although it's a step in the right direction, it is not fit for purpose. Shambles.",
    "😡😡 awful 👍", "", "???", "Nothing was too much trouble; brilliant, brilliant team",
  ])
  func contributionsAddUpToTheScore(text: String) throws {
    let explanation = try Bundled.explain(text)
    let contributions = explanation.contributions.reduce(0) { $0 + $1.value }
    let emphasis = explanation.sentences.reduce(0) { $0 + $1.emphasis }
    #expect(abs(contributions + emphasis - explanation.raw) < 1e-9)
    let expected = explanation.raw / (explanation.raw * explanation.raw + 15).squareRoot()
    #expect(abs(explanation.scores.compound - expected) < 1e-12)
    #expect((-1...1).contains(explanation.scores.compound))
    let shares = explanation.scores.positive + explanation.scores.negative + explanation.scores.neutral
    #expect(shares == 0 || abs(shares - 1) < 1e-9)
  }

  @Test func everyContributionPointsAtItsLexiconLine() throws {
    let explanation = try Bundled.explain("Fobbed off and stonewalled, it was a shambles")
    #expect(explanation.contributions.map(\.term) == ["fobbed off", "stonewalled", "shambles"])
    for contribution in explanation.contributions {
      #expect(contribution.source.contains("lexicons/sentiment/"))
      #expect(contribution.source.split(separator: ":").last.flatMap { Int($0) } != nil)
    }
  }

  @Test func layeredLexiconOverridesTheBundledOne() throws {
    let path = TestScratch.path("layer", suffix: ".tsv")
    try "mocksted\t-2.0\ngood\t-1.0\n".write(toFile: path, atomically: true, encoding: .utf8)
    let model = try SentimentModel.load(directory: TestPaths.lexicons, extra: [path])
    let scores = HarkSentimentScorer(model: model).score(try Tokenizer().tokenize("The mocksted was good"))
    #expect(scores.label == .negative)
    let replaced = try SentimentModel.load(directory: TestPaths.lexicons, extra: [path], replacing: true)
    #expect(HarkSentimentScorer(model: replaced).score(try Tokenizer().tokenize("The staff were wonderful")).label == .neutral)
  }
}
