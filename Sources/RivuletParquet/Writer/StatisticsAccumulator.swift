/// Column-chunk statistics as the writer collects them, already in their Parquet byte form
/// (`min_value` / `max_value` are PLAIN-encoded without a length prefix).
struct EncodedStatistics: Sendable, Equatable {
    var minValue: [UInt8]?
    var maxValue: [UInt8]?
    var nullCount: Int64
    /// Whether the deprecated `min` / `max` fields may carry the same bytes: only for columns whose
    /// order is signed (old readers compare those fields as signed values).
    var signedOrder: Bool
}

/// Min / max of fixed-width values in the column's order; NaNs are skipped, and a zero minimum /
/// maximum is written as `-0.0` / `+0.0` as the Parquet spec asks.
struct FixedWidthStatistics<T: ParquetFixedWidthValue> {
    private(set) var min: T?
    private(set) var max: T?

    mutating func update(_ v: T) {
        if v.isNaN { return }
        guard let lo = min, let hi = max else {
            min = v
            max = v
            return
        }
        if v.statisticsLess(than: lo) { min = v }
        if hi.statisticsLess(than: v) { max = v }
    }

    /// Updates with every value of a contiguous run.
    mutating func update(_ values: UnsafeBufferPointer<T>) {
        var i = 0
        while i < values.count, min == nil {
            update(values[i])
            i += 1
        }
        guard var lo = min, var hi = max else { return }
        while i < values.count {
            let v = values[i]
            if v.statisticsLess(than: lo) { lo = v } else if hi.statisticsLess(than: v) { hi = v }
            i += 1
        }
        // NaN compares false both ways, so it never replaced lo or hi above.
        min = lo
        max = hi
    }

    /// The PLAIN bytes of min and max, or nil when no non-NaN value was seen.
    func encoded() -> (min: [UInt8], max: [UInt8])? {
        guard let lo = min, let hi = max else { return nil }
        var a: [UInt8] = [], b: [UInt8] = []
        withUnsafeBytes(of: lo.statisticsMinForm) { a.append(contentsOf: $0) }
        withUnsafeBytes(of: hi.statisticsMaxForm) { b.append(contentsOf: $0) }
        return (a, b)
    }

    mutating func reset() {
        min = nil
        max = nil
    }
}

/// Min / max of byte strings: unsigned lexicographic order (strings, binary) or, for
/// FIXED_LEN_BYTE_ARRAY decimals, signed big-endian two's complement order.
struct ByteArrayStatistics {
    let signed: Bool
    private(set) var min: [UInt8]?
    private(set) var max: [UInt8]?

    init(signed: Bool) { self.signed = signed }

    mutating func update(_ v: UnsafeRawBufferPointer) {
        guard let lo = min, let hi = max else {
            min = Array(v)
            max = Array(v)
            return
        }
        if lo.withUnsafeBytes({ Self.compare(v, $0, signed: signed) }) < 0 {
            min = Array(v)
        } else if hi.withUnsafeBytes({ Self.compare(v, $0, signed: signed) }) > 0 {
            max = Array(v)
        }
    }

    /// Min and max, or nil when nothing was seen or a bound exceeds `sizeLimit` bytes (readers
    /// would otherwise carry huge footers; parquet-mr drops such statistics the same way).
    func encoded(sizeLimit: Int) -> (min: [UInt8], max: [UInt8])? {
        guard let lo = min, let hi = max, lo.count <= sizeLimit, hi.count <= sizeLimit else { return nil }
        return (lo, hi)
    }

    mutating func reset() {
        min = nil
        max = nil
    }

    /// Three-way comparison: unsigned lexicographic, shorter prefix first; with `signed` (equal
    /// widths) the first byte compares as a signed value.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, signed: Bool) -> Int {
        let n = Swift.min(a.count, b.count)
        var i = 0
        if signed, n > 0 {
            let x = Int8(bitPattern: a[0]), y = Int8(bitPattern: b[0])
            if x != y { return x < y ? -1 : 1 }
            i = 1
        }
        while i + 8 <= n {
            let x = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let y = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if x != y { return x < y ? -1 : 1 }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}

/// Min / max of booleans (false < true).
struct BooleanStatistics {
    private(set) var sawFalse = false
    private(set) var sawTrue = false

    mutating func update(_ v: Bool) {
        if v { sawTrue = true } else { sawFalse = true }
    }

    func encoded() -> (min: [UInt8], max: [UInt8])? {
        guard sawFalse || sawTrue else { return nil }
        return ([sawFalse ? 0 : 1], [sawTrue ? 1 : 0])
    }

    mutating func reset() {
        sawFalse = false
        sawTrue = false
    }
}
