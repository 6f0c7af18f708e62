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
    /// ANSI day-time interval, stored as microseconds (`INTERVAL '1' DAY`, `INTERVAL 2 HOURS`), with
    /// Spark's start and end fields (`interval day`, `interval hour to second`); `.dayTimeInterval`
    /// alone is `interval day to second`, and a pattern `case .dayTimeInterval:` matches any fields.
    case dayTimeInterval(IntervalField, IntervalField)
    /// ANSI year-month interval, stored as months (`INTERVAL '1' YEAR`), with start and end fields
    /// (`interval year`, `interval month`, `interval year to month`).
    case yearMonthInterval(IntervalField, IntervalField)
    case array(DataType, containsNull: Bool)
    case map(DataType, DataType, valueContainsNull: Bool)
    case `struct`(StructType)

    /// `interval day to second`, Spark's default day-time interval type.
    public static var dayTimeInterval: DataType { .dayTimeInterval(.day, .second) }
    /// `interval year to month`, Spark's default year-month interval type.
    public static var yearMonthInterval: DataType { .yearMonthInterval(.year, .month) }

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
        case .dayTimeInterval(let a, let b), .yearMonthInterval(let a, let b):
            return a == b ? "interval \(a.name)" : "interval \(a.name) to \(b.name)"
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
    /// Whether this is an ANSI interval type (day-time or year-month, any fields).
    public var isInterval: Bool {
        switch self {
        case .dayTimeInterval, .yearMonthInterval: return true
        default: return false
        }
    }
    /// The interval type covering both operands' fields when both are intervals of the same
    /// kind (`interval hour` + `interval minute` is `interval hour to minute`), else nil.
    public func intervalWidened(with other: DataType) -> DataType? {
        switch (self, other) {
        case (.dayTimeInterval(let a, let b), .dayTimeInterval(let c, let d)): return .dayTimeInterval(min(a, c), max(b, d))
        case (.yearMonthInterval(let a, let b), .yearMonthInterval(let c, let d)): return .yearMonthInterval(min(a, c), max(b, d))
        default: return nil
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

/// A field of an ANSI interval type, in Spark's order (`YEAR`, `MONTH` for year-month intervals;
/// `DAY` ... `SECOND` for day-time intervals).
public enum IntervalField: Int, Sendable, Hashable, Comparable, CaseIterable {
    case year, month, day, hour, minute, second

    /// Lower-case name as type strings print it (`day`, `second`).
    public var name: String {
        switch self {
        case .year: return "year"
        case .month: return "month"
        case .day: return "day"
        case .hour: return "hour"
        case .minute: return "minute"
        case .second: return "second"
        }
    }

    /// The field for a unit word (`DAY`, `hours`, ...), or nil.
    public init?(name: String) {
        var w = name.lowercased()
        if w.hasSuffix("s"), w.count > 1 { w.removeLast() }
        switch w {
        case "year": self = .year
        case "month": self = .month
        case "day": self = .day
        case "hour": self = .hour
        case "minute": self = .minute
        case "second": self = .second
        default: return nil
        }
    }

    public static func < (a: IntervalField, b: IntervalField) -> Bool { a.rawValue < b.rawValue }
}
