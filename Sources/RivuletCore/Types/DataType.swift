/// A Spark SQL data type.
///
/// Names follow Spark: ``simpleString`` is what DDL and `cast` use (`bigint`, `array<string>`),
/// ``typeName`` is what `printSchema()` prints (`long`, `array`).
///
/// ```swift
/// let t: DataType = .array(.string, containsNull: true)
/// t.simpleString   // "array<string>"
/// ```
public indirect enum DataType: Sendable, Hashable, CustomStringConvertible {
    case null
    case boolean
    case byte, short, integer, long
    case float, double
    /// Fixed-point decimal; precision at most ``DataType/maxDecimalPrecision``.
    case decimal(precision: Int, scale: Int)
    case string
    case binary
    /// Days since 1970-01-01.
    case date
    /// Microseconds since the epoch, UTC.
    case timestamp
    /// ANSI day-time interval, stored as microseconds (`INTERVAL '1' DAY`, `INTERVAL 2 HOURS`).
    case dayTimeInterval
    /// ANSI year-month interval, stored as months (`INTERVAL '1' YEAR`).
    case yearMonthInterval
    case array(DataType, containsNull: Bool)
    case map(DataType, DataType, valueContainsNull: Bool)
    case `struct`(StructType)

    public static let maxDecimalPrecision = 38
    /// `decimal` with Spark's defaults (10, 0).
    public static let defaultDecimal = DataType.decimal(precision: 10, scale: 0)

    /// Convenience for `array<element>` with nullable elements.
    public static func array(_ element: DataType) -> DataType { .array(element, containsNull: true) }
    /// Convenience for `map<key,value>` with nullable values.
    public static func map(_ key: DataType, _ value: DataType) -> DataType { .map(key, value, valueContainsNull: true) }

    /// The DDL / `cast` name: `int`, `bigint`, `decimal(10,2)`, `array<string>`, `struct<a:int>`.
    public var simpleString: String {
        switch self {
        case .null: return "void"
        case .boolean: return "boolean"
        case .byte: return "tinyint"
        case .short: return "smallint"
        case .integer: return "int"
        case .long: return "bigint"
        case .float: return "float"
        case .double: return "double"
        case .decimal(let p, let s): return "decimal(\(p),\(s))"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .dayTimeInterval: return "interval day to second"
        case .yearMonthInterval: return "interval year to month"
        case .array(let e, _): return "array<\(e.simpleString)>"
        case .map(let k, let v, _): return "map<\(k.simpleString),\(v.simpleString)>"
        case .struct(let s): return "struct<" + s.fields.map { "\($0.name):\($0.dataType.simpleString)" }.joined(separator: ",") + ">"
        }
    }

    /// The name `printSchema()` prints: `integer`, `long`, `string`, `array`, `struct`, ...
    public var typeName: String {
        switch self {
        case .null: return "void"
        case .byte: return "byte"
        case .short: return "short"
        case .integer: return "integer"
        case .long: return "long"
        case .array: return "array"
        case .map: return "map"
        case .struct: return "struct"
        default: return simpleString
        }
    }

    /// Spark's `DataType.sql` form (upper case), used in error messages: `"INT"`, `"ARRAY<STRING>"`.
    public var sql: String {
        switch self {
        case .array(let e, _): return "ARRAY<\(e.sql)>"
        case .map(let k, let v, _): return "MAP<\(k.sql), \(v.sql)>"
        case .struct(let s): return "STRUCT<" + s.fields.map { "\($0.name): \($0.dataType.sql)" }.joined(separator: ", ") + ">"
        case .decimal(let p, let s): return "DECIMAL(\(p),\(s))"
        default: return simpleString.uppercased()
        }
    }

    public var description: String { simpleString }

    public var isNumeric: Bool {
        switch self {
        case .byte, .short, .integer, .long, .float, .double, .decimal: return true
        default: return false
        }
    }
    public var isIntegral: Bool {
        switch self {
        case .byte, .short, .integer, .long: return true
        default: return false
        }
    }
    public var isFractional: Bool {
        switch self {
        case .float, .double: return true
        default: return false
        }
    }
    public var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }
    /// Whether values of the type are atomic (not array, map or struct).
    public var isAtomic: Bool {
        switch self {
        case .array, .map, .struct: return false
        default: return true
        }
    }
    /// True for types that can be compared with `<` (everything but map).
    public var isOrderable: Bool {
        switch self {
        case .map: return false
        case .array(let e, _): return e.isOrderable
        case .struct(let s): return s.fields.allSatisfy { $0.dataType.isOrderable }
        default: return true
        }
    }

    /// Same type ignoring nullability flags of nested elements.
    public func sameType(_ other: DataType) -> Bool { withNullability() == other.withNullability() }

    private func withNullability() -> DataType {
        switch self {
        case .array(let e, _): return .array(e.withNullability(), containsNull: true)
        case .map(let k, let v, _): return .map(k.withNullability(), v.withNullability(), valueContainsNull: true)
        case .struct(let s):
            return .struct(StructType(s.fields.map { StructField($0.name, $0.dataType.withNullability(), nullable: true) }))
        default: return self
        }
    }

    /// The decimal type that holds every value of an integral type (Spark's `DecimalType.forType`).
    public var asDecimal: DataType? {
        switch self {
        case .byte: return .decimal(precision: 3, scale: 0)
        case .short: return .decimal(precision: 5, scale: 0)
        case .integer: return .decimal(precision: 10, scale: 0)
        case .long: return .decimal(precision: 20, scale: 0)
        case .float: return .decimal(precision: 14, scale: 7)
        case .double: return .decimal(precision: 30, scale: 15)
        case .decimal: return self
        default: return nil
        }
    }

    /// Rank in Spark's numeric widening order: byte < short < int < long < decimal < float < double.
    public var numericPrecedence: Int? {
        switch self {
        case .byte: return 0
        case .short: return 1
        case .integer: return 2
        case .long: return 3
        case .decimal: return 4
        case .float: return 5
        case .double: return 6
        default: return nil
        }
    }
}
