import RivuletCore

/// Maps a Spark schema to the Parquet schema Spark (parquet-mr, non-legacy format) writes:
///
/// - root group `spark_schema`; a nullable field is OPTIONAL, a non-nullable one REQUIRED
/// - boolean → BOOLEAN; byte / short → INT32 with INTEGER(8 / 16, signed); int → INT32;
///   long → INT64; float → FLOAT; double → DOUBLE
/// - string → BYTE_ARRAY STRING; binary → BYTE_ARRAY
/// - date → INT32 DATE; timestamp → INT64 TIMESTAMP(MICROS, isAdjustedToUTC = true)
/// - decimal(p, s) → INT32 (p ≤ 9), INT64 (p ≤ 18) or FIXED_LEN_BYTE_ARRAY of the fewest bytes
///   that hold p digits, annotated DECIMAL(p, s)
/// - interval year to month → INT32, interval day to second → INT64 (Spark 3.3+), un-annotated
/// - void (NullType) → INT32 with the UNKNOWN (null) logical type
/// - struct → group; array → `<name> (LIST) { repeated group list { <element> } }`;
///   map → `<name> (MAP) { repeated group key_value { required key; value } }`
///
/// Both the logical type and its legacy converted type are written, as parquet-mr does.
///
/// ```swift
/// let elements = try SparkParquetSchema.schemaElements(for: StructType([StructField("id", .long)]))
/// elements.map(\.name)   // ["spark_schema", "id"]
/// ```
public enum SparkParquetSchema {
    /// The name of the root group in files Spark writes.
    public static let rootName = "spark_schema"

    /// The flattened (depth-first) Parquet schema of `schema`.
    public static func schemaElements(for schema: StructType) throws(RivuletError) -> [SchemaElement] {
        try build(schema).elements
    }

    /// The schema elements and the writer's description of every leaf column, in file order.
    static func build(_ schema: StructType) throws(RivuletError) -> (elements: [SchemaElement], leaves: [LeafColumnSpec]) {
        var b = Builder()
        b.elements.append(SchemaElement(name: rootName, numChildren: Int32(schema.count)))
        for f in schema.fields {
            try b.add(name: f.name, type: f.dataType, nullable: f.nullable, path: [], definition: 0, repetition: 0)
        }
        return (b.elements, b.leaves)
    }

    /// Bytes of the FIXED_LEN_BYTE_ARRAY holding a decimal of `precision` digits (Spark's
    /// `Decimal.minBytesForPrecision`).
    public static func decimalByteWidth(precision: Int) -> Int {
        var bytes = 1
        while Double.pow2(8 * bytes - 1) < Double.pow10(precision) { bytes += 1 }
        return bytes
    }

    private struct Builder {
        var elements: [SchemaElement] = []
        var leaves: [LeafColumnSpec] = []

        mutating func add(
            name: String, type: DataType, nullable: Bool, path: [String], definition: UInt16, repetition: UInt16
        ) throws(RivuletError) {
            let rep: FieldRepetitionType = nullable ? .optional : .required
            let d = definition + (nullable ? 1 : 0)
            let myPath = path + [name]
            switch type {
            case .struct(let st):
                guard st.count > 0 else {
                    throw RivuletError(
                        .analysis,
                        "Parquet data source does not support writing empty or nested empty schemas: column `\(myPath.joined(separator: "."))` is an empty struct",
                        errorClass: "EMPTY_SCHEMA_NOT_SUPPORTED_FOR_DATASOURCE")
                }
                elements.append(SchemaElement(name: name, repetitionType: rep, numChildren: Int32(st.count)))
                for f in st.fields {
                    try add(name: f.name, type: f.dataType, nullable: f.nullable, path: myPath, definition: d, repetition: repetition)
                }
            case .array(let element, let containsNull):
                elements.append(SchemaElement(name: name, repetitionType: rep, numChildren: 1, convertedType: .list, logicalType: .list))
                elements.append(SchemaElement(name: "list", repetitionType: .repeated, numChildren: 1))
                try add(
                    name: "element", type: element, nullable: containsNull, path: myPath + ["list"],
                    definition: d + 1, repetition: repetition + 1)
            case .map(let key, let value, let valueContainsNull):
                elements.append(SchemaElement(name: name, repetitionType: rep, numChildren: 1, convertedType: .map, logicalType: .map))
                elements.append(SchemaElement(name: "key_value", repetitionType: .repeated, numChildren: 2))
                try add(name: "key", type: key, nullable: false, path: myPath + ["key_value"], definition: d + 1, repetition: repetition + 1)
                try add(
                    name: "value", type: value, nullable: valueContainsNull, path: myPath + ["key_value"],
                    definition: d + 1, repetition: repetition + 1)
            default:
                let p = try primitive(type, path: myPath)
                var e = SchemaElement(
                    name: name, type: p.physical, repetitionType: rep, convertedType: p.converted, logicalType: p.logical)
                if case .fixedLenByteArray(let w) = p.kind { e.typeLength = Int32(w) }
                if case .decimal(let precision, let scale) = type {
                    e.precision = Int32(precision)
                    e.scale = Int32(scale)
                }
                elements.append(e)
                leaves.append(
                    LeafColumnSpec(
                        path: myPath, physicalType: p.physical, kind: p.kind, sparkType: type,
                        maxDefinition: d, maxRepetition: repetition, signedOrder: p.signedOrder))
            }
        }

        private func primitive(_ type: DataType, path: [String]) throws(RivuletError) -> Primitive {
            switch type {
            case .boolean: return Primitive(.boolean, .boolean)
            case .byte: return Primitive(.int32, .int32, logical: .integer(bitWidth: 8, isSigned: true), converted: .int8)
            case .short: return Primitive(.int32, .int32, logical: .integer(bitWidth: 16, isSigned: true), converted: .int16)
            case .integer, .yearMonthInterval: return Primitive(.int32, .int32)
            case .long, .dayTimeInterval: return Primitive(.int64, .int64)
            case .float: return Primitive(.float, .float)
            case .double: return Primitive(.double, .double)
            case .string: return Primitive(.byteArray, .byteArray, logical: .string, converted: .utf8, signedOrder: false)
            case .binary: return Primitive(.byteArray, .byteArray, signedOrder: false)
            case .date: return Primitive(.int32, .int32, logical: .date, converted: .date)
            case .timestamp:
                return Primitive(.int64, .int64, logical: .timestamp(isAdjustedToUTC: true, unit: .micros), converted: .timestampMicros)
            case .decimal(let precision, let scale):
                guard precision >= 1, precision <= DataType.maxDecimalPrecision, scale >= 0, scale <= precision else {
                    throw .analysis("Cannot write column `\(path.joined(separator: "."))` to Parquet: invalid type \(type.sql)")
                }
                let logical = LogicalType.decimal(scale: Int32(scale), precision: Int32(precision))
                if precision <= 9 { return Primitive(.int32, .int32, logical: logical, converted: .decimal) }
                if precision <= 18 { return Primitive(.int64, .int64, logical: logical, converted: .decimal) }
                let width = SparkParquetSchema.decimalByteWidth(precision: precision)
                return Primitive(.fixedLenByteArray, .fixedLenByteArray(width), logical: logical, converted: .decimal)
            case .null: return Primitive(.int32, .none, logical: .unknown)
            default:
                throw RivuletError(
                    .analysis,
                    "The Parquet datasource doesn't support the column `\(path.joined(separator: "."))` of the type \"\(type.sql)\".",
                    errorClass: "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE")
            }
        }
    }

    private struct Primitive {
        var physical: PhysicalType
        var kind: LeafValueKind
        var logical: LogicalType?
        var converted: ConvertedType?
        var signedOrder: Bool

        init(
            _ physical: PhysicalType, _ kind: LeafValueKind, logical: LogicalType? = nil, converted: ConvertedType? = nil,
            signedOrder: Bool = true
        ) {
            self.physical = physical
            self.kind = kind
            self.logical = logical
            self.converted = converted
            self.signedOrder = signedOrder
        }
    }
}

/// The writer's description of one leaf (primitive) column of the Parquet schema.
struct LeafColumnSpec: Sendable {
    /// Names from the top-level field down (`path_in_schema`).
    var path: [String]
    var physicalType: PhysicalType
    var kind: LeafValueKind
    /// The Spark type of the leaf's values.
    var sparkType: DataType
    var maxDefinition: UInt16
    var maxRepetition: UInt16
    /// Whether min / max compare as signed values (everything but strings and binary).
    var signedOrder: Bool

    /// The dotted path, for messages.
    var dottedPath: String { path.joined(separator: ".") }
}

extension Double {
    fileprivate static func pow2(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<max(0, n) { r *= 2 }
        return r
    }

    fileprivate static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<max(0, n) { r *= 10 }
        return r
    }
}
