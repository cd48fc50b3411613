import Foundation
import Yams

/// A theme (or alert) dictionary in Hark's YAML format, modelled on quanteda's dictionaries: see
/// `lexicons/README.md` for the format. Read-only language data; ``ThemeClassifier`` compiles it.
public struct ThemeDictionary: Sendable, Hashable {
  /// The dictionary's name (`dictionary:`), e.g. `big-listen`.
  public var name: String
  public var version: Int?
  public var language: String?
  public var description: String?
  /// The top-level themes (or alerts), in file order.
  public var themes: [ThemeDefinition]
  /// Whether the file lists `alerts:` rather than `themes:`.
  public var isAlertDictionary: Bool
  /// The theme given to a text that expresses sentiment but matches no theme (`fallback:`), if
  /// any: in service feedback, "Very good, thank you" is about the service as a whole.
  public var fallback: String?
  /// Where it was read.
  public var path: String

  public init(name: String, themes: [ThemeDefinition], isAlertDictionary: Bool = false, path: String = "") {
    self.name = name
    self.themes = themes
    self.isAlertDictionary = isAlertDictionary
    self.path = path
  }

  /// Reads a dictionary file. Errors name the file and, where YAML says, the line.
  public static func load(path: String) throws(LexiconError) -> ThemeDictionary {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    let file: ThemeDictionaryFile
    do {
      file = try YAMLDecoder().decode(ThemeDictionaryFile.self, from: text)
    } catch let error as YamlError {
      throw .malformed(path: path, line: Self.line(of: error) ?? 0, reason: "YAML: \(error)")
    } catch let error as DecodingError {
      throw .malformed(path: path, line: 0, reason: Self.describe(error))
    } catch {
      throw .malformed(path: path, line: 0, reason: "\(error)")
    }
    guard let themes = file.themes ?? file.alerts else {
      throw .malformed(path: path, line: 0, reason: "expected a 'themes:' or 'alerts:' list")
    }
    var dictionary = ThemeDictionary(
      name: file.dictionary ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
      themes: themes.map { $0.definition(parent: nil, defaultThreshold: file.threshold ?? 1.0) },
      isAlertDictionary: file.alerts != nil, path: path)
    dictionary.fallback = file.fallback
    dictionary.version = file.version
    dictionary.language = file.language
    dictionary.description = file.description
    var seen = Set<String>()
    for theme in dictionary.allThemes {
      guard seen.insert(theme.id).inserted else { throw .malformed(path: path, line: 0, reason: "theme id '\(theme.id)' appears twice") }
      for pattern in theme.patterns where pattern.match.trimmingSpaces.isEmpty {
        throw .malformed(path: path, line: 0, reason: "theme '\(theme.id)' has an empty pattern")
      }
    }
    if let fallback = dictionary.fallback, !seen.contains(fallback) {
      throw .malformed(path: path, line: 0, reason: "fallback '\(fallback)' is not a theme of this dictionary")
    }
    return dictionary
  }

  /// Every theme, parents before their children.
  public var allThemes: [ThemeDefinition] {
    var result: [ThemeDefinition] = []
    func walk(_ theme: ThemeDefinition) {
      result.append(theme)
      theme.children.forEach(walk)
    }
    themes.forEach(walk)
    return result
  }

  private static func line(of error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
    default: nil
    }
  }

  private static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
      return "at \(path(context)): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}

/// One theme or alert and how to detect it.
public struct ThemeDefinition: Sendable, Hashable {
  public var id: String
  public var label: String
  public var description: String
  /// The theme is assigned when its score reaches this (default 1.0).
  public var threshold: Double
  public var patterns: [ThemePattern]
  /// Phrases that cancel any pattern match of this theme that they overlap.
  public var exclude: [String]
  public var near: [ProximityRule]
  /// Words or phrases that cancel a match when they occur within four words before it in its
  /// clause (alerts: hypotheticals and negation).
  public var unlessPrecededBy: [String]
  public var children: [ThemeDefinition]
  /// The enclosing theme's id, for sub-themes.
  public var parent: String?

  public init(
    id: String, label: String = "", description: String = "", threshold: Double = 1.0, patterns: [ThemePattern],
    exclude: [String] = [], near: [ProximityRule] = [], unlessPrecededBy: [String] = [], children: [ThemeDefinition] = [],
    parent: String? = nil
  ) {
    self.id = id
    self.label = label
    self.description = description
    self.threshold = threshold
    self.patterns = patterns
    self.exclude = exclude
    self.near = near
    self.unlessPrecededBy = unlessPrecededBy
    self.children = children
    self.parent = parent
  }
}

/// A pattern: words and globs separated by spaces, or an ICU regular expression after `re:`.
public struct ThemePattern: Sendable, Hashable {
  public var match: String
  public var weight: Double
  public var unlessPrecededBy: [String]

  public init(match: String, weight: Double = 1.0, unlessPrecededBy: [String] = []) {
    self.match = match
    self.weight = weight
    self.unlessPrecededBy = unlessPrecededBy
  }

  /// The regular expression, for `re:` patterns.
  public var regularExpression: String? {
    match.hasPrefix("re:") ? String(match.dropFirst(3)) : nil
  }
}

/// All `terms` within `within` words of each other in one sentence.
public struct ProximityRule: Sendable, Hashable {
  public var terms: [String]
  public var within: Int
  public var weight: Double

  public init(terms: [String], within: Int, weight: Double = 1.0) {
    self.terms = terms
    self.within = within
    self.weight = weight
  }
}

// MARK: - The file's shape

private struct ThemeDictionaryFile: Decodable {
  var dictionary: String?
  var version: Int?
  var language: String?
  var description: String?
  /// The default threshold of the dictionary's themes.
  var threshold: Double?
  var fallback: String?
  var themes: [ThemeNode]?
  var alerts: [ThemeNode]?
}

private struct ThemeNode: Decodable {
  var id: String
  var label: String?
  var description: String?
  var threshold: Double?
  var patterns: [PatternNode]?
  var exclude: [String]?
  var near: [ProximityNode]?
  var unless_preceded_by: [String]?
  var children: [ThemeNode]?

  func definition(parent: String?, defaultThreshold: Double) -> ThemeDefinition {
    ThemeDefinition(
      id: id, label: label ?? id, description: description ?? "", threshold: threshold ?? defaultThreshold,
      patterns: (patterns ?? []).map(\.pattern), exclude: exclude ?? [],
      near: (near ?? []).map { ProximityRule(terms: $0.terms, within: $0.within, weight: $0.weight ?? 1.0) },
      unlessPrecededBy: unless_preceded_by ?? [],
      children: (children ?? []).map { $0.definition(parent: id, defaultThreshold: defaultThreshold) },
      parent: parent)
  }
}

private struct PatternNode: Decodable {
  var pattern: ThemePattern

  struct Map: Decodable {
    var match: String
    var weight: Double?
    var unless_preceded_by: [String]?
  }

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      pattern = ThemePattern(match: text)
    } else {
      let map = try container.decode(Map.self)
      pattern = ThemePattern(match: map.match, weight: map.weight ?? 1.0, unlessPrecededBy: map.unless_preceded_by ?? [])
    }
  }
}

private struct ProximityNode: Decodable {
  var terms: [String]
  var within: Int
  var weight: Double?
}
