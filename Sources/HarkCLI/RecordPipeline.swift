import Dispatch
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

  /// `count` pipelines for `count` worker threads, each loaded on its own. They compute the same
  /// results but share no objects, so no reference count is written by two threads (a retain of a
  /// shared theme id or pattern text is an atomic write to memory the other core also writes).
  /// With the lexicons shared, a text cost a median 7-9% more CPU on each of 2 threads than on 1
  /// thread, and 1-2% more with a copy each (`hark-bench classify --threads 2`, with and without
  /// `--separate-lexicons`, five runs each, twice; an earlier session measured no difference).
  /// They are loaded at once, one thread each (loading takes about 0.1 s).
  static func workers(_ count: Int, sentiment: SentimentOptions, themes: ThemeOptions) throws -> [RecordPipeline] {
    if count <= 1 { return try (0..<count).map { _ in try RecordPipeline(sentiment: sentiment, themes: themes) } }
    let loaded = LoadedPipelines(count: count)
    let options = LoadedPipelines.Options(sentiment: sentiment, themes: themes)
    DispatchQueue.concurrentPerform(iterations: count) { i in
      loaded.store(Result { try RecordPipeline(sentiment: options.sentiment, themes: options.themes) }, at: i)
    }
    return try loaded.pipelines()
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

/// The pipelines that ``RecordPipeline/workers(_:sentiment:themes:)`` loads on several threads.
/// Each thread writes only its own slot, and they are read after all have finished.
private final class LoadedPipelines: @unchecked Sendable {
  /// The options, which every thread only reads.
  struct Options: @unchecked Sendable {
    let sentiment: SentimentOptions
    let themes: ThemeOptions
  }

  private let slots: UnsafeMutableBufferPointer<Result<RecordPipeline, any Error>?>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  func store(_ result: Result<RecordPipeline, any Error>, at index: Int) { slots[index] = result }

  /// The pipelines in slot order, or the first slot's error.
  func pipelines() throws -> [RecordPipeline] { try slots.map { try $0!.get() } }
}
