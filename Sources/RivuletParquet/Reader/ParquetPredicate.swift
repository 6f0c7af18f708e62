import RivuletCore

/// A filter pushed down to the Parquet reader, used only to skip row groups: a row group is
/// skipped only when its column statistics prove that no row can match. Rows of the groups that
/// are read still have to be filtered by the engine.
///
/// Column names are top-level columns or dotted paths to struct fields outside lists and maps
/// (`"a.b"`), matched exactly first and then case-insensitively. Values use Spark's domains
/// (`.timestamp` microseconds, `.date` days, `.decimal`, `.string`, ...). Comparisons follow SQL:
/// a null never matches, and NaN is larger than every other float or double (Spark's ordering).
///
/// ```swift
/// let p: ParquetPredicate = .and(.greaterThanOrEqual("ts", .timestamp(t0)), .equal("country", .string("NZ")))
/// let batches = try reader.read(columns: nil, predicate: p)
/// ```
public indirect enum ParquetPredicate: Sendable, Hashable {
    case equal(String, Value)
    case notEqual(String, Value)
    case lessThan(String, Value)
    case lessThanOrEqual(String, Value)
    case greaterThan(String, Value)
    case greaterThanOrEqual(String, Value)
    /// The column equals one of the values.
    case `in`(String, [Value])
    case isNull(String)
    case isNotNull(String)
    case and(ParquetPredicate, ParquetPredicate)
    case or(ParquetPredicate, ParquetPredicate)
    case not(ParquetPredicate)

    /// The predicate with `not` pushed down to the comparisons. A null comparison is not true
    /// whether negated or not, so `not(a < v)` matches exactly the rows `a >= v` matches.
    var negated: ParquetPredicate? {
        switch self {
        case .equal(let c, let v): return .notEqual(c, v)
        case .notEqual(let c, let v): return .equal(c, v)
        case .lessThan(let c, let v): return .greaterThanOrEqual(c, v)
        case .lessThanOrEqual(let c, let v): return .greaterThan(c, v)
        case .greaterThan(let c, let v): return .lessThanOrEqual(c, v)
        case .greaterThanOrEqual(let c, let v): return .lessThan(c, v)
        case .isNull(let c): return .isNotNull(c)
        case .isNotNull(let c): return .isNull(c)
        case .in: return nil
        case .and(let a, let b):
            guard let na = a.negated, let nb = b.negated else { return nil }
            return .or(na, nb)
        case .or(let a, let b):
            guard let na = a.negated, let nb = b.negated else { return nil }
            return .and(na, nb)
        case .not(let p): return p
        }
    }
}

/// Decides from a row group's column statistics whether a predicate may match.
struct StatisticsEvaluator {
    let reader: ParquetFileReader
    let rowGroup: RowGroup

    /// What the statistics say about one column in this row group.
    struct ColumnStats {
        var min: Value?
        var max: Value?
        var nullCount: Int64?
        var valueCount: Int64
        var isFloating: Bool
        var exact: Bool
    }

    func mayMatch(_ p: ParquetPredicate) -> Bool {
        switch p {
        case .and(let a, let b): return mayMatch(a) && mayMatch(b)
        case .or(let a, let b): return mayMatch(a) || mayMatch(b)
        case .not(let inner):
            guard let n = inner.negated else { return true }
            return mayMatch(n)
        case .isNull(let c):
            guard let s = stats(c), let nulls = s.nullCount else { return true }
            return nulls > 0
        case .isNotNull(let c):
            guard let s = stats(c), let nulls = s.nullCount else { return true }
            return nulls < s.valueCount
        case .equal(let c, let v): return compare(c, v) { s, v in inRange(s, v) }
        case .in(let c, let vs):
            return vs.isEmpty ? false : vs.contains { v in compare(c, v) { s, v in inRange(s, v) } }
        case .notEqual(let c, let v):
            return compare(c, v) { s, v in
                // Skip only when every value is known to equal v.
                guard s.exact, let lo = s.min, let hi = s.max, let a = Self.order(lo, v), let b = Self.order(hi, v) else { return true }
                return !(a == 0 && b == 0)
            }
        case .lessThan(let c, let v):
            return compare(c, v) { s, v in s.min.flatMap { Self.order($0, v) }.map { $0 < 0 } ?? true }
        case .lessThanOrEqual(let c, let v):
            return compare(c, v) { s, v in s.min.flatMap { Self.order($0, v) }.map { $0 <= 0 } ?? true }
        case .greaterThan(let c, let v):
            // Float statistics leave NaN out, and NaN is greater than everything: never skip.
            return compare(c, v) { s, v in s.isFloating ? true : (s.max.flatMap { Self.order($0, v) }.map { $0 > 0 } ?? true) }
        case .greaterThanOrEqual(let c, let v):
            return compare(c, v) { s, v in s.isFloating ? true : (s.max.flatMap { Self.order($0, v) }.map { $0 >= 0 } ?? true) }
        }
    }

    private func inRange(_ s: ColumnStats, _ v: Value) -> Bool {
        if s.isFloating, let d = v.doubleValue, d.isNaN { return true }
        if let lo = s.min, let o = Self.order(lo, v), o > 0 { return false }
        if let hi = s.max, let o = Self.order(hi, v), o < 0 { return false }
        return true
    }

    /// Applies a comparison test; a null literal or an all-null column never matches, missing
    /// statistics always may.
    private func compare(_ column: String, _ v: Value, _ test: (ColumnStats, Value) -> Bool) -> Bool {
        guard let s = stats(column) else { return true }
        if v.isNull { return false }
        if let nulls = s.nullCount, nulls >= s.valueCount, s.valueCount > 0 { return false }
        return test(s, v)
    }

    func stats(_ column: String) -> ColumnStats? {
        guard let leaf = reader.leafForFilter(column) else { return nil }
        let chunk = rowGroup.columns[leaf.column]
        guard let meta = chunk.metaData, let st = meta.statistics else { return nil }
        var s = ColumnStats(
            min: nil, max: nil, nullCount: st.nullCount, valueCount: meta.numValues,
            isFloating: leaf.kind == .float || leaf.kind == .double || leaf.conversion == .float16,
            exact: st.isMinValueExact != false && st.isMaxValueExact != false)
        guard leaf.kind != .int96, leaf.conversion != .float16 else { return s }
        var lo = st.minValue, hi = st.maxValue
        // The deprecated min/max are signed-ordered: usable only where that is the type's order.
        let legacyOK: Bool
        switch leaf.conversion {
        case .boolean, .int32, .int8, .int16, .int64, .date, .timestampMillis, .timestampMicros, .timestampNanos,
            .float, .double, .decimalInt32, .decimalInt64:
            legacyOK = true
        default:
            legacyOK = false
        }
        if lo == nil && hi == nil && legacyOK {
            lo = st.min
            hi = st.max
        }
        s.min = lo.flatMap { Self.decodeStat($0, leaf) }
        s.max = hi.flatMap { Self.decodeStat($0, leaf) }
        if s.isFloating {
            if let d = s.min?.doubleValue, d.isNaN { s.min = nil }
            if let d = s.max?.doubleValue, d.isNaN { s.max = nil }
        }
        return s
    }

    /// A PLAIN-encoded statistics value (byte arrays without length) as a Spark value.
    static func decodeStat(_ bytes: [UInt8], _ leaf: LeafPlan) -> Value? {
        var buf = ValueBuffer(kind: leaf.kind)
        switch leaf.kind {
        case .byteArray:
            buf.bytes.append(bytes: bytes)
        case .fixed(let w):
            guard bytes.count == w else { return nil }
            buf.bytes.append(bytes: bytes)
        case .bool:
            guard let b = bytes.first else { return nil }
            buf.bools.append(b & 1 == 1)
        default:
            let ok = bytes.withUnsafeBufferPointer { p in (try? PlainDecoder.decode(p, count: 1, into: &buf)) != nil }
            guard ok else { return nil }
        }
        guard buf.count == 1, let storage = try? leaf.conversion.apply(buf) else { return nil }
        return ColumnVector(dataType: leaf.sparkType, count: 1, validity: nil, storage: storage).value(at: 0)
    }

    /// -1, 0, 1 comparing `a` with `b` in Spark's ordering, or nil when they are not comparable.
    static func order(_ a: Value, _ b: Value) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return sign(x ? 1 : 0, y ? 1 : 0)
        case (.date(let x), .date(let y)): return sign(x, y)
        case (.timestamp(let x), .timestamp(let y)): return sign(x, y)
        case (.string(let x), .string(let y)): return lexicographic(Array(x.utf8), Array(y.utf8))
        case (.binary(let x), .binary(let y)): return lexicographic(x, y)
        case (.date, _), (_, .date), (.timestamp, _), (_, .timestamp), (.string, _), (_, .string), (.binary, _), (_, .binary),
            (.boolean, _), (_, .boolean):
            return nil
        default: break
        }
        if case .decimal = a, let x = decimal(a), let y = decimal(b) { return decimalOrder(x, y) }
        if case .decimal = b, let x = decimal(a), let y = decimal(b) { return decimalOrder(x, y) }
        if isFloating(a) || isFloating(b) {
            guard let x = a.doubleValue, let y = b.doubleValue, !x.isNaN, !y.isNaN else { return nil }
            return sign(x, y)
        }
        guard let x = a.int64Value, let y = b.int64Value else { return nil }
        return sign(x, y)
    }

    private static func isFloating(_ v: Value) -> Bool {
        switch v {
        case .float, .double: return true
        default: return false
        }
    }

    private static func decimal(_ v: Value) -> DecimalValue? {
        switch v {
        case .decimal(let d): return d
        case .byte, .short, .int, .long: return v.int64Value.map { DecimalValue(unscaled: Int128($0), scale: 0) }
        default: return nil
        }
    }

    private static func decimalOrder(_ a: DecimalValue, _ b: DecimalValue) -> Int? {
        let s = max(a.scale, b.scale)
        let (x, o1) = a.unscaled.multipliedReportingOverflow(by: DecimalValue.pow10(s - a.scale))
        let (y, o2) = b.unscaled.multipliedReportingOverflow(by: DecimalValue.pow10(s - b.scale))
        if o1 || o2 {
            let dx = a.doubleValue, dy = b.doubleValue
            return dx < dy ? -1 : (dx > dy ? 1 : nil)
        }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    private static func lexicographic(_ x: [UInt8], _ y: [UInt8]) -> Int {
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }
}

extension ParquetFileReader {
    /// The leaf a filter on `column` reads statistics from: a primitive column or struct field
    /// path outside any list or map.
    func leafForFilter(_ column: String) -> LeafPlan? {
        let all = plans.flatMap(\.leafPlans).filter { $0.maxRep == 0 }
        if let l = all.first(where: { $0.path == column }) { return l }
        let lower = column.lowercased()
        return all.first { $0.path.lowercased() == lower }
    }
}
