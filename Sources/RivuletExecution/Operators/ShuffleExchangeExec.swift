import RivuletCore
import RivuletSQL
import Synchronization

/// How an exchange distributes rows.
public enum Partitioning: Sendable {
    /// Rows with equal key values land in the same partition (`hash(keys) mod n`).
    case hash([Expression], Int)
    /// Everything in one partition (global sort, limit, global aggregate).
    case single
}

/// The in-memory shuffle: during ``prepare(_:)`` it runs every input partition in parallel,
/// splits each batch by partition, and keeps the buckets; partition `p` then replays bucket `p`
/// (input partitions in order, so a single-partition exchange preserves input order).
public final class ShuffleExchangeExec: PhysicalOperator {
    public let partitioning: Partitioning
    let child: any PhysicalOperator
    let keyEvaluators: [ExpressionEvaluator]
    /// Printed as `BroadcastExchange` (the build side of a nested-loop join).
    let broadcast: Bool
    private let buckets = Mutex<[[RecordBatch]]>([])

    init(_ partitioning: Partitioning, child: any PhysicalOperator, broadcast: Bool = false) throws(RivuletError) {
        self.partitioning = partitioning
        self.child = child
        self.broadcast = broadcast
        var evs: [ExpressionEvaluator] = []
        if case .hash(let keys, _) = partitioning {
            for k in keys { evs.append(try ExpressionEvaluator(k, input: child.output)) }
        }
        keyEvaluators = evs
    }

    public var output: [AttributeReference] { child.output }
    public var children: [any PhysicalOperator] { [child] }
    public var isSinglePartition: Bool { if case .single = partitioning { return true } else { return false } }
    var numPartitions: Int { if case .hash(_, let n) = partitioning { return max(1, n) } else { return 1 } }

    public var explainString: String {
        if broadcast { return "BroadcastExchange IdentityBroadcastMode" }
        switch partitioning {
        case .single: return "Exchange SinglePartition, ENSURE_REQUIREMENTS"
        case .hash(let keys, let n):
            return "Exchange hashpartitioning(" + keys.map(ExplainFormat.expr).joined(separator: ", ") + ", \(n)), ENSURE_REQUIREMENTS"
        }
    }

    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) {
        try prepareChildren(ctx)
        let n = numPartitions
        let child = self.child
        let evs = keyEvaluators
        let schema = self.schema
        let inputs = child.partitionCount()
        // A partial aggregation is order-insensitive: let each worker fold many input partitions
        // into one table (fewer, larger partial results). Anything else keeps one task per input
        // partition so that partition order (and so row order) is preserved.
        let grouped = (child as? HashAggregateExec).flatMap { $0.mode == .partial ? $0 : nil }
        let tasks = grouped != nil ? min(inputs, ctx.pool.parallelism) : inputs
        let counter = TaskCounter()
        let perInput: [[RecordBatch?]] = try ctx.pool.map(tasks) { p throws(RivuletError) in
            var parts = [[RecordBatch]](repeating: [], count: n)
            let produce = { (sink: BatchSink) throws(RivuletError) in
                if let grouped {
                    try grouped.execute(partitionsFrom: { counter.next(below: inputs) }, ctx, sink)
                } else {
                    try child.execute(partition: p, ctx, sink)
                }
            }
            try produce { b throws(RivuletError) in
                if b.numRows == 0 { return }
                if n == 1 { parts[0].append(b); return }
                var keys: [ColumnVector] = []
                for e in evs { keys.append(try e.evaluate(b)) }
                let hashes = Hashing.hashRows(keys, rowCount: b.numRows, seed: Hashing.partitionSeed)
                var rows = [[Int32]](repeating: [], count: n)
                for (i, h) in hashes.enumerated() { rows[Int(h % UInt64(n))].append(Int32(i)) }
                for j in 0..<n where !rows[j].isEmpty { parts[j].append(b.take(rows[j])) }
            }
            return parts.map { $0.isEmpty ? nil : RecordBatch.concat($0, schema: schema) }
        }
        var out = [[RecordBatch]](repeating: [], count: n)
        for parts in perInput {
            for j in 0..<n { if let b = parts[j] { out[j].append(b) } }
        }
        buckets.withLock { $0 = out }
    }

    public func partitionCount() -> Int { numPartitions }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        let batches = buckets.withLock { partition < $0.count ? $0[partition] : [] }
        for b in batches { try emit(b) }
    }

    /// Every row of partition `p` as one batch (build sides of joins).
    func materialized(_ p: Int) -> RecordBatch {
        let batches = buckets.withLock { p < $0.count ? $0[p] : [] }
        return RecordBatch.concat(batches, schema: schema)
    }
}

/// Hands out task indices `0, 1, 2, ...` to concurrent workers.
final class TaskCounter: Sendable {
    private let value = Atomic<Int>(0)
    /// The next index, or nil once `limit` is reached.
    func next(below limit: Int) -> Int? {
        let i = value.add(1, ordering: .relaxed).oldValue
        return i < limit ? i : nil
    }
}
