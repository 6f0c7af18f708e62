import RivuletCore

/// The unit of a ``LogicalType/time(isAdjustedToUTC:unit:)`` or
/// ``LogicalType/timestamp(isAdjustedToUTC:unit:)`` value.
public enum TimeUnit: Int16, Sendable, Hashable, CustomStringConvertible {
    case millis = 1, micros = 2, nanos = 3

    /// The parquet.thrift name.
    public var description: String {
        switch self {
        case .millis: return "MILLIS"
        case .micros: return "MICROS"
        case .nanos: return "NANOS"
        }
    }
}

extension TimeUnit: ThriftCodable {
    /// Reads the `TimeUnit` union (one empty struct whose field id is the unit).
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> TimeUnit {
        var unit: TimeUnit?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
            guard let u = TimeUnit(rawValue: id) else { return false }
            try r.expect(type, .struct, field: "TimeUnit.\(u)")
            try r.skip(.struct)
            unit = u
            return true
        }
        return try r.required(unit, "unit", in: "TimeUnit")
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.beginStructField(rawValue)
        w.endStruct()
        w.endStruct()
    }
}

/// A Parquet logical type annotation (the `LogicalType` union).
public enum LogicalType: Sendable, Hashable, CustomStringConvertible {
    case string
    case map
    case list
    case `enum`
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// `UNKNOWN` (NullType): the column is always null.
    case unknown
    case json
    case bson
    case uuid
    case float16
    case variant
    /// A union member this reader does not model (GEOMETRY, GEOGRAPHY, future ones), by field id.
    case other(fieldId: Int16)

    /// The parquet.thrift name.
    public var description: String {
        switch self {
        case .string: return "STRING"
        case .map: return "MAP"
        case .list: return "LIST"
        case .enum: return "ENUM"
        case .decimal(let s, let p): return "DECIMAL(\(p),\(s))"
        case .date: return "DATE"
        case .time(let utc, let u): return "TIME(\(u),\(utc))"
        case .timestamp(let utc, let u): return "TIMESTAMP(\(u),\(utc))"
        case .integer(let b, let s): return "INTEGER(\(b),\(s))"
        case .unknown: return "UNKNOWN"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .uuid: return "UUID"
        case .float16: return "FLOAT16"
        case .variant: return "VARIANT"
        case .other(let id): return "LogicalType(\(id))"
        }
    }

    /// The union field id of this member.
    public var fieldId: Int16 {
        switch self {
        case .string: return 1
        case .map: return 2
        case .list: return 3
        case .enum: return 4
        case .decimal: return 5
        case .date: return 6
        case .time: return 7
        case .timestamp: return 8
        case .integer: return 10
        case .unknown: return 11
        case .json: return 12
        case .bson: return 13
        case .uuid: return 14
        case .float16: return 15
        case .variant: return 16
        case .other(let id): return id
        }
    }
}

extension LogicalType: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> LogicalType {
        var result: LogicalType?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
            try r.expect(type, .struct, field: "LogicalType member \(id)")
            switch id {
            case 5:
                var scale: Int32?, precision: Int32?
                try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
                    switch id {
                    case 1: scale = try r.i32(type, "DecimalType.scale")
                    case 2: precision = try r.i32(type, "DecimalType.precision")
                    default: return false
                    }
                    return true
                }
                result = .decimal(
                    scale: try r.required(scale, "scale", in: "DecimalType"),
                    precision: try r.required(precision, "precision", in: "DecimalType"))
            case 7, 8:
                var utc: Bool?, unit: TimeUnit?
                try r.readStruct { (r: inout ThriftCompactReader, fid: Int16, type: ThriftType) throws(RivuletError) -> Bool in
                    switch fid {
                    case 1: utc = try r.bool(type, "isAdjustedToUTC")
                    case 2: unit = try r.structValue(type, "unit", as: TimeUnit.self)
                    default: return false
                    }
                    return true
                }
                let name = id == 7 ? "TimeType" : "TimestampType"
                let u = try r.required(utc, "isAdjustedToUTC", in: name)
                let un = try r.required(unit, "unit", in: name)
                result = id == 7 ? .time(isAdjustedToUTC: u, unit: un) : .timestamp(isAdjustedToUTC: u, unit: un)
            case 10:
                var width: Int8?, signed: Bool?
                try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
                    switch id {
                    case 1: width = try r.i8(type, "IntType.bitWidth")
                    case 2: signed = try r.bool(type, "IntType.isSigned")
                    default: return false
                    }
                    return true
                }
                result = .integer(
                    bitWidth: try r.required(width, "bitWidth", in: "IntType"),
                    isSigned: try r.required(signed, "isSigned", in: "IntType"))
            default:
                try r.skip(.struct)
                switch id {
                case 1: result = .string
                case 2: result = .map
                case 3: result = .list
                case 4: result = .enum
                case 6: result = .date
                case 11: result = .unknown
                case 12: result = .json
                case 13: result = .bson
                case 14: result = .uuid
                case 15: result = .float16
                case 16: result = .variant
                default: result = .other(fieldId: id)
                }
            }
            return true
        }
        return try r.required(result, "member", in: "LogicalType")
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.beginStructField(fieldId)
        switch self {
        case .decimal(let scale, let precision):
            w.writeI32Field(1, scale)
            w.writeI32Field(2, precision)
        case .time(let utc, let unit), .timestamp(let utc, let unit):
            w.writeBoolField(1, utc)
            w.writeStructField(2, unit)
        case .integer(let width, let signed):
            w.writeI8Field(1, width)
            w.writeBoolField(2, signed)
        default:
            break
        }
        w.endStruct()
        w.endStruct()
    }
}
