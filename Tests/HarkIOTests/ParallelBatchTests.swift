import Dispatch
import Testing

@testable import HarkIO

@Suite struct ParallelBatchTests {
  struct Failure: Error, Equatable {
    let input: Int
  }

  /// Worker `w` tags each result with its index, so the test sees which worker did what.
  static func batch(_ workers: Int) -> ParallelBatch<Int> { ParallelBatch(workers: Array(0..<workers)) }

  @Test(arguments: [1, 2, 3, 5], [0, 1, 7, 8, 9, 100, 1001])
  func mapAndStartKeepInputOrder(workers: Int, inputs: Int) throws {
    let batch = Self.batch(workers)
    let values = (0..<inputs).map { $0 * 7 + 1 }
    let expected = values.map { $0 * $0 }
    let mapped = try batch.map(values) { worker, value in
      precondition(worker < workers)
      return value * value
    }
    #expect(mapped == expected)
    let running = batch.start(values) { _, value in value * value }
    #expect(try running.results() == expected)
    #expect(try running.results() == expected, "a second call returns the same results")
  }

  @Test(arguments: [1, 2, 3])
  func everyInputIsAnalysedOnceByOneWorker(workers: Int) throws {
    // Slot i is written only by the worker that claims input i (a second claim would show).
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 500)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    let shared = Shared(counts)
    let results = try Self.batch(workers).start(Array(0..<500)) { worker, i in
      shared.value[i] += 1
      return worker
    }.results()
    #expect(counts.allSatisfy { $0 == 1 })
    #expect(Set(results).isSubset(of: Set(0..<workers)))
  }

  @Test(arguments: [1, 2, 3])
  func anErrorIsRethrownByResults(workers: Int) {
    let running = Self.batch(workers).start(Array(0..<300)) { _, i -> Int in
      if i == 150 { throw Failure(input: i) }
      return i
    }
    #expect(throws: Failure(input: 150)) { try running.results() }
    #expect(throws: Failure(input: 150)) { try running.results() }
  }

  /// `start` returns while the batch runs: the first input waits for a signal that the caller
  /// sends only after `start` has returned (a `start` that ran the batch itself would wait out
  /// the timeout).
  @Test func startReturnsBeforeTheBatchIsDone() throws {
    let go = DispatchSemaphore(value: 0)
    let running = Self.batch(2).start(Array(0..<20)) { _, i -> Bool in
      i == 0 ? go.wait(timeout: .now() + 30) == .success : true
    }
    go.signal()
    #expect(try running.results().allSatisfy { $0 })
  }
}

/// A buffer handed to worker threads that write disjoint slots.
private struct Shared: @unchecked Sendable {
  let value: UnsafeMutableBufferPointer<Int>
  init(_ value: UnsafeMutableBufferPointer<Int>) { self.value = value }
}
