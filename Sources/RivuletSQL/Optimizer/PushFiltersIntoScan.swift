import RivuletCore

/// Hands the conjuncts of a `Filter` directly above a scan to the scan's source when it can use
/// them (``FilterPushdownScanSource``: Parquet row-group skipping, partition pruning), as Spark's
/// `FileSourceStrategy` does with `PushedFilters`. The `Filter` stays in the plan, so the result
/// never depends on how much the source skips.
///
/// Translated forms: `col <op> literal` (either side), `col IN (literals)`, `col IS [NOT] NULL`,
/// `col LIKE 'prefix%'`, and `AND` / `OR` / `NOT` of translatable parts, where `col` is a column
/// or a nested struct field (`data.amount`, named by its dotted path). A cast of the column to a
/// wider integral type (`cast(i as bigint) = 5`) is unwrapped when the literal fits the column's type.
public struct PushFiltersIntoScan: OptimizerRule {
    public init() {}
    public var name: String { "PushFiltersIntoScan" }

    public func apply(_ plan: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        try plan.transformDown { p throws(RivuletError) -> LogicalPlan in
            guard case .filter(let cond, .scan(var s)) = p, let source = s.source as? any FilterPushdownScanSource else { return p }
            let base = s.requiredColumns ?? Array(source.schema.fields.indices)
            var columns: [ExprId: StructField] = [:]
            for (i, a) in s.output.enumerated() where i < base.count && base[i] < source.schema.count {
                columns[a.exprId] = source.schema[base[i]]
            }
            let filters = cond.conjuncts.filter(\.isDeterministic).compactMap { Self.translate($0, columns) }
            if filters.isEmpty || filters == source.pushedFilters { return p }
            s.source = source.withPushedFilters(filters)
            return .filter(cond, .scan(s))
        }
    }

    /// The source filter for `e`, or nil when it has no exact translation.
    static func translate(_ e: Expression, _ columns: [ExprId: StructField]) -> SourceFilter? {
        switch e {
        case .binary(.and, let l, let r):
            guard let a = translate(l, columns), let b = translate(r, columns) else { return nil }
            return .and(a, b)
        case .binary(.or, let l, let r):
            guard let a = translate(l, columns), let b = translate(r, columns) else { return nil }
            return .or(a, b)
        case .unary(.not, let x):
            return translate(x, columns).map { .not($0) }
        case .binary(let op, let l, let r) where op.isComparison && op != .notEqual:
            if let (c, v) = columnAndLiteral(l, r, columns) { return comparison(op, c, v) }
            if let (c, v) = columnAndLiteral(r, l, columns) { return comparison(flipped(op), c, v) }
            return nil
        case .binary(.notEqual, let l, let r):
            if let (c, v) = columnAndLiteral(l, r, columns) ?? columnAndLiteral(r, l, columns) { return .not(.equalTo(c, v)) }
            return nil
        case .isNull(let x):
            return column(x, columns).map { .isNull($0.name) }
        case .isNotNull(let x):
            return column(x, columns).map { .isNotNull($0.name) }
        case .inList(let x, let list):
            guard let f = column(x, columns) else { return nil }
            var values: [Value] = []
            for item in list {
                guard case .literal(let v, let t) = item, let fitted = fit(v, t, to: f.dataType) else { return nil }
                values.append(fitted)
            }
            return .in(f.name, values)
        case .like(let x, .literal(.string(let pattern), _), let escape):
            guard let f = column(x, columns), f.dataType == .string, let prefix = likePrefix(pattern, escape: escape) else { return nil }
            return .stringStartsWith(f.name, prefix)
        default:
            return nil
        }
    }

    /// `(column, literal)` when `l` is a scan column (possibly widened by a cast) and `r` a
    /// non-null literal that converts exactly to the column's type.
    private static func columnAndLiteral(_ l: Expression, _ r: Expression, _ columns: [ExprId: StructField]) -> (String, Value)? {
        guard let f = column(l, columns), case .literal(let v, let t) = r, !v.isNull, let fitted = fit(v, t, to: f.dataType) else { return nil }
        return (f.name, fitted)
    }

    /// The scan column `e` reads: an attribute, a struct field of one (named by its dotted path,
    /// `data.amount`), or either inside a widening integral cast.
    private static func column(_ e: Expression, _ columns: [ExprId: StructField]) -> StructField? {
        switch e {
        case .attribute(let a): return columns[a.exprId]
        case .getStructField(let x, let ordinal, _):
            guard let parent = column(x, columns), case .struct(let s) = parent.dataType, ordinal >= 0, ordinal < s.count else { return nil }
            return StructField(parent.name + "." + s[ordinal].name, s[ordinal].dataType)
        case .cast(let x, let to):
            if case .cast = x { return nil }
            guard let f = column(x, columns), let narrow = rank(f.dataType), let wide = rank(to), wide >= narrow else { return nil }
            return f
        default: return nil
        }
    }

    private static func rank(_ t: DataType) -> Int? {
        switch t {
        case .byte: return 1
        case .short: return 2
        case .integer: return 3
        case .long: return 4
        default: return nil
        }
    }

    /// `v` (of type `t`) as a value of `target`, when that is exact.
    static func fit(_ v: Value, _ t: DataType, to target: DataType) -> Value? {
        if v.isNull { return nil }
        if t == target { return v }
        guard rank(target) != nil, let n = v.int64Value, rank(t) != nil else { return nil }
        switch target {
        case .byte: return Int8(exactly: n).map { .byte($0) }
        case .short: return Int16(exactly: n).map { .short($0) }
        case .integer: return Int32(exactly: n).map { .int($0) }
        case .long: return .long(n)
        default: return nil
        }
    }

    private static func comparison(_ op: BinaryOperator, _ c: String, _ v: Value) -> SourceFilter? {
        switch op {
        case .equal: return .equalTo(c, v)
        case .nullSafeEqual: return .equalNullSafe(c, v)
        case .lessThan: return .lessThan(c, v)
        case .lessThanOrEqual: return .lessThanOrEqual(c, v)
        case .greaterThan: return .greaterThan(c, v)
        case .greaterThanOrEqual: return .greaterThanOrEqual(c, v)
        default: return nil
        }
    }

    private static func flipped(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .lessThan: return .greaterThan
        case .lessThanOrEqual: return .greaterThanOrEqual
        case .greaterThan: return .lessThan
        case .greaterThanOrEqual: return .lessThanOrEqual
        default: return op
        }
    }

    /// The literal prefix of a `LIKE 'abc%'` pattern whose only wildcard is one trailing `%`.
    private static func likePrefix(_ pattern: String, escape: Character) -> String? {
        guard pattern.hasSuffix("%") else { return nil }
        let body = pattern.dropLast()
        if body.contains(where: { $0 == "%" || $0 == "_" || $0 == escape }) { return nil }
        return String(body)
    }
}
