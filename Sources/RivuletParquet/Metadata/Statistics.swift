import RivuletCore

/// Column chunk or page statistics. Min/max are PLAIN-encoded values of the column's physical
/// type (byte arrays without a length prefix).
public struct Statistics: Sendable, Hashable {
    /// Deprecated max, ordered as signed bytes by old writers; prefer ``maxValue``.
    public var max: [UInt8]?
    /// Deprecated min; prefer ``minValue``.
    public var min: [UInt8]?
    /// parquet.thrift `null_count`.
    public var nullCount: Int64?
    /// parquet.thrift `distinct_count`.
    public var distinctCount: Int64?
    /// Max in the column's sort order.
    public var maxValue: [UInt8]?
    /// Min in the column's sort order.
    public var minValue: [UInt8]?
    /// parquet.thrift `is_max_value_exact`.
    public var isMaxValueExact: Bool?
    /// parquet.thrift `is_min_value_exact`.
    public var isMinValueExact: Bool?

    /// Statistics with the given fields.
    public init(
        max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil, isMaxValueExact: Bool? = nil, isMinValueExact: Bool? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
    }
}

extension Statistics: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> Statistics {
        var s = Statistics()
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: s.max = try r.binary(type, "Statistics.max")
            case 2: s.min = try r.binary(type, "Statistics.min")
            case 3: s.nullCount = try r.i64(type, "Statistics.null_count")
            case 4: s.distinctCount = try r.i64(type, "Statistics.distinct_count")
            case 5: s.maxValue = try r.binary(type, "Statistics.max_value")
            case 6: s.minValue = try r.binary(type, "Statistics.min_value")
            case 7: s.isMaxValueExact = try r.bool(type, "Statistics.is_max_value_exact")
            case 8: s.isMinValueExact = try r.bool(type, "Statistics.is_min_value_exact")
            default: return false
            }
            return true
        }
        return s
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let max { w.writeBinaryField(1, max) }
        if let min { w.writeBinaryField(2, min) }
        if let nullCount { w.writeI64Field(3, nullCount) }
        if let distinctCount { w.writeI64Field(4, distinctCount) }
        if let maxValue { w.writeBinaryField(5, maxValue) }
        if let minValue { w.writeBinaryField(6, minValue) }
        if let isMaxValueExact { w.writeBoolField(7, isMaxValueExact) }
        if let isMinValueExact { w.writeBoolField(8, isMinValueExact) }
        w.endStruct()
    }
}
