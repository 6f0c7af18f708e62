import RivuletCore
import RivuletSQL

/// Building DataFrames from Swift values.
extension SparkSession {
    /// A DataFrame from rows of boxed values and a schema.
    ///
    /// ```swift
    /// let df = try spark.createDataFrame([[.string("a"), .int(1)]], schema: "name STRING, n INT")
    /// ```
    public func createDataFrame(_ rows: [[Value]], schema: StructType) throws(RivuletError) -> DataFrame {
        for (i, r) in rows.enumerated() where r.count != schema.count {
            throw .analysis("Row \(i) has \(r.count) values but the schema has \(schema.count) fields", errorClass: "AXIS_LENGTH_MISMATCH")
        }
        let batch = RecordBatch(schema: schema, rows: rows)
        let output = schema.fields.map { AttributeReference(name: $0.name, dataType: $0.dataType, nullable: $0.nullable) }
        return try DataFrame(session: self, plan: .localRelation(LocalRelation(output: output, batches: [batch])))
    }

    /// A DataFrame from rows of boxed values and a DDL schema string.
    public func createDataFrame(_ rows: [[Value]], schema ddl: String) throws(RivuletError) -> DataFrame {
        try createDataFrame(rows, schema: StructType.fromDDL(ddl))
    }

    /// A DataFrame from `Row`s.
    public func createDataFrame(_ rows: [Row], schema: StructType) throws(RivuletError) -> DataFrame {
        try createDataFrame(rows.map(\.values), schema: schema)
    }

    /// A DataFrame from plain Swift values, inferring column types (like PySpark's
    /// `createDataFrame([(1, "a")], ["id", "name"])`).
    ///
    /// ```swift
    /// let df = try spark.createDataFrame([[1, "a"], [2, nil]], columns: ["id", "name"])
    /// ```
    public func createDataFrame(_ rows: [[(any ValueConvertible)?]], columns: [String]) throws(RivuletError) -> DataFrame {
        var types = [DataType](repeating: .null, count: columns.count)
        var boxed: [[Value]] = []
        for (i, r) in rows.enumerated() {
            guard r.count == columns.count else {
                throw .analysis("Row \(i) has \(r.count) values but \(columns.count) column names were given", errorClass: "AXIS_LENGTH_MISMATCH")
            }
            var out: [Value] = []
            for (j, v) in r.enumerated() {
                guard let v else { out.append(.null); continue }
                let (value, type) = (v.sparkValue, v.sparkType)
                if types[j] == .null {
                    types[j] = type
                } else if !types[j].sameType(type) {
                    guard let w = TypeCoercion.findWiderType(types[j], type) else {
                        throw .analysis("Column '\(columns[j])' mixes \(types[j].simpleString) and \(type.simpleString) values", errorClass: "CANNOT_MERGE_TYPE")
                    }
                    types[j] = w
                }
                out.append(value)
            }
            boxed.append(out)
        }
        let schema = StructType(zip(columns, types).map { StructField($0, $1 == .null ? .string : $1) })
        return try createDataFrame(boxed, schema: schema)
    }
}

/// Swift values that convert to a Spark value (`Int` → bigint, `Int32` → int, `Double`, `String`,
/// `Bool`, arrays of those).
public protocol ValueConvertible: Sendable {
    var sparkValue: Value { get }
    var sparkType: DataType { get }
}

extension Int: ValueConvertible {
    public var sparkValue: Value { .long(Int64(self)) }
    public var sparkType: DataType { .long }
}
extension Int64: ValueConvertible {
    public var sparkValue: Value { .long(self) }
    public var sparkType: DataType { .long }
}
extension Int32: ValueConvertible {
    public var sparkValue: Value { .int(self) }
    public var sparkType: DataType { .integer }
}
extension Double: ValueConvertible {
    public var sparkValue: Value { .double(self) }
    public var sparkType: DataType { .double }
}
extension Float: ValueConvertible {
    public var sparkValue: Value { .float(self) }
    public var sparkType: DataType { .float }
}
extension String: ValueConvertible {
    public var sparkValue: Value { .string(self) }
    public var sparkType: DataType { .string }
}
extension Bool: ValueConvertible {
    public var sparkValue: Value { .boolean(self) }
    public var sparkType: DataType { .boolean }
}
extension Array: ValueConvertible where Element: ValueConvertible {
    public var sparkValue: Value { .array(map(\.sparkValue)) }
    public var sparkType: DataType { .array(first?.sparkType ?? .string, containsNull: false) }
}
