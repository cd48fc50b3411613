/// Feeds a stream of inputs to a ``ParallelBatch`` in batches, so that reading overlaps the
/// analysis: a full batch is analysed on background threads (``ParallelBatch/start(_:_:)``) while
/// the next one fills, and each batch's results go to `deliver`, in input order, once the next
/// batch has started or at ``finish()``. A batch closes at `batchSize` inputs or, when inputs are
/// added with their sizes, at `batchBytes` bytes, whichever comes first: large batches keep the
/// workers busy between hand-overs, the byte limit bounds the memory that long records hold.
/// Every input added is delivered after ``finish()``, unless an error is thrown first. Use from
/// one thread.
///
/// Inlinable, as ``ParallelBatch`` is, so that it runs specialised to the caller's types.
public final class StreamingBatches<Worker, Input, Output> {
  @usableFromInline let workers: ParallelBatch<Worker>
  @usableFromInline let batchSize: Int
  @usableFromInline let batchBytes: Int
  @usableFromInline let analyse: (Worker, Input) throws -> Output
  @usableFromInline let deliver: ([Output]) throws -> Void
  @usableFromInline var pending: [Input] = []
  /// The sizes given with the pending inputs, summed.
  @usableFromInline var pendingBytes = 0
  /// The batch being analysed; the workers take no other until it is done.
  @usableFromInline var running: ParallelBatch<Worker>.Running<Output>?

  /// - Parameters:
  ///   - batchSize: inputs analysed together (at least 1); at most two batches are held at once.
  ///   - batchBytes: the most bytes (as given to ``add(_:bytes:)``) analysed together; a batch
  ///     closes once its inputs reach it (so a single larger input is a batch of its own).
  ///   - analyse: one input's result, run on the workers' threads.
  ///   - deliver: a batch's results in input order, run on the caller's thread.
  @inlinable public init(
    workers: ParallelBatch<Worker>, batchSize: Int, batchBytes: Int = .max,
    analyse: @escaping (Worker, Input) throws -> Output, deliver: @escaping ([Output]) throws -> Void
  ) {
    self.workers = workers
    self.batchSize = max(batchSize, 1)
    self.batchBytes = max(batchBytes, 1)
    self.analyse = analyse
    self.deliver = deliver
    pending.reserveCapacity(Self.reservedInputs(self.batchSize))
  }

  /// Room made for a batch's inputs up front: the batch size, up to a few thousand (a batch that
  /// the byte limit closes early would not use more, and a larger one grows as it fills).
  @inlinable static func reservedInputs(_ batchSize: Int) -> Int { min(batchSize, 4096) }

  /// Waits for a batch still being analysed (after an error, or a broken pipe), so that no worker
  /// runs on once its owner is gone.
  deinit { _ = try? running?.results() }

  /// Adds `input`, of `bytes` bytes (its text, say; 0 counts inputs only); starts a batch when
  /// one is full.
  @inlinable public func add(_ input: Input, bytes: Int = 0) throws {
    pending.append(input)
    pendingBytes += bytes
    if pending.count >= batchSize || pendingBytes >= batchBytes { try flush() }
  }

  /// Waits for the batch being analysed, starts one of the inputs added since, then delivers the
  /// finished batch's results (while the new one runs).
  @inlinable public func flush() throws {
    let finished = try running?.results()
    running = nil
    if !pending.isEmpty {
      running = workers.start(pending, analyse)
      pending = []
      pendingBytes = 0
      pending.reserveCapacity(Self.reservedInputs(batchSize))
    }
    if let finished { try deliver(finished) }
  }

  /// Analyses and delivers every input added so far.
  @inlinable public func finish() throws {
    try flush()
    try flush()
  }
}
