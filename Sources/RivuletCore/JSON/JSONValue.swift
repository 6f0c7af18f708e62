/// A parsed JSON document as a generic tree (used by schema inference and `get_json_object`).
///
/// Numbers keep their source text so that big integers and decimals stay exact until a consumer
/// decides on a type; object members keep their order (duplicates are kept too).
///
/// ```swift
/// let v = try JSONValue.parse("{\"a\":[1,2.5]}")
/// v["a"]?[1]   // .number("2.5", isInteger: false)
/// ```
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Number text as written (`-12`, `1.5e3`), or `NaN`/`Infinity`/`-Infinity` when non-numeric
    /// numbers are allowed. `isInteger` is true when the text has no fraction or exponent.
    case number(String, isInteger: Bool)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x, let i), .number(let y, let j)): return x == y && i == j
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .number(let s, _): h.combine(s)
        case .string(let s): h.combine(s)
        case .array(let a): h.combine(a)
        case .object(let o): for m in o { h.combine(m.key); h.combine(m.value) }
        }
    }

    /// The first member called `key` of an object (case-sensitive), or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    /// Element `i` of an array, or nil.
    public subscript(i: Int) -> JSONValue? {
        if case .array(let items) = self, i >= 0, i < items.count { return items[i] }
        return nil
    }

    /// Compact JSON text of the value (no spaces), as Jackson's `copyCurrentStructure` writes it:
    /// integers keep their digits, other numbers print as Java doubles (`1.50` -> `1.5`).
    public var compactText: String {
        var out: [UInt8] = []
        appendCompact(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact JSON text of the value to `out`.
    public func appendCompact(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let s, let isInteger):
            if !isInteger, let d = Double(s), d.isFinite {
                out.append(contentsOf: SparkFormat.double(d).utf8)
            } else {
                out.append(contentsOf: s.utf8)
            }
        case .string(let s): JSONWriter.appendQuoted(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, x) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                x.appendCompact(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendQuoted(m.key, to: &out)
                out.append(UInt8(ascii: ":"))
                m.value.appendCompact(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Parses a complete JSON text (trailing non-space content is an error).
    public static func parse(_ text: String, options: JSONOptions = JSONOptions()) throws(RivuletError) -> JSONValue {
        var copy = text
        let r: Result<JSONValue, RivuletError> = copy.withUTF8 { buf in
            do throws(RivuletError) {
                var p = JSONParser(buf, options: options)
                let v = try p.parseValue()
                try p.expectEnd()
                return .success(v)
            } catch { return .failure(error) }
        }
        return try r.get()
    }
}
