import ArgumentParser
import HarkIO
import HarkText

extension HarkCommand {
  /// `hark tokenize`: tokens with kind, surface, normalised form and offsets.
  struct Tokenize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the tokens of each text with kind, surface, normalised form and offsets.",
      discussion: """
        JSONL (the default) prints one object per token with the keys line (input line or \
        argument number), sentence, clause, kind, text (surface), norm, start and end (Unicode \
        scalar offsets: Python's text[start:end] is the surface), byte_start and byte_end (UTF-8 \
        offsets), case and flags. Text prints one line per input line: tokens separated by \
        spaces, 'surface→norm' where the two differ, a kind in brackets for tokens that are not \
        words, and '|' between sentences.

        Example:
          $ hark tokenize --format text "Ofsted’s 'Big Listen' — don't PANIC!!! £1.5m :)"
          Ofsted’s→ofsted's '[punctuation] Big→big Listen→listen '[punctuation] —→-[punctuation] \
        don't PANIC→panic ![punctuation] ![punctuation] ![punctuation] | £1.5m[number] :)[emoticon]
          $ echo "well-being isn't optional" | hark tokenize
          {"line":1,"sentence":0,"clause":0,"kind":"word","text":"well-being","norm":"well-being",...}
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case jsonl, text
    }

    @OptionGroup var input: TextInputOptions

    @Option(help: "Output format: jsonl or text.")
    var format: Format = .jsonl

    @Flag(help: "Also remove accents in normalised forms (café -> cafe).")
    var foldAccents = false

    func run() async throws {
      let tokenizer = try Tokenizer(normalizer: Normalizer(options: .init(foldAccents: foldAccents)))
      try CommandRunner.run { output in
        try input.forEachText(idle: output.flush) { text, line in
          var record: [UInt8] = []
          var sentence = 0
          var first = true
          try tokenizer.forEachToken(in: text) { token in
            switch format {
            case .jsonl:
              TokenJSON.append(token, of: text, line: line, to: &record)
            case .text:
              if !first { record.append(contentsOf: token.sentence != sentence ? Array(" | ".utf8) : [0x20]) }
              TokenJSON.appendText(token, of: text, to: &record)
            }
            sentence = token.sentence
            first = false
            if record.count >= 1 << 16 {
              try? output.write(bytes: record)
              record.removeAll(keepingCapacity: true)
            }
          }
          if format == .text { record.append(0x0A) }
          try output.write(bytes: record)
        }
      }
    }
  }
}

/// The JSONL and text renderings of a token.
enum TokenJSON {
  /// `token` as one JSON line; `text` is the text it came from.
  static func append(_ token: Token, of text: String, line: Int, to out: inout [UInt8]) {
    out.append(contentsOf: #"{"line":"#.utf8)
    JSONText.appendInt(line, to: &out)
    out.append(contentsOf: #","sentence":"#.utf8)
    JSONText.appendInt(token.sentence, to: &out)
    out.append(contentsOf: #","clause":"#.utf8)
    JSONText.appendInt(token.clause, to: &out)
    out.append(contentsOf: #","kind":""#.utf8)
    out.append(contentsOf: token.kind.rawValue.utf8)
    out.append(contentsOf: #"","text":"#.utf8)
    JSONText.appendString(token.text(in: text), to: &out)
    out.append(contentsOf: #","norm":"#.utf8)
    JSONText.appendString(token.norm, to: &out)
    out.append(contentsOf: #","start":"#.utf8)
    JSONText.appendInt(token.scalarRange.lowerBound, to: &out)
    out.append(contentsOf: #","end":"#.utf8)
    JSONText.appendInt(token.scalarRange.upperBound, to: &out)
    out.append(contentsOf: #","byte_start":"#.utf8)
    JSONText.appendInt(token.utf8Range.lowerBound, to: &out)
    out.append(contentsOf: #","byte_end":"#.utf8)
    JSONText.appendInt(token.utf8Range.upperBound, to: &out)
    out.append(contentsOf: #","case":""#.utf8)
    out.append(contentsOf: token.caseShape.rawValue.utf8)
    out.append(contentsOf: #"","flags":["#.utf8)
    var firstFlag = true
    for (flag, name) in flagNames where token.flags.contains(flag) {
      if !firstFlag { out.append(0x2C) }
      JSONText.appendString(name, to: &out)
      firstFlag = false
    }
    out.append(contentsOf: "]}\n".utf8)
  }

  static let flagNames: [(TokenFlags, String)] = [
    (.elongated, "elongated"), (.hyphenated, "hyphenated"), (.apostrophe, "apostrophe"),
    (.abbreviation, "abbreviation"), (.bulletMarker, "bullet"),
  ]

  static func appendText(_ token: Token, of text: String, to out: inout [UInt8]) {
    let surface = token.text(in: text)
    out.append(contentsOf: surface.utf8)
    if token.norm != surface {
      out.append(contentsOf: "→".utf8)
      out.append(contentsOf: token.norm.utf8)
    }
    if token.kind != .word {
      out.append(0x5B)
      out.append(contentsOf: token.kind.rawValue.utf8)
      out.append(0x5D)
    }
  }
}
