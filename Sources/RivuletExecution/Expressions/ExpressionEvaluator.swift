import RivuletCore
import RivuletSQL

/// Vectorized evaluation of one resolved expression over batches whose columns are `input`
/// (matched by ``ExprId``).
///
/// Attributes are bound to column ordinals once, at construction; ``evaluate(_:)`` then works
/// column-at-a-time with typed loops for the common types. `AND`, `OR` and `CASE WHEN` evaluate
/// their later operands only on the rows that still need them, so `CASE WHEN d <> 0 THEN n / d END`
/// never raises Spark's ANSI `DIVIDE_BY_ZERO` for the rows it skips.
///
/// ```swift
/// let e = try ExpressionEvaluator(.binary(.add, .attribute(x), .literal(.long(1), .long)), input: [x])
/// let col = try e.evaluate(batch)   // x + 1 for every row
/// ```
public struct ExpressionEvaluator: Sendable {
    let root: BoundExpr
    /// The type ``evaluate(_:)`` returns.
    public let dataType: DataType

    /// Binds `expression` against `input`; throws if it references a column not in `input`, is
    /// unresolved, or calls a function that has no kernel.
    public init(_ expression: Expression, input: [AttributeReference]) throws(RivuletError) {
        var ordinals: [ExprId: Int] = [:]
        for (i, a) in input.enumerated() where ordinals[a.exprId] == nil { ordinals[a.exprId] = i }
        self.root = try BoundExpr.bind(expression, ordinals: ordinals, input: input)
        self.dataType = expression.dataType
    }

    /// Evaluates the expression for every row of `batch`; the result has `batch.numRows` values.
    public func evaluate(_ batch: RecordBatch) throws(RivuletError) -> ColumnVector {
        try root.evaluate(batch)
    }

    /// True when the expression is a plain column reference (operators use it to skip copies).
    var columnOrdinal: Int? { if case .column(let i, _) = root { return i } else { return nil } }
}

/// An expression with attributes bound to ordinals and kernels looked up: what evaluation walks.
indirect enum BoundExpr: Sendable {
    case column(Int, DataType)
    case literal(Value, DataType)
    case unary(UnaryOperator, BoundExpr, DataType)
    case binary(BinaryOperator, BoundExpr, BoundExpr, DataType)
    case isNull(BoundExpr)
    case isNotNull(BoundExpr)
    case inList(BoundExpr, [BoundExpr])
    case caseWhen([BoundBranch], BoundExpr?, DataType)
    case structField(BoundExpr, Int, DataType)
    case arrayItem(BoundExpr, BoundExpr, DataType)
    case mapValue(BoundExpr, BoundExpr, DataType)
    case function(ScalarFunctionCall, ScalarKernel, [BoundExpr])

    struct BoundBranch: Sendable {
        let condition: BoundExpr
        let value: BoundExpr
    }

    var dataType: DataType {
        switch self {
        case .column(_, let t), .literal(_, let t), .unary(_, _, let t), .binary(_, _, _, let t),
             .caseWhen(_, _, let t), .structField(_, _, let t), .arrayItem(_, _, let t), .mapValue(_, _, let t):
            return t
        case .isNull, .isNotNull, .inList: return .boolean
        case .function(let c, _, _): return c.dataType
        }
    }

    static func bind(_ e: Expression, ordinals: [ExprId: Int], input: [AttributeReference]) throws(RivuletError) -> BoundExpr {
        func b(_ x: Expression) throws(RivuletError) -> BoundExpr { try bind(x, ordinals: ordinals, input: input) }
        switch e {
        case .literal(let v, let t): return .literal(v, t)
        case .attribute(let a):
            guard let i = ordinals[a.exprId] else {
                throw .internal("Couldn't find \(a) in [\(input.map(\.description).joined(separator: ","))]")
            }
            return .column(i, a.dataType)
        case .alias(let x, _, _): return try b(x)
        case .sortOrder(let x, _, _): return try b(x)
        case .cast(let x, let t):
            if x.dataType == t { return try b(x) }
            let call = ScalarFunctionCall(name: "cast", arguments: [x], dataType: t)
            return .function(call, try kernel("cast"), [try b(x)])
        case .unary(let op, let x): return .unary(op, try b(x), e.dataType)
        case .binary(let op, let l, let r): return .binary(op, try b(l), try b(r), e.dataType)
        case .isNull(let x): return .isNull(try b(x))
        case .isNotNull(let x): return .isNotNull(try b(x))
        case .inList(let x, let list):
            var items: [BoundExpr] = []
            for i in list { items.append(try b(i)) }
            return .inList(try b(x), items)
        case .like(let v, let p, let esc):
            let escArg = Expression.literal(.string(String(esc)), .string)
            let call = ScalarFunctionCall(name: "like", arguments: [v, p, escArg], dataType: .boolean)
            return .function(call, try kernel("like"), [try b(v), try b(p), try b(escArg)])
        case .rlike(let v, let p):
            let call = ScalarFunctionCall(name: "rlike", arguments: [v, p], dataType: .boolean)
            return .function(call, try kernel("rlike"), [try b(v), try b(p)])
        case .caseWhen(let branches, let elseValue):
            var bs: [BoundBranch] = []
            for br in branches { bs.append(BoundBranch(condition: try b(br.condition), value: try b(br.value))) }
            return .caseWhen(bs, try elseValue.map { x throws(RivuletError) in try b(x) }, e.dataType)
        case .getStructField(let x, let ordinal, let name):
            guard case .struct(let s) = x.dataType, ordinal >= 0, ordinal < s.count else {
                throw .internal("getStructField: '\(name)' (ordinal \(ordinal)) is not a field of \(x.dataType.simpleString)")
            }
            return .structField(try b(x), ordinal, s[ordinal].dataType)
        case .getArrayItem(let x, let i): return .arrayItem(try b(x), try b(i), e.dataType)
        case .getMapValue(let x, let k): return .mapValue(try b(x), try b(k), e.dataType)
        case .scalarFunction(let call):
            var args: [BoundExpr] = []
            for a in call.arguments { args.append(try b(a)) }
            return .function(call, try kernel(call.name), args)
        case .aggregateFunction(let f):
            throw .internal("aggregate function '\(f.name)' cannot be evaluated row by row; it must be planned as an aggregation")
        case .generator(let g):
            throw .internal("generator '\(g.name)' cannot be evaluated as a scalar expression")
        case .multiAlias(let x, _): return try b(x)
        case .scalarSubquery:
            throw .internal("scalar subquery \(e.explainString) must be evaluated before the query runs")
        case .exists, .inSubquery:
            throw RivuletError(.unsupportedOperation,
                               "EXISTS / IN subqueries are only supported as top-level conjuncts of WHERE or HAVING: \(e.sql)",
                               errorClass: "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY")
        case .outerReference(let a):
            throw .internal("outer reference \(a) left in a plan; the correlated subquery was not rewritten into a join")
        case .unresolvedAttribute, .unresolvedStar, .unresolvedFunction, .unresolvedExtract, .star:
            throw .internal("cannot evaluate unresolved expression \(e)")
        }
    }

    static func kernel(_ name: String) throws(RivuletError) -> ScalarKernel {
        guard let k = ScalarKernelRegistry.kernel(for: name) else {
            throw RivuletError(.unsupportedOperation, "function '\(name)' is not implemented")
        }
        return k
    }

    func evaluate(_ batch: RecordBatch) throws(RivuletError) -> ColumnVector {
        let n = batch.numRows
        switch self {
        case .column(let i, _): return batch.columns[i]
        case .literal(let v, let t): return VectorOps.broadcast(v, type: t, count: n)
        case .unary(let op, let x, let t): return try Arithmetic.unary(op, try x.evaluate(batch), type: t)
        case .binary(let op, let l, let r, let t):
            switch op {
            case .and, .or: return try Logic.andOr(op == .and, l, r, batch)
            case .equal, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual, .nullSafeEqual:
                return try Comparison.evaluate(op, l, r, batch)
            case .concat: return try VectorOps.concatStrings(try l.evaluate(batch), try r.evaluate(batch), type: t)
            default:
                return try Arithmetic.binary(op, try l.evaluate(batch), try r.evaluate(batch), type: t)
            }
        case .isNull(let x):
            let v = try x.evaluate(batch)
            return ColumnVector(bool: (0..<n).map { v.isNull($0) })
        case .isNotNull(let x):
            let v = try x.evaluate(batch)
            if v.nullCount == 0 { return ColumnVector(bool: [Bool](repeating: true, count: n)) }
            return ColumnVector(bool: (0..<n).map { !v.isNull($0) })
        case .inList(let x, let items): return try Logic.inList(x, items, batch)
        case .caseWhen(let branches, let elseValue, let t): return try Logic.caseWhen(branches, elseValue, t, batch)
        case .structField(let x, let ordinal, _): return try Nested.structField(try x.evaluate(batch), ordinal)
        case .arrayItem(let x, let i, let t): return try Nested.arrayItem(try x.evaluate(batch), try i.evaluate(batch), type: t)
        case .mapValue(let x, let k, let t): return try Nested.mapValue(try x.evaluate(batch), try k.evaluate(batch), type: t)
        case .function(let call, let kernel, let args):
            if LazyFunctions.names.contains(call.name) { return try LazyFunctions.evaluate(call, args, batch) }
            var cols: [ColumnVector] = []
            cols.reserveCapacity(args.count)
            for a in args { cols.append(try a.evaluate(batch)) }
            let out = try kernel(call, cols, n)
            guard out.count == n else {
                throw .internal("kernel '\(call.name)' returned \(out.count) values for \(n) rows")
            }
            return out
        }
    }

    /// Evaluates on the subset `rows` of `batch` (nil = all rows).
    func evaluate(_ batch: RecordBatch, rows: [Int32]?) throws(RivuletError) -> ColumnVector {
        guard let rows, rows.count != batch.numRows else { return try evaluate(batch) }
        return try evaluate(batch.take(rows))
    }
}
