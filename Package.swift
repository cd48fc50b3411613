// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Hark",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "HarkText", targets: ["HarkText"]),
    .library(name: "HarkIO", targets: ["HarkIO"]),
    .library(name: "HarkLexicon", targets: ["HarkLexicon"]),
    .library(name: "HarkAnalysis", targets: ["HarkAnalysis"]),
    .library(name: "HarkReport", targets: ["HarkReport"]),
    .executable(name: "hark", targets: ["hark"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
  ],
  targets: [
    // System ICU (Debian: libicu-dev). Only the C shim imports this module: Swift code must not,
    // because Foundation on Linux carries its own ICU module and the two clash (shared/notes/ICU.md).
    .systemLibrary(
      name: "CICU",
      pkgConfig: "icu-i18n",
      providers: [.apt(["libicu-dev", "pkg-config"])]
    ),
    // C wrappers over ICU whose public header contains no ICU types.
    .target(name: "CICUShim", dependencies: ["CICU"]),
    // Normaliser, tokenizer, sentences and clauses.
    .target(name: "HarkText", dependencies: ["CICUShim"]),
    // Lexicon files (Hark TSV, VADER, AFINN; shifters), the compiled phrase matcher and the lint
    // (which checks entries against the normaliser's own tables in HarkText).
    .target(name: "HarkLexicon", dependencies: ["HarkText", .product(name: "Yams", package: "Yams")]),
    // Sentiment scorers (Hark's rules; VADER-compatible), explanations.
    .target(name: "HarkAnalysis", dependencies: ["HarkText", "HarkLexicon"]),
    // Summaries: the mergeable aggregate state, statistics, campaigns, redaction, report renderers.
    .target(name: "HarkReport", dependencies: ["HarkText", "HarkAnalysis"]),
    // System zlib (Debian: zlib1g-dev): gzip-compressed input.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // Streaming input and output: line reading, UTF-8 repair, buffered output that survives `| head`.
    .target(name: "HarkIO", dependencies: ["CZlib"]),
    // The command-line commands; no analysis logic lives here.
    .target(
      name: "HarkCLI",
      dependencies: [
        "HarkText", "HarkIO", "HarkLexicon", "HarkAnalysis", "HarkReport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "hark", dependencies: ["HarkCLI"]),
    // Benchmarks stay out of the library graph: `swift run -c release hark-bench --help`.
    .executableTarget(
      name: "hark-bench",
      dependencies: [
        "HarkText", "CICUShim", "HarkLexicon", "HarkAnalysis",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "HarkTextTests", dependencies: ["HarkText", "CICUShim", "HarkTestSupport"]),
    // Scratch files for tests (a directory removed when the test process exits).
    .target(name: "HarkTestSupport"),
    .testTarget(name: "HarkIOTests", dependencies: ["HarkIO", "HarkTestSupport"]),
    .testTarget(name: "HarkLexiconTests", dependencies: ["HarkLexicon", "HarkTestSupport"]),
    .testTarget(
      name: "HarkAnalysisTests", dependencies: ["HarkAnalysis", "HarkLexicon", "HarkText", "HarkIO", "HarkTestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "HarkReportTests", dependencies: ["HarkReport", "HarkAnalysis", "HarkText"], exclude: ["Fixtures"]
    ),
    .testTarget(name: "HarkCLITests", dependencies: ["HarkCLI", "hark", "HarkTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
