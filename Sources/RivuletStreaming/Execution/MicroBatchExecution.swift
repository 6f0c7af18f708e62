import Foundation
import RivuletCore
import RivuletExecution
import RivuletSQL
import RivuletState

/// Runs one streaming query as a sequence of micro-batches on its own thread, with Spark's
/// exactly-once protocol:
///
/// 1. ask every source for its latest offset (rate limits apply);
/// 2. write `offsets/<batchId>` atomically (the write-ahead log);
/// 3. bind each source to its offset range, plan and run the batch (stateful operators read state
///    version `batchId` and write `batchId + 1`);
/// 4. hand the result to the sink with the batch id;
/// 5. write `commits/<batchId>`, then let sources discard committed data.
///
/// On restart a batch in `offsets/` without a commit is re-run with the same offsets.
public final class MicroBatchExecution: @unchecked Sendable {
    // @unchecked: mutable state is guarded by `condition`; the loop itself runs on one thread.
    public let queryId: String
    public let runId: String
    public let name: String?
    public let plan: LogicalPlan
    public let sink: any StreamingSink
    public let options: StreamingQueryOptions
    let sources: [StreamingScan]
    let checkpoint: StreamingCheckpoint
    let engine: QueryEngine
    let optimizer = Optimizer()
    private let events: @Sendable (StreamingQueryEvent) -> Void
    private var aggregation: StatefulAggregation?
    private var numStatePartitions: Int

    private let condition = NSCondition()
    private var stopRequested = false
    private var terminated = false
    private var started = false
    private var failure: RivuletError?
    private var recent: [StreamingQueryProgress] = []
    private var status = StreamingQueryStatus(message: "Initializing sources", isDataAvailable: false, isTriggerActive: false)
    private var wakeRequested = false
    private var iteration = 0
    private var lastNoDataIteration = -1
    private var waiters: [CheckedContinuation<Void, Never>] = []

    private var committed: [SourceOffset?]
    private var nextBatchId: Int64 = 0
    private var pending: [SourceOffset?]?

    /// Validates the plan against the output mode and opens (and locks) the checkpoint.
    public init(plan: LogicalPlan, sink: any StreamingSink, options: StreamingQueryOptions,
                events: @escaping @Sendable (StreamingQueryEvent) -> Void) throws(RivuletError) {
        try StreamingPlanChecker.check(plan, outputMode: options.outputMode)
        var found: [StreamingScan] = []
        func collect(_ p: LogicalPlan) {
            if case .scan(let s) = p, let scan = s.source as? StreamingScan, !found.contains(where: { $0 === scan }) { found.append(scan) }
            for c in p.children { collect(c) }
        }
        collect(plan)
        guard !found.isEmpty else { throw .analysis("writeStream needs a streaming DataFrame (one read with spark.readStream)") }
        self.plan = plan
        self.sink = sink
        self.options = options
        self.sources = found
        self.events = events
        self.name = options.name
        self.runId = UUID().uuidString.lowercased()
        self.engine = QueryEngine(config: options.executionConfig)
        self.checkpoint = try StreamingCheckpoint(root: options.checkpointLocation, runId: StreamingCheckpoint.makeRunId())
        self.queryId = checkpoint.queryId
        self.committed = [SourceOffset?](repeating: nil, count: found.count)
        self.numStatePartitions = options.executionConfig.shufflePartitions
    }

    // MARK: control

    /// Starts the loop on a new thread.
    public func start() {
        condition.lock()
        guard !started else { condition.unlock(); return }
        started = true
        condition.unlock()
        let thread = Thread { [self] in self.runLoop() }
        thread.name = "rivulet-stream-\(name ?? queryId)"
        thread.start()
    }

    /// Asks the loop to stop after the current batch and waits for it to end.
    public func stop() {
        condition.lock()
        stopRequested = true
        condition.broadcast()
        while started && !terminated { condition.wait() }
        condition.unlock()
    }

    /// Wakes an idle loop so it polls its sources now.
    public func wakeUp() {
        condition.lock()
        wakeRequested = true
        condition.broadcast()
        condition.unlock()
    }

    public var isActive: Bool { condition.withLock { started && !terminated } }
    public var exception: RivuletError? { condition.withLock { failure } }
    public var recentProgress: [StreamingQueryProgress] { condition.withLock { recent } }
    public var lastProgress: StreamingQueryProgress? { condition.withLock { recent.last } }
    public var currentStatus: StreamingQueryStatus { condition.withLock { status } }

    /// Blocks until the query ends (or `timeout` passes: then returns false). Rethrows its failure.
    @discardableResult
    public func awaitTermination(timeout: Duration? = nil) throws(RivuletError) -> Bool {
        let deadline = timeout.map { Date().addingTimeInterval(Self.seconds($0)) }
        condition.lock()
        while !terminated {
            if let deadline {
                if !condition.wait(until: deadline) && !terminated { condition.unlock(); return false }
            } else {
                condition.wait()
            }
        }
        let f = failure
        condition.unlock()
        if let f { throw f }
        return true
    }

    /// Suspends until the query ends, without blocking a thread.
    public func terminated() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            condition.lock()
            if terminated { condition.unlock(); c.resume(); return }
            waiters.append(c)
            condition.unlock()
        }
    }

    /// Blocks until everything the sources had when this was called has been processed (or the
    /// query ended; a failure is rethrown).
    public func processAllAvailable() throws(RivuletError) {
        condition.lock()
        let mark = iteration
        wakeRequested = true
        condition.broadcast()
        while !terminated && lastNoDataIteration <= mark { condition.wait() }
        let f = failure
        condition.unlock()
        if let f { throw f }
    }

    // MARK: the loop

    private func runLoop() {
        events(.started(QueryStartedEvent(id: queryId, runId: runId, name: name, timestamp: Self.now())))
        var error: RivuletError?
        do throws(RivuletError) {
            for (i, s) in sources.enumerated() {
                try s.source.start(checkpointDirectory: checkpoint.sourceDirectory(i))
                if let n = s.source as? any NotifyingStreamingSource {
                    n.setNewDataHandler { [weak self] in self?.wakeUp() }
                }
            }
            if options.trigger == .availableNow || options.trigger == .once {
                for s in sources { try s.source.prepareForTriggerAvailableNow() }
            }
            try recover()
            if let node = StreamingPlanChecker.streamingAggregates(plan).first {
                aggregation = try StatefulAggregation(node: node, operatorId: 0, checkpointRoot: checkpoint.stateRoot,
                                                      numPartitions: numStatePartitions, minBatchesToRetain: options.minBatchesToRetain)
            }
            var idleReported = false
            while true {
                let iter: Int = condition.withLock {
                    iteration += 1
                    status.isTriggerActive = true
                    status.message = "Getting offsets from sources"
                    return iteration
                }
                if condition.withLock({ stopRequested }) { break }
                let triggerStart = ContinuousClock.now
                let ran = try runBatch()
                condition.withLock {
                    status.isTriggerActive = false
                    status.isDataAvailable = ran
                    if !ran { lastNoDataIteration = iter }
                    condition.broadcast()
                }
                if !ran {
                    if options.trigger == .once || options.trigger == .availableNow { break }
                    if !idleReported {
                        events(.idle(QueryIdleEvent(id: queryId, runId: runId, timestamp: Self.now())))
                        idleReported = true
                    }
                    condition.withLock { status.message = "Waiting for data to arrive" }
                    wait(until: triggerStart + max(options.pollingDelay, intervalOf(options.trigger)))
                    continue
                }
                idleReported = false
                if options.trigger == .once { break }
                if case .processingTime(let d) = options.trigger, d > .zero {
                    condition.withLock { status.message = "Waiting for next trigger" }
                    wait(until: triggerStart + d)
                }
            }
        } catch let e {
            error = e
        }
        finish(error)
    }

    private func intervalOf(_ t: Trigger) -> Duration {
        if case .processingTime(let d) = t { return d }
        return .zero
    }

    /// Sleeps until `deadline`, a stop request or a wake-up.
    private func wait(until deadline: ContinuousClock.Instant) {
        condition.lock()
        defer { condition.unlock() }
        while !stopRequested && !wakeRequested {
            let left = deadline - ContinuousClock.now
            if left <= .zero { break }
            _ = condition.wait(until: Date().addingTimeInterval(Self.seconds(left)))
        }
        wakeRequested = false
    }

    private func finish(_ error: RivuletError?) {
        sink.stop()
        for s in sources { s.source.stop() }
        checkpoint.close()
        if options.deleteCheckpointOnStop && error == nil { CheckpointFiles.deleteRecursively(checkpoint.root) }
        // Listeners hear of the end before anyone waiting on the query wakes up.
        events(.terminated(QueryTerminatedEvent(id: queryId, runId: runId, exception: error?.description)))
        condition.lock()
        failure = error
        terminated = true
        status.isTriggerActive = false
        status.message = error == nil ? "Stopped" : "Terminated with exception: \(error?.message ?? "")"
        let toResume = waiters
        waiters = []
        condition.broadcast()
        condition.unlock()
        for w in toResume { w.resume() }
    }

    /// Restores the position from the offset and commit logs.
    private func recover() throws(RivuletError) {
        let lastCommit = try checkpoint.commits.latest()?.batchId ?? -1
        guard let (lastBatch, body) = try checkpoint.offsets.latest() else { return }
        let seq = try OffsetSeq.parse(body, path: checkpoint.offsets.path(lastBatch))
        guard seq.offsets.count == sources.count else {
            throw RivuletError(.checkpoint, "The checkpoint \(checkpoint.root) was written by a query with \(seq.offsets.count) source(s), but this query has \(sources.count); use a new checkpointLocation", errorClass: "STREAMING_QUERY_SOURCES_MISMATCH")
        }
        if let n = seq.conf["spark.sql.shuffle.partitions"].flatMap({ Int($0) }) { numStatePartitions = n }
        let offsets = seq.offsets.map { $0.map(SourceOffset.init(json:)) }
        if lastCommit > lastBatch {
            // A commit without its write-ahead entry: the offset log lost files. Re-running from the
            // older entry would re-deliver committed data under a committed batch id.
            throw RivuletError(.checkpoint, "The checkpoint \(checkpoint.root) is inconsistent: \(checkpoint.commits.path(lastCommit)) exists but the offset log ends at \(checkpoint.offsets.path(lastBatch))", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        if lastCommit == lastBatch {
            committed = offsets
            nextBatchId = lastBatch + 1
        } else if lastCommit == lastBatch - 1 {
            nextBatchId = lastBatch
            pending = offsets
            if lastBatch > 0 {
                guard let prevBody = try checkpoint.offsets.get(lastBatch - 1) else {
                    throw RivuletError(.checkpoint, "Checkpoint file \(checkpoint.offsets.path(lastBatch - 1)) is missing: cannot re-run batch \(lastBatch)", errorClass: "CHECKPOINT_FILE_CORRUPT")
                }
                committed = try OffsetSeq.parse(prevBody, path: checkpoint.offsets.path(lastBatch - 1)).offsets.map { $0.map(SourceOffset.init(json:)) }
            }
        } else {
            throw RivuletError(.checkpoint, "The checkpoint \(checkpoint.root) is inconsistent: offsets go up to batch \(lastBatch) but commits to \(lastCommit)", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
    }

    /// Runs the next batch; false when no source has new data.
    private func runBatch() throws(RivuletError) -> Bool {
        let batchId = nextBatchId
        let clock = ContinuousClock()
        let triggerStart = clock.now
        let timestamp = Self.now()
        var durations: [String: Int64] = [:]
        func measure<T>(_ key: String, _ body: () throws(RivuletError) -> T) throws(RivuletError) -> T {
            let t0 = clock.now
            let r = try body()
            durations[key, default: 0] += Self.millis(clock.now - t0)
            return r
        }

        let ends: [SourceOffset?]
        if let p = pending {
            ends = p
        } else {
            ends = try measure("latestOffset") { () throws(RivuletError) in
                var out: [SourceOffset?] = []
                for (i, s) in sources.enumerated() { out.append(try s.source.latestOffset(after: committed[i]) ?? committed[i]) }
                return out
            }
            if ends == committed { return false }
            condition.withLock { status.message = "Processing new data"; status.isDataAvailable = true }
            let seq = OffsetSeq(batchTimestampMs: Int64(Date().timeIntervalSince1970 * 1000),
                                conf: ["spark.sql.shuffle.partitions": String(numStatePartitions)],
                                offsets: ends.map { $0?.json })
            try measure("walCommit") { () throws(RivuletError) in try checkpoint.offsets.add(batchId, seq.serialize()) }
        }

        // Bind every source to its range.
        var scans: [MicroBatchScan] = []
        try measure("getBatch") { () throws(RivuletError) in
            for (i, s) in sources.enumerated() {
                if let end = ends[i], end != committed[i] {
                    scans.append(MicroBatchScan(try s.source.planBatch(start: committed[i], end: end)))
                } else {
                    scans.append(MicroBatchScan(EmptyScan(schema: s.source.schema)))
                }
            }
        }
        let bound = try plan.transformUp { node throws(RivuletError) in
            if case .scan(var rel) = node, let s = rel.source as? StreamingScan, let i = sources.firstIndex(where: { $0 === s }) {
                rel.source = scans[i]
                return .scan(rel)
            }
            return node
        }

        let mode = options.outputMode
        let engine = self.engine, optimizer = self.optimizer
        let aggregation = self.aggregation
        let batches: [RecordBatch] = try measure("addBatch") { () throws(RivuletError) in
            let planned = try measure("queryPlanning") { () throws(RivuletError) in
                try bound.transformUp { node throws(RivuletError) in
                    if let aggregation, case .aggregate(_, _, let child) = node, child.readsMicroBatch {
                        return try aggregation.process(child: child, batchId: batchId, mode: mode, engine: engine, optimizer: optimizer)
                    }
                    return node
                }
            }
            let out = try engine.execute(try optimizer.optimize(planned))
            try sink.addBatch(batchId, out, schema: plan.schema, outputMode: mode)
            return out
        }

        try measure("commitOffsets") { () throws(RivuletError) in
            try checkpoint.commits.add(batchId, CommitMetadata().serialize())
            for (i, s) in sources.enumerated() { if let e = ends[i] { try s.source.commit(e) } }
        }
        let starts = committed
        committed = ends
        pending = nil
        nextBatchId = batchId + 1
        checkpoint.purge(keeping: options.minBatchesToRetain, latestBatchId: batchId)

        let total = clock.now - triggerStart
        durations["triggerExecution"] = Self.millis(total)
        let seconds = max(Self.seconds(total), 1e-9)
        let inputRows = scans.reduce(0) { $0 + Int64($1.rows.load(ordering: .relaxed)) }
        let previous = condition.withLock { recent.last }
        let sinceLast = previous.flatMap { Self.parseTimestamp($0.timestamp) }.map { Date().timeIntervalSince1970 - $0 } ?? 0
        let inputRate = sinceLast > 0 ? Double(inputRows) / sinceLast : 0
        var sourceProgress: [SourceProgress] = []
        for (i, s) in sources.enumerated() {
            let n = Int64(scans[i].rows.load(ordering: .relaxed))
            sourceProgress.append(SourceProgress(description: s.source.description, startOffset: starts[i]?.json, endOffset: ends[i]?.json,
                                                 latestOffset: ends[i]?.json, numInputRows: n,
                                                 inputRowsPerSecond: sinceLast > 0 ? Double(n) / sinceLast : 0,
                                                 processedRowsPerSecond: Double(n) / seconds))
        }
        var stateOps: [StateOperatorProgress] = []
        if let aggregation {
            stateOps.append(StateOperatorProgress(operatorName: "stateStoreSave", numRowsTotal: Int64(aggregation.lastNumRowsTotal),
                                                  numRowsUpdated: Int64(aggregation.lastNumRowsUpdated), numRowsRemoved: 0,
                                                  numShufflePartitions: Int64(aggregation.numPartitions),
                                                  numStateStoreInstances: Int64(aggregation.numPartitions)))
        }
        let progress = StreamingQueryProgress(
            id: queryId, runId: runId, name: name, timestamp: timestamp, batchId: batchId, batchDuration: Self.millis(total),
            numInputRows: inputRows, inputRowsPerSecond: inputRate, processedRowsPerSecond: Double(inputRows) / seconds,
            durationMs: durations, stateOperators: stateOps, sources: sourceProgress,
            sink: SinkProgress(description: sink.description, numOutputRows: Int64(batches.reduce(0) { $0 + $1.numRows })))
        condition.withLock {
            recent.append(progress)
            if recent.count > 100 { recent.removeFirst(recent.count - 100) }
        }
        events(.progress(progress))
        return true
    }

    // MARK: helpers

    static func millis(_ d: Duration) -> Int64 {
        let c = d.components
        return c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }

    /// Now as Spark prints progress timestamps: `2024-01-01T00:00:00.000Z`.
    static func now() -> String {
        DateTimeUtils.formatTimestampISO(Int64(Date().timeIntervalSince1970 * 1_000_000))
    }

    static func parseTimestamp(_ s: String) -> Double? {
        DateTimeUtils.parseTimestamp(s).map { Double($0) / 1e6 }
    }
}

extension NSCondition {
    fileprivate func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
