import ArgumentParser
import Dispatch
import CICUShim
import HarkAnalysis
import HarkLexicon
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
    subcommands: [TokenizeBenchmark.self, SentimentBenchmark.self, ClassifyBenchmark.self]
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
    let (lines, megabytes) = try readCorpus(corpus)
    print("corpus: \(corpus): \(lines.count) lines, \(String(format2: megabytes)) MB; \(runs) runs each, median")

    let tokenizer = try Tokenizer()
    if onlyHark {
      let hark = try measure(runs) { try harkTokenize(lines, tokenizer) }
      print("Hark normalise + tokenise: \(String(format2: megabytes / hark.seconds)) MB/s")
      let streamed = try measure(runs) { try harkStream(lines, tokenizer) }
      print("Hark streaming tokens (no Document): \(String(format2: megabytes / streamed.seconds)) MB/s")
      return
    }
    // Interleave the measurements run by run, so that drift in the machine's speed (it is shared
    // and noisy) affects all of them alike; report medians and the median of per-run ratios.
    var icuTimes: [Double] = []
    var harkTimes: [Double] = []
    var harkICUTimes: [Double] = []
    var ratios: [Double] = []
    var counts = (icu: 0, hark: 0)
    for _ in 0..<runs {
      let icu = try measure(1) { try icuWordBreak(lines) }
      tokenizer.usesASCIIFastPath = true
      let hark = try measure(1) { try harkTokenize(lines, tokenizer) }
      tokenizer.usesASCIIFastPath = false
      let harkICU = try measure(1) { try harkTokenize(lines, tokenizer) }
      icuTimes.append(icu.seconds)
      harkTimes.append(hark.seconds)
      harkICUTimes.append(harkICU.seconds)
      ratios.append(icu.seconds / hark.seconds)
      counts = (icu.count, hark.count)
    }
    let rows: [(String, Double, Int)] = [
      ("(a) ICU word break + rule status (UText over UTF-8)", median(icuTimes), counts.icu),
      ("(b) Hark normalise + tokenise (Document per text)", median(harkTimes), counts.hark),
      ("    same, ASCII fast paths off (ICU word+sentence)", median(harkICUTimes), counts.hark),
    ]
    for (name, seconds, count) in rows {
      print("\(name.padding(54))  \(String(format2: megabytes / seconds).leftPadding(8)) MB/s  \(String(format2: Double(count) / seconds / 1e6).leftPadding(6)) M segments-or-tokens/s")
    }
    print("ratio (b)/(a), median of per-run ratios: \(String(format2: median(ratios)))   (target >= 0.60)")
  }

  func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

  func measure(_ runs: Int, _ body: () throws -> Int) throws -> (seconds: Double, count: Int) {
    var count = 0
    let seconds = try medianSeconds(runs: runs) { count = try body() }
    return (seconds, count)
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

/// Hark's sentiment scoring (normalise, tokenise, match, rules), one thread; and the time to load
/// the bundled lexicons.
struct SentimentBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentiment",
    abstract: "Hark's single-threaded sentiment scoring throughput (median of runs) and lexicon load time."
  )

  @OptionGroup var input: CorpusAndLexicons

  @Option(help: "Runs; the median is reported.")
  var runs = 5

  func run() throws {
    let lexiconDir = input.lexiconDir
    var loadTimes: [Double] = []
    var model: SentimentModel?
    for _ in 0..<max(runs, 5) {
      let start = monotonicSeconds()
      model = try SentimentModel.load(directory: lexiconDir)
      loadTimes.append(monotonicSeconds() - start)
    }
    let scorer = HarkSentimentScorer(model: model!)
    print("bundled lexicons: \(model!.terms.count) terms, load median \(String(format2: loadTimes.sorted()[loadTimes.count / 2] * 1000)) ms")
    let (lines, megabytes) = try readCorpus(input.corpus)
    let tokenizer = try Tokenizer()
    var checksum = 0.0
    let median = try medianSeconds(runs: runs) {
      for line in lines { checksum += scorer.score(try tokenizer.tokenize(line)).compound }
    }
    print("corpus: \(lines.count) texts, \(String(format2: megabytes)) MB; Hark sentiment: \(String(format2: megabytes / median)) MB/s, \(Int(Double(lines.count) / median)) docs/s (checksum \(String(format2: checksum)))")
  }
}

/// Everything `hark classify` does to a text, without reading or writing records: tokenise, score
/// sentiment, assign themes and alerts; one thread.
struct ClassifyBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Sentiment, themes and alerts together, single-threaded (median of runs): the analysis alone, no I/O."
  )

  @OptionGroup var input: CorpusAndLexicons

  @Option(help: "Runs; the median is reported.")
  var runs = 3

  @Option(help: "The theme dictionary under <lexicon-dir>/themes.")
  var themes = "big-listen"

  @Option(help: "Threads at once, each with its own tokenizer and its own share of the texts: measures how the analysis alone scales within one process (no reading, writing or batching).")
  var threads = 1

  @Flag(help: "With --threads: each thread loads its own lexicons, so that no objects are shared between threads.")
  var separateLexicons = false

  func run() throws {
    if threads > 1 { return try runThreads() }
    let lexiconDir = input.lexiconDir
    let scorer = HarkSentimentScorer(model: try SentimentModel.load(directory: lexiconDir))
    let themeClassifier = try ThemeClassifier(dictionary: ThemeDictionary.load(path: "\(lexiconDir)/themes/\(themes).yaml"))
    let alertClassifier = try ThemeClassifier(dictionary: ThemeDictionary.load(path: "\(lexiconDir)/alerts.yaml"))
    let (lines, megabytes) = try readCorpus(input.corpus)
    let tokenizer = try Tokenizer()
    var counts = (themes: 0, alerts: 0)
    let median = try medianSeconds(runs: runs) {
      counts = (0, 0)
      for line in lines {
        let document = try tokenizer.tokenize(line)
        let words = MatchWords(document)
        let sentiment = ThemeClassifier.SentimentContext(scorer.explainWithoutText(document, words: words))
        counts.themes += themeClassifier.classify(document, sentiment: sentiment, words: words).count
        counts.alerts += alertClassifier.classify(document, words: words).count
      }
    }
    print(
      "corpus: \(lines.count) texts, \(String(format2: megabytes)) MB; Hark sentiment + \(themes) themes + alerts, one thread: \(String(format2: megabytes / median)) MB/s, \(Int(Double(lines.count) / median)) docs/s (themes assigned \(counts.themes), alerts \(counts.alerts)); target 15 MB/s"
    )
  }
}

extension ClassifyBenchmark {
  /// The loaded lexicons and what one text goes through.
  struct Analysis: @unchecked Sendable {  // read-only after loading (the compiled lexicons are)
    let scorer: HarkSentimentScorer
    let themes: ThemeClassifier
    let alerts: ThemeClassifier

    init(lexiconDir: String, themes: String) throws {
      scorer = HarkSentimentScorer(model: try SentimentModel.load(directory: lexiconDir))
      self.themes = try ThemeClassifier(dictionary: ThemeDictionary.load(path: "\(lexiconDir)/themes/\(themes).yaml"))
      alerts = try ThemeClassifier(dictionary: ThemeDictionary.load(path: "\(lexiconDir)/alerts.yaml"))
    }

    /// Themes plus alerts assigned to `lines`.
    func run(_ lines: ArraySlice<String>, _ tokenizer: Tokenizer) throws -> Int {
      var count = 0
      for line in lines {
        let document = try tokenizer.tokenize(line)
        let words = MatchWords(document)
        let sentiment = ThemeClassifier.SentimentContext(scorer.explainWithoutText(document, words: words))
        count += themes.classify(document, sentiment: sentiment, words: words).count
        count += alerts.classify(document, words: words).count
      }
      return count
    }
  }

  /// Per run: one thread over one share of the texts, then `threads` threads over all shares at
  /// once; wall and CPU seconds of each. With perfect scaling the CPU time per share is the same.
  func runThreads() throws {
    let (lines, megabytes) = try readCorpus(input.corpus)
    let shared = try Analysis(lexiconDir: input.lexiconDir, themes: themes)
    let analyses = try (0..<threads).map { _ in separateLexicons ? try Analysis(lexiconDir: input.lexiconDir, themes: themes) : shared }
    let tokenizers = try (0..<threads).map { _ in try Tokenizer() }
    let share = (lines.count + threads - 1) / threads
    print("corpus: \(lines.count) texts, \(String(format2: megabytes)) MB; \(threads) shares of \(share) texts; lexicons \(separateLexicons ? "loaded per thread" : "shared")")
    var ratios: [Double] = []
    for run in 0..<runs {
      var cpu = cpuSeconds()
      var start = monotonicSeconds()
      _ = try analyses[0].run(lines[0..<min(share, lines.count)], tokenizers[0])
      let one = (wall: monotonicSeconds() - start, cpu: cpuSeconds() - cpu)
      cpu = cpuSeconds()
      start = monotonicSeconds()
      let inputs = Shared((analyses, tokenizers, lines))
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        let (analyses, tokenizers, lines) = inputs.value
        _ = try? analyses[t].run(lines[min(lines.count, t * share)..<min(lines.count, (t + 1) * share)], tokenizers[t])
      }
      let all = (wall: monotonicSeconds() - start, cpu: cpuSeconds() - cpu)
      let ratio = all.cpu / one.cpu / Double(threads)
      ratios.append(ratio)
      print(
        "run \(run + 1): 1 thread, 1 share: \(String(format2: one.wall)) s (CPU \(String(format2: one.cpu)) s); \(threads) threads: \(String(format2: all.wall)) s (CPU \(String(format2: all.cpu)) s), \(String(format2: megabytes / all.wall)) MB/s; CPU a share \(String(format2: ratio))x of one thread's, speed-up \(String(format2: one.wall * Double(threads) / all.wall))x"
      )
    }
    print("median CPU a share, \(threads) threads / 1 thread: \(String(format2: ratios.sorted()[ratios.count / 2]))x")
  }
}

/// Values handed to `concurrentPerform`'s threads, which only read them.
private struct Shared<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// User plus system CPU seconds of the process so far (all threads).
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// The corpus and lexicons of the benchmarks that load lexicons.
struct CorpusAndLexicons: ParsableArguments {
  @Argument(help: "Corpus file, one text per line (Tests/Benchmarks/generate_corpus.py).")
  var corpus: String

  @Option(help: "The lexicons directory.")
  var lexiconDir = "lexicons"
}

/// The corpus's lines and their size in megabytes (10^6 bytes of UTF-8).
func readCorpus(_ path: String) throws -> (lines: [String], megabytes: Double) {
  let lines = try readLines(path)
  return (lines, Double(lines.reduce(0) { $0 + $1.utf8.count }) / 1_000_000)
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

/// The median wall time of `runs` calls of `body`, in seconds.
func medianSeconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
  var times: [Double] = []
  for _ in 0..<max(runs, 1) {
    let start = monotonicSeconds()
    try body()
    times.append(monotonicSeconds() - start)
  }
  return times.sorted()[times.count / 2]
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
