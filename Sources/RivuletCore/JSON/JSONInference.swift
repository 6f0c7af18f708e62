/// Spark's JSON schema inference (`JsonInferSchema`): each record's type is inferred and merged
/// into one struct.
///
/// Integers infer `bigint` (too big for a long: `decimal(p,0)`, beyond 38 digits `double`), other
/// numbers `double` (or `decimal` with `prefersDecimal`), `true`/`false` `boolean`, strings
/// `string`; objects become structs with fields sorted by name at every level; arrays take the
/// merged element type. Merging widens numbers (`bigint` + `double` -> `double`), merges structs
/// field by field, and falls back to `string`. Nulls and empty arrays end as `string` /
/// `array<string>`; empty structs are dropped (SPARK-8093). A malformed record (or one that is not
/// an object) adds the corrupt-record column in PERMISSIVE mode.
public struct JSONSchemaInference: Sendable {
    /// `primitivesAsString`: infer every primitive as string.
    public var primitivesAsString = false
    /// `prefersDecimal`: infer non-integer numbers as decimal when they fit.
    public var prefersDecimal = false
    /// Parser switches.
    public var options = JSONOptions()
    private var root: DataType = .struct(StructType())
    /// Whether some record was malformed (or not an object).
    public private(set) var sawMalformed = false

    public init(primitivesAsString: Bool = false, prefersDecimal: Bool = false, options: JSONOptions = JSONOptions()) {
        self.primitivesAsString = primitivesAsString
        self.prefersDecimal = prefersDecimal
        self.options = options
    }

    /// Adds one record; returns the parse error for a malformed record (nil when it was fine or
    /// blank). Records that are valid JSON but not objects count as malformed with a nil error.
    @discardableResult
    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) -> RivuletError? {
        var p = JSONParser(bytes, options: options)
        do throws(RivuletError) {
            if try p.isAtEnd() { return nil }
            let v = try p.parseValue()
            let t = infer(v)
            if case .struct = t {
                root = Self.merge(root, t)
            } else if case .array(.struct(let s), _) = t {
                root = Self.merge(root, .struct(s))
            } else if case .array(.null, _) = t {
                // `[]` adds no rows and no fields
            } else {
                sawMalformed = true
            }
            return nil
        } catch {
            sawMalformed = true
            return error
        }
    }

    /// Adds one parsed value as a record.
    public mutating func add(value v: JSONValue) {
        let t = infer(v)
        if case .struct = t { root = Self.merge(root, t) } else { sawMalformed = true }
    }

    /// The inferred schema; `corruptColumn` is appended when a record was malformed.
    public func schema(corruptColumn: String? = "_corrupt_record") -> StructType {
        var fields: [StructField] = []
        if case .struct(let s) = root, case .struct(let c)? = Self.canonicalize(.struct(s)) { fields = c.fields }
        if sawMalformed, let corruptColumn, !fields.contains(where: { $0.name == corruptColumn }) {
            fields.append(StructField(corruptColumn, .string))
            fields.sort { $0.name < $1.name }
        }
        return StructType(fields)
    }

    /// The type of one JSON value (before canonicalisation: `null` stays `void`).
    public func infer(_ v: JSONValue) -> DataType {
        switch v {
        case .null: return .null
        case .string: return .string
        case .bool: return primitivesAsString ? .string : .boolean
        case .number(let text, let isInteger):
            if primitivesAsString { return .string }
            if isInteger {
                if Int64(text) != nil { return .long }
                return Self.decimalType(text) ?? .double
            }
            if prefersDecimal, let t = Self.decimalType(text) { return t }
            return .double
        case .array(let items):
            var e: DataType = .null
            for x in items { e = Self.merge(e, infer(x)) }
            return .array(e, containsNull: true)
        case .object(let members):
            var byName: [String: DataType] = [:]
            for m in members { byName[m.key] = byName[m.key].map { Self.merge($0, infer(m.value)) } ?? infer(m.value) }
            return .struct(StructType(byName.keys.sorted().map { StructField($0, byName[$0] ?? .null) }))
        }
    }

    /// `DecimalType(max(precision, scale), scale)` of the number text, or nil beyond 38 digits.
    static func decimalType(_ text: String) -> DataType? {
        guard let d = DecimalValue(parsing: text) else { return nil }
        var digits = String(d.unscaled < 0 ? 0 - d.unscaled : d.unscaled).count
        if d.unscaled == 0 { digits = 1 }
        let precision = max(digits, d.scale)
        return precision <= DataType.maxDecimalPrecision ? .decimal(precision: precision, scale: d.scale) : nil
    }

    /// Spark's `JsonInferSchema.compatibleType`.
    public static func merge(_ a: DataType, _ b: DataType) -> DataType {
        if a == b { return a }
        switch (a, b) {
        case (.null, let t), (let t, .null): return t
        case (.long, .double), (.double, .long): return .double
        case (.double, .decimal), (.decimal, .double): return .double
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            let scale = max(s1, s2), range = max(p1 - s1, p2 - s2)
            return range + scale > DataType.maxDecimalPrecision ? .double : .decimal(precision: range + scale, scale: scale)
        case (.decimal, .long): return merge(a, .decimal(precision: 20, scale: 0))
        case (.long, .decimal): return merge(.decimal(precision: 20, scale: 0), b)
        case (.struct(let s1), .struct(let s2)):
            var byName: [String: DataType] = [:]
            for f in s1.fields { byName[f.name] = f.dataType }
            for f in s2.fields { byName[f.name] = byName[f.name].map { merge($0, f.dataType) } ?? f.dataType }
            return .struct(StructType(byName.keys.sorted().map { StructField($0, byName[$0] ?? .null) }))
        case (.array(let e1, let n1), .array(let e2, let n2)):
            return .array(merge(e1, e2), containsNull: n1 || n2)
        default:
            return .string
        }
    }

    /// The type `schema_of_json` reports for one value: nulls become strings (an empty struct
    /// stays `STRUCT<>`).
    public static func canonicalizeForDisplay(_ t: DataType) -> DataType {
        canonicalize(t) ?? .struct(StructType())
    }

    /// Nulls become strings, empty structs and empty field names disappear.
    static func canonicalize(_ t: DataType) -> DataType? {
        switch t {
        case .null: return .string
        case .array(let e, let n): return canonicalize(e).map { .array($0, containsNull: n) }
        case .struct(let s):
            let fields = s.fields.filter { !$0.name.isEmpty }.compactMap { f in canonicalize(f.dataType).map { StructField(f.name, $0) } }
            return fields.isEmpty ? nil : .struct(StructType(fields))
        default: return t
        }
    }
}
