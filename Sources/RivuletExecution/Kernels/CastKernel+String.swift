import RivuletCore

/// Casts to STRING (Spark's rendering for every type, typed fast paths for numbers).
extension Caster {
    mutating func toString() throws(RivuletError) -> ColumnVector {
        var b = ByteArrayBuilder(capacity: n, byteCapacity: n * 8)
        switch (col.dataType, col.storage) {
        case (_, .bytes(let src)):
            return finish(.bytes(src))
        case (.boolean, .bool(let a)):
            for i in 0..<n { if validity[i] { b.append(a[i] ? "true" : "false") } else { b.appendEmpty() } }
        case (.byte, _), (.short, _), (.integer, _), (.long, _):
            let a = KernelSupport.int64s(col)
            for i in 0..<n {
                if validity[i] { NumberText.appendInt(a[i], to: &b.data) }
                b.offsets.append(Int32(truncatingIfNeeded: b.data.count))
            }
        case (.double, .float64(let a)):
            for i in 0..<n { if validity[i] { b.append(SparkFormat.double(a[i])) } else { b.appendEmpty() } }
        case (.float, .float32(let a)):
            for i in 0..<n { if validity[i] { b.append(SparkFormat.float(a[i])) } else { b.appendEmpty() } }
        case (.date, .int32(let a)):
            for i in 0..<n { if validity[i] { b.append(DateTimeUtils.formatDate(a[i])) } else { b.appendEmpty() } }
        case (.timestamp, .int64(let a)):
            for i in 0..<n { if validity[i] { b.append(DateTimeUtils.formatTimestamp(a[i])) } else { b.appendEmpty() } }
        default:
            for i in 0..<n {
                if validity[i] { b.append(col.value(at: i).sparkString(as: col.dataType, nullText: "null")) } else { b.appendEmpty() }
            }
        }
        return finish(.bytes(b.finish()))
    }
}

/// Decimal text of integers without allocating a String.
enum NumberText {
    @inline(__always) static func appendInt(_ v: Int64, to data: inout [UInt8]) {
        if v == 0 { data.append(48); return }
        var m = v.magnitude
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var k = 0
        withUnsafeMutableBytes(of: &tmp) { buf in
            while m > 0 { buf[k] = UInt8(48 + m % 10); m /= 10; k += 1 }
            if v < 0 { data.append(45) }
            while k > 0 { k -= 1; data.append(buf[k]) }
        }
    }
}

/// Spark's string-to-primitive parsers (whitespace-trimmed, strict).
enum CastParse {
    /// Spark trims ASCII whitespace and control characters (<= 0x20) around numbers and booleans.
    @inline(__always) static func trimmed(_ b: ByteArray, _ i: Int) -> Range<Int> {
        var lo = Int(b.offsets[i]), hi = Int(b.offsets[i + 1])
        while lo < hi && b.data[lo] <= 0x20 { lo += 1 }
        while hi > lo && b.data[hi - 1] <= 0x20 { hi -= 1 }
        return lo..<hi
    }

    /// `[+-]digits` → Int64; nil for anything else (`1.5`, `5.`, `0x10`, `1_000`) or overflow.
    static func integer(_ b: ByteArray, _ i: Int) -> Int64? {
        let r = trimmed(b, i)
        return b.data.withUnsafeBufferPointer { p -> Int64? in
            var k = r.lowerBound
            guard k < r.upperBound else { return nil }
            var neg = false
            if p[k] == 45 || p[k] == 43 { neg = p[k] == 45; k += 1 }
            guard k < r.upperBound else { return nil }
            var v: Int64 = 0
            while k < r.upperBound {
                let c = p[k]
                guard c >= 48 && c <= 57 else { return nil }
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (s, o2) = neg ? m.subtractingReportingOverflow(Int64(c - 48)) : m.addingReportingOverflow(Int64(c - 48))
                if o1 || o2 { return nil }
                v = s
                k += 1
            }
            return v
        }
    }

    /// Java `Double.parseDouble` subset Spark accepts, plus `inf`/`infinity`/`nan` in any case.
    static func double(_ b: ByteArray, _ i: Int) -> Double? {
        let r = trimmed(b, i)
        guard !r.isEmpty else { return nil }
        var s = String(decoding: b.data[r], as: UTF8.self)
        switch s.lowercased() {
        case "nan", "+nan", "-nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        if let last = s.last, "dDfF".contains(last) { s.removeLast() }
        for c in s.utf8 {
            guard (c >= 48 && c <= 57) || c == 43 || c == 45 || c == 46 || c == 101 || c == 69 else { return nil }
        }
        return Double(s)
    }

    /// `t`, `true`, `y`, `yes`, `1` / `f`, `false`, `n`, `no`, `0` (case-insensitive).
    static func boolean(_ b: ByteArray, _ i: Int) -> Bool? {
        let r = trimmed(b, i)
        guard r.count <= 5 else { return nil }
        let s = String(decoding: b.data[r], as: UTF8.self).lowercased()
        switch s {
        case "t", "true", "y", "yes", "1": return true
        case "f", "false", "n", "no", "0": return false
        default: return nil
        }
    }

    /// A double's shortest decimal text without exponent surprises, for decimal conversion.
    static func plainDouble(_ d: Double) -> String { "\(d)" }
}
