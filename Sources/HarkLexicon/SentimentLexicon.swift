/// A sentiment word list: terms (single words, multi-word phrases, globs) with valences on Hark's
/// scale of -4 to +4. Several files layer: an entry read later replaces an earlier one with the
/// same term.
public struct SentimentLexicon: Sendable {
  /// File formats a sentiment word list can be read from.
  public enum Format: String, Sendable, CaseIterable {
    /// Hark's `term<TAB>valence`, valence -4..+4, `#` comments.
    case hark
    /// VADER's `term<TAB>mean<TAB>sd<TAB>[ratings]`; the mean is the valence. Read as VADER reads
    /// it: the term exactly as written (no normalisation), the last duplicate wins.
    case vader
    /// AFINN's `term<TAB>integer` on -5..+5, scaled by 4/5 onto -4..+4.
    case afinn
  }

  public struct Entry: Hashable, Sendable {
    /// The term as written in the file.
    public var term: String
    public var valence: Double
    /// Where it was read: `path:line`.
    public var source: String
  }

  /// Entries by term, in the order first read.
  public private(set) var entries: [String: Entry] = [:]
  public private(set) var order: [String] = []

  public init() {}

  public var count: Int { entries.count }

  public subscript(term: String) -> Entry? { entries[term] }

  /// Adds or replaces an entry.
  public mutating func set(_ term: String, valence: Double, source: String) {
    if entries[term] == nil { order.append(term) }
    entries[term] = Entry(term: term, valence: valence, source: source)
  }

  /// Reads `path` in `format` and layers it over what is already loaded. Entries record their
  /// source as `label:line` (`label` defaults to the path).
  public mutating func load(path: String, format: Format, label: String? = nil) throws(LexiconError) {
    let label = label ?? path
    let file = try LexiconFile(path: path, commentPrefix: format == .vader ? nil : "#")
    entries.reserveCapacity(entries.count + file.lines.count)
    order.reserveCapacity(order.count + file.lines.count)
    for line in file.lines {
      let term = String(line.fields[0])
      switch format {
      case .hark:
        guard line.fields.count == 2 else {
          throw file.malformed(line, "expected term<TAB>valence, found \(line.fields.count) field(s)")
        }
        let trimmedTerm = term.trimmingSpaces
        guard !trimmedTerm.isEmpty else { throw file.malformed(line, "empty term") }
        guard let valence = Double(line.fields[1].trimmingSpaces), valence >= -4, valence <= 4 else {
          throw file.malformed(line, "valence '\(line.fields[1])' is not a number from -4 to 4")
        }
        set(trimmedTerm, valence: valence, source: "\(label):\(line.number)")
      case .vader:
        // VADER strips the line of surrounding white space, then takes the first two fields.
        let fields = line.fields.map { $0 }
        guard fields.count >= 2, let valence = Double(fields[1].trimmingSpaces) else {
          throw file.malformed(line, "expected VADER's term<TAB>mean<TAB>sd<TAB>ratings")
        }
        set(term.trimmingSpaces, valence: valence, source: "\(label):\(line.number)")
      case .afinn:
        guard line.fields.count == 2, let score = Int(line.fields[1].trimmingSpaces), (-5...5).contains(score) else {
          throw file.malformed(line, "expected AFINN's term<TAB>integer from -5 to 5")
        }
        set(term.trimmingSpaces, valence: Double(score) * 0.8, source: "\(label):\(line.number)")
      }
    }
  }

  /// Guesses a file's format: VADER when lines have four fields, AFINN when the file name says
  /// so, otherwise Hark's.
  public static func guessFormat(path: String) throws(LexiconError) -> Format {
    let name = path.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
    if name.contains("afinn") { return .afinn }
    let file = try LexiconFile(path: path, commentPrefix: "#")
    if let first = file.lines.first, first.fields.count >= 3 { return .vader }
    return .hark
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    var slice = Substring(self)
    while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
    while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
    return String(slice)
  }
}
