/// Decodes JSON text straight into values of a target type, following Spark's JSON reader
/// (`JacksonParser`) conversion rules:
///
/// - integral types take integer literals that fit; float/double take any number and the strings
///   `NaN`, `Infinity`, `-Infinity`, `+INF`, `-INF`; decimal takes numbers and numeric strings that
///   fit the precision; boolean takes `true`/`false` only
/// - string takes a string, or the compact JSON text of any other value (`{"b":1}`, `1.5`)
/// - date/timestamp take strings (`2024-01-01`, `2024-01-01T00:00:00.000Z`, ...); timestamp also
///   takes integer seconds since the epoch; binary takes base64 strings
/// - struct fields are matched by name, case-sensitively; missing fields are null; unknown members
///   are skipped; arrays and maps convert element by element
/// - `null` is null for every type; anything else is a type mismatch
///
/// A mismatch makes the decoded value nil (the caller decides: the reader keeps the other fields
/// of the row and marks the record corrupt, `from_json` returns all nulls); a syntax error throws.
public struct JSONSchemaDecoder: Sendable {
    /// The type every top-level value is decoded to.
    public let type: DataType
    /// Parser switches.
    public let options: JSONOptions
    private let root: Node

    fileprivate indirect enum Node: Sendable {
        case atomic(DataType)
        case structure(names: [[UInt8]], children: [Node])
        case array(Node)
        case map(key: DataType, value: Node)

        init(_ t: DataType) {
            switch t {
            case .struct(let s): self = .structure(names: s.fields.map { Array($0.name.utf8) }, children: s.fields.map { Node($0.dataType) })
            case .array(let e, _): self = .array(Node(e))
            case .map(let k, let v, _): self = .map(key: k, value: Node(v))
            default: self = .atomic(t)
            }
        }
    }

    public init(type: DataType, options: JSONOptions = JSONOptions()) {
        self.type = type
        self.options = options
        self.root = Node(type)
    }

    /// What one JSON record (a line, or a whole document) decodes to.
    public enum RecordResult: Sendable {
        /// Only white space: no row (Spark skips blank lines).
        case empty
        /// Decoded rows (an object gives one row, a top-level array of objects one per element).
        /// `hadMismatch` is true when some field did not convert (it is null in the row).
        case rows([[Value]], hadMismatch: Bool)
        /// Not valid JSON, or not an object / array of objects.
        case malformed(RivuletError)
    }

    /// Decodes one record against the struct ``type`` (the reader path). Content after the first
    /// value is ignored, like Jackson-based Spark.
    public func decodeRecord(_ bytes: UnsafeBufferPointer<UInt8>) -> RecordResult {
        guard case .structure(let names, let children) = root else {
            return .malformed(.internal("JSONSchemaDecoder.decodeRecord needs a struct type, got \(type.simpleString)"))
        }
        var p = JSONParser(bytes, options: options)
        var scratch: [UInt8] = []
        do throws(RivuletError) {
            if try p.isAtEnd() { return .empty }
            switch try p.peekKind() {
            case .object:
                var mismatch = false
                let row = try decodeObject(&p, names: names, children: children, scratch: &scratch, mismatch: &mismatch)
                return .rows([row], hadMismatch: mismatch)
            case .array:
                try p.beginArray()
                var rows: [[Value]] = []
                var mismatch = false
                var first = true
                while try p.nextElement(&first) {
                    guard try p.peekKind() == .object else { return .malformed(p.error("expected an object in the top-level array")) }
                    rows.append(try decodeObject(&p, names: names, children: children, scratch: &scratch, mismatch: &mismatch))
                }
                return .rows(rows, hadMismatch: mismatch)
            default:
                return .malformed(p.error("expected a JSON object or array at the top level"))
            }
        } catch {
            return .malformed(error)
        }
    }

    /// Decodes the first value of `bytes` to ``type``: nil on a type mismatch, throws on a syntax
    /// error. Content after the first value is ignored.
    public func decodeValue(_ bytes: UnsafeBufferPointer<UInt8>) throws(RivuletError) -> Value? {
        var p = JSONParser(bytes, options: options)
        var scratch: [UInt8] = []
        var mismatch = false
        let v = try decode(&p, root, scratch: &scratch, mismatch: &mismatch)
        return mismatch ? nil : v
    }

    // MARK: recursive conversion (every call consumes exactly one value)

    private func decodeObject(
        _ p: inout JSONParser, names: [[UInt8]], children: [Node], scratch: inout [UInt8], mismatch: inout Bool
    ) throws(RivuletError) -> [Value] {
        var row = [Value](repeating: .null, count: names.count)
        try p.beginObject()
        var first = true
        var hint = 0
        while try p.nextMember(&first, name: &scratch) {
            guard let idx = Self.lookup(scratch, in: names, hint: hint) else {
                try p.skipValue()
                continue
            }
            hint = idx + 1
            var fieldMismatch = false
            let v = try decode(&p, children[idx], scratch: &scratch, mismatch: &fieldMismatch)
            if fieldMismatch { mismatch = true; row[idx] = .null } else { row[idx] = v }
        }
        return row
    }

    private static func lookup(_ key: [UInt8], in names: [[UInt8]], hint: Int) -> Int? {
        if hint < names.count, names[hint] == key { return hint }
        for i in names.indices where names[i] == key { return i }
        return nil
    }

    private func decode(_ p: inout JSONParser, _ node: Node, scratch: inout [UInt8], mismatch: inout Bool) throws(RivuletError) -> Value {
        let kind = try p.peekKind()
        if kind == .null { try p.readNull(); return .null }
        switch node {
        case .structure(let names, let children):
            guard kind == .object else { return try skipMismatch(&p, &mismatch) }
            var nameScratch: [UInt8] = []
            return .struct(try decodeObject(&p, names: names, children: children, scratch: &nameScratch, mismatch: &mismatch))
        case .array(let element):
            guard kind == .array else { return try skipMismatch(&p, &mismatch) }
            try p.beginArray()
            var items: [Value] = []
            var first = true
            while try p.nextElement(&first) { items.append(try decode(&p, element, scratch: &scratch, mismatch: &mismatch)) }
            return .array(items)
        case .map(let keyType, let valueNode):
            guard kind == .object else { return try skipMismatch(&p, &mismatch) }
            try p.beginObject()
            var entries: [MapEntry] = []
            var first = true
            var name: [UInt8] = []
            while try p.nextMember(&first, name: &name) {
                let keyText = String(decoding: name, as: UTF8.self)
                let key = keyType == .string ? Value.string(keyText) : (JSONScalar.convert(string: keyText, to: keyType) ?? .null)
                if key.isNull { mismatch = true }
                entries.append(MapEntry(key, try decode(&p, valueNode, scratch: &scratch, mismatch: &mismatch)))
            }
            return .map(entries)
        case .atomic(let t):
            return try decodeAtomic(&p, kind: kind, type: t, scratch: &scratch, mismatch: &mismatch)
        }
    }

    private func skipMismatch(_ p: inout JSONParser, _ mismatch: inout Bool) throws(RivuletError) -> Value {
        try p.skipValue()
        mismatch = true
        return .null
    }

    private func decodeAtomic(
        _ p: inout JSONParser, kind: JSONParser.Kind, type: DataType, scratch: inout [UInt8], mismatch: inout Bool
    ) throws(RivuletError) -> Value {
        switch kind {
        case .number:
            let (r, isInt) = try p.readNumber()
            if let v = JSONScalar.convert(number: p.numberText(r), isInteger: isInt, to: type) { return v }
            mismatch = true
            return .null
        case .string:
            scratch.removeAll(keepingCapacity: true)
            try p.readString(into: &scratch)
            if type == .string { return .string(String(decoding: scratch, as: UTF8.self)) }
            if let v = JSONScalar.convert(string: String(decoding: scratch, as: UTF8.self), to: type) { return v }
            mismatch = true
            return .null
        case .bool:
            let b = try p.readBool()
            if type == .boolean { return .boolean(b) }
            if type == .string { return .string(b ? "true" : "false") }
            mismatch = true
            return .null
        case .object, .array:
            if type == .string { return .string(try p.parseValue().compactText) }
            return try skipMismatch(&p, &mismatch)
        case .null:
            try p.readNull()
            return .null
        }
    }
}

/// Spark's JSON conversions of single tokens to atomic types (shared by the decoder and CSV-like
/// consumers of JSON text).
public enum JSONScalar {
    /// A JSON number token to `type`; nil when it does not convert (a mismatch or overflow).
    public static func convert(number text: String, isInteger: Bool, to type: DataType) -> Value? {
        switch type {
        case .byte: return isInteger ? Int8(text).map(Value.byte) : nil
        case .short: return isInteger ? Int16(text).map(Value.short) : nil
        case .integer: return isInteger ? Int32(text).map(Value.int) : nil
        case .long: return isInteger ? Int64(text).map(Value.long) : nil
        case .double: return parseDouble(text).map(Value.double)
        case .float: return parseDouble(text).map { .float(Float($0)) }
        case .decimal(let precision, let scale):
            guard let d = DecimalValue(parsing: text), let r = d.rescaled(to: scale, precision: precision) else { return nil }
            return .decimal(r)
        case .string: return .string(text)
        case .timestamp:
            guard isInteger, let secs = Int64(text) else { return nil }
            let (m, o) = secs.multipliedReportingOverflow(by: DateTimeUtils.microsPerSecond)
            return o ? nil : .timestamp(m)
        default: return nil
        }
    }

    /// A JSON string token to `type`; nil when it does not convert.
    public static func convert(string s: String, to type: DataType) -> Value? {
        switch type {
        case .string: return .string(s)
        case .double: return specialDouble(s).map(Value.double)
        case .float: return specialDouble(s).map { .float(Float($0)) }
        case .decimal(let precision, let scale):
            guard let d = DecimalValue(parsing: s), let r = d.rescaled(to: scale, precision: precision) else { return nil }
            return .decimal(r)
        case .date: return DateTimeUtils.parseDate(s).map(Value.date)
        case .timestamp: return DateTimeUtils.parseTimestamp(s).map(Value.timestamp)
        case .binary: return Base64.decode(s).map(Value.binary)
        case .byte, .short, .integer, .long, .boolean:
            return nil
        default: return nil
        }
    }

    /// The non-numeric strings Spark accepts for float/double columns.
    public static func specialDouble(_ s: String) -> Double? {
        switch s {
        case "NaN": return .nan
        case "Infinity", "+Infinity", "INF", "+INF": return .infinity
        case "-Infinity", "-INF": return -.infinity
        default: return nil
        }
    }

    /// Parses number text (including `NaN`/`Infinity` forms) as a double.
    public static func parseDouble(_ text: String) -> Double? {
        if let d = specialDouble(text) { return d }
        return Double(text)
    }
}
