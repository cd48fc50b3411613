import Foundation
import Yams

/// Importers from the dictionary formats researchers already own, and the Hark YAML writer.
extension ThemeDictionary {
  /// Reads a LIWC `.dic`: a `%`-delimited legend of `id<TAB>name` lines (tab-indented lines are
  /// sub-categories of the line above them, as in LIWC 2015), then `pattern<TAB>id<TAB>id…` lines
  /// (spaces instead of tabs in old files; `*` wildcards; multi-word patterns). Conditional
  /// entries (`like (02 134)/(02 253)`, `<of>`) are skipped with a warning. Windows-1252 files are
  /// read too.
  public static func importLIWC(path: String) throws(LexiconError) -> (dictionary: ThemeDictionary, warnings: [String]) {
    let file = try LexiconFile(path: path, commentPrefix: nil)
    var warnings: [String] = []
    var names: [String: String] = [:]  // LIWC id -> theme id
    var order: [String] = []
    var parentOf: [String: String] = [:]
    var patterns: [String: [String]] = [:]
    var section = 0  // 0 before the legend, 1 in it, 2 after it
    var stack: [(level: Int, id: String)] = []
    func themeID(_ name: String) -> String {
      let lowered = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
      return String(lowered)
    }
    for line in file.lines {
      let raw = line.fields.joined(separator: "\t")
      if raw.trimmingSpaces == "%" {
        section += 1
        continue
      }
      switch section {
      case 0:
        throw file.malformed(line, "expected the '%' line that opens LIWC's category legend")
      case 1:
        let level = line.fields.prefix { $0.trimmingSpaces.isEmpty }.count
        let parts = line.fields.dropFirst(level).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard parts.count >= 2 else { throw file.malformed(line, "expected id<TAB>name in the legend") }
        let id = themeID(parts[1])
        names[parts[0]] = id
        order.append(id)
        while let top = stack.last, top.level >= level { stack.removeLast() }
        if let parent = stack.last { parentOf[id] = parent.id }
        stack.append((level, id))
      default:
        if raw.contains("(") || raw.contains("<") {
          warnings.append("\(path):\(line.number): conditional entry skipped: \(raw.trimmingSpaces)")
          continue
        }
        var fields = line.fields.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        if fields.count == 1 {
          // Old files separate with spaces: the trailing numbers are the categories.
          var words = fields[0].split(separator: " ").map(String.init)
          var ids: [String] = []
          while let last = words.last, last.allSatisfy(\.isNumber), words.count > 1 { ids.insert(words.removeLast(), at: 0) }
          fields = [words.joined(separator: " ")] + ids
        }
        guard fields.count >= 2 else { throw file.malformed(line, "expected pattern<TAB>category id") }
        let pattern = fields[0].lowercased()
        for id in fields.dropFirst() {
          guard let theme = names[id] else { throw file.malformed(line, "category \(id) is not in the legend") }
          patterns[theme, default: []].append(pattern)
        }
      }
    }
    guard section >= 2 else {
      throw .malformed(path: path, line: 0, reason: "the category legend is not closed by a second '%' line")
    }
    func build(_ id: String) -> ThemeDefinition {
      let children = order.filter { parentOf[$0] == id }.map(build)
      // A parent counts its children's words too, as in LIWC's own scoring.
      let own = patterns[id] ?? []
      let inherited = children.flatMap { $0.patterns.map(\.match) }
      var seen = Set<String>()
      let all = (own + inherited).filter { seen.insert($0).inserted }
      return ThemeDefinition(id: id, label: id, patterns: all.map { ThemePattern(match: $0) }, children: children, parent: parentOf[id])
    }
    let top = order.filter { parentOf[$0] == nil }.map(build)
    var dictionary = ThemeDictionary(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, themes: top, path: path)
    dictionary.description = "Imported from the LIWC dictionary \(URL(fileURLWithPath: path).lastPathComponent)."
    return (dictionary, warnings)
  }

  /// Reads a quanteda dictionary in YAML: keys are categories, each a list of patterns (quanteda's
  /// globs) or a mapping of sub-categories.
  public static func importQuanteda(path: String) throws(LexiconError) -> ThemeDictionary {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch {
      throw .malformed(path: path, line: 0, reason: "YAML: \(error)")
    }
    guard let mapping = node?.mapping else {
      throw .malformed(path: path, line: 0, reason: "expected a mapping of categories to word lists")
    }
    func themes(_ mapping: Node.Mapping, parent: String?) throws(LexiconError) -> [ThemeDefinition] {
      var result: [ThemeDefinition] = []
      for (key, value) in mapping {
        guard let name = key.string else { continue }
        let id = parent.map { "\($0).\(name)" } ?? name
        if let sequence = value.sequence {
          let words = sequence.compactMap(\.string)
          result.append(ThemeDefinition(id: id, label: name, patterns: words.map { ThemePattern(match: $0.lowercased()) }, parent: parent))
        } else if let nested = value.mapping {
          let children = try themes(nested, parent: id)
          var seen = Set<String>()
          let words = children.flatMap { $0.patterns.map(\.match) }.filter { seen.insert($0).inserted }
          result.append(ThemeDefinition(id: id, label: name, patterns: words.map { ThemePattern(match: $0) }, children: children, parent: parent))
        } else if let word = value.string {
          result.append(ThemeDefinition(id: id, label: name, patterns: [ThemePattern(match: word.lowercased())], parent: parent))
        } else {
          throw .malformed(path: path, line: (key.mark?.line ?? 0), reason: "category '\(name)' is neither a list nor a mapping")
        }
      }
      return result
    }
    var dictionary = ThemeDictionary(
      name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, themes: try themes(mapping, parent: nil), path: path)
    dictionary.description = "Imported from the quanteda dictionary \(URL(fileURLWithPath: path).lastPathComponent)."
    return dictionary
  }

  /// The dictionary in Hark's YAML format (lexicons/README.md), themes and patterns in order.
  public func yaml() throws -> String {
    func scalar(_ text: String) -> Node { Node(text, .implicit, .singleQuoted) }
    func theme(_ definition: ThemeDefinition) -> Node {
      var pairs: [(Node, Node)] = [(Node("id"), Node(definition.id)), (Node("label"), scalar(definition.label))]
      if !definition.description.isEmpty { pairs.append((Node("description"), scalar(definition.description))) }
      if definition.threshold != 1.0 { pairs.append((Node("threshold"), Node(String(definition.threshold)))) }
      func list(_ items: [String]) -> Node { Node.sequence(Node.Sequence(items.map(scalar), .implicit, .flow)) }
      let patterns = definition.patterns.map { pattern -> Node in
        if pattern.weight == 1.0 && pattern.unlessPrecededBy.isEmpty { return scalar(pattern.match) }
        var fields: [(Node, Node)] = [(Node("match"), scalar(pattern.match)), (Node("weight"), Node(String(pattern.weight)))]
        if !pattern.unlessPrecededBy.isEmpty { fields.append((Node("unless_preceded_by"), list(pattern.unlessPrecededBy))) }
        return Node.mapping(Node.Mapping(fields, .implicit, .flow))
      }
      if !definition.unlessPrecededBy.isEmpty { pairs.append((Node("unless_preceded_by"), list(definition.unlessPrecededBy))) }
      pairs.append((Node("patterns"), Node.sequence(Node.Sequence(patterns))))
      if !definition.exclude.isEmpty { pairs.append((Node("exclude"), Node.sequence(Node.Sequence(definition.exclude.map(scalar))))) }
      if !definition.near.isEmpty {
        let rules = definition.near.map { rule in
          Node.mapping(
            Node.Mapping(
              [(Node("terms"), list(rule.terms)), (Node("within"), Node(String(rule.within))), (Node("weight"), Node(String(rule.weight)))],
              .implicit, .flow))
        }
        pairs.append((Node("near"), Node.sequence(Node.Sequence(rules))))
      }
      if !definition.children.isEmpty { pairs.append((Node("children"), Node.sequence(Node.Sequence(definition.children.map(theme))))) }
      return Node.mapping(Node.Mapping(pairs))
    }
    var top: [(Node, Node)] = [(Node("dictionary"), Node(name)), (Node("version"), Node("1"))]
    if let language { top.append((Node("language"), Node(language))) }
    if let description { top.append((Node("description"), scalar(description))) }
    if let fallback { top.append((Node("fallback"), Node(fallback))) }
    top.append((Node(isAlertDictionary ? "alerts" : "themes"), Node.sequence(Node.Sequence(themes.map(theme)))))
    return try Yams.serialize(node: Node.mapping(Node.Mapping(top)), allowUnicode: true)
  }
}
