import RivuletCore
import RivuletSQL

/// How one aggregate function is kept across micro-batches: the mergeable "buffer" aggregates
/// computed per batch by the engine, how two buffers merge, and how the result is read off them.
///
/// `avg(x)` keeps `(sum, count)`, `stddev`/`variance` keep `(count, sum, sum of squares)`,
/// `approx_count_distinct` keeps the set of values seen; the others keep their own value.
struct AggregateBuffers: Sendable {
    enum Kind: Sendable {
        case count, sum(checked: Bool), avg, min, max, first(ignoreNulls: Bool), last(ignoreNulls: Bool)
        case collectList, collectSet, approxCountDistinct, boolAnd, boolOr
        case variance(sample: Bool, sqrt: Bool)
    }

    let call: AggregateCall
    let kind: Kind
    /// The per-batch aggregates whose results are this function's buffer columns.
    let buffers: [AggregateCall]

    init(_ call: AggregateCall) throws(RivuletError) {
        self.call = call
        guard let x = call.arguments.first else {
            throw .internal("aggregate \(call.name) has no argument")
        }
        let asDouble = TypeCoercion.cast(x, to: .double)
        func agg(_ name: String, _ args: [Expression], _ type: DataType, nullable: Bool = true, ignoreNulls: Bool = false) -> AggregateCall {
            AggregateCall(name: name, arguments: args, isDistinct: false, dataType: type, nullable: nullable, ignoreNulls: ignoreNulls)
        }
        switch call.name.lowercased() {
        case "count", "count_if":
            kind = .count; buffers = [call]
        case "sum", "try_sum":
            kind = .sum(checked: call.name == "sum"); buffers = [call]
        case "avg", "try_avg":
            kind = .avg
            let sumType: DataType
            if case .decimal(let p, let s) = x.dataType { sumType = .decimal(precision: min(38, p + 10), scale: s) } else { sumType = .double }
            buffers = [agg("sum", [sumType == .double ? asDouble : x], sumType), agg("count", [x], .long, nullable: false)]
        case "min": kind = .min; buffers = [call]
        case "max": kind = .max; buffers = [call]
        case "first": kind = .first(ignoreNulls: call.ignoreNulls); buffers = [call]
        case "last": kind = .last(ignoreNulls: call.ignoreNulls); buffers = [call]
        case "collect_list": kind = .collectList; buffers = [call]
        case "collect_set": kind = .collectSet; buffers = [call]
        case "approx_count_distinct":
            kind = .approxCountDistinct
            buffers = [agg("collect_set", [x], .array(x.dataType, containsNull: false), nullable: false)]
        case "bool_and", "every": kind = .boolAnd; buffers = [call]
        case "bool_or", "any", "some": kind = .boolOr; buffers = [call]
        case "stddev_samp", "stddev_pop", "var_samp", "var_pop":
            let n = call.name.lowercased()
            kind = .variance(sample: n.hasSuffix("samp"), sqrt: n.hasPrefix("stddev"))
            buffers = [agg("count", [x], .long, nullable: false), agg("sum", [asDouble], .double),
                       agg("sum", [.binary(.multiply, asDouble, asDouble)], .double)]
        default:
            throw RivuletError(.unsupportedOperation, "The aggregate function '\(call.name)' is not supported in streaming aggregations yet", errorClass: "UNSUPPORTED_STREAMING_OPERATION")
        }
    }

    /// Merges a batch's buffer values into the stored ones (`old` is nil for a new key).
    func merge(_ old: ArraySlice<Value>?, _ new: ArraySlice<Value>) throws(RivuletError) -> [Value] {
        guard let old else { return Array(new) }
        let o = Array(old), n = Array(new)
        switch kind {
        case .count: return [try add(o[0], n[0], checked: true)]
        case .sum(let checked): return [try add(o[0], n[0], checked: checked)]
        case .avg: return [try add(o[0], n[0], checked: true), try add(o[1], n[1], checked: true)]
        case .variance: return [try add(o[0], n[0], checked: true), try add(o[1], n[1], checked: false), try add(o[2], n[2], checked: false)]
        case .min: return [pick(o[0], n[0]) { compareValues($0, $1) <= 0 }]
        case .max: return [pick(o[0], n[0]) { compareValues($0, $1) >= 0 }]
        case .first(let ignore): return [ignore && o[0].isNull ? n[0] : o[0]]
        case .last(let ignore): return [ignore && n[0].isNull ? o[0] : n[0]]
        case .collectList:
            if case .array(let a) = o[0], case .array(let b) = n[0] { return [.array(a + b)] }
            return [o[0].isNull ? n[0] : o[0]]
        case .collectSet, .approxCountDistinct:
            if case .array(let a) = o[0], case .array(let b) = n[0] {
                var seen = Set(a)
                var out = a
                for v in b where seen.insert(v).inserted { out.append(v) }
                return [.array(out)]
            }
            return [o[0].isNull ? n[0] : o[0]]
        case .boolAnd: return [logic(o[0], n[0]) { $0 && $1 }]
        case .boolOr: return [logic(o[0], n[0]) { $0 || $1 }]
        }
    }

    /// The function's result from its buffer.
    func result(_ b: ArraySlice<Value>) -> Value {
        let v = Array(b)
        switch kind {
        case .avg:
            guard let n = v[1].int64Value, n > 0, !v[0].isNull else { return .null }
            if case .decimal(let sum) = v[0], case .decimal(_, let scale) = call.dataType {
                return divide(sum, n, scale: scale)
            }
            guard let s = v[0].doubleValue else { return .null }
            return .double(s / Double(n))
        case .approxCountDistinct:
            if case .array(let items) = v[0] { return .long(Int64(items.count)) }
            return .long(0)
        case .variance(let sample, let root):
            guard let n = v[0].int64Value, let s = v[1].doubleValue, let sq = v[2].doubleValue else { return .null }
            let denominator = sample ? Double(n - 1) : Double(n)
            guard n > 0, denominator > 0 else { return .null }
            let mean = s / Double(n)
            let m2 = max(0, sq - Double(n) * mean * mean)
            let variance = m2 / denominator
            return .double(root ? variance.squareRoot() : variance)
        default:
            return v[0]
        }
    }

    private func add(_ a: Value, _ b: Value, checked: Bool) throws(RivuletError) -> Value {
        switch (a, b) {
        case (.null, _): return b
        case (_, .null): return a
        case (.long(let x), .long(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o {
                if checked { throw RivuletError(.execution, "long overflow in streaming aggregation \(call.name)", errorClass: "ARITHMETIC_OVERFLOW") }
                return .null
            }
            return .long(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.decimal(let x), .decimal(let y)):
            let scale = max(x.scale, y.scale)
            guard let xs = x.rescaled(to: scale), let ys = y.rescaled(to: scale) else { return .null }
            return .decimal(DecimalValue(unscaled: xs.unscaled + ys.unscaled, scale: scale))
        default:
            if let x = a.int64Value, let y = b.int64Value { return .long(x &+ y) }
            if let x = a.doubleValue, let y = b.doubleValue { return .double(x + y) }
            return a
        }
    }

    private func pick(_ a: Value, _ b: Value, _ keepA: (Value, Value) -> Bool) -> Value {
        if a.isNull { return b }
        if b.isNull { return a }
        return keepA(a, b) ? a : b
    }

    private func logic(_ a: Value, _ b: Value, _ f: (Bool, Bool) -> Bool) -> Value {
        guard let x = a.boolValue else { return b }
        guard let y = b.boolValue else { return a }
        return .boolean(f(x, y))
    }

    /// `sum / n` rounded half-up to `scale` digits.
    private func divide(_ sum: DecimalValue, _ n: Int64, scale: Int) -> Value {
        guard let widened = sum.rescaled(to: scale + 1) else { return .null }
        // One extra digit, truncated, decides HALF_UP rounding exactly.
        let q = widened.unscaled / Int128(n)
        var u = q / 10
        let digit = q % 10
        if digit >= 5 { u += 1 } else if digit <= -5 { u -= 1 }
        return .decimal(DecimalValue(unscaled: u, scale: scale))
    }
}

/// Orders two non-null values of the same type (numbers, strings, dates, timestamps, booleans).
func compareValues(_ a: Value, _ b: Value) -> Int {
    switch (a, b) {
    case (.string(let x), .string(let y)):
        return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x == y ? 0 : 1)
    case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (!x ? -1 : 1)
    case (.decimal(let x), .decimal(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.double(let x), .double(let y)):
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
        return x < y ? -1 : (x == y ? 0 : 1)
    case (.float(let x), .float(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    default:
        if let x = a.int64Value, let y = b.int64Value { return x < y ? -1 : (x == y ? 0 : 1) }
        if let x = a.doubleValue, let y = b.doubleValue { return x < y ? -1 : (x == y ? 0 : 1) }
        return 0
    }
}
