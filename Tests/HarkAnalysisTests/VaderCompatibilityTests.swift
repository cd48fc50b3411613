import Foundation
import HarkAnalysis
import Testing

/// Hark's `--sentiment vader` must give vaderSentiment 3.3.2's numbers. This installs the Python
/// package into a virtual environment (`.build/vader-venv`, reused; `.ci/run` makes it too), scores
/// every line of ../shared/datasets/vader-groundtruth and the hand-written probes with both, and
/// requires at least 99.5% of items within 0.001 of the reference compound.
@Suite(.serialized) struct VaderCompatibilityTests {
  static let requiredShare = 0.995
  static let tolerance = 0.001

  /// The venv's python, created on first use.
  static func referencePython() throws -> String {
    if let explicit = ProcessInfo.processInfo.environment["HARK_VADER_PYTHON"] { return explicit }
    let venv = TestPaths.packageRoot.appendingPathComponent(".build/vader-venv")
    let python = venv.appendingPathComponent("bin/python").path
    let marker = venv.appendingPathComponent("vader-3.3.2-installed").path
    if !FileManager.default.fileExists(atPath: marker) {
      _ = try runProgram("/usr/bin/env", ["python3", "-m", "venv", venv.path])
      _ = try runProgram(python, ["-m", "pip", "install", "--quiet", "vaderSentiment==3.3.2"])
      _ = FileManager.default.createFile(atPath: marker, contents: Data())
    }
    return python
  }

  struct Item {
    var source: String
    var text: String
  }

  static func items() throws -> (items: [Item], note: String?) {
    var items: [Item] = []
    let probes = try String(contentsOf: TestPaths.fixtures.appendingPathComponent("vader-probes.txt"), encoding: .utf8)
    for line in probes.split(separator: "\n", omittingEmptySubsequences: true) {
      items.append(Item(source: "probe", text: String(line)))
    }
    let folder = TestPaths.shared.appendingPathComponent("datasets/vader-groundtruth")
    guard FileManager.default.fileExists(atPath: folder.path) else {
      return (items, "../shared/datasets/vader-groundtruth is absent: the dataset part is skipped; probes only")
    }
    for name in ["tweets_GroundTruth.txt", "movieReviewSnippets_GroundTruth.txt"] {
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      for line in String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
        var text = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).last.map(String.init) ?? ""
        if text.hasSuffix("\r") { text.removeLast() }
        items.append(Item(source: name, text: text))
      }
    }
    return (items, nil)
  }

  @Test func matchesVaderSentiment332() throws {
    let (items, note) = try Self.items()
    if let note { report("VADER compatibility: \(note)") }
    #expect(items.count >= 300)
    var input = Data()
    for item in items {
      input.append(try JSONEncoder().encode(item.text))
      input.append(0x0A)
    }
    let output = try runProgram(try Self.referencePython(), [TestPaths.fixtures.appendingPathComponent("vader_reference.py").path], input: input)
    let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
    try #require(lines.count == items.count + 1)
    let packageDirectory = try JSONDecoder().decode(String.self, from: Data(lines[0].utf8))
    let scorer = try VaderScorer(
      lexiconPath: packageDirectory + "/vader_lexicon.txt", emojiLexiconPath: packageDirectory + "/emoji_utf8_lexicon.txt")

    struct Reference: Decodable { var compound: Double; var pos: Double; var neg: Double; var neu: Double }
    var within = 0
    var exact = 0
    var mismatches: [String] = []
    for (item, line) in zip(items, lines.dropFirst()) {
      let reference = try JSONDecoder().decode(Reference.self, from: Data(line.utf8))
      let ours = scorer.polarityScores(item.text)
      if abs(ours.compound - reference.compound) <= Self.tolerance {
        within += 1
      } else {
        mismatches.append("[\(item.source)] ours \(ours.compound) vader \(reference.compound): \(item.text.prefix(120))")
      }
      if ours.compound == reference.compound && ours.positive == reference.pos && ours.negative == reference.neg
        && ours.neutral == reference.neu
      {
        exact += 1
      }
    }
    let share = Double(within) / Double(items.count)
    report("VADER compatibility: \(items.count) items; within \(Self.tolerance) of compound: \(within) (\(share)); all four scores exactly equal: \(exact) (\(Double(exact) / Double(items.count)))")
    for mismatch in mismatches.prefix(40) { report("  mismatch \(mismatch)") }
    #expect(share >= Self.requiredShare)
  }
}

/// Writes a line to standard error at once (standard output is buffered and may be lost when the
/// test runner's output is piped, as in CI).
func report(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
