import ArgumentParser
import HarkAnalysis
import HarkLexicon
import HarkText

/// How sentiment is scored: Hark's rules over its lexicons, or VADER 3.3.2's exact behaviour.
struct SentimentOptions: ParsableArguments {
  enum Engine: String, ExpressibleByArgument, CaseIterable {
    case hark, vader
  }

  @Option(help: "Sentiment scorer: hark (Hark's lexicon and rules) or vader (vaderSentiment 3.3.2's numbers; needs VADER's own files, see --sentiment-lexicon).")
  var sentiment: Engine = .hark

  @Option(
    name: .customLong("sentiment-lexicon"),
    help: ArgumentHelp(
      "A sentiment word list layered over the bundled one (repeatable): Hark TSV (term<TAB>valence), VADER's vader_lexicon.txt or an AFINN list (by name). With --sentiment vader: VADER's vader_lexicon.txt.",
      valueName: "PATH"))
  var sentimentLexicons: [String] = []

  @Flag(help: "Use only the --sentiment-lexicon files instead of layering them over the bundled lexicon.")
  var replaceSentimentLexicon = false

  @Option(name: .customLong("emoji-lexicon"), help: ArgumentHelp("With --sentiment vader: VADER's emoji_utf8_lexicon.txt.", valueName: "PATH"))
  var emojiLexicon: String?

  @Option(name: .customLong("lexicon-dir"), help: ArgumentHelp("Where the bundled lexicons are (default: found beside the executable or above the current directory; or $HARK_LEXICONS).", valueName: "DIR"))
  var lexiconDirectory: String?

  func validate() throws {
    if sentiment == .vader && (sentimentLexicons.count != 1 || emojiLexicon == nil) {
      throw ValidationError(
        "--sentiment vader needs VADER's own files: --sentiment-lexicon PATH/vader_lexicon.txt --emoji-lexicon PATH/emoji_utf8_lexicon.txt (from the vaderSentiment 3.3.2 package).")
    }
  }

  /// The bundled lexicons directory.
  func lexicons() throws -> String { try LexiconLocator.directory(explicit: lexiconDirectory) }

  func makeScorer() throws -> SentimentEngine {
    switch sentiment {
    case .vader:
      return .vader(try VaderScorer(lexiconPath: sentimentLexicons[0], emojiLexiconPath: emojiLexicon ?? ""))
    case .hark:
      let directory = try lexicons()
      let model = try SentimentModel.load(directory: directory, extra: sentimentLexicons, replacing: replaceSentimentLexicon)
      return .hark(HarkSentimentScorer(model: model))
    }
  }
}

/// The scorer a command runs with.
enum SentimentEngine {
  case hark(HarkSentimentScorer)
  case vader(VaderScorer)

  /// The document's scores and its sentences' raw scores (for themes' own sentiment). In VADER
  /// mode each sentence is scored on its own and its compound mapped back to a raw score.
  func analyse(_ document: Document, words: MatchWords? = nil) -> (scores: SentimentScores, context: ThemeClassifier.SentimentContext) {
    switch self {
    case .hark(let scorer):
      let explanation = scorer.explainWithoutText(document, words: words)
      return (explanation.scores, ThemeClassifier.SentimentContext(explanation))
    case .vader(let scorer):
      let utf8 = document.text.utf8
      let sentences = document.sentences.map { sentence -> Double in
        let start = utf8.index(utf8.startIndex, offsetBy: sentence.utf8Range.lowerBound)
        let end = utf8.index(utf8.startIndex, offsetBy: sentence.utf8Range.upperBound)
        let c = min(0.9999, max(-0.9999, scorer.polarityScores(String(document.text[start..<end])).compound))
        return c * (15 / (1 - c * c)).squareRoot()
      }
      let scores = scorer.polarityScores(document.text)
      let terms = document.sentences.indices.filter { sentences[$0] != 0 }.map { document.sentences[$0].tokens }
      return (scores, ThemeClassifier.SentimentContext(sentenceScores: sentences, terms: terms, compound: scores.compound))
    }
  }
}
