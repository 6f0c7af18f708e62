import RivuletCore

/// A key/value pair of file or column metadata (pyarrow stores its Arrow schema under
/// `ARROW:schema`, Spark its schema under `org.apache.spark.sql.parquet.row.metadata`).
public struct KeyValue: Sendable, Hashable {
    /// parquet.thrift `key`.
    public var key: String
    /// parquet.thrift `value`.
    public var value: String?

    /// A key with an optional value.
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}

extension KeyValue: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> KeyValue {
        var key: String?, value: String?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: key = try r.string(type, "KeyValue.key")
            case 2: value = try r.string(type, "KeyValue.value")
            default: return false
            }
            return true
        }
        return KeyValue(key: try r.required(key, "key", in: "KeyValue"), value: value)
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeStringField(1, key)
        if let value { w.writeStringField(2, value) }
        w.endStruct()
    }
}
