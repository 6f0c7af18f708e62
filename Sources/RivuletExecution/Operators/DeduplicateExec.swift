import RivuletCore
import RivuletSQL

/// `dropDuplicates(keys)`: keeps the first row seen per key tuple. Runs per partition before the
/// exchange (dropping local duplicates early) and again after it; the exchange keeps input
/// partitions in order, so the row kept is the first in input order within each key's partition.
public final class DeduplicateExec: PhysicalOperator {
    let keys: [Expression]
    let child: any PhysicalOperator
    let evaluators: [ExpressionEvaluator]

    init(keys: [Expression], child: any PhysicalOperator) throws(RivuletError) {
        self.keys = keys
        self.child = child
        var evs: [ExpressionEvaluator] = []
        for k in keys { evs.append(try ExpressionEvaluator(k, input: child.output)) }
        evaluators = evs
    }

    public var output: [AttributeReference] { child.output }
    public var children: [any PhysicalOperator] { [child] }
    public var isSinglePartition: Bool { child.isSinglePartition }
    public var explainString: String { "Deduplicate " + ExplainFormat.list(keys) }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { child.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        var table = GroupKeyTable(keyTypes: evaluators.map(\.dataType))
        try child.execute(partition: partition, ctx) { b throws(RivuletError) in
            if b.numRows == 0 { return }
            var cols: [ColumnVector] = []
            for e in evaluators { cols.append(try e.evaluate(b)) }
            var nextId = Int32(table.count)
            let ids = table.assign(cols, rowCount: b.numRows)
            var rows: [Int32] = []
            for (i, g) in ids.enumerated() where g == nextId {
                rows.append(Int32(i))
                nextId += 1
            }
            if rows.isEmpty { return }
            try emit(rows.count == b.numRows ? b : b.take(rows))
        }
    }
}

/// `INTERSECT [ALL]` / `EXCEPT [ALL]` over inputs hash-partitioned on all columns. Null equals
/// null here (set semantics). The ALL forms keep `min(l, r)` / `l - r` copies of each row.
public final class SetOperationExec: PhysicalOperator {
    let isIntersect: Bool
    let all: Bool
    let left: any PhysicalOperator
    let right: any PhysicalOperator

    init(isIntersect: Bool, all: Bool, left: any PhysicalOperator, right: any PhysicalOperator) {
        self.isIntersect = isIntersect
        self.all = all
        self.left = left
        self.right = right
    }

    public var output: [AttributeReference] { left.output }
    public var children: [any PhysicalOperator] { [left, right] }
    public var explainString: String {
        (isIntersect ? "Intersect" : "Except") + (all ? " All" : "") + " " + ExplainFormat.attrs(output)
    }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { left.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        let types = left.output.map(\.dataType)
        var table = GroupKeyTable(keyTypes: types)
        var counts: [Int] = []
        try right.execute(partition: partition, ctx) { b throws(RivuletError) in
            let ids = table.assign(b.columns, rowCount: b.numRows)
            if counts.count < table.count { counts.append(contentsOf: repeatElement(0, count: table.count - counts.count)) }
            for g in ids { counts[Int(g)] += 1 }
        }
        var emitted = [Bool](repeating: false, count: counts.count)
        var leftSeen = GroupKeyTable(keyTypes: types)
        let schema = self.schema
        try left.execute(partition: partition, ctx) { b throws(RivuletError) in
            let n = b.numRows
            if n == 0 { return }
            let ids = table.count == 0 ? [Int32](repeating: -1, count: n) : table.find(b.columns, rowCount: n)
            var firstInLeft: [Bool] = []
            if !isIntersect && !all {
                var nextId = Int32(leftSeen.count)
                firstInLeft = leftSeen.assign(b.columns, rowCount: n).map { g in
                    if g == nextId { nextId += 1; return true }
                    return false
                }
            }
            var rows: [Int32] = []
            for i in 0..<n {
                let g = Int(ids[i])
                switch (isIntersect, all) {
                case (true, false):
                    if g >= 0 && !emitted[g] { emitted[g] = true; rows.append(Int32(i)) }
                case (true, true):
                    if g >= 0 && counts[g] > 0 { counts[g] -= 1; rows.append(Int32(i)) }
                case (false, false):
                    if g < 0 && firstInLeft[i] { rows.append(Int32(i)) }
                case (false, true):
                    if g >= 0 && counts[g] > 0 { counts[g] -= 1 } else { rows.append(Int32(i)) }
                }
            }
            if !rows.isEmpty { try emit(b.take(rows).withSchema(schema)) }
        }
    }
}
