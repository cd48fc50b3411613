import Dispatch
import Foundation
import Synchronization

/// Runs a function over a batch of inputs on several workers at once and returns the results in
/// input order, so output never depends on the number of workers.
///
/// Each worker owns its state (a tokenizer holds stateful ICU iterators) and runs on its own
/// thread; workers claim the next `chunk` inputs from a shared atomic counter, so a worker that
/// drew short texts takes more of them and none waits long at the end of a batch.
///
/// Its methods are inlinable so that callers in other modules run them specialised to their own
/// input and output types: unspecialised, every input and result was copied through run-time
/// type metadata (`hark classify` with 2 jobs took 2-3.5% longer).
public struct ParallelBatch<Worker> {
  /// The workers' states; one thread each.
  @usableFromInline let workers: [Worker]

  public init(workers: [Worker]) {
    precondition(!workers.isEmpty, "at least one worker")
    self.workers = workers
  }

  public var count: Int { workers.count }

  /// Inputs claimed at a time: small enough to balance, large enough to keep the counter cold.
  @inlinable static var chunk: Int { 8 }

  /// `body(worker, input)` for every input, results in input order. The first error thrown by any
  /// worker is rethrown after all have stopped.
  @inlinable public func map<Input, Output>(_ inputs: [Input], _ body: (Worker, Input) throws -> Output) throws -> [Output] {
    if workers.count == 1 || inputs.count < 2 { return try inputs.map { try body(workers[0], $0) } }
    let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: inputs.count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()
      results.deallocate()
    }
    let failures = UnsafeMutableBufferPointer<(any Error)?>.allocate(capacity: workers.count)
    failures.initialize(repeating: nil)
    defer {
      failures.deinitialize()
      failures.deallocate()
    }
    // Shared mutable state, written at disjoint indices only: each index is claimed by exactly
    // one worker, which alone writes results[i]; worker w alone writes failures[w]. The caller
    // reads after concurrentPerform returns.
    let next = ClaimCounter()
    withoutActuallyEscaping(body) { body in
      let shared = Unchecked((workers, inputs, results, failures, body))
      DispatchQueue.concurrentPerform(iterations: workers.count) { w in
        let (workers, inputs, results, failures, body) = shared.value
        while true {
          let start = next.value.wrappingAdd(Self.chunk, ordering: .relaxed).oldValue
          if start >= inputs.count { return }
          for i in start..<min(start + Self.chunk, inputs.count) {
            do {
              results[i] = try body(workers[w], inputs[i])
            } catch {
              failures[w] = error
              // Let the other workers stop early too.
              next.value.store(inputs.count, ordering: .relaxed)
              return
            }
          }
        }
      }
    }
    if let failure = failures.compactMap({ $0 }).first { throw failure }
    return results.map { $0! }
  }
}

extension ParallelBatch {
  /// ``map(_:_:)`` on background threads: returns at once, so that the caller can read the next
  /// batch and write the previous one's results while this one is analysed; ``Running/results()``
  /// waits for it. Give the workers no other batch until then: each worker's state is used by one
  /// thread at a time.
  @inlinable public func start<Input, Output>(_ inputs: [Input], _ body: @escaping (Worker, Input) throws -> Output) -> Running<Output> {
    let running = Running<Output>()
    let work = Unchecked((self, inputs, body, running))
    // A thread of its own rather than a dispatch queue's: `concurrentPerform` called from a
    // thread of dispatch's pool counts as nested and ran on fewer threads (2 jobs took 30% longer).
    let thread = Thread {
      let (batch, inputs, body, running) = work.value
      running.finish(Result { try batch.map(inputs, body) })
    }
    thread.start()
    return running
  }

  /// A batch started by ``start(_:_:)``.
  public final class Running<Output>: @unchecked Sendable {  // `outcome` is written once, before `done` is signalled
    @usableFromInline let done = DispatchSemaphore(value: 0)
    @usableFromInline var outcome: Result<[Output], any Error>?

    @usableFromInline init() {}

    @usableFromInline func finish(_ outcome: Result<[Output], any Error>) {
      self.outcome = outcome
      done.signal()
    }

    /// Waits until every input is done; the results in input order, or the first error thrown.
    @inlinable public func results() throws -> [Output] {
      done.wait()
      done.signal()  // later calls return at once
      return try outcome!.get()
    }
  }
}

/// The next unclaimed input index of a batch.
@usableFromInline final class ClaimCounter: Sendable {
  @usableFromInline let value = Atomic<Int>(0)
  @usableFromInline init() {}
}

/// Carries values into `concurrentPerform`'s closure. Safe only as used above: every thread reads
/// the shared inputs and writes disjoint slots.
@usableFromInline struct Unchecked<Value>: @unchecked Sendable {
  @usableFromInline let value: Value
  @usableFromInline init(_ value: Value) { self.value = value }
}
