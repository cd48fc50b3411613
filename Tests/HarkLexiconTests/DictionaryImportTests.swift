import Foundation
import HarkLexicon
import HarkTestSupport
import Testing

@Suite struct DictionaryImportTests {
  static func write(_ bytes: [UInt8], _ suffix: String) throws -> String {
    let path = TestScratch.path("import", suffix: suffix)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func importsLIWCWithNestingMultiWordsAndWarnings() throws {
    // "café" in Windows-1252 (0xE9), as old LIWC files are.
    var bytes = Array("%\n1\tposemo\n2\tnegemo\n\t3\tanger\n%\nhappy*\t1\nangry\t2\t3\nkind of\t1\nlike (02 134)/(02 253)\t1\ncaf".utf8)
    bytes += [0xE9] + Array("\t1\nold style 2\n".utf8)
    let path = try Self.write(bytes, ".dic")
    let (dictionary, warnings) = try ThemeDictionary.importLIWC(path: path)
    #expect(dictionary.themes.map(\.id) == ["posemo", "negemo"])
    #expect(dictionary.themes[0].patterns.map(\.match) == ["happy*", "kind of", "café"])
    #expect(dictionary.themes[1].children.map(\.id) == ["anger"])
    #expect(dictionary.themes[1].patterns.map(\.match) == ["angry", "old style"])
    #expect(warnings.count == 1 && warnings[0].contains(":9: conditional entry skipped"))
  }

  @Test func liwcErrorsNameTheLine() throws {
    let path = try Self.write(Array("%\n1\tposemo\n%\nhappy\t7\n".utf8), ".dic")
    let error = #expect(throws: LexiconError.self) { try ThemeDictionary.importLIWC(path: path) }
    #expect(error?.description == "\(path):4: category 7 is not in the legend")
  }

  @Test func importsQuantedaAndRoundTripsThroughHarkYAML() throws {
    let path = try Self.write(Array("positive:\n  - good\n  - great*\nnegative:\n  anger:\n    - furious\n  sad: [unhappy, \"can't stand\"]\n".utf8), ".yml")
    let dictionary = try ThemeDictionary.importQuanteda(path: path)
    #expect(dictionary.allThemes.map(\.id) == ["positive", "negative", "negative.anger", "negative.sad"])
    let out = try Self.write(Array(try dictionary.yaml().utf8), ".yaml")
    let reloaded = try ThemeDictionary.load(path: out)
    #expect(reloaded.allThemes.map(\.id) == dictionary.allThemes.map(\.id))
    #expect(reloaded.allThemes.map { $0.patterns.map(\.match) } == dictionary.allThemes.map { $0.patterns.map(\.match) })
    #expect(reloaded.themes[1].patterns.map(\.match) == ["furious", "unhappy", "can't stand"])
  }

  /// Writing a dictionary as Hark YAML and reading it back loses nothing.
  @Test(arguments: ["themes/big-listen.yaml", "themes/service-feedback.yaml", "alerts.yaml"])
  func bundledDictionariesRoundTrip(name: String) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let original = try ThemeDictionary.load(path: root.appendingPathComponent("lexicons/\(name)").path)
    let copy = try ThemeDictionary.load(path: try Self.write(Array(try original.yaml().utf8), ".yaml"))
    #expect(copy.allThemes == original.allThemes)
    #expect(copy.fallback == original.fallback)
    #expect(copy.isAlertDictionary == original.isAlertDictionary)
  }
}
