import RivuletCore

/// A filter a data source may use to skip data, in the vocabulary of Spark's
/// `org.apache.spark.sql.sources.Filter`: a column (by its name in the source's schema) compared
/// with a constant of the column's type.
///
/// Pushing a filter is only a hint: the engine keeps the `Filter` operator above the scan, so a
/// source may skip whole files or row groups that cannot match but never needs to drop rows
/// exactly.
///
/// ```swift
/// // WHERE a > 5 AND b IS NULL
/// let filters: [SourceFilter] = [.greaterThan("a", .int(5)), .isNull("b")]
/// filters.map(\.description)   // ["GreaterThan(a,5)", "IsNull(b)"]
/// ```
public indirect enum SourceFilter: Sendable, Hashable, CustomStringConvertible {
    case equalTo(String, Value)
    /// `<=>`: true when both sides are null or equal.
    case equalNullSafe(String, Value)
    case greaterThan(String, Value)
    case greaterThanOrEqual(String, Value)
    case lessThan(String, Value)
    case lessThanOrEqual(String, Value)
    /// `column IN (values)`.
    case `in`(String, [Value])
    case isNull(String)
    case isNotNull(String)
    case and(SourceFilter, SourceFilter)
    case or(SourceFilter, SourceFilter)
    case not(SourceFilter)
    case stringStartsWith(String, String)

    /// Spark's rendering in `explain()` (`PushedFilters: [GreaterThan(a,5)]`).
    public var description: String {
        switch self {
        case .equalTo(let c, let v): return "EqualTo(\(c),\(v))"
        case .equalNullSafe(let c, let v): return "EqualNullSafe(\(c),\(v))"
        case .greaterThan(let c, let v): return "GreaterThan(\(c),\(v))"
        case .greaterThanOrEqual(let c, let v): return "GreaterThanOrEqual(\(c),\(v))"
        case .lessThan(let c, let v): return "LessThan(\(c),\(v))"
        case .lessThanOrEqual(let c, let v): return "LessThanOrEqual(\(c),\(v))"
        case .in(let c, let vs): return "In(\(c), [\(vs.map(\.description).joined(separator: ",")))])"
        case .isNull(let c): return "IsNull(\(c))"
        case .isNotNull(let c): return "IsNotNull(\(c))"
        case .and(let l, let r): return "And(\(l),\(r))"
        case .or(let l, let r): return "Or(\(l),\(r))"
        case .not(let f): return "Not(\(f))"
        case .stringStartsWith(let c, let p): return "StringStartsWith(\(c),\(p))"
        }
    }

    /// Every column the filter reads.
    public var columns: Set<String> {
        switch self {
        case .equalTo(let c, _), .equalNullSafe(let c, _), .greaterThan(let c, _), .greaterThanOrEqual(let c, _),
             .lessThan(let c, _), .lessThanOrEqual(let c, _), .in(let c, _), .isNull(let c), .isNotNull(let c),
             .stringStartsWith(let c, _):
            return [c]
        case .and(let l, let r), .or(let l, let r): return l.columns.union(r.columns)
        case .not(let f): return f.columns
        }
    }

    /// The filter's truth for one row whose column values `value(name)` gives: `true`, `false`, or
    /// nil when unknown (SQL null, or a value this evaluator cannot compare). Used to prune
    /// partition folders, whose values are constants per file.
    public func evaluate(_ value: (String) -> Value?) -> Bool? {
        func cmp(_ c: String, _ v: Value) -> Int? {
            guard let x = value(c), !x.isNull, !v.isNull else { return nil }
            return SourceFilter.compare(x, v)
        }
        switch self {
        case .equalTo(let c, let v): return cmp(c, v).map { $0 == 0 }
        case .equalNullSafe(let c, let v):
            guard let x = value(c) else { return nil }
            if x.isNull || v.isNull { return x.isNull && v.isNull }
            return SourceFilter.compare(x, v).map { $0 == 0 }
        case .greaterThan(let c, let v): return cmp(c, v).map { $0 > 0 }
        case .greaterThanOrEqual(let c, let v): return cmp(c, v).map { $0 >= 0 }
        case .lessThan(let c, let v): return cmp(c, v).map { $0 < 0 }
        case .lessThanOrEqual(let c, let v): return cmp(c, v).map { $0 <= 0 }
        case .in(let c, let vs):
            var unknown = false
            for v in vs {
                switch cmp(c, v) {
                case .some(0): return true
                case .none: unknown = true
                default: break
                }
            }
            return unknown ? nil : false
        case .isNull(let c): return value(c).map(\.isNull)
        case .isNotNull(let c): return value(c).map { !$0.isNull }
        case .and(let l, let r):
            let a = l.evaluate(value), b = r.evaluate(value)
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .or(let l, let r):
            let a = l.evaluate(value), b = r.evaluate(value)
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        case .not(let f): return f.evaluate(value).map { !$0 }
        case .stringStartsWith(let c, let p):
            guard let x = value(c) else { return nil }
            if x.isNull { return nil }
            return x.stringValue.map { $0.hasPrefix(p) }
        }
    }

    /// Orders two non-null values of comparable kinds (numbers, strings, booleans, dates,
    /// timestamps, binaries); nil when they are not comparable.
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            if x.utf8.elementsEqual(y.utf8) { return 0 }
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
        case (.binary(let x), .binary(let y)):
            return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        case (.boolean(let x), .boolean(let y)):
            return x == y ? 0 : (!x ? -1 : 1)
        case (.decimal(let x), .decimal(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.timestamp(let x), .timestamp(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.float, _), (.double, _), (_, .float), (_, .double), (.decimal, _), (_, .decimal):
            guard let x = a.doubleValue, let y = b.doubleValue, isNumeric(a), isNumeric(b) else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        default:
            guard isNumeric(a), isNumeric(b), let x = a.int64Value, let y = b.int64Value else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    private static func isNumeric(_ v: Value) -> Bool {
        switch v {
        case .byte, .short, .int, .long, .float, .double, .decimal: return true
        default: return false
        }
    }
}

/// A ``ScanSource`` that can use pushed ``SourceFilter``s to skip data (row groups, files,
/// partition folders). The optimizer's ``PushFiltersIntoScan`` hands it the filter conjuncts it
/// can translate and keeps the `Filter` operator above the scan for exact results.
public protocol FilterPushdownScanSource: ScanSource {
    /// The filters this scan was given (shown by `explain()` as `PushedFilters`).
    var pushedFilters: [SourceFilter] { get }
    /// A copy of the scan that may skip data not matching all of `filters` (replacing any
    /// filters pushed before).
    func withPushedFilters(_ filters: [SourceFilter]) -> any ScanSource
}
