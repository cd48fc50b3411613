import Foundation
import HarkTestSupport
import Testing

/// `hark summarize` and `hark merge` as analysts and pipelines run them.
@Suite struct SummarizeCLITests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let corpus = root.appendingPathComponent("corpora/big-listen/submissions.csv").path

  static func temporary(_ name: String) -> String {
    let directory = TestScratch.path("summarize")
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    return directory + "/" + name
  }

  /// The corpus split into `parts` CSV files of consecutive records, each with the header.
  static func split(into parts: Int) throws -> [String] {
    let text = try String(contentsOfFile: corpus, encoding: .utf8)
    // Split at newlines outside quotes: some answers span lines.
    var lines: [String] = []
    var current = ""
    var quoted = false
    for character in text {
      if character == "\"" { quoted.toggle() }
      if character == "\n" && !quoted {
        lines.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { lines.append(current) }
    let header = lines[0]
    let records = Array(lines.dropFirst())
    let size = (records.count + parts - 1) / parts
    return try (0..<parts).map { k in
      let path = temporary("part\(k).csv")
      let chunk = records[min(records.count, k * size)..<min(records.count, (k + 1) * size)]
      try ([header] + Array(chunk)).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
  }

  @Test func markdownReportOnTheSampleCorpus() throws {
    let result = try HarkProcess.run(["summarize", Self.corpus, "--by", "respondent_type", "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    for heading in ["## Overview", "## Alerts", "## Themes", "## Not matched by any theme", "## By respondent_type", "## Campaigns and duplicates", "## Redaction"] {
      #expect(result.stdout.contains(heading), "missing \(heading)")
    }
    #expect(result.stdout.contains("Records read: 1040"))
  }

  /// Partial states over any split, merged in any order, give the single run's JSON byte for byte.
  @Test(arguments: [2, 3])
  func mergedShardsEqualOneRun(parts: Int) throws {
    let single = try HarkProcess.run(["summarize", Self.corpus, "--by", "respondent_type,sector", "--format", "json", "--quiet"])
    #expect(single.status == 0, "\(single.stderr)")
    var states: [String] = []
    for path in try Self.split(into: parts) {
      let state = path + ".state.json"
      let result = try HarkProcess.run(["summarize", path, "--by", "respondent_type,sector", "--partial", state, "--format", "json", "--quiet"])
      #expect(result.status == 0, "\(result.stderr)")
      states.append(state)
    }
    let forward = try HarkProcess.run(["merge"] + states + ["--format", "json"])
    let backward = try HarkProcess.run(["merge"] + states.reversed() + ["--format", "json"])
    #expect(forward.status == 0, "\(forward.stderr)")
    #expect(single.stdout.contains(#""records":1040,"#))
    let sameForward = forward.stdout == single.stdout
    let sameBackward = backward.stdout == single.stdout
    #expect(sameForward, "merged report differs from the single run")
    #expect(sameBackward, "merge order changed the report")
  }

  /// The report does not depend on the number of worker threads.
  @Test func reportIsTheSameForAnyNumberOfJobs() throws {
    let one = try HarkProcess.run(["summarize", Self.corpus, "--by", "region", "--format", "json", "--quiet", "--jobs", "1"])
    let three = try HarkProcess.run(["summarize", Self.corpus, "--by", "region", "--format", "json", "--quiet", "--jobs", "3"])
    #expect(one.status == 0 && three.status == 0)
    let same = one.stdout == three.stdout
    #expect(same, "--jobs changed the report")
  }

  /// `classify --include-text | summarize --from-classified` gives the report of a direct run.
  @Test func fromClassifiedEqualsDirect() throws {
    let direct = try HarkProcess.run(["summarize", Self.corpus, "--by", "respondent_type", "--format", "json", "--quiet"])
    let classified = try HarkProcess.run(["classify", Self.corpus, "--include-text", "--keep", "respondent_type", "--quiet"])
    #expect(classified.status == 0)
    let piped = try HarkProcess.run(
      ["summarize", "--from-classified", "--by", "respondent_type", "--format", "json", "--quiet"], stdin: Array(classified.stdout.utf8))
    #expect(piped.status == 0, "\(piped.stderr)")
    let same = piped.stdout == direct.stdout
    #expect(same, "summarize --from-classified differs from a direct summarize")
  }

  /// Records in = records summarised + errors, also with hostile input; the exit status says so.
  @Test func errorsAreCountedInTheReport() throws {
    let path = Self.temporary("hostile.csv")
    let csv = "id,text,respondent_type\n1,Grades are unfair,parent\n2,\"unterminated quote\n3,Too many,fields,here,x\n4,,teacher\n5,The inspector was rude,teacher\n"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try HarkProcess.run(["summarize", path, "--format", "json", "--quiet"])
    #expect(result.status == 1)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let totals = try #require(report["totals"] as? [String: Any])
    let records = try #require(totals["records"] as? Int)
    let analysed = try #require(totals["analysed"] as? Int)
    let errors = try #require(totals["errors"] as? Int)
    #expect(errors >= 1)
    #expect(records == analysed + errors)
    #expect(result.stderr.contains("hostile.csv"))
  }

  /// Classified input: an `{"error":…}` line and a line that is not JSON are both counted as
  /// errors, so records in = records summarised + errors, and the exit status says so.
  @Test func classifiedErrorLinesAreCounted() throws {
    let lines = [
      #"{"id":"1","text":"Grades are unfair","sentiment":{"label":"negative","compound":-0.5},"themes":[{"id":"grading","score":1.0}],"alerts":[]}"#,
      "not json",
      #"{"error":{"source":"x.csv","line":3,"record":3,"reason":"expected 3 fields, found 5"}}"#,
      #"{"id":"4","sentiment":{"label":"neutral","compound":0},"themes":[],"alerts":[]}"#,
    ]
    let result = try HarkProcess.run(
      ["summarize", "--from-classified", "--format", "json", "--quiet"], stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
    #expect(result.status == 1)
    #expect(result.stderr.contains("line 2"))
    #expect(result.stderr.contains("--include-text"))
    let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let totals = try #require(report["totals"] as? [String: Any])
    #expect(totals["records"] as? Int == 4)
    #expect(totals["analysed"] as? Int == 1)
    #expect(totals["errors"] as? Int == 3)
  }

  @Test func mergeRejectsIncompatibleStates() throws {
    let a = Self.temporary("a.json")
    let b = Self.temporary("b.json")
    _ = try HarkProcess.run(["summarize", Self.corpus, "--by", "region", "--partial", a, "--quiet", "-o", "/dev/null"])
    _ = try HarkProcess.run(["summarize", Self.corpus, "--by", "sector", "--partial", b, "--quiet", "-o", "/dev/null"])
    let result = try HarkProcess.run(["merge", a, b])
    #expect(result.status == 65)
    #expect(result.stderr.contains("--by columns differ"))
    let missing = try HarkProcess.run(["merge", Self.temporary("none.json")])
    #expect(missing.status == 66)
  }

  @Test func csvTablesGoToADirectory() throws {
    let directory = Self.temporary("tables")
    let result = try HarkProcess.run(["summarize", Self.corpus, "--by", "respondent_type", "--format", "csv", "-o", directory, "--quiet"])
    #expect(result.status == 0, "\(result.stderr)")
    for table in ["themes", "segments", "terms", "quotes", "campaigns", "alerts"] {
      let text = try String(contentsOfFile: "\(directory)/\(table).csv", encoding: .utf8)
      #expect(text.split(separator: "\r\n").count > 1, "\(table).csv is empty")
    }
  }
}
