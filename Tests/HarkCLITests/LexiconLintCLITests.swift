import Foundation
import HarkTestSupport
import Testing

/// `hark lexicon lint` as researchers and CI run it.
@Suite struct LexiconLintCLITests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Writes `files` (name → contents) into a fresh temporary folder; returns the folder.
  static func folder(_ files: [String: String]) throws -> String {
    let directory = TestScratch.path("lint-cli")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, contents) in files {
      try contents.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }
    return directory
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// (files, expected exit status, expected number of output lines).
  @Test(arguments: [
    (["clean.tsv": "good\t1.9\nbad\t-2.1\n"], Int32(0), 0),
    (["warn.tsv": "good\t1.9\ngood\t1.9\nRude\t-2\n"], Int32(0), 2),
    (["error.tsv": "good\t1.9\ngood\t-1\n"], Int32(1), 1),
    (["range.tsv": "awful\t-5\n"], Int32(1), 1),
    (["broken.yaml": "themes:\n  - id: a\n   patterns: [x\n"], Int32(1), 1),
    (["warn.tsv": "good\t1.9\ngood\t1.9\n", "error.tsv": "awful\t-5\n"], Int32(1), 2),
  ] as [([String: String], Int32, Int)])
  func exitStatusFollowsErrors(files: [String: String], status: Int32, lines: Int) throws {
    let directory = try Self.folder(files)
    let result = try HarkProcess.run(["lexicon", "lint", directory])
    #expect(result.status == status, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.split(separator: "\n").count == lines, "\(result.stdout)")
    #expect(result.stderr.hasPrefix("hark lexicon lint: \(files.count) file"))
  }

  @Test func textOutputHasFileLineSeverityMessageAndCode() throws {
    let directory = try Self.folder(["s.tsv": "good\t1.9\nbad\t-2\ngood\t-1\n"])
    let path = directory + "/s.tsv"
    let result = try HarkProcess.run(["lexicon", "lint", path])
    #expect(result.status == 1)
    #expect(
      result.stdout
        == "\(path):3: error: conflicting valences: 'good' is also on line 1, with valence -1 here and 1.9 there; the later entry replaces the earlier [conflicting-valence]\n"
    )
    #expect(result.stderr == "hark lexicon lint: 1 file, 1 error, 0 warnings\n")
  }

  @Test func textOutputIsSortedByFileThenLine() throws {
    let directory = try Self.folder(["b.tsv": "x\t9\nGood\t1\n", "a.tsv": "\n\ny\t9\n"])
    let result = try HarkProcess.run(["lexicon", "lint", directory + "/b.tsv", directory + "/a.tsv"])
    let places = result.stdout.split(separator: "\n").map { line in
      line.split(separator: ":").prefix(2).map { ($0 as Substring).split(separator: "/").last.map(String.init) ?? "" }.joined(separator: ":")
    }
    #expect(places == ["a.tsv:3", "b.tsv:1", "b.tsv:2"])
  }

  @Test func jsonParsesAndItsCountsMatch() throws {
    let directory = try Self.folder([
      "s.tsv": "good\t1.9\ngood\t-1\nRude\t-2\n",
      "d.yaml": "themes:\n  - id: a\n    patterns:\n      - inadequate funding\n      - {match: x, weight: 0}\n    exclude: [inadequate funding]\n",
      "empty.tsv": "",
    ])
    let result = try HarkProcess.run(["lexicon", "lint", "--format", "json", directory])
    #expect(result.status == 1)
    let object = try Self.json(result.stdout)
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(object["files"] as? Int == 3)
    #expect(object["errors"] as? Int == findings.count { $0["severity"] as? String == "error" })
    #expect(object["warnings"] as? Int == findings.count { $0["severity"] as? String == "warning" })
    #expect(object["errors"] as? Int == 2)
    for finding in findings {
      for key in ["file", "line", "severity", "code", "message", "theme", "pattern"] {
        #expect(finding.keys.contains(key), "missing \(key)")
      }
    }
    let neverFires = try #require(findings.first { $0["code"] as? String == "never-fires" })
    #expect(neverFires["line"] as? Int == 4)
    #expect(neverFires["theme"] as? String == "a")
    #expect(neverFires["pattern"] as? String == "inadequate funding")
    let empty = try #require(findings.first { $0["code"] as? String == "empty-file" })
    #expect(empty["line"] is NSNull)
    #expect(empty["theme"] is NSNull)
  }

  @Test func minPatternsSetsTheThreshold() throws {
    let directory = try Self.folder(["d.yaml": "themes:\n  - id: a\n    patterns: [one, two, three]\n"])
    let strict = try HarkProcess.run(["lexicon", "lint", "--format", "json", "--min-patterns", "4", directory + "/d.yaml"])
    let strictFindings = try #require(try Self.json(strict.stdout)["findings"] as? [[String: Any]])
    #expect(strict.status == 0)
    #expect(strictFindings.map { $0["code"] as? String } == ["too-few-patterns"])
    let lenient = try HarkProcess.run(["lexicon", "lint", "--min-patterns", "3", directory + "/d.yaml"])
    #expect(lenient.status == 0)
    #expect(lenient.stdout.isEmpty)
    let byDefault = try HarkProcess.run(["lexicon", "lint", directory + "/d.yaml"])
    #expect(byDefault.stdout.contains("fewer than 30"))
  }

  /// CI can gate on this: the bundled lexicons have warnings but no errors.
  @Test func bundledLexiconsHaveNoErrors() throws {
    let lexicons = Self.root.appendingPathComponent("lexicons").path
    let result = try HarkProcess.run(["lexicon", "lint", "--format", "json", lexicons])
    #expect(result.status == 0, "\(result.stdout.prefix(2000))")
    let object = try Self.json(result.stdout)
    #expect(object["errors"] as? Int == 0)
    #expect((object["files"] as? Int ?? 0) >= 12)
  }

  @Test(arguments: [
    ["lexicon", "lint"],
    ["lexicon", "lint", "--format", "xml", "x.tsv"],
    ["lexicon", "lint", "--min-patterns", "-1", "x.tsv"],
  ])
  func usageErrors(arguments: [String]) throws {
    #expect(try HarkProcess.run(arguments).status == 64)
  }

  @Test func missingFileIsAnErrorFinding() throws {
    let result = try HarkProcess.run(["lexicon", "lint", "/nonexistent/words.tsv"])
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("/nonexistent/words.tsv: error: cannot read"))
  }

  @Test func helpExplainsWithExamples() throws {
    let result = try HarkProcess.run(["lexicon", "lint", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Examples:"))
    #expect(result.stdout.contains("$ hark lexicon lint"))
    #expect(result.stdout.contains("--min-patterns"))
  }
}
