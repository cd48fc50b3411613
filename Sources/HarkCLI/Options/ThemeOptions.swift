import ArgumentParser
import Foundation
import HarkAnalysis
import HarkLexicon

/// Which theme dictionaries classify records, and the alert dictionary.
struct ThemeOptions: ParsableArguments {
  @Option(
    name: .customLong("themes"),
    help: ArgumentHelp(
      "A theme dictionary: a bundled name (big-listen, service-feedback) or a path to a Hark YAML file. Repeatable; default big-listen.",
      valueName: "NAME|PATH"))
  var themes: [String] = []

  /// The theme classifiers and the alert classifier, from `lexiconDirectory`.
  func makeClassifiers(lexiconDirectory: String) throws -> (themes: [ThemeClassifier], alerts: ThemeClassifier) {
    let names = themes.isEmpty ? ["big-listen"] : themes
    var classifiers: [ThemeClassifier] = []
    for name in names {
      let path: String
      if FileManager.default.fileExists(atPath: name) {
        path = name
      } else {
        path = "\(lexiconDirectory)/themes/\(name).yaml"
        guard FileManager.default.fileExists(atPath: path) else {
          let bundled = ((try? FileManager.default.contentsOfDirectory(atPath: "\(lexiconDirectory)/themes")) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
          throw ValidationError("no theme dictionary '\(name)': give a path, or one of: \(bundled.joined(separator: ", "))")
        }
      }
      classifiers.append(try ThemeClassifier(dictionary: ThemeDictionary.load(path: path)))
    }
    let alerts = try ThemeClassifier(dictionary: ThemeDictionary.load(path: "\(lexiconDirectory)/alerts.yaml"))
    return (classifiers, alerts)
  }

  /// The classifier among `classifiers` whose dictionary defines `id` (a theme, sub-theme or
  /// alert); a usage error listing the known ids otherwise.
  static func classifier(defining id: String, among classifiers: [ThemeClassifier]) throws -> ThemeClassifier {
    guard let found = classifiers.first(where: { $0.dictionary.allThemes.contains { $0.id == id } }) else {
      let known = classifiers.flatMap { $0.dictionary.allThemes.map(\.id) }
      throw ValidationError("no theme or alert '\(id)'; known: \(known.joined(separator: ", "))")
    }
    return found
  }
}
