/// Renders values as JSON text exactly as Spark's `to_json` and JSON data source write them
/// (Jackson-based): doubles like Java (`1.0E10`, `"NaN"`), decimals like `BigDecimal.toString`
/// (`1.50`, `1.00E-8`), timestamps as `2024-01-01T00:00:00.000Z` (UTC, milliseconds), dates as
/// `2024-01-01`, binary as base64, struct fields that are null omitted unless
/// ``ignoreNullFields`` is false (array elements and map values that are null print as `null`).
///
/// ```swift
/// let w = JSONWriter()
/// w.render(.struct([.int(1), .null]), type: .struct(["a": .integer, "b": .string]))   // {"a":1}
/// ```
public struct JSONWriter: Sendable {
    /// Spark's `ignoreNullFields` option (default true): omit null struct fields.
    public var ignoreNullFields: Bool

    public init(ignoreNullFields: Bool = true) { self.ignoreNullFields = ignoreNullFields }

    /// Reads `ignoreNullFields` from a (case-insensitive) Spark option map.
    public init(sparkOptions: [String: String]) {
        let v = sparkOptions.first { $0.key.lowercased() == "ignorenullfields" }?.value.lowercased()
        self.init(ignoreNullFields: v.map { $0 != "false" } ?? true)
    }

    /// The JSON text of `value` of `type`.
    public func render(_ value: Value, type: DataType) -> String {
        var out: [UInt8] = []
        append(value, type: type, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON text of `value` of `type` to `out`.
    public func append(_ value: Value, type: DataType, to out: inout [UInt8]) {
        switch (value, type) {
        case (.null, _): out.append(contentsOf: "null".utf8)
        case (.struct(let fields), .struct(let st)):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (i, f) in st.fields.enumerated() {
                let v = i < fields.count ? fields[i] : .null
                if v.isNull && ignoreNullFields { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                Self.appendQuoted(f.name, to: &out)
                out.append(UInt8(ascii: ":"))
                append(v, type: f.dataType, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case (.array(let items), .array(let et, _)):
            out.append(UInt8(ascii: "["))
            for (i, x) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                append(x, type: et, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case (.map(let entries), .map(_, let vt, _)):
            out.append(UInt8(ascii: "{"))
            for (i, e) in entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.appendQuoted(e.key.sparkString(nullText: "null"), to: &out)
                out.append(UInt8(ascii: ":"))
                append(e.value, type: vt, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            appendAtomic(value, to: &out)
        }
    }

    private func appendAtomic(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .boolean(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .byte, .short, .int, .long: out.append(contentsOf: value.description.utf8)
        case .float(let f):
            if f.isFinite { out.append(contentsOf: SparkFormat.float(f).utf8) } else { Self.appendQuoted(SparkFormat.float(f), to: &out) }
        case .double(let d):
            if d.isFinite { out.append(contentsOf: SparkFormat.double(d).utf8) } else { Self.appendQuoted(SparkFormat.double(d), to: &out) }
        case .decimal(let d): out.append(contentsOf: Self.javaBigDecimalString(d).utf8)
        case .string(let s): Self.appendQuoted(s, to: &out)
        case .binary(let b): Self.appendQuoted(Base64.encode(b), to: &out)
        case .date(let d): Self.appendQuoted(DateTimeUtils.formatDate(d), to: &out)
        case .timestamp(let t): Self.appendQuoted(DateTimeUtils.formatTimestampISO(t), to: &out)
        default: Self.appendQuoted(value.sparkString(nullText: "null"), to: &out)
        }
    }

    /// Java's `BigDecimal.toString`: plain unless the adjusted exponent is below -6 (`1.00E-8`).
    public static func javaBigDecimalString(_ d: DecimalValue) -> String {
        let neg = d.unscaled < 0
        let digits = String(neg ? 0 - d.unscaled : d.unscaled)
        let adjusted = -d.scale + (digits.count - 1)
        if d.scale >= 0 && adjusted >= -6 { return d.description }
        var s = neg ? "-" : ""
        s += String(digits.prefix(1))
        if digits.count > 1 { s += "." + digits.dropFirst() }
        s += "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
        return s
    }

    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// `s` as a JSON string literal (see ``appendQuoted(_:to:)``).
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal, escaping like Jackson: `"`, `\`, and control
    /// characters (`\n`, `\t`, `\r`, `\b`, `\f`, else `\u00XX`); non-ASCII is written as UTF-8.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var runStart = 0
            for i in 0..<u.count {
                let c = u[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i])) }
                runStart = i + 1
                out.append(UInt8(ascii: "\\"))
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(contentsOf: "u00".utf8)
                    out.append(hex[Int(c >> 4)])
                    out.append(hex[Int(c & 15)])
                }
            }
            if u.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Standard base64 (RFC 4648, with padding), as Spark's JSON codec uses for binary values.
public enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes as base64 text.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((n >> UInt32(shift)) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int((n >> 18) & 63)])
            out.append(alphabet[Int((n >> 12) & 63)])
            out.append(rest == 2 ? alphabet[Int((n >> 6) & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64 text (padding optional, white space not allowed); nil if invalid.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var acc: UInt32 = 0, bits = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "=") { break }
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            default: return nil
            }
            acc = acc << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }
}
