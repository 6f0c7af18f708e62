import RivuletCore

/// Spark's CSV text-to-value conversions (`UnivocityParser.makeConverter`) and per-field type
/// inference (`CSVInferSchema`).
enum CSVValues {
    /// Converts a non-null token to `type`; nil when it does not convert (a malformed field).
    static func convert(_ s: String, to type: DataType, options: CSVOptions) -> Value? {
        switch type {
        case .string: return .string(s)
        case .byte: return Int8(s).map(Value.byte)
        case .short: return Int16(s).map(Value.short)
        case .integer: return Int32(s).map(Value.int)
        case .long: return Int64(s).map(Value.long)
        case .float: return double(s, options).map { .float(Float($0)) }
        case .double: return double(s, options).map(Value.double)
        case .decimal(let p, let sc):
            guard let d = DecimalValue(parsing: s), let r = d.rescaled(to: sc, precision: p) else { return nil }
            return .decimal(r)
        case .boolean:
            switch s.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return nil
            }
        case .date:
            if let f = options.dateFormat { return DateTimePattern(f).parseDate(s).map(Value.date) }
            return DateTimeUtils.parseDate(s).map(Value.date)
        case .timestamp:
            if let f = options.timestampFormat { return DateTimePattern(f).parseTimestamp(s).map(Value.timestamp) }
            return DateTimeUtils.parseTimestamp(s).map(Value.timestamp)
        case .binary: return .binary(Array(s.utf8))
        default: return nil
        }
    }

    /// Java's `toDouble` plus the `nanValue` / `positiveInf` / `negativeInf` options.
    static func double(_ s: String, _ options: CSVOptions) -> Double? {
        if s == options.nanValue { return .nan }
        if s == options.positiveInf { return .infinity }
        if s == options.negativeInf { return -.infinity }
        let t = s.trimmingASCIISpaces()
        switch t {
        case "NaN": return .nan
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        guard let first = t.utf8.first, first != UInt8(ascii: "i"), first != UInt8(ascii: "n"), first != UInt8(ascii: "I"), first != UInt8(ascii: "N") else { return nil }
        return Double(t)
    }

    /// The narrowest type of one non-null token (Spark's `inferField` from `NullType`).
    static func infer(_ s: String, options: CSVOptions) -> DataType {
        if Int32(s) != nil { return .integer }
        if Int64(s) != nil { return .long }
        if isIntegerText(s), let d = DecimalValue(parsing: s), d.scale <= 0 {
            let digits = String(d.unscaled < 0 ? 0 - d.unscaled : d.unscaled).count
            if digits <= DataType.maxDecimalPrecision { return .decimal(precision: digits, scale: 0) }
        }
        if double(s, options) != nil { return .double }
        if let f = options.dateFormat {
            if DateTimePattern(f).parseDate(s) != nil { return .date }
        } else if isStrictISODate(s) {
            return .date
        }
        if let f = options.timestampFormat {
            if DateTimePattern(f).parseTimestamp(s) != nil { return .timestamp }
        } else if DateTimeUtils.parseTimestamp(s) != nil {
            return .timestamp
        }
        if s.lowercased() == "true" || s.lowercased() == "false" { return .boolean }
        return .string
    }

    private static func isIntegerText(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if u.first == UInt8(ascii: "-") || u.first == UInt8(ascii: "+") { u = u.dropFirst() }
        return !u.isEmpty && u.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
    }

    /// `yyyy-MM-dd` exactly (Spark's default `dateFormat` used for inference).
    private static func isStrictISODate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        for i in [0, 1, 2, 3, 5, 6, 8, 9] where u[i] &- UInt8(ascii: "0") >= 10 { return false }
        return DateTimeUtils.parseDate(s) != nil
    }

    /// Spark's `CSVInferSchema.compatibleType` (falls back to string).
    static func merge(_ a: DataType, _ b: DataType) -> DataType {
        if a == b { return a }
        switch (a, b) {
        case (.null, let t), (let t, .null): return t
        case (.integer, .long), (.long, .integer): return .long
        case (.integer, .double), (.double, .integer), (.long, .double), (.double, .long): return .double
        case (.decimal, .double), (.double, .decimal): return .double
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            let scale = max(s1, s2), range = max(p1 - s1, p2 - s2)
            return range + scale > DataType.maxDecimalPrecision ? .double : .decimal(precision: range + scale, scale: scale)
        case (.decimal, .integer), (.decimal, .long): return merge(a, b.asDecimal ?? b)
        case (.integer, .decimal), (.long, .decimal): return merge(a.asDecimal ?? a, b)
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        default: return .string
        }
    }
}
