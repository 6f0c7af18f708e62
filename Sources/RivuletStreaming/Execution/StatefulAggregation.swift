import RivuletCore
import RivuletExecution
import RivuletSQL
import RivuletState

/// A streaming `groupBy(...).agg(...)`: each micro-batch's rows are aggregated into mergeable
/// buffers by the batch engine, merged per key into versioned state stores (one per state
/// partition, under `<checkpoint>/state/<operatorId>/<partition>`), and the result rows for the
/// output mode are read back off the state.
///
/// Keys go to state partition `stableHash(key) % numPartitions`, where `numPartitions` is fixed by
/// the first run (`spark.sql.shuffle.partitions` recorded in the offset log), so restarts find every
/// key where they left it.
final class StatefulAggregation: @unchecked Sendable {
    // @unchecked: used only from the query's own thread, one batch at a time.
    let operatorId: Int
    let groupings: [Expression]
    /// The aggregate node's output list (references groupings and aggregate calls).
    let outputs: [Expression]
    let functions: [AggregateBuffers]
    let numPartitions: Int
    private let providers: [StateStoreProvider]
    /// Attributes of the local relation the result rows are built in: groupings, then results.
    private let keyAttributes: [AttributeReference]
    private let resultAttributes: [AttributeReference]

    init(node: LogicalPlan, operatorId: Int, checkpointRoot: String, numPartitions: Int, minBatchesToRetain: Int) throws(RivuletError) {
        guard case .aggregate(let groupings, let outputs, _) = node else { throw .internal("StatefulAggregation needs an Aggregate node") }
        self.operatorId = operatorId
        self.groupings = groupings
        self.outputs = outputs
        var calls: [AggregateCall] = []
        for o in outputs {
            for c in o.collect({ e -> AggregateCall? in if case .aggregateFunction(let c) = e { return c } else { return nil } })
            where !calls.contains(c) { calls.append(c) }
        }
        var fns: [AggregateBuffers] = []
        for c in calls { fns.append(try AggregateBuffers(c)) }
        functions = fns
        self.numPartitions = max(1, numPartitions)
        providers = (0..<max(1, numPartitions)).map {
            StateStoreProvider(id: StateStoreId(checkpointRoot: checkpointRoot, operatorId: operatorId, partitionId: $0),
                               minVersionsToRetain: minBatchesToRetain)
        }
        keyAttributes = groupings.enumerated().map { i, g in AttributeReference(name: "_key\(i)", dataType: g.dataType, nullable: true) }
        resultAttributes = calls.enumerated().map { i, c in AttributeReference(name: "_agg\(i)", dataType: c.dataType, nullable: true) }
    }

    /// Metrics of the last batch, for the progress report's `stateOperators`.
    private(set) var lastNumRowsTotal = 0
    private(set) var lastNumRowsUpdated = 0

    /// Runs one batch: `child` is the aggregate's input bound to this batch's data. Returns the
    /// plan that replaces the aggregate node for this batch (a projection over the result rows).
    func process(child: LogicalPlan, batchId: Int64, mode: OutputMode, engine: QueryEngine, optimizer: Optimizer) throws(RivuletError) -> LogicalPlan {
        // 1. The batch's buffers per key, computed by the batch engine.
        var items: [Expression] = groupings.enumerated().map { i, g in .alias(g, name: "_key\(i)", exprId: .next()) }
        var bufferCount = 0
        for f in functions {
            for b in f.buffers {
                items.append(.alias(.aggregateFunction(b), name: "_buf\(bufferCount)", exprId: .next()))
                bufferCount += 1
            }
        }
        let bufferPlan = LogicalPlan.aggregate(groupings: groupings, aggregates: items, child)
        let batches = try engine.execute(try optimizer.optimize(bufferPlan))

        // 2. Merge into state.
        var stores: [StateStore] = []
        for p in providers { stores.append(try p.getStore(version: batchId)) }
        var updatedKeys: [[Value]] = []
        let keyCount = groupings.count
        for b in batches {
            for r in 0..<b.numRows {
                let row = b.columns.map { $0.value(at: r) }
                let key = Array(row[0..<keyCount])
                let keyBytes = ValueCodec.encode(key)
                let p = Self.partition(of: keyBytes, numPartitions)
                let stateKey = StateKey(keyBytes)
                let old = try stores[p].get(stateKey).map { bytes throws(RivuletError) in try ValueCodec.decode(bytes) }
                var merged: [Value] = []
                var offset = keyCount
                var oldOffset = 0
                for f in functions {
                    let n = f.buffers.count
                    let new = row[offset..<offset + n]
                    let previous = old.map { $0[oldOffset..<oldOffset + n] }
                    merged += try f.merge(previous, new)
                    offset += n
                    oldOffset += n
                }
                stores[p].put(stateKey, ValueCodec.encode(merged))
                if mode == .update { updatedKeys.append(key + merged) }
            }
        }
        var total = 0
        for (i, s) in stores.enumerated() {
            total += s.numKeys
            try providers[i].commit(s)
        }
        lastNumRowsTotal = total
        lastNumRowsUpdated = batches.reduce(0) { $0 + $1.numRows }

        // 3. Result rows for the output mode.
        var rows: [[Value]] = []
        switch mode {
        case .update:
            rows = updatedKeys.map(finish)
        case .complete, .append:
            for s in stores {
                for (k, v) in s.map {
                    let key = try ValueCodec.decode(k.bytes)
                    rows.append(finish(key + (try ValueCodec.decode(v))))
                }
            }
            // State maps are unordered; a stable order keeps console output and tests reproducible.
            rows.sort { a, b in
                for (x, y) in zip(a, b) {
                    if x.isNull != y.isNull { return x.isNull }
                    let c = compareValues(x, y)
                    if c != 0 { return c < 0 }
                }
                return false
            }
        }
        let schema = StructType((keyAttributes + resultAttributes).map(\.field))
        let relation = LogicalPlan.localRelation(LocalRelation(output: keyAttributes + resultAttributes,
                                                               batches: [RecordBatch(schema: schema, rows: rows)]))
        return .project(try outputs.map(rewriteOutput), relation)
    }

    /// Key values followed by each function's result.
    private func finish(_ keyAndBuffers: [Value]) -> [Value] {
        var out = Array(keyAndBuffers[0..<groupings.count])
        var offset = groupings.count
        for f in functions {
            out.append(f.result(keyAndBuffers[offset..<offset + f.buffers.count]))
            offset += f.buffers.count
        }
        return out
    }

    /// Rewrites an output expression of the aggregate onto the result relation's attributes,
    /// keeping its alias (and so the exprId the rest of the plan refers to).
    private func rewriteOutput(_ e: Expression) throws(RivuletError) -> Expression {
        // A bare grouping column keeps its name and exprId through an alias.
        if case .attribute(let a) = e {
            let inner = try rewriteInner(e)
            return .alias(inner, name: a.name, exprId: a.exprId)
        }
        return try rewriteInner(e)
    }

    private func rewriteInner(_ e: Expression) throws(RivuletError) -> Expression {
        try e.transformDown { x throws(RivuletError) in
            if case .alias = x { return x }
            if let i = groupings.firstIndex(where: { Self.sameExpression($0, x) }) { return .attribute(keyAttributes[i]) }
            if case .aggregateFunction(let c) = x, let i = functions.firstIndex(where: { $0.call == c }) {
                return .attribute(resultAttributes[i])
            }
            return x
        }
    }

    /// Equality that matches attributes by exprId alone (qualifiers may differ between references).
    private static func sameExpression(_ a: Expression, _ b: Expression) -> Bool {
        if case .attribute(let x) = a, case .attribute(let y) = b { return x.exprId == y.exprId }
        return a == b
    }

    /// FNV-1a over the encoded key: stable across processes and runs.
    static func partition(of key: [UInt8], _ n: Int) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return Int(h % UInt64(n))
    }
}
