import RivuletCore
import RivuletSQL

/// Functions whose arguments must not all be evaluated eagerly: `coalesce` evaluates a later
/// argument only on the rows still null (so `coalesce(1, 1 / 0)` raises nothing), and `try_eval`
/// (what `try_add`, `try_divide`, ... resolve to) turns an ANSI error into null for the failing
/// rows only.
enum LazyFunctions {
    /// Function names the evaluator handles here instead of through a kernel.
    static let names: Set<String> = ["coalesce", "try_eval"]

    /// A placeholder kernel so binding finds `try_eval` (``evaluate`` does the real work), and
    /// `typeof` over an aggregate.
    static let kernels: [(String, ScalarKernel)] = [
        ("try_eval", { (_, a, _) throws(RivuletError) in a[0] }),
        // typeof over an aggregate (otherwise folded by the analyzer): the argument's type name.
        ("typeof", { (c, _, n) throws(RivuletError) in
            ColumnVector.repeating(.string(c.arguments.first?.dataType.simpleString ?? "void"), type: .string, count: n)
        }),
    ]

    static func evaluate(_ call: ScalarFunctionCall, _ args: [BoundExpr], _ batch: RecordBatch) throws(RivuletError) -> ColumnVector {
        switch call.name {
        case "try_eval": return try tryEval(args[0], call.dataType, batch)
        default: return try coalesce(args, call.dataType, batch)
        }
    }

    static func coalesce(_ args: [BoundExpr], _ type: DataType, _ batch: RecordBatch) throws(RivuletError) -> ColumnVector {
        let n = batch.numRows
        var remaining: [Int32] = Array(0..<Int32(n))
        var current = batch
        var pieces: [(ColumnVector, [Int32])] = []
        for a in args {
            if remaining.isEmpty { break }
            let v = try a.evaluate(current)
            if v.nullCount == 0 && !VectorOps.isAllNullStorage(v) {
                pieces.append((v, remaining))
                remaining = []
                break
            }
            var hitLocal: [Int32] = [], hit: [Int32] = [], missLocal: [Int32] = [], miss: [Int32] = []
            for k in 0..<remaining.count {
                if v.isNull(k) { missLocal.append(Int32(k)); miss.append(remaining[k]) } else { hitLocal.append(Int32(k)); hit.append(remaining[k]) }
            }
            if !hit.isEmpty { pieces.append((hit.count == v.count ? v : v.take(hitLocal), hit)) }
            if miss.count != remaining.count { current = current.take(missLocal) }
            remaining = miss
        }
        if !remaining.isEmpty { pieces.append((VectorOps.nulls(type, count: remaining.count), remaining)) }
        return VectorOps.assemble(pieces.map { (p, rows) in (Logic.conform(p, type), rows) }, count: n, type: type)
    }

    /// Evaluates `x` for the batch; if that raises an execution error, row by row with failing rows null.
    static func tryEval(_ x: BoundExpr, _ type: DataType, _ batch: RecordBatch) throws(RivuletError) -> ColumnVector {
        do {
            return try x.evaluate(batch)
        } catch where error.code == .execution {
            var b = ColumnBuilder(type: type, capacity: batch.numRows)
            for i in 0..<batch.numRows {
                do {
                    let v = try x.evaluate(batch.take([Int32(i)]))
                    b.append(v.value(at: 0))
                } catch where error.code == .execution {
                    b.appendNull()
                }
            }
            return b.finish()
        }
    }
}
