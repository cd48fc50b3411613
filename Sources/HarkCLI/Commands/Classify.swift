import ArgumentParser
import HarkAnalysis
import HarkIO
import HarkText

extension HarkCommand {
  /// `hark classify`: per-record sentiment (themes and alerts, and CSV/JSONL input, are being built).
  struct Classify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score every record: one JSON object per input record, in input order.",
      discussion: """
        Reads plain text, one record per line, from files or standard input ('-' or none), and \
        writes one JSON object per record with its id (the 1-based record number) and its \
        sentiment. Theme and alert fields, and CSV/JSONL input, are being added.

        Example:
          $ printf 'Staff were lovely\\nThe wait was awful\\n' | hark classify
          {"id":"1","sentiment":{"label":"positive","compound":0.5574,"positive":0.643,"negative":0.0,"neutral":0.357}}
          {"id":"2","sentiment":{"label":"negative","compound":-0.6124,"positive":0.0,"negative":0.571,"neutral":0.429}}
          $ hark classify --sentiment vader --sentiment-lexicon vader_lexicon.txt --emoji-lexicon emoji_utf8_lexicon.txt comments.txt
        """
    )

    @Argument(help: "Input files, one record per line; none or '-' reads standard input.")
    var files: [String] = []

    @OptionGroup var sentimentOptions: SentimentOptions

    func run() async throws {
      let sources = files.isEmpty ? ["-"] : files
      try CommandRunner.run { output in
        let engine = try sentimentOptions.makeScorer()
        let tokenizer = try Tokenizer()
        var record = 0
        for source in sources {
          let reader = try LineReader(path: source)
          while let line = try reader.next() {
            record += 1
            if line.hadInvalidUTF8 {
              Diagnostics.warn("\(reader.name):\(line.number): record \(record): invalid UTF-8 replaced with U+FFFD")
            }
            let scores = try engine.score(line.text, tokenizer: tokenizer)
            try output.write("{\"id\":\"\(record)\",\"sentiment\":\(SentimentJSON.text(scores))}\n")
          }
        }
      }
    }
  }
}
