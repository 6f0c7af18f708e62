import RivuletCore

/// Spark's ordering of boxed values (slow paths: greatest/least, array_sort, array_max...).
/// Nulls are handled by callers; NaN is greater than every other double, as in Spark.
enum ValueOrder {
    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.string(let x), .string(let y)):
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x.utf8.elementsEqual(y.utf8) ? 0 : 1)
        case (.binary(let x), .binary(let y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.decimal(let x), .decimal(let y)): return x < y ? -1 : (x == y ? 0 : (y < x ? 1 : 0))
        case (.float, _), (.double, _), (_, .float), (_, .double):
            let x = a.doubleValue ?? 0, y = b.doubleValue ?? 0
            if x.isNaN { return y.isNaN ? 0 : 1 }
            if y.isNaN { return -1 }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.array(let x), .array(let y)):
            for (u, v) in zip(x, y) { let c = compare(u, v); if c != 0 { return c } }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        case (.struct(let x), .struct(let y)):
            for (u, v) in zip(x, y) { let c = compare(u, v); if c != 0 { return c } }
            return 0
        default:
            if let x = a.int64Value, let y = b.int64Value { return x < y ? -1 : (x > y ? 1 : 0) }
            return 0
        }
    }

    /// Spark's equality for array_contains/array_remove/array_position (NaN equals NaN here).
    static func equal(_ a: Value, _ b: Value) -> Bool { compare(a, b) == 0 && a.isNull == b.isNull }
}
