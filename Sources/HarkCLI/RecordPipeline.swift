import HarkAnalysis
import HarkLexicon
import HarkReport
import HarkText

/// What `classify` and `evaluate` do to each record: tokenise, score sentiment, assign themes and
/// alerts.
final class RecordPipeline {
  let engine: SentimentEngine
  let themeClassifiers: [ThemeClassifier]
  let alertClassifier: ThemeClassifier
  let tokenizer: Tokenizer

  init(sentiment: SentimentOptions, themes: ThemeOptions) throws {
    engine = try sentiment.makeScorer()
    (themeClassifiers, alertClassifier) = try themes.makeClassifiers(lexiconDirectory: try sentiment.lexicons())
    tokenizer = try Tokenizer()
  }

  private init(engine: SentimentEngine, themeClassifiers: [ThemeClassifier], alertClassifier: ThemeClassifier, tokenizer: Tokenizer) {
    self.engine = engine
    self.themeClassifiers = themeClassifiers
    self.alertClassifier = alertClassifier
    self.tokenizer = tokenizer
  }

  /// A pipeline sharing the compiled lexicons (read-only) with its own tokenizer, for another
  /// worker thread.
  func copy() throws -> RecordPipeline {
    RecordPipeline(engine: engine, themeClassifiers: themeClassifiers, alertClassifier: alertClassifier, tokenizer: try tokenizer.copy())
  }

  /// The theme ids of the dictionaries, in dictionary order (top level only).
  var themeIDs: [String] { themeClassifiers.flatMap { $0.dictionary.themes.map(\.id) } }

  func analyse(_ text: String) throws -> (sentiment: SentimentScores, themes: [ThemeAssignment], alerts: [ThemeAssignment]) {
    let result = try analyseDocument(text)
    return (result.sentiment, result.themes, result.alerts)
  }

  /// `analyse`, keeping the tokenised document too (for summaries).
  func analyseDocument(_ text: String) throws -> (document: Document, sentiment: SentimentScores, themes: [ThemeAssignment], alerts: [ThemeAssignment]) {
    let document = try tokenizer.tokenize(text)
    let words = MatchWords(document)  // prepared once for every matcher
    let (scores, context) = engine.analyse(document, words: words)
    var themes = themeClassifiers.flatMap { $0.classify(document, sentiment: context, words: words) }
    themes.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    return (document, scores, themes, alertClassifier.classify(document, words: words))
  }

  /// The top-level themes and the alerts, as a summary configuration names them.
  func categories() -> (themes: [SummaryConfiguration.Category], alerts: [SummaryConfiguration.Category]) {
    func category(_ theme: ThemeDefinition) -> SummaryConfiguration.Category {
      .init(id: theme.id, label: theme.label, description: theme.description)
    }
    return (
      themeClassifiers.flatMap { $0.dictionary.themes.map(category) }, alertClassifier.dictionary.themes.map(category)
    )
  }
}
