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

@Suite struct StreamingBatchesTests {
  /// Every input is delivered once, in input order, in batches of at most `batchSize`, for any
  /// number of workers and inputs.
  @Test(arguments: [1, 2, 3], [0, 1, 5, 6, 7, 100])
  func deliversEveryInputInOrder(workers: Int, inputs: Int) throws {
    var delivered: [Int] = []
    var batchSizes: [Int] = []
    let batches = StreamingBatches(
      workers: ParallelBatch(workers: Array(0..<workers)), batchSize: 6, analyse: { _, i in i * 10 },
      deliver: { results in
        delivered += results
        batchSizes.append(results.count)
      })
    for i in 0..<inputs { try batches.add(i) }
    try batches.finish()
    #expect(delivered == (0..<inputs).map { $0 * 10 })
    #expect(batchSizes.allSatisfy { $0 >= 1 && $0 <= 6 })
    try batches.finish()  // nothing left: delivers nothing more
    #expect(delivered.count == inputs)
  }

  /// A batch closes at `batchBytes` (the sizes given to `add`) before `batchSize` inputs; an input
  /// larger than the limit is a batch of its own; every input is still delivered once, in order.
  @Test(arguments: [1, 2])
  func closesABatchAtItsByteLimit(workers: Int) throws {
    var batches: [[Int]] = []
    let streaming = StreamingBatches(
      workers: ParallelBatch(workers: Array(0..<workers)), batchSize: 100, batchBytes: 10, analyse: { _, i in i },
      deliver: { batches.append($0) })
    let sizes = [3, 3, 3, 3, 25, 1, 9, 4, 0, 0]  // input i has sizes[i] bytes
    for (i, size) in sizes.enumerated() { try streaming.add(i, bytes: size) }
    try streaming.finish()
    // 3+3+3+3 reaches 10 at the fourth; 25 alone; 1+9 reaches 10; 4+0+0 is what is left.
    #expect(batches == [[0, 1, 2, 3], [4], [5, 6], [7, 8, 9]])
  }

  /// A batch's results wait until the next batch starts (or `finish`): reading goes on meanwhile.
  @Test func deliversABatchWhenTheNextStarts() throws {
    var delivered: [Int] = []
    let batches = StreamingBatches(
      workers: ParallelBatch(workers: [0, 1]), batchSize: 2, analyse: { _, i in i }, deliver: { delivered += $0 })
    try batches.add(0)
    try batches.add(1)  // first batch starts
    #expect(delivered.isEmpty)
    try batches.add(2)
    try batches.add(3)  // second batch starts: the first is delivered
    #expect(delivered == [0, 1])
    try batches.finish()
    #expect(delivered == [0, 1, 2, 3])
  }

  @Test func anAnalysisErrorIsThrownWhenItsBatchIsCollected() throws {
    var delivered: [Int] = []
    let batches = StreamingBatches(
      workers: ParallelBatch(workers: [0, 1]), batchSize: 4,
      analyse: { _, i -> Int in
        if i == 5 { throw ParallelBatchTests.Failure(input: i) }
        return i
      }, deliver: { delivered += $0 })
    for i in 0..<8 { try batches.add(i) }  // the second batch (4-7) fails in the background
    #expect(throws: ParallelBatchTests.Failure(input: 5)) { try batches.finish() }
    #expect(delivered == [0, 1, 2, 3])
  }
}
