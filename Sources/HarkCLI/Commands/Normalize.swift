import ArgumentParser
import HarkIO
import HarkText

extension HarkCommand {
  /// `hark normalize`: the normalised form of each text.
  struct Normalize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the normalised form of each text (the forms lexicons are matched against).",
      discussion: """
        Each token's normalised form, with white space between tokens folded to one space: \
        NFKC case folding, curly quotes and every dash unified, zero-width and control \
        characters removed, letters repeated 3+ times squeezed to two.

        Example:
          $ hark normalize "Don’t  PANIC — it’s sooooo ﬁne"
          don't panic - it's soo fine
        """
    )

    @OptionGroup var input: TextInputOptions

    @Flag(help: "Also remove accents (café -> cafe).")
    var foldAccents = false

    @Flag(help: "Keep letter elongations (sooooo stays sooooo).")
    var keepElongations = false

    func run() async throws {
      let tokenizer = try Tokenizer(normalizer: Normalizer(options: .init(foldAccents: foldAccents, squeezeElongations: !keepElongations)))
      try CommandRunner.run { output in
        try input.forEachText(idle: output.flush) { text, _ in
          var line: [UInt8] = []
          var previousEnd: Int?
          try tokenizer.forEachToken(in: text) { token in
            if let previousEnd, previousEnd < token.utf8Range.lowerBound {
              let gap = text.utf8.dropFirst(previousEnd).prefix(token.utf8Range.lowerBound - previousEnd)
              if String(decoding: gap, as: UTF8.self).unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                line.append(0x20)
              }
            }
            line.append(contentsOf: token.norm.utf8)
            previousEnd = token.utf8Range.upperBound
          }
          line.append(0x0A)
          try output.write(bytes: line)
        }
      }
    }
  }
}
