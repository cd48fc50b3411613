import ArgumentParser
import Foundation
import HarkAnalysis
import HarkIO
import HarkText

extension HarkCommand {
  /// `hark explain`: the full trace of one text's sentiment.
  struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show how a text's sentiment, themes and alerts were reached: every token, lexicon hit, rule, pattern and contribution.",
      discussion: """
        For each text (the arguments, or standard input one per line): the tokens with their \
        normalised forms; each sentiment term matched, its lexicon entry (file:line) and valence; \
        every rule applied to it in order, with the value after the rule; the shifters found; the \
        sentence scores with their emphasis; and the final scores. The contributions and the \
        emphasis add up to the raw score, and compound = raw / sqrt(raw² + 15).

        Then the themes and alerts: for each one with a match, whether it was assigned, its \
        score against its threshold, every pattern that fired (the words, their Unicode scalar \
        offsets, the pattern and its weight) and every match that was cancelled, with the \
        exclusion or preceding word that cancelled it. --theme ID always shows that theme, so \
        a near miss (a score under the threshold, or matches all cancelled) is explained too.

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
          $ hark explain --theme grading "Inadequate funding, not the inspection, is the problem"
          ...
          themes:
            · grading (Headline grades and single-word judgements): score 0.000 < threshold 0.500, not assigned: every match was cancelled or no pattern matched
                × "Inadequate" [0, 10) pattern "inadequate" cancelled: excluded by "inadequate funding"
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, json
    }

    @OptionGroup var input: TextInputOptions
    @OptionGroup var sentimentOptions: SentimentOptions

    @Option(help: "Output format: text or json (one JSON object per text).")
    var format: Format = .text

    @OptionGroup var themeOptions: ThemeOptions

    @Option(name: .customLong("theme"), help: ArgumentHelp("Always explain this theme or alert, even when it has no match (near misses).", valueName: "ID"))
    var focus: String?

    @Flag(help: "Explain sentiment only (no themes or alerts).")
    var sentimentOnly = false

    func validate() throws {
      if sentimentOptions.sentiment == .vader {
        throw ValidationError("hark explain traces Hark's own rules; --sentiment vader has no trace. Use hark classify --sentiment vader for VADER's numbers.")
      }
    }

    func run() async throws {
      try CommandRunner.run { output in
        guard case .hark(let scorer) = try sentimentOptions.makeScorer() else { return }
        let tokenizer = try Tokenizer()
        let (themes, alerts) = try themeOptions.makeClassifiers(lexiconDirectory: try sentimentOptions.lexicons())
        if let focus { _ = try ThemeOptions.classifier(defining: focus, among: themes + [alerts]) }
        try input.forEachText(idle: output.flush) { text, line in
          let document = try tokenizer.tokenize(text)
          let explanation = scorer.explain(document)
          let themeExplanation =
            sentimentOnly
            ? nil
            : ThemeExplanation(
              document: document, sentiment: .init(explanation), themes: themes, alerts: alerts, focus: focus)
          switch format {
          case .text:
            var text = ExplanationRenderer.text(document, explanation)
            if let themeExplanation { text = String(text.dropLast()) + themeExplanation.text() }
            try output.write(text)
          case .json:
            try output.write(ExplanationRenderer.json(document, explanation, line: line, themes: themeExplanation?.json()) + "\n")
          }
        }
      }
    }
  }
}
