import Foundation

/// Paths shared by the analysis tests.
enum TestPaths {
  /// The package root (this file is Tests/HarkAnalysisTests/TestSupport.swift).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let lexicons = packageRoot.appendingPathComponent("lexicons").path
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  /// `../shared` beside the checkout, present on developer machines and in CI.
  static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
}

/// Runs a program and returns its standard output; throws on a non-zero exit.
func runProgram(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> Data {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let stdin = Pipe()
  let stdout = Pipe()
  let stderr = Pipe()
  process.standardInput = stdin
  process.standardOutput = stdout
  process.standardError = stderr
  try process.run()
  // Feed input on another thread so that a full output pipe cannot deadlock us.
  let writer = Thread {
    if let input { stdin.fileHandleForWriting.write(input) }
    try? stdin.fileHandleForWriting.close()
  }
  writer.start()
  let output = stdout.fileHandleForReading.readDataToEndOfFile()
  let errors = stderr.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw ProgramError(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))")
  }
  return output
}

struct ProgramError: Error, CustomStringConvertible {
  var description: String
}
