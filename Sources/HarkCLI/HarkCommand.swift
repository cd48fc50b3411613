import ArgumentParser

/// The `hark` root command.
public struct HarkCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "hark",
    abstract: "Themes, sentiment and alerts for free-text consultation responses and complaints.",
    discussion: """
      Every result traces back to the words that caused it. Run `hark help COMMAND` for details \
      and an example of each command.
      """,
    version: HarkVersion.string,
    subcommands: [
      Normalize.self, Tokenize.self, Classify.self, Summarize.self, Merge.self, Explain.self, Evaluate.self, Kwic.self, Lexicon.self,
    ]
  )

  public init() {}
}

/// The version of Hark and the ICU it runs on.
enum HarkVersion {
  static let string = "0.1.0"
}
