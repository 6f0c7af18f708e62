/// One collected row: boxed values plus the schema they came from.
///
/// ```swift
/// let r = df.first()!
/// r["word"]          // .string("spark")
/// r.getLong(1)       // 3
/// ```
public struct Row: Sendable, Hashable, CustomStringConvertible {
    public var values: [Value]
    public var schema: StructType?

    public init(values: [Value], schema: StructType? = nil) {
        self.values = values
        self.schema = schema
    }

    public init(_ values: Value...) { self.init(values: values) }

    public var count: Int { values.count }
    public subscript(i: Int) -> Value { values[i] }
    public subscript(name: String) -> Value? { schema?.index(of: name).map { values[$0] } }

    public func isNullAt(_ i: Int) -> Bool { values[i].isNull }
    public func getString(_ i: Int) -> String? { values[i].stringValue }
    public func getLong(_ i: Int) -> Int64? { values[i].int64Value }
    public func getInt(_ i: Int) -> Int? { values[i].int64Value.map { Int($0) } }
    public func getDouble(_ i: Int) -> Double? { values[i].doubleValue }
    public func getBool(_ i: Int) -> Bool? { values[i].boolValue }

    /// `Row(word='a', count=3)` like PySpark's repr when the schema is known, else `[a,3]` like Scala.
    public var description: String {
        if let schema, schema.count == values.count {
            return "Row(" + zip(schema.fields, values).map { "\($0.name)=\(Self.repr($1))" }.joined(separator: ", ") + ")"
        }
        return "[" + values.map(\.description).joined(separator: ",") + "]"
    }

    private static func repr(_ v: Value) -> String {
        switch v {
        case .null: return "None"
        case .string(let s): return "'\(s)'"
        default: return v.description
        }
    }

    public static func == (a: Row, b: Row) -> Bool { a.values == b.values }
    public func hash(into h: inout Hasher) { h.combine(values) }
}
