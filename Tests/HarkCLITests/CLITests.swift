import Foundation
import HarkAnalysis
@testable import HarkCLI
import HarkTestSupport
import Testing

/// Runs the built `hark` binary as a process, as users and pipelines do.
struct HarkProcess {
  static let executable: URL = {
    // The test bundle sits beside the products of the same build (.build/<triple>/debug/).
    var candidates: [URL] = []
    if let arg0 = CommandLine.arguments.first {
      var dir = URL(fileURLWithPath: arg0).deletingLastPathComponent()
      for _ in 0..<4 {
        candidates.append(dir.appendingPathComponent("hark"))
        dir = dir.deletingLastPathComponent()
      }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/hark"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], stdin: [UInt8]? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
    try input.fileHandleForWriting.close()
    // Standard error goes to a file so that a large output on either stream cannot block the child.
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
  }
}

@Suite struct CLITests {
  @Test func tokenizeJSONLHasTheContractKeys() throws {
    let result = try HarkProcess.run(["tokenize", "Café’s well-being 😀"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    let text = "Café’s well-being 😀"
    let scalars = Array(text.unicodeScalars)
    for line in lines {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in ["text", "norm", "kind", "start", "end", "byte_start", "byte_end", "sentence", "line"] {
        #expect(object[key] != nil, "missing \(key)")
      }
      let start = try #require(object["start"] as? Int)
      let end = try #require(object["end"] as? Int)
      #expect(String(String.UnicodeScalarView(scalars[start..<end])) == object["text"] as? String)
      #expect(object["line"] as? Int == 1)
    }
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(first["norm"] as? String == "café's")
    #expect(first["byte_end"] as? Int == 9)  // é is 2 bytes, ’ is 3
  }

  @Test func tokenizeReadsStandardInputLineByLine() throws {
    let result = try HarkProcess.run(["tokenize", "--format", "text"], stdin: Array("Hello there\nMr. Smith left. Then\n".utf8))
    #expect(result.status == 0)
    #expect(result.stdout == "Hello→hello there\nMr.→mr. Smith→smith left .[punctuation] | Then→then\n")
  }

  @Test func invalidUTF8IsWarnedWithItsLine() throws {
    let result = try HarkProcess.run(["tokenize", "-"], stdin: [0x6F, 0x6B, 0x0A, 0x62, 0xFF, 0x0A])
    #expect(result.status == 0)
    #expect(result.stderr.contains("<stdin>:2: invalid UTF-8 replaced with U+FFFD"))
    #expect(result.stdout.contains("\"line\":2"))
  }

  @Test func emptyInputPrintsNothing() throws {
    let result = try HarkProcess.run(["tokenize"], stdin: [])
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.isEmpty)
  }

  @Test func normalizePrintsOneLinePerText() throws {
    let result = try HarkProcess.run(["normalize", "Don’t  PANIC — it’s sooooo ﬁne", "Café"])
    #expect(result.stdout == "don't panic - it's soo fine\ncafé\n")
    let folded = try HarkProcess.run(["normalize", "--fold-accents", "Café"])
    #expect(folded.stdout == "cafe\n")
  }

  @Test(arguments: ["normalize", "tokenize"])
  func helpExplainsWithAnExample(command: String) throws {
    let result = try HarkProcess.run([command, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Example:"))
    #expect(result.stdout.contains("$ hark \(command)"))
  }

  @Test func unknownOptionIsAUsageError() throws {
    let result = try HarkProcess.run(["tokenize", "--no-such-option"])
    #expect(result.status == 64)
  }

  @Test func missingInputFileIsAnIOError() throws {
    let result = try HarkProcess.run(["tokenize", "--input", "/nonexistent/file.txt"])
    #expect(result.status == 74)
    #expect(result.stderr.contains("/nonexistent/file.txt"))
  }
}

@Suite struct PipelineTests {
  /// `hark tokenize … | head -1` must stop at once when head exits, quietly and with status 0.
  @Test func closedOutputPipeStopsQuietly() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    let hark = HarkProcess.executable.path
    process.arguments = ["-c", "yes 'The inspection was stressful, but fair.' | head -n 200000 | '\(hark)' tokenize | head -n 1"]
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(out.hasPrefix("{\"line\":1,"))
    #expect(err.isEmpty, "stderr: \(err)")
    #expect(process.terminationStatus == 0)
  }

  /// The exit status of `hark` itself when its reader goes away.
  @Test func brokenPipeExitStatusIsZero() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    let hark = HarkProcess.executable.path
    process.arguments = ["-c", "yes 'Grades are unfair.' | head -n 100000 | '\(hark)' tokenize | head -c 10 >/dev/null; echo ${PIPESTATUS[2]}"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }

  /// A long single line (2 MB, mixed scripts) goes through whole, with offsets intact at the end.
  @Test func longLineIsProcessedWhole() throws {
    let unit = "Inspectors were “harsh” — 😡 café! "
    let line = String(repeating: unit, count: 60_000)
    let result = try HarkProcess.run(["tokenize"], stdin: Array((line + "\n").utf8))
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 60_000 * 9)
    let last = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
    #expect(last["end"] as? Int == line.unicodeScalars.count - 1)
    #expect(last["byte_end"] as? Int == line.utf8.count - 1)
  }
}

@Suite struct ClassifyExplainCLITests {
  @Test func classifyWritesOneRecordPerLineInOrder() throws {
    let input = "Single-word judgements are unfair\n\nThe inspectors were kind and professional\nI can't go on\n"
    let result = try HarkProcess.run(["classify"], stdin: Array(input.utf8))
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 4)  // records in = records out, the empty one included
    for (k, line) in lines.enumerated() {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["id"] as? String == String(k + 1))
      let sentiment = try #require(object["sentiment"] as? [String: Any])
      #expect(["positive", "negative", "neutral", "mixed"].contains(sentiment["label"] as? String ?? ""))
      #expect(object["themes"] is [Any])
      #expect(object["alerts"] is [Any])
    }
    let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    let themes = try #require(first["themes"] as? [[String: Any]])
    #expect(themes.map { $0["id"] as? String }.contains("grading"))
    let last = try #require(try JSONSerialization.jsonObject(with: Data(lines[3].utf8)) as? [String: Any])
    #expect((last["alerts"] as? [[String: Any]])?.first?["id"] as? String == "distress")
  }

  /// As a filter behind a slow writer, each record's line comes out before the next record is
  /// sent: the records in hand are written out whenever reading on would wait, in CSV and text
  /// input, with 1 and 2 jobs. (Batched until the end of input, the first line would not come
  /// until standard input closed, and the wait would time out.)
  @Test(arguments: [("csv", 1), ("csv", 2), ("text", 1), ("text", 2)])
  func classifyStreamsRecordsFromASlowWriter(format: String, jobs: Int) throws {
    let records = ["The inspection was stressful", "Staff were lovely", "Grades are unfair"]
    let lines = try Self.feedSlowly(
      ["classify", "--input-format", format, "--jobs", String(jobs)], header: format == "csv" ? "id,text" : nil,
      records: records.enumerated().map { k, text in format == "csv" ? "r\(k + 1),\(text)" : text })
    #expect(lines.count == records.count)
    for (k, line) in lines.enumerated() {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["id"] as? String == (format == "csv" ? "r\(k + 1)" : String(k + 1)))
    }
  }

  /// The same for `normalize`, whose output was held in its write buffer until it filled.
  @Test func normalizeStreamsLinesFromASlowWriter() throws {
    let lines = try Self.feedSlowly(["normalize"], header: nil, records: ["Ofsted VISIT", "Café ok"])
    #expect(lines == ["ofsted visit", "café ok"])
  }

  /// Runs `hark arguments`, writes `header` and then each record as a line to its standard input,
  /// one at a time, waiting (at most a minute: loading the lexicons comes first in a debug build)
  /// for the record's output line before sending the next, with standard input left open; then
  /// closes it. The output lines, or the test fails where one did not come.
  static func feedSlowly(_ arguments: [String], header: String?, records: [String]) throws -> [String] {
    let process = Process()
    process.executableURL = HarkProcess.executable
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let lines = LineCollector(output.fileHandleForReading)
    if let header { input.fileHandleForWriting.write(Data((header + "\n").utf8)) }
    for (k, record) in records.enumerated() {
      input.fileHandleForWriting.write(Data((record + "\n").utf8))
      let arrived = lines.wait(forCount: k + 1, seconds: 60)
      #expect(arrived, "output line \(k + 1) did not come while standard input stayed open")
      if !arrived { break }
    }
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    _ = lines.wait(forCount: records.count, seconds: 10)
    return lines.lines
  }

  @Test func explainJSONContributionsAddUp() throws {
    let result = try HarkProcess.run(["explain", "--format", "json", "Not very helpful, but the nurse was LOVELY!"])
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let contributions = try #require(object["contributions"] as? [[String: Any]])
    let sentences = try #require(object["sentences"] as? [[String: Any]])
    let sum = contributions.compactMap { $0["value"] as? Double }.reduce(0, +) + sentences.compactMap { $0["emphasis"] as? Double }.reduce(0, +)
    #expect(abs(sum - (object["raw"] as? Double ?? .nan)) < 1e-9)
    #expect(contributions.allSatisfy { ($0["source"] as? String ?? "").hasPrefix("lexicons/sentiment/") })
  }

  @Test func vaderModeNeedsVadersFiles() throws {
    let result = try HarkProcess.run(["classify", "--sentiment", "vader"], stdin: [])
    #expect(result.status == 64)
    #expect(result.stderr.contains("vader_lexicon.txt"))
  }

  @Test func unknownThemeDictionaryListsTheBundledOnes() throws {
    let result = try HarkProcess.run(["classify", "--themes", "no-such-dictionary"], stdin: Array("x\n".utf8))
    #expect(result.status != 0)
    #expect(result.stderr.contains("big-listen"))
  }
}

@Suite struct EvaluateCLITests {
  @Test func evaluatesTheBundledGoldSet() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let corpus = root.appendingPathComponent("corpora/service-feedback")
    let result = try HarkProcess.run([
      "evaluate", corpus.appendingPathComponent("feedback.csv").path, "--gold", corpus.appendingPathComponent("gold.csv").path,
      "--themes", "service-feedback", "--format", "json",
    ])
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["documents"] as? Int == 560)
    let themes = try #require(object["themes"] as? [[String: Any]])
    #expect(themes.map { $0["id"] as? String } .count == 10)
    let micro = try #require(object["micro"] as? [String: Any])
    #expect((micro["precision"] as? Double ?? 0) > 0.3)
  }
}

@Suite struct ParallelClassifyTests {
  /// Output order and bytes do not depend on the number of workers.
  @Test func outputIsIdenticalAcrossJobCounts() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let corpus = root.appendingPathComponent("corpora/big-listen/submissions.csv").path
    let one = try HarkProcess.run(["classify", "--jobs", "1", corpus, "--keep", "region"])
    let two = try HarkProcess.run(["classify", "--jobs", "2", corpus, "--keep", "region"])
    let three = try HarkProcess.run(["classify", "--jobs", "3", corpus, "--keep", "region"])
    #expect(one.status == 0)
    #expect(one.stdout.split(separator: "\n").count == 1_040)
    #expect(one.stdout == two.stdout)
    #expect(one.stdout == three.stdout)
  }
}

@Suite struct ClassifyErrorTests {
  static let csv = "id,text\n1,ok\n2,\"bad\",x\n3,fine text here\n4,last\n"

  static func input() throws -> String {
    let path = TestScratch.path("errors", suffix: ".csv")
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func skipReportsAndGoesOn() throws {
    let errors = TestScratch.path("errors", suffix: ".jsonl")
    let result = try HarkProcess.run(["classify", try Self.input(), "--errors", errors, "--max-record-bytes", "10"])
    #expect(result.status == 1)
    let ids = result.stdout.split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
    }
    #expect(ids == ["1", "4"])
    let reported = try String(contentsOfFile: errors, encoding: .utf8).split(separator: "\n")
    #expect(reported.count == 2)  // 4 records in = 2 out + 2 reported
    #expect(reported[0].contains(#""line":3"#) && reported[0].contains("expected 2 fields, found 3"))
    #expect(reported[1].contains("exceeds --max-record-bytes 10"))
    #expect(result.stderr.contains("2 record(s) could not be read"))
  }

  @Test func failStopsAtTheFirstBadRecord() throws {
    let result = try HarkProcess.run(["classify", try Self.input(), "--on-error", "fail"])
    #expect(result.status == 1)
    #expect(result.stdout.split(separator: "\n").count == 1)
  }
}

@Suite struct SentimentJSONTests {
  /// Numbers written from their digits read exactly as Swift prints them: every value with four
  /// decimals in ±20 (and a spread of larger ones), the rounding helpers' outputs, and the values
  /// that take the printing path.
  @Test func numbersAreWrittenAsSwiftPrintsThem() {
    var values: [Double] = (-200_000...200_000).map { Double($0) / 10_000 }
    values += stride(from: -99_999_999.0, through: 99_999_999.0, by: 12_345.678_9).map(SentimentJSON.round4)
    values += [0.1 + 0.2, -0.0, 1e8, 1e-5, 123_456_789.123_4, .pi].map { $0 }
    values += (0..<1_000).map { SentimentJSON.round3(Double($0) * 0.001_7) }
    for value in values {
      var bytes: [UInt8] = []
      SentimentJSON.appendNumber(value, to: &bytes)
      if String(decoding: bytes, as: UTF8.self) != SentimentJSON.number(value) {
        Issue.record("\(value): \(String(decoding: bytes, as: UTF8.self)) != \(SentimentJSON.number(value))")
        return
      }
    }
  }

  @Test func sentimentObjectHasFixedKeysAndRoundedNumbers() {
    let scores = SentimentScores(label: .mixed, compound: -0.51554, positive: 0.0504, negative: 0.1125, neutral: 0.8371)
    var bytes: [UInt8] = []
    SentimentJSON.append(scores, to: &bytes)
    #expect(String(decoding: bytes, as: UTF8.self) == #"{"label":"mixed","compound":-0.5155,"positive":0.05,"negative":0.113,"neutral":0.837}"#)
  }
}

/// Collects the lines a child process writes, on a thread of its own, so that a test can wait for
/// the n-th line with a time limit while the child's input stays open.
final class LineCollector: @unchecked Sendable {  // `collected` is guarded by `lock`
  private let lock = NSCondition()
  private var collected: [String] = []

  init(_ handle: FileHandle) {
    let thread = Thread { [self] in
      var pending = Data()
      while true {
        let chunk = handle.availableData  // blocks until data or end of file
        if chunk.isEmpty { break }
        pending.append(chunk)
        while let newline = pending.firstIndex(of: 0x0A) {
          let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
          pending.removeSubrange(pending.startIndex...newline)
          lock.lock()
          collected.append(line)
          lock.broadcast()
          lock.unlock()
        }
      }
    }
    thread.start()
  }

  /// The lines so far.
  var lines: [String] {
    lock.lock()
    defer { lock.unlock() }
    return collected
  }

  /// Waits until at least `count` lines have come, for at most `seconds`; whether they did.
  func wait(forCount count: Int, seconds: Double) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    lock.lock()
    defer { lock.unlock() }
    while collected.count < count {
      if !lock.wait(until: deadline) { return collected.count >= count }
    }
    return true
  }
}
