/// Feeds a stream of inputs to a ``ParallelBatch`` in batches, so that reading overlaps the
/// analysis: a full batch is analysed on background threads (``ParallelBatch/start(_:_:)``) while
/// the next one fills, and each batch's results go to `deliver`, in input order, once the next
/// batch has started or at ``finish()``. Every input added is delivered after ``finish()``, unless
/// an error is thrown first. Use from one thread.
public final class StreamingBatches<Worker, Input, Output> {
  private let workers: ParallelBatch<Worker>
  private let batchSize: Int
  private let analyse: (Worker, Input) throws -> Output
  private let deliver: ([Output]) throws -> Void
  private var pending: [Input] = []
  /// The batch being analysed; the workers take no other until it is done.
  private var running: ParallelBatch<Worker>.Running<Output>?

  /// - Parameters:
  ///   - batchSize: inputs analysed together (at least 1); at most two batches are held at once.
  ///   - analyse: one input's result, run on the workers' threads.
  ///   - deliver: a batch's results in input order, run on the caller's thread.
  public init(
    workers: ParallelBatch<Worker>, batchSize: Int, analyse: @escaping (Worker, Input) throws -> Output,
    deliver: @escaping ([Output]) throws -> Void
  ) {
    self.workers = workers
    self.batchSize = max(batchSize, 1)
    self.analyse = analyse
    self.deliver = deliver
    pending.reserveCapacity(self.batchSize)
  }

  /// Waits for a batch still being analysed (after an error, or a broken pipe), so that no worker
  /// runs on once its owner is gone.
  deinit { _ = try? running?.results() }

  /// Adds `input`; starts a batch when one is full.
  public func add(_ input: Input) throws {
    pending.append(input)
    if pending.count >= batchSize { try flush() }
  }

  /// Waits for the batch being analysed, starts one of the inputs added since, then delivers the
  /// finished batch's results (while the new one runs).
  public func flush() throws {
    let finished = try running?.results()
    running = nil
    if !pending.isEmpty {
      running = workers.start(pending, analyse)
      pending = []
      pending.reserveCapacity(batchSize)
    }
    if let finished { try deliver(finished) }
  }

  /// Analyses and delivers every input added so far.
  public func finish() throws {
    try flush()
    try flush()
  }
}
