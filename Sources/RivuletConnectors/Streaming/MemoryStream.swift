import RivuletCore
import RivuletSQL
import RivuletStreaming
import Synchronization

/// An in-memory streaming source for tests (Spark's `MemoryStream`): each `addData` call is one
/// unit of offset, and batches can be replayed until they are committed.
///
/// Offsets follow Spark: a plain number, the index of the last `addData` call (`0` after the
/// first call); before any data there is no offset. The test-kit hooks: ``pause()`` hides new
/// data from the engine, ``fail(with:)`` makes the next `latestOffset` throw, ``end()`` marks the
/// stream finished.
///
/// ```swift
/// let input = MemoryStream(schema: StructType([StructField("value", .long)]))
/// input.addData([[.long(1)], [.long(2)]])   // offset 0
/// ```
public final class MemoryStream: NotifyingStreamingSource {
    /// The rows' schema.
    public let schema: StructType
    /// The registry name (generated when none was given).
    public let name: String
    private struct State {
        /// Batches after the last committed offset.
        var batches: [RecordBatch] = []
        var currentOffset: Int64 = -1
        var lastCommitted: Int64 = -1
        /// While paused, the offset the engine sees.
        var pausedAt: Int64?
        var failure: RivuletError?
        var ended = false
        /// Wakes an idle query when rows are added (set by the engine).
        var onNewData: (@Sendable () -> Void)?
        var availableNowEnd: Int64?
    }
    private let state = Mutex(State())

    private static let registry = Mutex<[String: MemoryStream]>([:])
    private static let counter = Atomic<Int>(0)

    /// A stream of rows with `schema`. Giving a `name` registers it (for the life of the process) so
    /// that `readStream.format("memory").option("name", name)` finds it.
    public init(schema: StructType, name: String? = nil) {
        self.schema = schema
        let id = Self.counter.add(1, ordering: .relaxed).newValue
        self.name = name ?? "memory-\(id)"
        if name != nil {
            let me = self
            Self.registry.withLock { $0[me.name.lowercased()] = me }
        }
    }

    /// The registered stream called `name` (case-insensitive).
    public static func named(_ name: String) -> MemoryStream? {
        registry.withLock { $0[name.lowercased()] }
    }

    public var description: String { "MemoryStream[\(schema.fields.map(\.name).joined(separator: ","))]" }

    public func start(checkpointDirectory: String?) throws(RivuletError) {}

    /// Adds one batch of rows (values in schema order) and returns its offset.
    @discardableResult
    public func addData(_ rows: [[Value]]) -> SourceOffset {
        let batch = RecordBatch(schema: schema, rows: rows)
        let (offset, wake) = state.withLock { s in
            s.currentOffset += 1
            s.batches.append(batch)
            return (LongOffset.make(s.currentOffset), s.onNewData)
        }
        wake?()
        return offset
    }

    public func setNewDataHandler(_ handler: @escaping @Sendable () -> Void) {
        state.withLock { $0.onNewData = handler }
    }

    /// The offset of the latest `addData`, or nil before any.
    public var currentOffset: SourceOffset? {
        state.withLock { $0.currentOffset < 0 ? nil : LongOffset.make($0.currentOffset) }
    }

    /// Hides data added from now on until ``resume()``.
    public func pause() { state.withLock { $0.pausedAt = $0.pausedAt ?? $0.currentOffset } }
    /// Shows all data again.
    public func resume() { state.withLock { $0.pausedAt = nil } }
    /// Makes the next `latestOffset` call throw `error` (once).
    public func fail(with error: RivuletError) { state.withLock { $0.failure = error } }
    /// Marks the stream finished: no more data will come.
    public func end() { state.withLock { $0.ended = true } }
    /// Whether ``end()`` was called.
    public var isEnded: Bool { state.withLock { $0.ended } }

    public func prepareForTriggerAvailableNow() throws(RivuletError) {
        state.withLock { $0.availableNowEnd = $0.pausedAt ?? $0.currentOffset }
    }

    public func latestOffset(after start: SourceOffset?) throws(RivuletError) -> SourceOffset? {
        let r: Result<Int64, RivuletError> = state.withLock { s in
            if let f = s.failure {
                s.failure = nil
                return .failure(f)
            }
            var visible = s.pausedAt ?? s.currentOffset
            if let cap = s.availableNowEnd { visible = min(visible, cap) }
            return .success(visible)
        }
        let visible = try r.get()
        return visible < 0 ? start : LongOffset.make(visible)
    }

    public func planBatch(start: SourceOffset?, end: SourceOffset) throws(RivuletError) -> any ScanSource {
        let from = try start.map { (o: SourceOffset) throws(RivuletError) in try LongOffset.parse(o, source: description) } ?? -1
        let to = try LongOffset.parse(end, source: description)
        let r: Result<[RecordBatch], RivuletError> = state.withLock { s in
            guard from >= s.lastCommitted, to <= s.currentOffset, from <= to else {
                return .failure(RivuletError(.execution, "\(description): offsets \(from) to \(to) are not available (committed up to \(s.lastCommitted), latest \(s.currentOffset))"))
            }
            let lo = Int(from - s.lastCommitted), hi = Int(to - s.lastCommitted)
            return .success(Array(s.batches[lo..<hi]))
        }
        let batches = try r.get()
        return InMemoryScan(formatName: "memory", explainDetail: description, schema: schema, partitionBatches: [batches])
    }

    public func commit(_ end: SourceOffset) throws(RivuletError) {
        let to = try LongOffset.parse(end, source: description)
        state.withLock { s in
            let drop = Int(max(0, min(to, s.currentOffset) - s.lastCommitted))
            s.batches.removeFirst(min(drop, s.batches.count))
            s.lastCommitted = max(s.lastCommitted, to)
        }
    }
}
