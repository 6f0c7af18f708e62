import RivuletCore
import RivuletSQL

/// Hash aggregation in one of Spark's modes:
/// - `partial`: groups raw rows by the grouping expressions and outputs keys + aggregate state;
/// - `final`: merges those states (after the exchange) and outputs `resultExpressions`;
/// - `complete`: groups raw rows and outputs results directly (DISTINCT aggregates, after an
///   exchange on the grouping keys).
///
/// The grouping/accumulator work lives in ``AggregationTable``; this operator only evaluates
/// inputs and shapes outputs. Batches stream in, one batch goes out when the input ends.
public final class HashAggregateExec: PhysicalOperator {
    /// Spark's aggregation modes.
    public enum Mode: Sendable { case partial, final, complete }

    let mode: Mode
    /// Grouping expressions over the child output (partial/complete) or the key attributes (final).
    let groupingExpressions: [Expression]
    /// Output attributes of the grouping keys.
    let keyAttributes: [AttributeReference]
    let aggregates: [AggregateCall]
    /// Attributes the aggregate results are referenced by in `resultExpressions`.
    let aggregateAttributes: [AttributeReference]
    /// State attributes (partial output after the keys).
    let stateAttributes: [AttributeReference]
    let resultExpressions: [Expression]
    let child: any PhysicalOperator
    let keyEvaluators: [ExpressionEvaluator]
    let argumentEvaluators: [[ExpressionEvaluator]]
    let resultEvaluators: [ExpressionEvaluator]
    public let output: [AttributeReference]

    init(
        mode: Mode, groupingExpressions: [Expression], keyAttributes: [AttributeReference],
        aggregates: [AggregateCall], aggregateAttributes: [AttributeReference], stateAttributes: [AttributeReference],
        resultExpressions: [Expression], child: any PhysicalOperator
    ) throws(RivuletError) {
        self.mode = mode
        self.groupingExpressions = groupingExpressions
        self.keyAttributes = keyAttributes
        self.aggregates = aggregates
        self.aggregateAttributes = aggregateAttributes
        self.stateAttributes = stateAttributes
        self.resultExpressions = resultExpressions
        self.child = child
        let input = child.output
        var kevs: [ExpressionEvaluator] = []
        for g in groupingExpressions { kevs.append(try ExpressionEvaluator(g, input: input)) }
        keyEvaluators = kevs
        var aevs: [[ExpressionEvaluator]] = []
        if mode != .final {
            for a in aggregates {
                var evs: [ExpressionEvaluator] = []
                let countAll = a.name.lowercased() == "count" && a.arguments.allSatisfy {
                    if case .literal(let v, _) = $0 { return !v.isNull }
                    if case .star = $0 { return true }
                    return false
                }
                if !countAll {
                    for x in a.arguments where !Self.isStar(x) { evs.append(try ExpressionEvaluator(x, input: input)) }
                }
                aevs.append(evs)
            }
        }
        argumentEvaluators = aevs
        var revs: [ExpressionEvaluator] = []
        var out: [AttributeReference] = []
        if mode == .partial {
            out = keyAttributes + stateAttributes
        } else {
            let resultInput = keyAttributes + aggregateAttributes
            for e in resultExpressions {
                revs.append(try ExpressionEvaluator(e, input: resultInput))
                guard let a = e.toAttribute else { throw .internal("aggregate output \(ExplainFormat.expr(e)) has no name") }
                out.append(a)
            }
        }
        resultEvaluators = revs
        output = out
    }

    public var children: [any PhysicalOperator] { [child] }
    public var supportsCodegen: Bool { true }
    public var isSinglePartition: Bool { child.isSinglePartition }
    public var explainString: String {
        let prefix = mode == .partial ? "partial_" : ""
        return "HashAggregate(keys=" + ExplainFormat.list(groupingExpressions.map(Self.keyDisplay)) + ", functions=["
            + aggregates.map { ExplainFormat.aggregate($0, prefix: prefix) }.joined(separator: ", ") + "])"
    }

    static func keyDisplay(_ e: Expression) -> Expression { e }

    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { child.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        try run({ sink throws(RivuletError) in try child.execute(partition: partition, ctx, sink) }, emit)
    }

    /// Aggregates every child partition `next()` hands out into one table, then emits once.
    /// A partial aggregation over many small partitions (200 files) then ships one partial
    /// result per worker instead of one per partition.
    func execute(partitionsFrom next: () -> Int?, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        try run({ sink throws(RivuletError) in
            while let p = next() { try child.execute(partition: p, ctx, sink) }
        }, emit)
    }

    private func run(_ feed: (BatchSink) throws(RivuletError) -> Void, _ emit: BatchSink) throws(RivuletError) {
        let table = try AggregationTable(keyTypes: keyAttributes.map(\.dataType), aggregates: aggregates)
        let keyCount = keyAttributes.count
        try feed { b throws(RivuletError) in
            let n = b.numRows
            if n == 0 { return }
            var keys: [ColumnVector] = []
            keys.reserveCapacity(keyEvaluators.count)
            for e in keyEvaluators { keys.append(try e.evaluate(b)) }
            if mode == .final {
                try table.merge(keys: keys, states: Array(b.columns[keyCount...]), rowCount: n)
            } else {
                var args: [[ColumnVector]] = []
                for evs in argumentEvaluators {
                    var cols: [ColumnVector] = []
                    for e in evs { cols.append(try e.evaluate(b)) }
                    args.append(cols)
                }
                try table.update(keys: keys, arguments: args, rowCount: n)
            }
        }
        // A partial global aggregate with no input contributes nothing; final/complete always
        // produce the global row.
        if mode == .partial && keyCount == 0 && table.keys.count == 0 { return }
        let groups = table.groupCount
        if mode == .partial {
            let cols = table.stateColumns()
            if groups > 0 { try emit(RecordBatch(unchecked: schema, columns: cols, numRows: groups)) }
            return
        }
        let cols = try table.resultColumns()
        let inputSchema = StructType((keyAttributes + aggregateAttributes).map(\.field))
        let resultInput = RecordBatch(unchecked: inputSchema, columns: cols, numRows: groups)
        var out: [ColumnVector] = []
        for e in resultEvaluators { out.append(try e.evaluate(resultInput)) }
        if groups > 0 { try emit(RecordBatch(unchecked: schema, columns: out, numRows: groups)) }
    }

    private static func isStar(_ e: Expression) -> Bool { if case .star = e { return true } else { return false } }
}
