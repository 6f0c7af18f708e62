import RivuletCore
import RivuletSQL

/// Per-group state of one aggregate function, kept in typed arrays indexed by group id.
///
/// Partial aggregation calls ``update(_:_:)`` with evaluated argument columns and outputs
/// ``state(_:)``; final aggregation calls ``merge(_:_:)`` with those state columns and outputs
/// ``result(_:)``. Complete (single-stage) aggregation calls `update` then `result`.
protocol Accumulator: AnyObject {
    /// Types of the intermediate state columns (the partial aggregation's output).
    var stateTypes: [DataType] { get }
    /// Makes room for `groups` groups (new groups start empty).
    func resize(_ groups: Int)
    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError)
    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError)
    func state(_ groups: Int) -> [ColumnVector]
    func result(_ groups: Int) throws(RivuletError) -> ColumnVector
}

/// Builds accumulators by Spark function name.
enum Accumulators {
    static func make(_ call: AggregateCall) throws(RivuletError) -> any Accumulator {
        let base = try makeBase(call)
        return call.isDistinct ? DistinctInputAccumulator(inner: base, argTypes: call.arguments.map(\.dataType)) : base
    }

    /// Whether the call can run as partial + final aggregation (distinct inputs cannot).
    /// try_sum runs single-stage: a partial state cannot say "this group overflowed".
    static func isMergeable(_ call: AggregateCall) -> Bool { !call.isDistinct && call.name != "try_sum" }

    static func makeBase(_ call: AggregateCall) throws(RivuletError) -> any Accumulator {
        let argType = call.arguments.first?.dataType ?? .null
        switch call.name.lowercased() {
        case "count":
            let countAll = call.arguments.allSatisfy { e in
                if case .literal(let v, _) = e { return !v.isNull }
                if case .star = e { return true }
                return false
            }
            return CountAccumulator(countAll: countAll, predicate: false)
        case "count_if": return CountAccumulator(countAll: false, predicate: true)
        case "sum": return try SumAccumulator(inputType: argType, resultType: call.dataType)
        case "try_sum": return try SumAccumulator(inputType: argType, resultType: call.dataType, tryMode: true)
        case "max_by": return ExtremumByAccumulator(isMax: true, valueType: call.dataType, orderingType: call.arguments.count > 1 ? call.arguments[1].dataType : .null)
        case "min_by": return ExtremumByAccumulator(isMax: false, valueType: call.dataType, orderingType: call.arguments.count > 1 ? call.arguments[1].dataType : .null)
        case "avg", "mean": return try AvgAccumulator(inputType: argType, resultType: call.dataType)
        case "min": return MinMaxAccumulator(isMax: false, type: call.dataType)
        case "max": return MinMaxAccumulator(isMax: true, type: call.dataType)
        case "first", "first_value", "any_value":
            return FirstLastAccumulator(isLast: false, ignoreNulls: call.ignoreNulls, type: call.dataType)
        case "last", "last_value":
            return FirstLastAccumulator(isLast: true, ignoreNulls: call.ignoreNulls, type: call.dataType)
        case "collect_list", "array_agg": return CollectAccumulator(elementType: argType, distinct: false, countOnly: false)
        case "collect_set": return CollectAccumulator(elementType: argType, distinct: true, countOnly: false)
        case "approx_count_distinct": return CollectAccumulator(elementType: argType, distinct: true, countOnly: true)
        case "stddev", "std", "stddev_samp": return MomentAccumulator(kind: .stddevSamp)
        case "stddev_pop": return MomentAccumulator(kind: .stddevPop)
        case "variance", "var_samp": return MomentAccumulator(kind: .varSamp)
        case "var_pop": return MomentAccumulator(kind: .varPop)
        case "bool_and", "every": return BoolAccumulator(isAnd: true)
        case "bool_or", "any", "some": return BoolAccumulator(isAnd: false)
        default:
            throw RivuletError(.unsupportedOperation, "aggregate function '\(call.name)' is not implemented")
        }
    }

    /// An integral vector of `type` from Int64 values.
    static func integral(_ values: [Int64], _ validity: Bitmap?, _ type: DataType) -> ColumnVector {
        let s: ColumnVector.Storage
        switch type {
        case .byte: s = .int8(values.map { Int8(truncatingIfNeeded: $0) })
        case .short: s = .int16(values.map { Int16(truncatingIfNeeded: $0) })
        case .integer, .date, .yearMonthInterval: s = .int32(values.map { Int32(truncatingIfNeeded: $0) })
        default: s = .int64(values)
        }
        return ColumnVector(dataType: type, count: values.count, validity: validity, storage: s)
    }

    /// A validity bitmap from per-group flags.
    static func bitmap(_ flags: [Bool], _ n: Int) -> Bitmap {
        var b = Bitmap(count: n, value: false)
        for i in 0..<n where flags[i] { b.set(i) }
        return b
    }
}

/// Feeds the wrapped accumulator only the first occurrence of each (group, arguments) tuple:
/// `count(DISTINCT x)`, `sum(DISTINCT x)`, ... Runs in single-stage (complete) aggregation.
final class DistinctInputAccumulator: Accumulator {
    let inner: any Accumulator
    private var seen: GroupKeyTable

    init(inner: any Accumulator, argTypes: [DataType]) {
        self.inner = inner
        self.seen = GroupKeyTable(keyTypes: [.integer] + argTypes)
    }

    var stateTypes: [DataType] { inner.stateTypes }
    func resize(_ groups: Int) { inner.resize(groups) }

    func update(_ ids: [Int32], _ args: [ColumnVector]) throws(RivuletError) {
        let before = Int32(seen.count)
        let sids = seen.assign([ColumnVector(int32: ids)] + args, rowCount: ids.count)
        var next = before
        var rows: [Int32] = []
        for (i, s) in sids.enumerated() where s == next {
            rows.append(Int32(i))
            next += 1
        }
        if rows.isEmpty { return }
        if rows.count == ids.count { try inner.update(ids, args); return }
        try inner.update(rows.map { ids[Int($0)] }, args.map { $0.take(rows) })
    }

    func merge(_ ids: [Int32], _ state: [ColumnVector]) throws(RivuletError) {
        throw .internal("DISTINCT aggregates run in one stage and cannot merge partial states")
    }
    func state(_ groups: Int) -> [ColumnVector] { inner.state(groups) }
    func result(_ groups: Int) throws(RivuletError) -> ColumnVector { try inner.result(groups) }
}
