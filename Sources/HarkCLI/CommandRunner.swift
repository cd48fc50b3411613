import ArgumentParser
import HarkIO
import HarkLexicon
import HarkReport
import HarkText

/// Runs a command body with buffered standard output, mapping failures to Hark's exit codes:
/// a closed output pipe exits 0 quietly, an I/O error exits 74, an unreadable or malformed
/// lexicon 66, an ICU failure 70, an unreadable partial state 66 and an invalid or incompatible one
/// 65.
enum CommandRunner {
  static func run(_ body: (OutputSink) throws -> Void) throws {
    OutputSink.ignoreBrokenPipeSignal()
    let output = OutputSink()
    do {
      try body(output)
      try output.flush()
    } catch HarkIOError.brokenPipe {
      throw ExitCode.success
    } catch let exit as ExitCode {
      // A command that stops early (classify --on-error fail) still delivers what it wrote.
      try? output.flush()
      throw exit
    } catch let error as HarkIOError {
      Diagnostics.error(error.description)
      throw ExitCode(74)
    } catch let error as HarkTextError {
      Diagnostics.error(error.description)
      throw ExitCode(70)
    } catch let error as LexiconError {
      Diagnostics.error(error.description)
      throw ExitCode(66)
    } catch let error as SummaryError {
      Diagnostics.error(error.description)
      if case .unreadable = error { throw ExitCode(66) }
      throw ExitCode(65)
    }
  }
}
