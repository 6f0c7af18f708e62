/// One named field of a ``StructType``.
public struct StructField: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var dataType: DataType
    public var nullable: Bool
    /// Free-form field comment (`COMMENT '...'` in DDL).
    public var comment: String?

    public init(_ name: String, _ dataType: DataType, nullable: Bool = true, comment: String? = nil) {
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.comment = comment
    }

    public var description: String { "StructField(\(name),\(dataType.simpleString),\(nullable))" }
}

/// An ordered list of named, typed fields: the schema of a ``RecordBatch`` and of a DataFrame.
///
/// ```swift
/// let schema = try StructType.fromDDL("ts TIMESTAMP, key STRING, v DOUBLE, tags ARRAY<STRING>")
/// print(schema.treeString)
/// // root
/// //  |-- ts: timestamp (nullable = true)
/// //  ...
/// ```
public struct StructType: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var fields: [StructField]

    public init(_ fields: [StructField] = []) { self.fields = fields }
    public init(arrayLiteral elements: StructField...) { self.fields = elements }

    public var count: Int { fields.count }
    public var names: [String] { fields.map(\.name) }
    public subscript(i: Int) -> StructField { fields[i] }

    /// Index of the field called `name` (case-insensitive like Spark's default resolver).
    public func index(of name: String) -> Int? {
        if let i = fields.firstIndex(where: { $0.name == name }) { return i }
        let lower = name.lowercased()
        return fields.firstIndex { $0.name.lowercased() == lower }
    }

    public subscript(name: String) -> StructField? { index(of: name).map { fields[$0] } }

    /// Returns a copy with one more field.
    public func adding(_ name: String, _ type: DataType, nullable: Bool = true) -> StructType {
        StructType(fields + [StructField(name, type, nullable: nullable)])
    }

    /// The schema as a DDL string: `a INT, b STRING`.
    public var ddl: String {
        fields.map { "\(quoteIdentifierIfNeeded($0.name)) \($0.dataType.sql)" + ($0.nullable ? "" : " NOT NULL") }
            .joined(separator: ", ")
    }

    /// Spark's `StructType.simpleString`: `struct<a:int,b:string>`.
    public var simpleString: String { DataType.struct(self).simpleString }

    public var description: String { "StructType(" + fields.map(\.description).joined(separator: ",") + ")" }

    /// The tree `printSchema()` prints, exactly in Spark's layout.
    public var treeString: String {
        var out = "root\n"
        for f in fields { Self.appendTree(field: f, prefix: " |", into: &out) }
        return out
    }

    private static func appendTree(field f: StructField, prefix: String, into out: inout String) {
        out += "\(prefix)-- \(f.name): \(f.dataType.typeName) (nullable = \(f.nullable))\n"
        appendChildren(f.dataType, prefix: prefix + "    |", into: &out)
    }

    private static func appendChildren(_ t: DataType, prefix: String, into out: inout String) {
        switch t {
        case .struct(let s):
            for f in s.fields { appendTree(field: f, prefix: prefix, into: &out) }
        case .array(let e, let containsNull):
            out += "\(prefix)-- element: \(e.typeName) (containsNull = \(containsNull))\n"
            appendChildren(e, prefix: prefix + "    |", into: &out)
        case .map(let k, let v, let valueContainsNull):
            out += "\(prefix)-- key: \(k.typeName)\n"
            appendChildren(k, prefix: prefix + "    |", into: &out)
            out += "\(prefix)-- value: \(v.typeName) (valueContainsNull = \(valueContainsNull))\n"
            appendChildren(v, prefix: prefix + "    |", into: &out)
        default:
            break
        }
    }
}

/// Back-quotes an identifier unless it is a plain `[A-Za-z_][A-Za-z0-9_]*` name.
public func quoteIdentifierIfNeeded(_ name: String) -> String {
    let plain = !name.isEmpty && name.unicodeScalars.enumerated().allSatisfy { i, c in
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (i > 0 && c >= "0" && c <= "9")
    }
    if plain { return name }
    var quoted = "`"
    for c in name { quoted += c == "`" ? "``" : String(c) }
    return quoted + "`"
}
