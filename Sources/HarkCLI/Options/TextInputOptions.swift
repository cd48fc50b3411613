import ArgumentParser
import HarkIO

/// Where `normalize` and `tokenize` get their texts: the arguments, or one text per line from
/// files or standard input.
struct TextInputOptions: ParsableArguments {
  @Argument(help: "Texts to process. With none, or '-', texts are read from standard input, one per line.")
  var texts: [String] = []

  @Option(name: .customLong("input"), help: ArgumentHelp("Read texts from FILE, one per line ('-' is standard input). Repeatable.", valueName: "FILE"))
  var inputs: [String] = []

  func validate() throws {
    if texts.count(where: { $0 == "-" }) + inputs.count(where: { $0 == "-" }) > 1 {
      throw ValidationError("'-' (standard input) may be given only once.")
    }
  }

  /// Calls `body` with each text and its 1-based line number (the argument's position for
  /// arguments), warning on standard error about invalid UTF-8. `idle` runs whenever reading on
  /// would wait for a slower writer of a pipe (``LineReader/wouldWait``): the moment to write out
  /// what is buffered, so that a filter's lines come out as its input arrives.
  func forEachText(idle: () throws -> Void = {}, _ body: (_ text: String, _ line: Int) throws -> Void) throws {
    var sources: [String] = inputs
    if texts.isEmpty && inputs.isEmpty { sources = ["-"] }
    var argumentLine = 0
    for text in texts {
      if text == "-" {
        sources.append("-")
        continue
      }
      argumentLine += 1
      try body(text, argumentLine)
    }
    for source in sources {
      let reader = try LineReader(path: source)
      while let line = try reader.next() {
        if line.hadInvalidUTF8 {
          Diagnostics.warn("\(reader.name):\(line.number): invalid UTF-8 replaced with U+FFFD")
        }
        try body(line.text, line.number)
        if reader.wouldWait { try idle() }
      }
    }
  }
}
