import RivuletCore
import RivuletSQL

/// Shared plumbing for scalar kernels: null propagation, constant arguments, the boxed slow path.
enum KernelSupport {
    /// The validity of "every input present": the AND of the given columns' validity bitmaps
    /// (nil when no input has nulls).
    static func intersectValidity(_ columns: [ColumnVector], count: Int) -> Bitmap? {
        var out: Bitmap? = nil
        for c in columns {
            if case .none = c.storage { return Bitmap(count: count, value: false) }
            guard let v = c.validity else { continue }
            out = out.map { $0.and(v) } ?? v
        }
        return out
    }

    /// The constant value of argument `i` when its expression is foldable (a literal, or a cast of
    /// one), read from the evaluated column; nil for per-row arguments.
    static func constant(_ call: ScalarFunctionCall, _ args: [ColumnVector], _ i: Int) -> Value? {
        guard i < call.arguments.count, i < args.count, call.arguments[i].isFoldable else { return nil }
        if case .literal(let v, _) = call.arguments[i] { return v }
        guard args[i].count > 0 else { return nil }
        return args[i].value(at: 0)
    }

    /// Whether argument `i` is constant for the batch.
    static func isConstant(_ call: ScalarFunctionCall, _ i: Int) -> Bool {
        i < call.arguments.count && call.arguments[i].isFoldable
    }

    /// Row-at-a-time evaluation over boxed values (the slow path for rare or complex functions).
    /// `f` gets the row's argument values and returns the result (`.null` for null). When
    /// `nullIntolerant` is true, a row with any null input yields null without calling `f`.
    static func rowwise(
        _ call: ScalarFunctionCall, _ args: [ColumnVector], _ rowCount: Int, nullIntolerant: Bool = true,
        _ f: (_ values: [Value]) throws(RivuletError) -> Value
    ) throws(RivuletError) -> ColumnVector {
        var b = ColumnBuilder(type: call.dataType, capacity: rowCount)
        var row = [Value](repeating: .null, count: args.count)
        for r in 0..<rowCount {
            var anyNull = false
            for (k, c) in args.enumerated() {
                let v = c.value(at: r)
                if v.isNull { anyNull = true }
                row[k] = v
            }
            if nullIntolerant && anyNull { b.appendNull(); continue }
            b.append(try f(row))
        }
        return b.finish()
    }

    /// A vector with the given typed storage and validity.
    static func make(_ type: DataType, _ count: Int, _ validity: Bitmap?, _ storage: ColumnVector.Storage) -> ColumnVector {
        ColumnVector(dataType: type, count: count, validity: validity, storage: storage)
    }

    /// The string bytes of a string/binary column, or an internal error.
    static func bytes(_ c: ColumnVector, _ fn: String) throws(RivuletError) -> ByteArray {
        if let b = c.byteArray { return b }
        if case .none = c.storage {
            return ByteArray(offsets: [Int32](repeating: 0, count: c.count + 1), data: [])
        }
        throw RivuletError.internal("\(fn): expected a string column, got \(c.dataType.simpleString)")
    }

    /// An integer argument column widened to Int64 (int, long, short, byte storage).
    static func int64s(_ c: ColumnVector) -> [Int64] {
        switch c.storage {
        case .int64(let a): return a
        case .int32(let a): return a.map { Int64($0) }
        case .int16(let a): return a.map { Int64($0) }
        case .int8(let a): return a.map { Int64($0) }
        case .bool(let a): return a.map { $0 ? 1 : 0 }
        default: return [Int64](repeating: 0, count: c.count)
        }
    }

    /// A numeric column as doubles (decimals scaled).
    static func doubles(_ c: ColumnVector) -> [Double] {
        switch c.storage {
        case .float64(let a): return a
        case .float32(let a): return a.map { Double($0) }
        case .decimal(let a):
            let s: Int
            if case .decimal(_, let sc) = c.dataType { s = sc } else { s = 0 }
            let d = Double(DecimalValue.pow10(s))
            return a.map { Double($0) / d }
        default: return int64s(c).map { Double($0) }
        }
    }

    /// Spark's ordinal words for argument positions in error messages.
    static func ordinal(_ i: Int) -> String {
        let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
        return i < words.count ? words[i] : "\(i + 1)th"
    }
}

/// Byte-level UTF-8 helpers shared by the string kernels.
enum UTF8Bytes {
    /// Whether the byte starts a character (is not a continuation byte).
    @inline(__always) static func isLead(_ b: UInt8) -> Bool { b & 0xC0 != 0x80 }

    /// The number of characters (code points) in `p`.
    @inline(__always) static func charCount(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var n = 0
        for i in range where p[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Byte offset (absolute) of the `k`-th character starting at `start`, clamped to `end`.
    @inline(__always) static func advance(_ p: UnsafeBufferPointer<UInt8>, from start: Int, chars k: Int, end: Int) -> Int {
        var i = start
        var left = k
        while i < end && left > 0 {
            i += 1
            while i < end && p[i] & 0xC0 == 0x80 { i += 1 }
            left -= 1
        }
        return i
    }
}
