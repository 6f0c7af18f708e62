import RivuletCore

/// How many pages of a type used an encoding.
public struct PageEncodingStats: Sendable, Hashable {
    /// parquet.thrift `page_type`.
    public var pageType: PageType
    /// parquet.thrift `encoding`.
    public var encoding: ParquetEncoding
    /// parquet.thrift `count`.
    public var count: Int32

    /// Encoding statistics for one page type.
    public init(pageType: PageType, encoding: ParquetEncoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

extension PageEncodingStats: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> PageEncodingStats {
        var pt: Int32?, enc: Int32?, count: Int32?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: pt = try r.i32(type, "PageEncodingStats.page_type")
            case 2: enc = try r.i32(type, "PageEncodingStats.encoding")
            case 3: count = try r.i32(type, "PageEncodingStats.count")
            default: return false
            }
            return true
        }
        return PageEncodingStats(
            pageType: PageType(rawValue: try r.required(pt, "page_type", in: "PageEncodingStats")),
            encoding: ParquetEncoding(rawValue: try r.required(enc, "encoding", in: "PageEncodingStats")),
            count: try r.required(count, "count", in: "PageEncodingStats"))
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI32Field(1, pageType.rawValue)
        w.writeI32Field(2, encoding.rawValue)
        w.writeI32Field(3, count)
        w.endStruct()
    }
}
