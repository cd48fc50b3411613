import ArgumentParser
import CICUShim
import HarkText

#if canImport(Glibc)
  import Glibc
#endif

/// Throughput benchmarks. Build in release mode: `swift run -c release hark-bench --help`.
@main
struct HarkBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hark-bench",
    abstract: "Measure Hark's throughput on a corpus file (one record per line).",
    subcommands: [TokenizeBenchmark.self]
  )
}

/// Raw ICU word-break iteration against Hark's full normalise + tokenise, one thread.
struct TokenizeBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokenize",
    abstract: "ICU word-break iteration vs Hark's normalise+tokenise, single-threaded, median of runs."
  )

  @Argument(help: "Corpus file, one text per line (Tests/Benchmarks/generate_corpus.py).")
  var corpus: String

  @Option(help: "Runs of each measurement; the median is reported.")
  var runs = 5

  @Flag(help: "Measure only Hark's tokenizer with the fast path (for profiling).")
  var onlyHark = false

  func run() throws {
    let lines = try readLines(corpus)
    let bytes = lines.reduce(0) { $0 + $1.utf8.count }
    let megabytes = Double(bytes) / 1_000_000
    print("corpus: \(corpus): \(lines.count) lines, \(String(format2: megabytes)) MB; \(runs) runs each, median")

    let tokenizer = try Tokenizer()
    if onlyHark {
      let hark = try measure(runs) { try harkTokenize(lines, tokenizer) }
      print("Hark normalise + tokenise: \(String(format2: megabytes / hark.seconds)) MB/s")
      let streamed = try measure(runs) { try harkStream(lines, tokenizer) }
      print("Hark streaming tokens (no Document): \(String(format2: megabytes / streamed.seconds)) MB/s")
      return
    }
    let icu = try measure(runs) { try icuWordBreak(lines) }
    let hark = try measure(runs) { try harkTokenize(lines, tokenizer) }
    tokenizer.usesASCIIFastPath = false
    let harkICU = try measure(runs) { try harkTokenize(lines, tokenizer) }

    let rows: [(String, (seconds: Double, count: Int))] = [
      ("(a) ICU word break + rule status (UText over UTF-8)", icu),
      ("(b) Hark normalise + tokenise (Document per text)", hark),
      ("    same, ASCII fast path off (ICU word break)", harkICU),
    ]
    for (name, result) in rows {
      let rate = megabytes / result.seconds
      print("\(name.padding(54))  \(String(format2: rate).leftPadding(8)) MB/s  \(String(format2: Double(result.count) / result.seconds / 1e6).leftPadding(6)) M segments-or-tokens/s")
    }
    print("ratio (b)/(a): \(String(format2: icu.seconds / hark.seconds))   (target >= 0.60)")
  }

  func measure(_ runs: Int, _ body: () throws -> Int) throws -> (seconds: Double, count: Int) {
    var times: [Double] = []
    var count = 0
    for _ in 0..<runs {
      let start = monotonicSeconds()
      count = try body()
      times.append(monotonicSeconds() - start)
    }
    return (times.sorted()[times.count / 2], count)
  }

  func icuWordBreak(_ lines: [String]) throws -> Int {
    var error: Int32 = 0
    guard let breaker = hark_breaker_open(Int32(HARK_BREAK_WORD), "en", &error) else { throw ValidationError("ubrk_open failed: \(error)") }
    defer { hark_breaker_close(breaker) }
    var boundaries = [Int32](repeating: 0, count: 1024)
    var statuses = [Int32](repeating: 0, count: 1024)
    var segments = 0
    var checksum: Int32 = 0
    for line in lines {
      var copy = line
      copy.withUTF8 { bytes in
        hark_breaker_set_utf8(breaker, bytes.baseAddress, Int64(bytes.count), &error)
        while true {
          let n = hark_breaker_fill(breaker, &boundaries, &statuses, 1024)
          if n == 0 { break }
          segments += Int(n)
          checksum &+= statuses[Int(n) - 1]
        }
      }
    }
    precondition(checksum != 1, "keeps the loop")
    return segments
  }

  func harkStream(_ lines: [String], _ tokenizer: Tokenizer) throws -> Int {
    var tokens = 0
    for line in lines { try tokenizer.forEachToken(in: line) { _ in tokens += 1 } }
    return tokens
  }

  func harkTokenize(_ lines: [String], _ tokenizer: Tokenizer) throws -> Int {
    var tokens = 0
    for line in lines { tokens += try tokenizer.tokenize(line).tokens.count }
    return tokens
  }
}

func readLines(_ path: String) throws -> [String] {
  guard let file = fopen(path, "r") else { throw ValidationError("cannot open \(path)") }
  defer { fclose(file) }
  var lines: [String] = []
  var buffer: UnsafeMutablePointer<CChar>? = nil
  var capacity = 0
  while true {
    let length = getline(&buffer, &capacity, file)
    if length < 0 { break }
    var count = length
    if count > 0 && buffer![count - 1] == 10 { count -= 1 }
    lines.append(String(decoding: UnsafeRawBufferPointer(start: buffer!, count: count), as: UTF8.self))
  }
  free(buffer)
  return lines
}

func monotonicSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

extension String {
  init(format2 value: Double) {
    let scaled = (value * 100).rounded()
    let whole = Int(scaled / 100)
    let fraction = Int(abs(scaled).truncatingRemainder(dividingBy: 100))
    self = "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
  func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
