import RivuletCore
import RivuletSQL

/// `CAST(x AS t)` and `try_cast` over whole columns: Spark 4's ANSI cast matrix. A failing row
/// throws (`CAST_OVERFLOW`, `CAST_INVALID_INPUT`, `NUMERIC_VALUE_OUT_OF_RANGE`) under `cast` and
/// becomes null under `try_cast`.
public enum CastKernel {
    static let kernels: [(String, ScalarKernel)] = [
        ("cast", { (call, args, n) throws(RivuletError) in try cast(args[0], to: call.dataType, ansi: true) }),
        ("try_cast", { (call, args, n) throws(RivuletError) in try cast(args[0], to: call.dataType, ansi: false) }),
    ]

    /// Casts `col` to `target`; with `ansi` false failures become null instead of errors.
    public static func cast(_ col: ColumnVector, to target: DataType, ansi: Bool) throws(RivuletError) -> ColumnVector {
        let from = col.dataType
        if case .none = col.storage { return .nulls(target, count: col.count) }
        if from == target { return col }
        if from.sameType(target) { return KernelSupport.make(target, col.count, col.validity, col.storage) }
        var c = Caster(col: col, target: target, ansi: ansi)
        return try c.run()
    }
}

/// One cast of one column: the typed loops plus failure handling.
struct Caster {
    let col: ColumnVector
    let target: DataType
    let ansi: Bool
    let n: Int
    var validity: Bitmap

    init(col: ColumnVector, target: DataType, ansi: Bool) {
        self.col = col; self.target = target; self.ansi = ansi; n = col.count
        validity = col.validity ?? Bitmap(count: col.count, value: true)
    }

    /// Records a failure at row `i`: throws under ANSI, otherwise nulls the row.
    mutating func fail(_ i: Int, _ kind: CastFailure) throws(RivuletError) {
        if ansi { throw CastErrors.error(kind, col.value(at: i), from: col.dataType, to: target) }
        validity.clear(i)
    }

    func finish(_ storage: ColumnVector.Storage) -> ColumnVector {
        ColumnVector(dataType: target, count: n, validity: validity, storage: storage)
    }

    mutating func run() throws(RivuletError) -> ColumnVector {
        let from = col.dataType
        switch target {
        case .string: return try toString()
        case .binary:
            if case .bytes(let b) = col.storage { return finish(.bytes(b)) }
            if from.isIntegral { return integralToBinary() }
        case .boolean: return try toBoolean()
        case .byte, .short, .integer, .long: return try toIntegral()
        case .float, .double: return try toFractional()
        case .decimal(let p, let s): return try toDecimal(p, s)
        case .date: return try toDate()
        case .timestamp: return try toTimestamp()
        case .array(let et, _):
            if case .list(let offsets, let values) = col.storage {
                let child = try CastKernel.cast(values, to: et, ansi: ansi)
                return finish(.list(offsets: offsets, values: child))
            }
        case .map(let kt, let vt, _):
            if case .map(let offsets, let keys, let values) = col.storage {
                let k = try CastKernel.cast(keys, to: kt, ansi: ansi)
                let v = try CastKernel.cast(values, to: vt, ansi: ansi)
                return finish(.map(offsets: offsets, keys: k, values: v))
            }
        case .struct(let st):
            if case .structure(let children) = col.storage, children.count == st.count {
                var out: [ColumnVector] = []
                for (c, f) in zip(children, st.fields) { out.append(try CastKernel.cast(c, to: f.dataType, ansi: ansi)) }
                return finish(.structure(out))
            }
        default: break
        }
        return try slowPath()
    }

    /// Boxed fallback for rare pairs (intervals, ...).
    mutating func slowPath() throws(RivuletError) -> ColumnVector {
        var b = ColumnBuilder(type: target, capacity: n)
        for i in 0..<n {
            let v = col.value(at: i)
            if v.isNull { b.appendNull(); continue }
            switch (v, target) {
            case (.dayTimeInterval(let x), let t) where t.isIntegral: b.append(.long(x / DateTimeUtils.microsPerSecond))
            case (.yearMonthInterval(let x), let t) where t.isIntegral: b.append(.long(Int64(x)))
            case (let x, .dayTimeInterval) where x.int64Value != nil: b.append(.dayTimeInterval((x.int64Value ?? 0) * DateTimeUtils.microsPerSecond))
            case (let x, .yearMonthInterval) where x.int64Value != nil: b.append(.yearMonthInterval(Int32(clamping: x.int64Value ?? 0)))
            default:
                if ansi {
                    throw RivuletError.analysis("cannot cast \"\(col.dataType.sql)\" to \"\(target.sql)\".",
                                                errorClass: "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION")
                }
                b.appendNull()
            }
        }
        return b.finish()
    }

    // MARK: numeric targets

    mutating func toIntegral() throws(RivuletError) -> ColumnVector {
        let (lo, hi): (Int64, Int64)
        switch target {
        case .byte: (lo, hi) = (Int64(Int8.min), Int64(Int8.max))
        case .short: (lo, hi) = (Int64(Int16.min), Int64(Int16.max))
        case .integer: (lo, hi) = (Int64(Int32.min), Int64(Int32.max))
        default: (lo, hi) = (Int64.min, Int64.max)
        }
        var out = [Int64](repeating: 0, count: n)
        switch col.storage {
        case .float64, .float32:
            let d = KernelSupport.doubles(col)
            for i in 0..<n where validity[i] {
                let x = d[i]
                // Truncation toward zero; Int64.max is not a double, so its bound is 2^63 exclusive.
                let t = x.rounded(.towardZero)
                let tooBig = hi == Int64.max ? t >= 0x1p63 : t > Double(hi)
                if x.isNaN || x.isInfinite || t < Double(lo) || tooBig { try fail(i, .overflow); continue }
                out[i] = Int64(t)
            }
        case .decimal(let a):
            guard case .decimal(_, let s) = col.dataType else { break }
            let p = DecimalValue.pow10(s)
            for i in 0..<n where validity[i] {
                let q = a[i] / p
                if q < Int128(lo) || q > Int128(hi) { try fail(i, .overflow); continue }
                out[i] = Int64(q)
            }
        case .bytes(let b):
            for i in 0..<n where validity[i] {
                guard let v = CastParse.integer(b, i), v >= lo, v <= hi else { try fail(i, .invalidInput); continue }
                out[i] = v
            }
        case .int64 where col.dataType == .timestamp:
            let a = KernelSupport.int64s(col)
            for i in 0..<n where validity[i] {
                let v = DateTimeUtils.floorDiv(a[i], DateTimeUtils.microsPerSecond)
                if v < lo || v > hi { try fail(i, .overflow); continue }
                out[i] = v
            }
        case .bool, .int8, .int16, .int32, .int64:
            if col.dataType == .date { return try slowPath() }
            let a = KernelSupport.int64s(col)
            if lo == Int64.min { return finish(.int64(a)) }
            for i in 0..<n where validity[i] {
                if a[i] < lo || a[i] > hi { try fail(i, .overflow); continue }
                out[i] = a[i]
            }
        default:
            return try slowPath()
        }
        return finish(Caster.narrow(out, to: target))
    }

    /// Typed storage of `target` for Int64 values already range-checked.
    static func narrow(_ a: [Int64], to t: DataType) -> ColumnVector.Storage {
        switch t {
        case .byte: return .int8(a.map { Int8(truncatingIfNeeded: $0) })
        case .short: return .int16(a.map { Int16(truncatingIfNeeded: $0) })
        case .integer, .date, .yearMonthInterval: return .int32(a.map { Int32(truncatingIfNeeded: $0) })
        default: return .int64(a)
        }
    }

    mutating func toFractional() throws(RivuletError) -> ColumnVector {
        var out: [Double]
        switch col.storage {
        case .bytes(let b):
            out = [Double](repeating: 0, count: n)
            for i in 0..<n where validity[i] {
                guard let v = CastParse.double(b, i) else { try fail(i, .invalidInput); continue }
                out[i] = v
            }
        case .int64 where col.dataType == .timestamp:
            out = KernelSupport.int64s(col).map { Double($0) / 1e6 }
        case .int32 where col.dataType == .date:
            return try slowPath()
        default:
            out = KernelSupport.doubles(col)
        }
        if target == .float { return finish(.float32(out.map { Float($0) })) }
        return finish(.float64(out))
    }

    mutating func toDecimal(_ p: Int, _ s: Int) throws(RivuletError) -> ColumnVector {
        var out = [Int128](repeating: 0, count: n)
        let limit = DecimalValue.pow10(p)
        func fits(_ u: Int128) -> Bool { u < limit && u > -limit }
        switch col.storage {
        case .decimal(let a):
            guard case .decimal(_, let fs) = col.dataType else { break }
            for i in 0..<n where validity[i] {
                guard let d = DecimalValue(unscaled: a[i], scale: fs).rescaled(to: s, precision: p) else { try fail(i, .outOfRange); continue }
                out[i] = d.unscaled
            }
        case .float64, .float32:
            let d = KernelSupport.doubles(col)
            for i in 0..<n where validity[i] {
                guard d[i].isFinite, let dv = DecimalValue(parsing: CastParse.plainDouble(d[i])), let r = dv.rescaled(to: s, precision: p) else {
                    try fail(i, d[i].isFinite ? .outOfRange : .overflow); continue
                }
                out[i] = r.unscaled
            }
        case .bytes(let b):
            for i in 0..<n where validity[i] {
                guard let dv = DecimalValue(parsing: b.string(at: i)) else { try fail(i, .invalidInput); continue }
                guard let r = dv.rescaled(to: s, precision: p) else { try fail(i, .outOfRange); continue }
                out[i] = r.unscaled
            }
        case .bool, .int8, .int16, .int32, .int64:
            if col.dataType == .date || col.dataType == .timestamp { return try slowPath() }
            let a = KernelSupport.int64s(col)
            let m = DecimalValue.pow10(s)
            for i in 0..<n where validity[i] {
                let (u, o) = Int128(a[i]).multipliedReportingOverflow(by: m)
                if o || !fits(u) { try fail(i, .outOfRange); continue }
                out[i] = u
            }
        default:
            return try slowPath()
        }
        return finish(.decimal(out))
    }

    mutating func toBoolean() throws(RivuletError) -> ColumnVector {
        var out = [Bool](repeating: false, count: n)
        switch col.storage {
        case .bytes(let b):
            for i in 0..<n where validity[i] {
                guard let v = CastParse.boolean(b, i) else { try fail(i, .invalidInput); continue }
                out[i] = v
            }
        case .float64, .float32, .decimal:
            let d = KernelSupport.doubles(col)
            for i in 0..<n { out[i] = d[i] != 0 }
        case .int8, .int16, .int32, .int64:
            let a = KernelSupport.int64s(col)
            for i in 0..<n { out[i] = a[i] != 0 }
        default:
            return try slowPath()
        }
        return finish(.bool(out))
    }

    // MARK: date/time targets

    mutating func toDate() throws(RivuletError) -> ColumnVector {
        var out = [Int32](repeating: 0, count: n)
        switch (col.dataType, col.storage) {
        case (.timestamp, .int64(let a)):
            for i in 0..<n { out[i] = Int32(truncatingIfNeeded: DateTimeUtils.floorDiv(a[i], DateTimeUtils.microsPerDay)) }
        case (_, .bytes(let b)):
            for i in 0..<n where validity[i] {
                guard let d = DateTimeUtils.parseDate(b.string(at: i)) else { try fail(i, .invalidInput); continue }
                out[i] = d
            }
        default:
            return try slowPath()
        }
        return finish(.int32(out))
    }

    mutating func toTimestamp() throws(RivuletError) -> ColumnVector {
        var out = [Int64](repeating: 0, count: n)
        switch (col.dataType, col.storage) {
        case (.date, .int32(let a)):
            for i in 0..<n { out[i] = Int64(a[i]) * DateTimeUtils.microsPerDay }
        case (_, .bytes(let b)):
            for i in 0..<n where validity[i] {
                guard let t = DateTimeUtils.parseTimestamp(b.string(at: i)) else { try fail(i, .invalidInput); continue }
                out[i] = t
            }
        case (_, .float64), (_, .float32), (_, .decimal):
            let d = KernelSupport.doubles(col)
            for i in 0..<n where validity[i] {
                let m = (d[i] * 1e6).rounded(.towardZero)
                guard m.isFinite, abs(m) < 9.2e18 else { try fail(i, .overflow); continue }
                out[i] = Int64(m)
            }
        case (_, .int8), (_, .int16), (_, .int32), (_, .int64):
            let a = KernelSupport.int64s(col)
            for i in 0..<n where validity[i] {
                let (m, o) = a[i].multipliedReportingOverflow(by: DateTimeUtils.microsPerSecond)
                if o { try fail(i, .overflow); continue }
                out[i] = m
            }
        default:
            return try slowPath()
        }
        return finish(.int64(out))
    }

    func integralToBinary() -> ColumnVector {
        let a = KernelSupport.int64s(col)
        let width: Int
        switch col.dataType {
        case .byte: width = 1
        case .short: width = 2
        case .integer: width = 4
        default: width = 8
        }
        var b = ByteArrayBuilder(capacity: n, byteCapacity: n * width)
        for i in 0..<n {
            var bytes: [UInt8] = []
            for k in (0..<width).reversed() { bytes.append(UInt8(truncatingIfNeeded: a[i] >> (8 * k))) }
            b.append(bytes: bytes)
        }
        return finish(.bytes(b.finish()))
    }
}

/// Why one value failed to cast.
enum CastFailure { case overflow, invalidInput, outOfRange }

/// Spark-worded cast errors.
enum CastErrors {
    /// How Spark's `toSQLValue` renders a value inside cast errors: `3000000000L`, `1.0E20D`, `'abc'`.
    static func sqlValue(_ v: Value) -> String {
        switch v {
        case .string(let s): return "'\(s)'"
        case .long(let x): return "\(x)L"
        case .short(let x): return "\(x)S"
        case .byte(let x): return "\(x)Y"
        case .double(let x): return x.isNaN || x.isInfinite ? SparkFormat.double(x) : SparkFormat.double(x) + "D"
        case .float(let x): return x.isNaN || x.isInfinite ? SparkFormat.float(x) : SparkFormat.float(x) + "F"
        case .decimal(let d): return "\(d)BD"
        case .date(let d): return "DATE '\(DateTimeUtils.formatDate(d))'"
        case .timestamp(let t): return "TIMESTAMP '\(DateTimeUtils.formatTimestamp(t))'"
        default: return v.sparkString()
        }
    }

    static func error(_ kind: CastFailure, _ v: Value, from: DataType, to: DataType) -> RivuletError {
        switch kind {
        case .overflow:
            return .execution("The value \(sqlValue(v)) of the type \"\(from.sql)\" cannot be cast to \"\(to.sql)\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.",
                              errorClass: "CAST_OVERFLOW")
        case .invalidInput:
            return .execution("The value \(sqlValue(v)) of the type \"\(from.sql)\" cannot be cast to \"\(to.sql)\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.",
                              errorClass: "CAST_INVALID_INPUT")
        case .outOfRange:
            guard case .decimal(let p, let s) = to else { return error(.overflow, v, from: from, to: to) }
            return .execution("The \(v.sparkString()) rounded half up from \(v.sparkString()) cannot be represented as Decimal(\(p), \(s)). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead.",
                              errorClass: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION")
        }
    }
}
