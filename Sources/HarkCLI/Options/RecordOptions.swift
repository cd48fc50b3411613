import ArgumentParser
import HarkIO

/// How records are read: the shared input options of the record commands.
struct RecordOptions: ParsableArguments {
  @Option(help: "Input format: auto (by extension, else JSONL when it starts with '{', else text), csv, tsv, jsonl or text (one record per line).")
  var inputFormat: InputFormatOption = .auto

  @Option(help: "The column (CSV/TSV) or field (JSONL, dotted paths like response.text) holding the text.")
  var textColumn = "text"

  @Option(help: "The column or field holding the record id; records without one are numbered from 1.")
  var idColumn = "id"

  func reader(_ path: String, keep: [String] = []) throws -> RecordReader {
    try RecordReader(path: path, format: inputFormat.format, textColumn: textColumn, idColumn: idColumn, keep: keep)
  }
}

/// `--input-format` values.
enum InputFormatOption: String, ExpressibleByArgument, CaseIterable {
  case auto, csv, tsv, jsonl, text
  var format: InputFormat { InputFormat(rawValue: rawValue)! }
}
