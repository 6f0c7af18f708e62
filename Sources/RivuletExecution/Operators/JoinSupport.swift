import RivuletCore
import RivuletSQL

/// Join-type bookkeeping shared by the hash and nested-loop joins: given candidate (left, right)
/// row pairs for one streamed left batch, applies the residual condition and emits what the join
/// type asks for; unmatched build rows of right/full outer joins are emitted at the end.
struct JoinSupport {
    let joinType: JoinType
    let residual: ExpressionEvaluator?
    let outputSchema: StructType
    let combinedSchema: StructType

    init(joinType: JoinType, condition: Expression?, left: [AttributeReference], right: [AttributeReference], output: [AttributeReference]) throws(RivuletError) {
        self.joinType = joinType
        residual = try condition.map { c throws(RivuletError) in try ExpressionEvaluator(c, input: left + right) }
        outputSchema = StructType(output.map(\.field))
        combinedSchema = StructType((left + right).map(\.field))
    }

    var tracksRight: Bool { joinType == .rightOuter || joinType == .fullOuter }
    var keepsUnmatchedLeft: Bool { joinType == .leftOuter || joinType == .fullOuter }

    func combine(_ lb: RecordBatch, _ rb: RecordBatch, _ li: [Int32], _ ri: [Int32]) -> RecordBatch {
        RecordBatch(unchecked: combinedSchema, columns: lb.take(li).columns + rb.take(ri).columns, numRows: li.count)
    }

    /// Handles one left batch with its candidate pairs (`li[k]` in `lb`, `ri[k]` in `rb`).
    func process(
        _ lb: RecordBatch, _ rb: RecordBatch, _ li: [Int32], _ ri: [Int32],
        matchedRight: inout [Bool], _ emit: BatchSink
    ) throws(RivuletError) {
        var li = li, ri = ri
        var joined: RecordBatch? = nil
        if let residual, !li.isEmpty {
            let j = combine(lb, rb, li, ri)
            let keep = VectorOps.trueRows(try residual.evaluate(j))
            if keep.count != li.count {
                li = keep.map { li[Int($0)] }
                ri = keep.map { ri[Int($0)] }
                joined = j.take(keep)
            } else {
                joined = j
            }
        }
        if tracksRight { for r in ri { matchedRight[Int(r)] = true } }
        switch joinType {
        case .leftSemi, .leftAnti:
            var matched = [Bool](repeating: false, count: lb.numRows)
            for l in li { matched[Int(l)] = true }
            let want = joinType == .leftSemi
            var rows: [Int32] = []
            for i in 0..<lb.numRows where matched[i] == want { rows.append(Int32(i)) }
            if !rows.isEmpty { try emit(lb.take(rows).withSchema(outputSchema)) }
        default:
            if !li.isEmpty {
                let out = joined ?? combine(lb, rb, li, ri)
                try emit(out.withSchema(outputSchema))
            }
            if keepsUnmatchedLeft {
                var matched = [Bool](repeating: false, count: lb.numRows)
                for l in li { matched[Int(l)] = true }
                var rows: [Int32] = []
                for i in 0..<lb.numRows where !matched[i] { rows.append(Int32(i)) }
                if !rows.isEmpty {
                    try emit(combine(lb, rb, rows, [Int32](repeating: -1, count: rows.count)).withSchema(outputSchema))
                }
            }
        }
    }

    /// Emits build rows no pair matched, with null left columns (right and full outer joins).
    func finish(leftSchema: StructType, _ rb: RecordBatch, matchedRight: [Bool], _ emit: BatchSink) throws(RivuletError) {
        guard tracksRight else { return }
        var rows: [Int32] = []
        for (i, m) in matchedRight.enumerated() where !m { rows.append(Int32(i)) }
        if rows.isEmpty { return }
        let nullLeft = RecordBatch.empty(leftSchema)
        try emit(combine(nullLeft, rb, [Int32](repeating: -1, count: rows.count), rows).withSchema(outputSchema))
    }
}
