import RivuletCore

/// Header of a v1 data page: levels and values share one compressed block.
public struct DataPageHeader: Sendable, Hashable {
    /// Number of values including nulls (level entries).
    public var numValues: Int32
    /// parquet.thrift `encoding`.
    public var encoding: ParquetEncoding
    /// parquet.thrift `definition_level_encoding`.
    public var definitionLevelEncoding: ParquetEncoding
    /// parquet.thrift `repetition_level_encoding`.
    public var repetitionLevelEncoding: ParquetEncoding
    /// parquet.thrift `statistics`.
    public var statistics: Statistics?

    /// A v1 data page header.
    public init(
        numValues: Int32, encoding: ParquetEncoding, definitionLevelEncoding: ParquetEncoding = .rle,
        repetitionLevelEncoding: ParquetEncoding = .rle, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }
}

extension DataPageHeader: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> DataPageHeader {
        var n: Int32?, enc: Int32?, def: Int32?, rep: Int32?, stats: Statistics?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: n = try r.i32(t, "DataPageHeader.num_values")
            case 2: enc = try r.i32(t, "DataPageHeader.encoding")
            case 3: def = try r.i32(t, "DataPageHeader.definition_level_encoding")
            case 4: rep = try r.i32(t, "DataPageHeader.repetition_level_encoding")
            case 5: stats = try r.structValue(t, "DataPageHeader.statistics", as: Statistics.self)
            default: return false
            }
            return true
        }
        let s = "DataPageHeader"
        return DataPageHeader(
            numValues: try r.required(n, "num_values", in: s),
            encoding: ParquetEncoding(rawValue: try r.required(enc, "encoding", in: s)),
            definitionLevelEncoding: ParquetEncoding(rawValue: try r.required(def, "definition_level_encoding", in: s)),
            repetitionLevelEncoding: ParquetEncoding(rawValue: try r.required(rep, "repetition_level_encoding", in: s)),
            statistics: stats)
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI32Field(1, numValues)
        w.writeI32Field(2, encoding.rawValue)
        w.writeI32Field(3, definitionLevelEncoding.rawValue)
        w.writeI32Field(4, repetitionLevelEncoding.rawValue)
        if let statistics { w.writeStructField(5, statistics) }
        w.endStruct()
    }
}

/// Header of a v2 data page: levels are stored uncompressed before the (maybe compressed) values.
public struct DataPageHeaderV2: Sendable, Hashable {
    /// parquet.thrift `num_values`.
    public var numValues: Int32
    /// parquet.thrift `num_nulls`.
    public var numNulls: Int32
    /// parquet.thrift `num_rows`.
    public var numRows: Int32
    /// parquet.thrift `encoding`.
    public var encoding: ParquetEncoding
    /// Bytes of RLE definition levels (no length prefix).
    public var definitionLevelsByteLength: Int32
    /// Bytes of RLE repetition levels (no length prefix).
    public var repetitionLevelsByteLength: Int32
    /// Whether the values section is compressed (default true).
    public var isCompressed: Bool?
    /// parquet.thrift `statistics`.
    public var statistics: Statistics?

    /// A v2 data page header.
    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: ParquetEncoding,
        definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32, isCompressed: Bool? = nil,
        statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }
}

extension DataPageHeaderV2: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> DataPageHeaderV2 {
        var n: Int32?, nulls: Int32?, rows: Int32?, enc: Int32?, defLen: Int32?, repLen: Int32?
        var compressed: Bool?, stats: Statistics?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: n = try r.i32(t, "DataPageHeaderV2.num_values")
            case 2: nulls = try r.i32(t, "DataPageHeaderV2.num_nulls")
            case 3: rows = try r.i32(t, "DataPageHeaderV2.num_rows")
            case 4: enc = try r.i32(t, "DataPageHeaderV2.encoding")
            case 5: defLen = try r.i32(t, "DataPageHeaderV2.definition_levels_byte_length")
            case 6: repLen = try r.i32(t, "DataPageHeaderV2.repetition_levels_byte_length")
            case 7: compressed = try r.bool(t, "DataPageHeaderV2.is_compressed")
            case 8: stats = try r.structValue(t, "DataPageHeaderV2.statistics", as: Statistics.self)
            default: return false
            }
            return true
        }
        let s = "DataPageHeaderV2"
        return DataPageHeaderV2(
            numValues: try r.required(n, "num_values", in: s),
            numNulls: try r.required(nulls, "num_nulls", in: s),
            numRows: try r.required(rows, "num_rows", in: s),
            encoding: ParquetEncoding(rawValue: try r.required(enc, "encoding", in: s)),
            definitionLevelsByteLength: try r.required(defLen, "definition_levels_byte_length", in: s),
            repetitionLevelsByteLength: try r.required(repLen, "repetition_levels_byte_length", in: s),
            isCompressed: compressed, statistics: stats)
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI32Field(1, numValues)
        w.writeI32Field(2, numNulls)
        w.writeI32Field(3, numRows)
        w.writeI32Field(4, encoding.rawValue)
        w.writeI32Field(5, definitionLevelsByteLength)
        w.writeI32Field(6, repetitionLevelsByteLength)
        if let isCompressed { w.writeBoolField(7, isCompressed) }
        if let statistics { w.writeStructField(8, statistics) }
        w.endStruct()
    }
}

/// Header of a dictionary page (PLAIN-encoded values referenced by RLE_DICTIONARY data pages).
public struct DictionaryPageHeader: Sendable, Hashable {
    /// parquet.thrift `num_values`.
    public var numValues: Int32
    /// PLAIN (or the deprecated PLAIN_DICTIONARY, same layout).
    public var encoding: ParquetEncoding
    /// parquet.thrift `is_sorted`.
    public var isSorted: Bool?

    /// A dictionary page header.
    public init(numValues: Int32, encoding: ParquetEncoding = .plain, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }
}

extension DictionaryPageHeader: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> DictionaryPageHeader {
        var n: Int32?, enc: Int32?, sorted: Bool?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: n = try r.i32(t, "DictionaryPageHeader.num_values")
            case 2: enc = try r.i32(t, "DictionaryPageHeader.encoding")
            case 3: sorted = try r.bool(t, "DictionaryPageHeader.is_sorted")
            default: return false
            }
            return true
        }
        return DictionaryPageHeader(
            numValues: try r.required(n, "num_values", in: "DictionaryPageHeader"),
            encoding: ParquetEncoding(rawValue: try r.required(enc, "encoding", in: "DictionaryPageHeader")),
            isSorted: sorted)
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI32Field(1, numValues)
        w.writeI32Field(2, encoding.rawValue)
        if let isSorted { w.writeBoolField(3, isSorted) }
        w.endStruct()
    }
}

/// The header before every page of a column chunk.
public struct PageHeader: Sendable, Hashable {
    /// parquet.thrift `type`.
    public var type: PageType
    /// Bytes after the header once decompressed (v2: levels + values).
    public var uncompressedPageSize: Int32
    /// Bytes after the header as stored.
    public var compressedPageSize: Int32
    /// CRC32 of the stored page bytes, when the writer computed it.
    public var crc: Int32?
    /// parquet.thrift `data_page_header`.
    public var dataPageHeader: DataPageHeader?
    /// Whether the (empty) index page header was present.
    public var hasIndexPageHeader: Bool
    /// parquet.thrift `dictionary_page_header`.
    public var dictionaryPageHeader: DictionaryPageHeader?
    /// parquet.thrift `data_page_header_v2`.
    public var dataPageHeaderV2: DataPageHeaderV2?

    /// A page header.
    public init(
        type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil, hasIndexPageHeader: Bool = false,
        dictionaryPageHeader: DictionaryPageHeader? = nil, dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.hasIndexPageHeader = hasIndexPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }
}

extension PageHeader: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> PageHeader {
        var type: Int32?, usize: Int32?, csize: Int32?
        var h = PageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0)
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: type = try r.i32(t, "PageHeader.type")
            case 2: usize = try r.i32(t, "PageHeader.uncompressed_page_size")
            case 3: csize = try r.i32(t, "PageHeader.compressed_page_size")
            case 4: h.crc = try r.i32(t, "PageHeader.crc")
            case 5: h.dataPageHeader = try r.structValue(t, "PageHeader.data_page_header", as: DataPageHeader.self)
            case 6:
                try r.expect(t, .struct, field: "PageHeader.index_page_header")
                try r.skip(.struct)
                h.hasIndexPageHeader = true
            case 7: h.dictionaryPageHeader = try r.structValue(t, "PageHeader.dictionary_page_header", as: DictionaryPageHeader.self)
            case 8: h.dataPageHeaderV2 = try r.structValue(t, "PageHeader.data_page_header_v2", as: DataPageHeaderV2.self)
            default: return false
            }
            return true
        }
        h.type = PageType(rawValue: try r.required(type, "type", in: "PageHeader"))
        h.uncompressedPageSize = try r.required(usize, "uncompressed_page_size", in: "PageHeader")
        h.compressedPageSize = try r.required(csize, "compressed_page_size", in: "PageHeader")
        return h
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI32Field(1, type.rawValue)
        w.writeI32Field(2, uncompressedPageSize)
        w.writeI32Field(3, compressedPageSize)
        if let crc { w.writeI32Field(4, crc) }
        if let dataPageHeader { w.writeStructField(5, dataPageHeader) }
        if hasIndexPageHeader {
            w.beginStructField(6)
            w.endStruct()
        }
        if let dictionaryPageHeader { w.writeStructField(7, dictionaryPageHeader) }
        if let dataPageHeaderV2 { w.writeStructField(8, dataPageHeaderV2) }
        w.endStruct()
    }
}
