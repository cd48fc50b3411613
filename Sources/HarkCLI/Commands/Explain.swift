import ArgumentParser
import Foundation
import HarkAnalysis
import HarkIO
import HarkText

extension HarkCommand {
  /// `hark explain`: the full trace of one text's sentiment.
  struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show how a text's sentiment was reached: every token, lexicon hit, rule and contribution.",
      discussion: """
        For each text (the arguments, or standard input one per line): the tokens with their \
        normalised forms; each sentiment term matched, its lexicon entry (file:line) and valence; \
        every rule applied to it in order, with the value after the rule; the shifters found; the \
        sentence scores with their emphasis; and the final scores. The contributions and the \
        emphasis add up to the raw score, and compound = raw / sqrt(raw² + 15).

        Example:
          $ hark explain "The staff were not very helpful, but the nurse was LOVELY!"
          text: The staff were not very helpful, but the nurse was LOVELY!
          tokens: the staff were not very helpful , but the nurse was lovely !
            - "helpful" helpful = 1.800 (lexicons/sentiment/en-words-a-l.tsv:2932)
                intensity  very ×0.769 → 1.385
                negation  not → -1.025
                contrast-before  but → -0.512
                contribution -0.512 (sentence 1, clause 1)
            + "LOVELY" lovely = 2.600 (lexicons/sentiment/en-words-a-l.tsv:3749)
                all-caps  LOVELY → 3.333
                contrast-after  but → 5.000
                contribution 5.000 (sentence 1, clause 2)
            ...
          raw 4.779 → compound 0.777; label positive; …
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @OptionGroup var input: TextInputOptions
    @OptionGroup var sentimentOptions: SentimentOptions

    @Option(help: "Output format: text or json (one JSON object per text).")
    var format: Format = .text

    func validate() throws {
      if sentimentOptions.sentiment == .vader {
        throw ValidationError("hark explain traces Hark's own rules; --sentiment vader has no trace. Use hark classify --sentiment vader for VADER's numbers.")
      }
    }

    func run() async throws {
      try CommandRunner.run { output in
        guard case .hark(let scorer) = try sentimentOptions.makeScorer() else { return }
        let tokenizer = try Tokenizer()
        try input.forEachText { text, line in
          let document = try tokenizer.tokenize(text)
          let explanation = scorer.explain(document)
          switch format {
          case .text: try output.write(ExplanationRenderer.text(document, explanation))
          case .json: try output.write(ExplanationRenderer.json(document, explanation, line: line) + "\n")
          }
        }
      }
    }
  }
}
