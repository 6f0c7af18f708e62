#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RivuletCore

/// Spark's ordering of values: NaN is larger than every other double and equal to itself,
/// `-0.0 == 0.0`, strings compare by UTF-8 bytes, arrays and structs element by element with
/// null elements first.
enum ValueOrdering {
    @inline(__always) static func compareDoubles(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        let an = a.isNaN, bn = b.isNaN
        if an && bn { return 0 }
        return an ? 1 : -1
    }

    /// Byte-wise comparison of two byte ranges (memcmp, then length).
    @inline(__always) static func compareBytes(_ p: UnsafePointer<UInt8>?, _ n: Int, _ q: UnsafePointer<UInt8>?, _ m: Int) -> Int {
        let k = min(n, m)
        if k > 0, let p, let q {
            let c = memcmp(p, q, k)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return n == m ? 0 : (n < m ? -1 : 1)
    }

    /// Total order over boxed values of the same type (nulls first).
    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.float(let x), .float(let y)): return compareDoubles(Double(x), Double(y))
        case (.double(let x), .double(let y)): return compareDoubles(x, y)
        case (.decimal(let x), .decimal(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.string(let x), .string(let y)):
            var x = x, y = y
            return x.withUTF8 { px in y.withUTF8 { py in compareBytes(px.baseAddress, px.count, py.baseAddress, py.count) } }
        case (.binary(let x), .binary(let y)):
            return x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in compareBytes(px.baseAddress, px.count, py.baseAddress, py.count) } }
        case (.array(let x), .array(let y)):
            for (u, v) in zip(x, y) { let c = compare(u, v); if c != 0 { return c } }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case (.struct(let x), .struct(let y)):
            for (u, v) in zip(x, y) { let c = compare(u, v); if c != 0 { return c } }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case (.map(let x), .map(let y)):
            for (u, v) in zip(x, y) {
                let c = compare(u.key, v.key); if c != 0 { return c }
                let d = compare(u.value, v.value); if d != 0 { return d }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        default:
            if let x = a.int64Value, let y = b.int64Value { return x == y ? 0 : (x < y ? -1 : 1) }
            if let x = a.doubleValue, let y = b.doubleValue { return compareDoubles(x, y) }
            return 0
        }
    }
}
