import Foundation
import Testing

/// `hark explain` for themes and alerts, `hark kwic`, `hark lexicon stats` and `hark lexicon
/// suggest`, run as researchers run them.
@Suite struct ResearcherToolsCLITests {
  static let corpus = SummarizeCLITests.corpus

  @Test func explainShowsFiredPatternsExclusionsAndThresholds() throws {
    let text = "Inadequate funding is the problem, not the single-word judgement."
    let result = try HarkProcess.run(["explain", text])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("✓ grading"))
    #expect(result.stdout.contains(#"+ "single-word judgement" [43, 64) pattern "single-word judgement*""#))
    #expect(result.stdout.contains(#"× "Inadequate" [0, 10) pattern "inadequate" cancelled: excluded by "inadequate funding""#))
    #expect(result.stdout.contains("threshold 0.500"))
  }

  /// --theme shows a near miss: a theme that matched nothing, or whose matches were cancelled.
  @Test func explainThemeShowsNearMisses() throws {
    let result = try HarkProcess.run(["explain", "--theme", "grading", "Inadequate funding is the problem."])
    #expect(result.stdout.contains("· grading"))
    #expect(result.stdout.contains("not assigned"))
    #expect(result.stdout.contains("cancelled: excluded by \"inadequate funding\""))
    let unknown = try HarkProcess.run(["explain", "--theme", "no_such_theme", "text"])
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("known:"))
  }

  @Test func explainJSONCarriesThemesAndAlerts() throws {
    let result = try HarkProcess.run(["explain", "--format", "json", "I would never kill myself over an Ofsted grade"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let alerts = try #require(object["alerts"] as? [[String: Any]])
    let distress = try #require(alerts.first { $0["id"] as? String == "distress" })
    // Negated: the match is cancelled, so the alert is explained but not assigned.
    #expect(distress["assigned"] as? Bool == false)
    #expect((distress["cancelled"] as? [[String: Any]])?.isEmpty == false)
    let themes = try #require(object["themes"] as? [[String: Any]])
    #expect(themes.contains { $0["id"] as? String == "grading" && $0["assigned"] as? Bool == true })
  }

  @Test func kwicListsMatchesWithContextInEveryFormat() throws {
    let text = try HarkProcess.run(["kwic", "deep dive*", Self.corpus, "--window", "3"])
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n")
    #expect(lines.count >= 5)
    #expect(lines.allSatisfy { $0.lowercased().contains("| deep dive") })
    let jsonl = try HarkProcess.run(["kwic", "deep dive*", Self.corpus, "--format", "jsonl"])
    let first = try #require(jsonl.stdout.split(separator: "\n").first)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
    #expect((object["match"] as? String)?.lowercased().hasPrefix("deep dive") == true)
    // Offsets slice the original record text.
    #expect((object["end"] as? Int ?? 0) > (object["start"] as? Int ?? 0))
    let csv = try HarkProcess.run(["kwic", "deep dive*", Self.corpus, "--format", "csv"])
    #expect(csv.stdout.hasPrefix("id,left,match,right,pattern,start,end\r\n"))
    #expect(csv.stdout.split(separator: "\r\n").count == jsonl.stdout.split(separator: "\n").count + 1)
  }

  @Test func kwicSortsAndRedacts() throws {
    let input = Array("1,Email me at jo.bloggs@example.com about the deep dive please\n2,A deep dive into maths\n3,Zebra deep dive\n".utf8)
    let withHeader = Array("id,text\n".utf8) + input
    let sorted = try HarkProcess.run(["kwic", "deep dive", "--input-format", "csv", "--sort", "left", "--window", "2"], stdin: withHeader)
    #expect(sorted.status == 0, "\(sorted.stderr)")
    let ids = sorted.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
    // Left contexts, nearest word first: "about the", "A", "Zebra" → a, the, zebra.
    #expect(ids == ["2", "1", "3"])
    #expect(!sorted.stdout.contains("jo.bloggs"))
    let wide = try HarkProcess.run(["kwic", "deep dive", "--input-format", "csv", "--window", "6"], stdin: withHeader)
    #expect(wide.stdout.contains("[email]"))
    let raw = try HarkProcess.run(["kwic", "deep dive", "--input-format", "csv", "--window", "6", "--no-redact"], stdin: withHeader)
    #expect(raw.stdout.contains("jo.bloggs@example.com"))
  }

  @Test func kwicThemeShowsPatternsAndCancelledMatches() throws {
    let input = Array("id,text\n1,Inadequate funding hurts\n2,The inadequate grade hurt\n".utf8)
    let result = try HarkProcess.run(["kwic", "--theme", "grading", "--cancelled", "--input-format", "csv"], stdin: input)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first?.hasSuffix(#"(inadequate [cancelled: excluded by "inadequate funding"])"#) == true)
    #expect(lines.last?.contains("| inadequate grade |") == true)
    #expect(lines.last?.hasSuffix("(inadequate grade*)") == true)
  }

  @Test func lexiconStatsCountsThemesPatternsAndCoverage() throws {
    let result = try HarkProcess.run(["lexicon", "stats", "--corpus", Self.corpus, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["records"] as? Int == 1040)
    let coverage = try #require(object["coverage"] as? Double)
    #expect(coverage > 0 && coverage < 1)
    let themes = try #require(object["themes"] as? [[String: Any]])
    let grading = try #require(themes.first { $0["id"] as? String == "grading" })
    let patterns = try #require(grading["patterns"] as? [String: Int])
    #expect(patterns.values.contains { $0 > 0 })
    #expect((grading["unused"] as? [String])?.isEmpty == false)
    // The same count summarize reports for the theme.
    let summary = try HarkProcess.run(["summarize", Self.corpus, "--format", "json", "--quiet"])
    let report = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
    let reported = try #require((report["themes"] as? [[String: Any]])?.first { $0["id"] as? String == "grading" })
    #expect((reported["share"] as? [String: Any])?["count"] as? Int == grading["assigned"] as? Int)
    #expect(((object["overlaps"] as? [Any])?.count ?? 0) > 0)
  }

  @Test func lexiconSuggestFindsUncoveredTermsWithExamples() throws {
    let result = try HarkProcess.run(["lexicon", "suggest", "--theme", "workload", "--corpus", Self.corpus, "--format", "json", "--limit", "5"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let suggestions = try #require(object["suggestions"] as? [[String: Any]])
    #expect(!suggestions.isEmpty)
    for suggestion in suggestions where suggestion["source"] as? String == "theme" {
      #expect((suggestion["z"] as? Double ?? 0) >= 1.96)
      #expect((suggestion["examples"] as? [Any])?.count == 2)
      // Not already matched by the theme's own patterns.
      let term = try #require(suggestion["term"] as? String)
      let check = try HarkProcess.run(["explain", "--format", "json", "--theme", "workload", term])
      let explained = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
      let workload = (explained["themes"] as? [[String: Any]])?.first { $0["id"] as? String == "workload" }
      #expect((workload?["evidence"] as? [Any])?.isEmpty ?? true, "\(term) is already a workload pattern")
    }
    let stdin = try HarkProcess.run(["lexicon", "suggest", "--theme", "workload", "--corpus", "-"])
    #expect(stdin.status == 64)
  }
}
