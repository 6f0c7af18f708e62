import RivuletCore
import RivuletSQL

/// Equi-join of co-partitioned inputs: per partition, builds a hash table over the right side's
/// join keys (``GroupKeyTable`` group ids chained to build rows) and streams the left side
/// through it. Null keys never match. Supports inner, left/right/full outer, left semi and anti;
/// any non-equi part of the condition is applied to candidate pairs.
public final class HashJoinExec: PhysicalOperator {
    let leftKeys: [Expression]
    let rightKeys: [Expression]
    let joinType: JoinType
    let condition: Expression?
    let left: any PhysicalOperator
    let right: any PhysicalOperator
    let leftEvaluators: [ExpressionEvaluator]
    let rightEvaluators: [ExpressionEvaluator]
    let support: JoinSupport
    public let output: [AttributeReference]

    init(leftKeys: [Expression], rightKeys: [Expression], joinType: JoinType, condition: Expression?,
         left: any PhysicalOperator, right: any PhysicalOperator, output: [AttributeReference]) throws(RivuletError) {
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.joinType = joinType
        self.condition = condition
        self.left = left
        self.right = right
        self.output = output
        var l: [ExpressionEvaluator] = [], r: [ExpressionEvaluator] = []
        for k in leftKeys { l.append(try ExpressionEvaluator(k, input: left.output)) }
        for k in rightKeys { r.append(try ExpressionEvaluator(k, input: right.output)) }
        leftEvaluators = l
        rightEvaluators = r
        support = try JoinSupport(joinType: joinType, condition: condition, left: left.output, right: right.output, output: output)
    }

    public var children: [any PhysicalOperator] { [left, right] }
    public var supportsCodegen: Bool { true }
    public var explainString: String {
        var s = "ShuffledHashJoin " + ExplainFormat.list(leftKeys) + ", " + ExplainFormat.list(rightKeys) + ", \(joinType.displayName), BuildRight"
        if let condition { s += ", " + ExplainFormat.expr(condition) }
        return s
    }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { left.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        let rb = RecordBatch.concat(try right.collect(partition: partition, ctx), schema: right.schema)
        var rkeys: [ColumnVector] = []
        for e in rightEvaluators { rkeys.append(try e.evaluate(rb)) }
        // Build: only rows whose keys are all non-null.
        let buildRows = Self.nonNullRows(rkeys, rb.numRows)
        var table = GroupKeyTable(keyTypes: rkeys.map(\.dataType))
        let keyed = buildRows.count == rb.numRows ? rkeys : rkeys.map { $0.take(buildRows) }
        let gids = table.assign(keyed, rowCount: buildRows.count)
        var head = [Int32](repeating: -1, count: table.count)
        var next = [Int32](repeating: -1, count: rb.numRows)
        for k in stride(from: buildRows.count - 1, through: 0, by: -1) {
            let r = buildRows[k], g = Int(gids[k])
            next[Int(r)] = head[g]
            head[g] = r
        }
        var matchedRight = [Bool](repeating: false, count: support.tracksRight ? rb.numRows : 0)
        try left.execute(partition: partition, ctx) { lb throws(RivuletError) in
            let n = lb.numRows
            if n == 0 { return }
            var lkeys: [ColumnVector] = []
            for e in leftEvaluators { lkeys.append(try e.evaluate(lb)) }
            let probe = table.count == 0 ? [Int32](repeating: -1, count: n) : table.find(lkeys, rowCount: n)
            let anyNull = lkeys.contains { $0.nullCount > 0 }
            var li: [Int32] = [], ri: [Int32] = []
            li.reserveCapacity(n)
            ri.reserveCapacity(n)
            for i in 0..<n {
                let g = probe[i]
                if g < 0 { continue }
                if anyNull && lkeys.contains(where: { $0.isNull(i) }) { continue }
                var r = head[Int(g)]
                while r >= 0 {
                    li.append(Int32(i)); ri.append(r)
                    r = next[Int(r)]
                }
            }
            try support.process(lb, rb, li, ri, matchedRight: &matchedRight, emit)
        }
        try support.finish(leftSchema: left.schema, rb, matchedRight: matchedRight, emit)
    }

    static func nonNullRows(_ keys: [ColumnVector], _ n: Int) -> [Int32] {
        if keys.allSatisfy({ $0.nullCount == 0 }) { return (0..<n).map { Int32($0) } }
        var out: [Int32] = []
        for i in 0..<n where !keys.contains(where: { $0.isNull(i) }) { out.append(Int32(i)) }
        return out
    }
}

/// Joins without equality keys (cross joins, theta joins): every left row against every row of
/// the broadcast right side, in blocks, keeping pairs where the condition holds.
public final class NestedLoopJoinExec: PhysicalOperator {
    let joinType: JoinType
    let condition: Expression?
    let left: any PhysicalOperator
    let right: any PhysicalOperator
    let support: JoinSupport
    public let output: [AttributeReference]

    init(joinType: JoinType, condition: Expression?, left: any PhysicalOperator, right: any PhysicalOperator,
         output: [AttributeReference]) throws(RivuletError) {
        self.joinType = joinType
        self.condition = condition
        self.left = left
        self.right = right
        self.output = output
        support = try JoinSupport(joinType: joinType, condition: condition, left: left.output, right: right.output, output: output)
    }

    public var children: [any PhysicalOperator] { [left, right] }
    public var isSinglePartition: Bool { left.isSinglePartition }
    public var explainString: String {
        if condition == nil && (joinType == .inner || joinType == .cross) { return "CartesianProduct" }
        var s = "BroadcastNestedLoopJoin BuildRight, \(joinType.displayName)"
        if let condition { s += ", " + ExplainFormat.expr(condition) }
        return s
    }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { left.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        let rb = RecordBatch.concat(try right.collect(partition: 0, ctx), schema: right.schema)
        let m = rb.numRows
        var matchedRight = [Bool](repeating: false, count: support.tracksRight ? m : 0)
        let block = max(1, 65_536 / max(1, m))
        try left.execute(partition: partition, ctx) { lb throws(RivuletError) in
            var start = 0
            while start < lb.numRows {
                let end = min(lb.numRows, start + block)
                let part = lb.slice(start..<end)
                var li: [Int32] = [], ri: [Int32] = []
                li.reserveCapacity((end - start) * m)
                ri.reserveCapacity((end - start) * m)
                for i in 0..<(end - start) {
                    for r in 0..<m { li.append(Int32(i)); ri.append(Int32(r)) }
                }
                try support.process(part, rb, li, ri, matchedRight: &matchedRight, emit)
                start = end
            }
        }
        try support.finish(leftSchema: left.schema, rb, matchedRight: matchedRight, emit)
    }
}
