import ArgumentParser
import HarkAnalysis
import HarkIO
import HarkText

extension HarkCommand {
  /// `hark classify`: per-record sentiment, themes and alerts (CSV/JSONL input is being built).
  struct Classify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score every record: one JSON object per input record, in input order.",
      discussion: """
        Reads plain text, one record per line, from files or standard input ('-' or none), and \
        writes one JSON object per record, in input order: its id (the 1-based record number), \
        its sentiment, the themes assigned (highest score first, each with its own sentiment and \
        the evidence: the words, their Unicode scalar offsets and the pattern that fired) and the \
        alerts (distress, safeguarding_disclosure, threat). CSV and JSONL input are being added.

        Example:
          $ printf 'Staff were lovely\\nThe wait was awful\\n' | hark classify
          {"id":"1","sentiment":{"label":"positive",…},"themes":[],"alerts":[]}
          $ echo "Single-word judgements are unfair and the stress is unbearable" | hark classify
          {"id":"1","sentiment":{…},"themes":[{"id":"grading","score":1.0,"sentiment":-0.63,"evidence":[{"text":"Single-word judgements","start":0,"end":22,"pattern":"single-word judgement*"}]},…],"alerts":[]}
          $ hark classify --themes service-feedback comments.txt
          $ hark classify --sentiment vader --sentiment-lexicon vader_lexicon.txt --emoji-lexicon emoji_utf8_lexicon.txt comments.txt
        """
    )

    @Argument(help: "Input files, one record per line; none or '-' reads standard input.")
    var files: [String] = []

    @OptionGroup var sentimentOptions: SentimentOptions
    @OptionGroup var themeOptions: ThemeOptions

    func run() async throws {
      let sources = files.isEmpty ? ["-"] : files
      try CommandRunner.run { output in
        let engine = try sentimentOptions.makeScorer()
        let (themeClassifiers, alertClassifier) = try themeOptions.makeClassifiers(lexiconDirectory: try sentimentOptions.lexicons())
        let tokenizer = try Tokenizer()
        var record = 0
        for source in sources {
          let reader = try LineReader(path: source)
          while let line = try reader.next() {
            record += 1
            if line.hadInvalidUTF8 {
              Diagnostics.warn("\(reader.name):\(line.number): record \(record): invalid UTF-8 replaced with U+FFFD")
            }
            let document = try tokenizer.tokenize(line.text)
            let (scores, context) = engine.analyse(document)
            var themes = themeClassifiers.flatMap { $0.classify(document, sentiment: context) }
            themes.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            let alerts = alertClassifier.classify(document)
            try output.write(bytes: RecordJSON.line(id: String(record), sentiment: scores, themes: themes, alerts: alerts))
          }
        }
      }
    }
  }
}
