/// The valence shifters of Hark's sentiment rules, read from `lexicons/shifters/`.
public struct ShifterLexicon: Sendable {
  public enum AdversativeKind: String, Sendable {
    /// The clause after the marker outweighs what came before ("kind, but slow").
    case contrast
    /// The clause the marker introduces is the weaker one ("although kind, slow").
    case concession
  }

  /// Terms (normalised words separated by spaces) that reverse polarity in their clause.
  public var negators: [String: String] = [:]
  /// Intensifiers and their multipliers (> 1).
  public var amplifiers: [String: Double] = [:]
  /// Downtoners and their multipliers (0-1).
  public var dampeners: [String: Double] = [:]
  public var adversatives: [String: AdversativeKind] = [:]
  /// Irrealis and hedge markers and their multipliers (0-1).
  public var irrealis: [String: Double] = [:]
  /// Irrealis markers that express a demand or need (third column `demand`).
  public var demands: Set<String> = []

  public init() {}

  /// Reads the five files of a shifter directory (`negators.tsv`, `amplifiers.tsv`,
  /// `dampeners.tsv`, `adversatives.tsv`, `irrealis.tsv`).
  public init(directory: String) throws(LexiconError) {
    for line in try LexiconFile(path: directory + "/negators.tsv").lines {
      negators[String(line.fields[0]).trimmingSpaces] = "negator"
    }
    amplifiers = try Self.multipliers(directory + "/amplifiers.tsv", range: 1.0...4.0)
    dampeners = try Self.multipliers(directory + "/dampeners.tsv", range: 0.0...1.0)
    let irrealisFile = try LexiconFile(path: directory + "/irrealis.tsv")
    for line in irrealisFile.lines {
      guard (2...3).contains(line.fields.count), let value = Double(line.fields[1].trimmingSpaces), (0.0...1.0).contains(value),
        line.fields.count == 2 || line.fields[2].trimmingSpaces == "demand"
      else {
        throw irrealisFile.malformed(line, "expected term<TAB>multiplier in 0...1, optionally <TAB>demand")
      }
      let term = String(line.fields[0]).trimmingSpaces
      irrealis[term] = value
      if line.fields.count == 3 { demands.insert(term) }
    }
    let file = try LexiconFile(path: directory + "/adversatives.tsv")
    for line in file.lines {
      guard line.fields.count == 2, let kind = AdversativeKind(rawValue: line.fields[1].trimmingSpaces) else {
        throw file.malformed(line, "expected term<TAB>contrast or term<TAB>concession")
      }
      adversatives[String(line.fields[0]).trimmingSpaces] = kind
    }
  }

  private static func multipliers(_ path: String, range: ClosedRange<Double>) throws(LexiconError) -> [String: Double] {
    let file = try LexiconFile(path: path)
    var result: [String: Double] = [:]
    for line in file.lines {
      guard line.fields.count == 2, let value = Double(line.fields[1].trimmingSpaces), range.contains(value) else {
        throw file.malformed(line, "expected term<TAB>multiplier in \(range.lowerBound)...\(range.upperBound)")
      }
      result[String(line.fields[0]).trimmingSpaces] = value
    }
    return result
  }
}
