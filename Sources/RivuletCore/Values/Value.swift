/// One scalar value of any ``DataType``: the currency of `Row`s, literals and slow paths.
///
/// Hot paths never loop over `Value`s; they work on ``ColumnVector`` buffers. `Value` is for
/// literals, collected rows and the few functions that are naturally row-at-a-time.
public indirect enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case byte(Int8)
    case short(Int16)
    case int(Int32)
    case long(Int64)
    case float(Float)
    case double(Double)
    case decimal(DecimalValue)
    case string(String)
    case binary([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since the epoch (UTC).
    case timestamp(Int64)
    /// Day-time interval in microseconds.
    case dayTimeInterval(Int64)
    /// Year-month interval in months.
    case yearMonthInterval(Int32)
    case array([Value])
    /// Entries in insertion order.
    case map([MapEntry])
    case `struct`([Value])

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The value as `Int64` if it is integral (byte ... long, date, timestamp).
    public var int64Value: Int64? {
        switch self {
        case .byte(let v): return Int64(v)
        case .short(let v): return Int64(v)
        case .int(let v): return Int64(v)
        case .long(let v): return v
        case .date(let v): return Int64(v)
        case .timestamp(let v): return v
        case .dayTimeInterval(let v): return v
        case .yearMonthInterval(let v): return Int64(v)
        default: return nil
        }
    }

    /// The value as `Double` if it is numeric.
    public var doubleValue: Double? {
        switch self {
        case .float(let v): return Double(v)
        case .double(let v): return v
        case .decimal(let d): return d.doubleValue
        default: return int64Value.map(Double.init)
        }
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .boolean(let b) = self { return b } else { return nil } }

    /// A debug rendering; see `Value.render(_:as:)` for Spark's `show()` formatting.
    public var description: String {
        switch self {
        case .null: return "null"
        case .boolean(let b): return b ? "true" : "false"
        case .byte(let v): return String(v)
        case .short(let v): return String(v)
        case .int(let v): return String(v)
        case .long(let v): return String(v)
        case .float(let v): return SparkFormat.float(v)
        case .double(let v): return SparkFormat.double(v)
        case .decimal(let d): return d.description
        case .string(let s): return s
        case .binary(let b): return "[" + b.map { SparkFormat.hexByte($0) }.joined(separator: " ") + "]"
        case .date(let d): return DateTimeUtils.formatDate(d)
        case .timestamp(let t): return DateTimeUtils.formatTimestamp(t)
        case .dayTimeInterval(let m): return IntervalFormat.dayTime(m)
        case .yearMonthInterval(let m): return IntervalFormat.yearMonth(m)
        case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.map { "\($0.key) -> \($0.value)" }.joined(separator: ", ") + "}"
        case .struct(let s): return "{" + s.map(\.description).joined(separator: ", ") + "}"
        }
    }
}

/// One key/value pair of a map ``Value``.
public struct MapEntry: Sendable, Hashable {
    public var key: Value
    public var value: Value
    public init(_ key: Value, _ value: Value) { self.key = key; self.value = value }
}

/// A fixed-point decimal: `unscaled × 10^-scale`.
public struct DecimalValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var unscaled: Int128
    public var scale: Int

    public init(unscaled: Int128, scale: Int) { self.unscaled = unscaled; self.scale = scale }

    public static func pow10(_ n: Int) -> Int128 {
        var r: Int128 = 1
        for _ in 0..<max(0, n) { r &*= 10 }
        return r
    }

    /// Rescales (rounding half-up when the scale shrinks); nil on overflow of `precision` digits.
    public func rescaled(to newScale: Int, precision: Int = DataType.maxDecimalPrecision) -> DecimalValue? {
        var u = unscaled
        if newScale > scale {
            let (m, o) = u.multipliedReportingOverflow(by: Self.pow10(newScale - scale))
            if o { return nil }
            u = m
        } else if newScale < scale {
            let d = Self.pow10(scale - newScale)
            let (q, r) = u.quotientAndRemainder(dividingBy: d)
            u = q
            if (r < 0 ? -r : r) * 2 >= d { u += (u < 0 || r < 0) ? -1 : 1 }
        }
        let limit = Self.pow10(precision)
        if u >= limit || u <= -limit { return nil }
        return DecimalValue(unscaled: u, scale: newScale)
    }

    public var doubleValue: Double {
        Double(unscaled) / Double(Self.pow10(scale))
    }

    /// Parses `-12.340`, `1e3`, `.5`.
    public init?(parsing text: String) {
        var s = Substring(text.trimmingASCIISpaces())
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(s[s.index(after: e)...]) else { return nil }
            exp = x
            s = s[..<e]
        }
        var neg = false
        if s.first == "-" { neg = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        guard !s.isEmpty else { return nil }
        var u: Int128 = 0
        var scale = 0
        var seenDot = false
        var digits = 0
        for c in s {
            if c == "." {
                if seenDot { return nil }
                seenDot = true
                continue
            }
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            digits += 1
            if digits > 38 { return nil }
            u = u * 10 + Int128(d)
            if seenDot { scale += 1 }
        }
        if digits == 0 { return nil }
        scale -= exp
        if scale < 0 {
            u *= Self.pow10(-scale)
            scale = 0
        }
        self.init(unscaled: neg ? -u : u, scale: scale)
    }

    public static func < (a: DecimalValue, b: DecimalValue) -> Bool {
        let s = max(a.scale, b.scale)
        let x = a.unscaled * pow10(s - a.scale), y = b.unscaled * pow10(s - b.scale)
        return x < y
    }

    public var description: String {
        let neg = unscaled < 0
        var digits = String(neg ? 0 - unscaled : unscaled)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return neg ? "-" + digits : digits
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    public func trimmingASCIISpaces() -> String {
        let u = utf8
        var s = u.startIndex, e = u.endIndex
        while s < e, let c = Optional(u[s]), c == 32 || c == 9 || c == 10 || c == 13 { s = u.index(after: s) }
        while e > s, let c = Optional(u[u.index(before: e)]), c == 32 || c == 9 || c == 10 || c == 13 { e = u.index(before: e) }
        return String(self[s..<e])
    }
}
