import Foundation
import HarkTestSupport
import Testing

/// Gzip-compressed input, decided by the `.gz` extension.
@Suite struct GzipInputCLITests {
  /// The bundled corpus compressed with the system's gzip, in a temporary directory.
  static func compressedCorpus() throws -> (plain: String, compressed: String) {
    let directory = TestScratch.path("gzip")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let plain = directory + "/submissions.csv"
    try FileManager.default.copyItem(atPath: SummarizeCLITests.corpus, toPath: plain)
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gzip.arguments = ["-k", plain]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)
    return (plain, plain + ".gz")
  }

  @Test func compressedInputGivesTheSameOutput() throws {
    let (plain, compressed) = try Self.compressedCorpus()
    let a = try HarkProcess.run(["classify", plain, "--quiet"])
    let b = try HarkProcess.run(["classify", compressed, "--quiet"])
    #expect(b.status == 0, "\(b.stderr)")
    #expect(a.stdout.split(separator: "\n").count == 1040)
    let same = a.stdout == b.stdout
    #expect(same, "classify of .csv.gz differs from .csv")
    // --input-format auto looks through the .gz to the .csv extension.
    let summary = try HarkProcess.run(["summarize", compressed, "--format", "json", "--quiet"])
    #expect(summary.stdout.contains(#""records":1040"#))
  }

  /// A truncated archive is an input error (exit 74) naming the file, after the records read
  /// before the damage.
  @Test func truncatedInputIsAnErrorAfterTheRecordsBeforeIt() throws {
    let (_, compressed) = try Self.compressedCorpus()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: compressed))
    let truncated = compressed.replacingOccurrences(of: ".csv.gz", with: "-cut.csv.gz")
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
    let result = try HarkProcess.run(["classify", truncated, "--quiet"])
    #expect(result.status == 74)
    #expect(result.stderr.contains("-cut.csv.gz"))
    #expect(result.stderr.contains("corrupt or truncated"))
    #expect(result.stdout.split(separator: "\n").count > 100)
  }
}
