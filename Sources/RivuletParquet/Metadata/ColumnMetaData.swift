import RivuletCore

/// Where a column chunk's pages are and how they are encoded and compressed.
public struct ColumnMetaData: Sendable, Hashable {
    /// parquet.thrift `type`.
    public var type: PhysicalType
    /// Every encoding used by the chunk's pages (values and levels).
    public var encodings: [ParquetEncoding]
    /// The leaf's path from the root (without the root's name).
    public var pathInSchema: [String]
    /// parquet.thrift `codec`.
    public var codec: ParquetCompressionCodec
    /// Number of values including nulls (for repeated columns: leaf slots, not rows).
    public var numValues: Int64
    /// Bytes of all pages, headers included, before compression.
    public var totalUncompressedSize: Int64
    /// Bytes of all pages, headers included, as stored.
    public var totalCompressedSize: Int64
    /// parquet.thrift `key_value_metadata`.
    public var keyValueMetadata: [KeyValue]?
    /// File offset of the first data page.
    public var dataPageOffset: Int64
    /// parquet.thrift `index_page_offset`.
    public var indexPageOffset: Int64?
    /// File offset of the dictionary page, if any.
    public var dictionaryPageOffset: Int64?
    /// parquet.thrift `statistics`.
    public var statistics: Statistics?
    /// parquet.thrift `encoding_stats`.
    public var encodingStats: [PageEncodingStats]?
    /// parquet.thrift `bloom_filter_offset`.
    public var bloomFilterOffset: Int64?
    /// parquet.thrift `bloom_filter_length`.
    public var bloomFilterLength: Int32?

    /// Column metadata with the required fields (and optional ones).
    public init(
        type: PhysicalType, encodings: [ParquetEncoding], pathInSchema: [String], codec: ParquetCompressionCodec,
        numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64, keyValueMetadata: [KeyValue]? = nil,
        dataPageOffset: Int64, indexPageOffset: Int64? = nil, dictionaryPageOffset: Int64? = nil,
        statistics: Statistics? = nil, encodingStats: [PageEncodingStats]? = nil,
        bloomFilterOffset: Int64? = nil, bloomFilterLength: Int32? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
    }
}

extension ColumnMetaData: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> ColumnMetaData {
        var type: Int32?, encodings: [Int32]?, path: [String]?, codec: Int32?, numValues: Int64?
        var uncompressed: Int64?, compressed: Int64?, dataPageOffset: Int64?
        var kv: [KeyValue]?, indexPageOffset: Int64?, dictOffset: Int64?, stats: Statistics?
        var encStats: [PageEncodingStats]?, bloomOffset: Int64?, bloomLength: Int32?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: type = try r.i32(t, "ColumnMetaData.type")
            case 2: encodings = try r.i32List(t, "ColumnMetaData.encodings")
            case 3: path = try r.stringList(t, "ColumnMetaData.path_in_schema")
            case 4: codec = try r.i32(t, "ColumnMetaData.codec")
            case 5: numValues = try r.i64(t, "ColumnMetaData.num_values")
            case 6: uncompressed = try r.i64(t, "ColumnMetaData.total_uncompressed_size")
            case 7: compressed = try r.i64(t, "ColumnMetaData.total_compressed_size")
            case 8: kv = try r.structList(t, "ColumnMetaData.key_value_metadata", as: KeyValue.self)
            case 9: dataPageOffset = try r.i64(t, "ColumnMetaData.data_page_offset")
            case 10: indexPageOffset = try r.i64(t, "ColumnMetaData.index_page_offset")
            case 11: dictOffset = try r.i64(t, "ColumnMetaData.dictionary_page_offset")
            case 12: stats = try r.structValue(t, "ColumnMetaData.statistics", as: Statistics.self)
            case 13: encStats = try r.structList(t, "ColumnMetaData.encoding_stats", as: PageEncodingStats.self)
            case 14: bloomOffset = try r.i64(t, "ColumnMetaData.bloom_filter_offset")
            case 15: bloomLength = try r.i32(t, "ColumnMetaData.bloom_filter_length")
            default: return false
            }
            return true
        }
        let s = "ColumnMetaData"
        return ColumnMetaData(
            type: PhysicalType(rawValue: try r.required(type, "type", in: s)),
            encodings: try r.required(encodings, "encodings", in: s).map(ParquetEncoding.init(rawValue:)),
            pathInSchema: try r.required(path, "path_in_schema", in: s),
            codec: ParquetCompressionCodec(rawValue: try r.required(codec, "codec", in: s)),
            numValues: try r.required(numValues, "num_values", in: s),
            totalUncompressedSize: try r.required(uncompressed, "total_uncompressed_size", in: s),
            totalCompressedSize: try r.required(compressed, "total_compressed_size", in: s),
            keyValueMetadata: kv,
            dataPageOffset: try r.required(dataPageOffset, "data_page_offset", in: s),
            indexPageOffset: indexPageOffset, dictionaryPageOffset: dictOffset, statistics: stats,
            encodingStats: encStats, bloomFilterOffset: bloomOffset, bloomFilterLength: bloomLength)
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI32Field(1, type.rawValue)
        w.writeI32ListField(2, encodings.map(\.rawValue))
        w.writeStringListField(3, pathInSchema)
        w.writeI32Field(4, codec.rawValue)
        w.writeI64Field(5, numValues)
        w.writeI64Field(6, totalUncompressedSize)
        w.writeI64Field(7, totalCompressedSize)
        if let keyValueMetadata { w.writeStructListField(8, keyValueMetadata) }
        w.writeI64Field(9, dataPageOffset)
        if let indexPageOffset { w.writeI64Field(10, indexPageOffset) }
        if let dictionaryPageOffset { w.writeI64Field(11, dictionaryPageOffset) }
        if let statistics { w.writeStructField(12, statistics) }
        if let encodingStats { w.writeStructListField(13, encodingStats) }
        if let bloomFilterOffset { w.writeI64Field(14, bloomFilterOffset) }
        if let bloomFilterLength { w.writeI32Field(15, bloomFilterLength) }
        w.endStruct()
    }
}

/// One column's chunk within a row group.
public struct ColumnChunk: Sendable, Hashable {
    /// Set when the chunk lives in another file (not supported by the reader).
    public var filePath: String?
    /// Deprecated offset of the chunk's metadata; writers put the first page's offset or 0.
    public var fileOffset: Int64
    /// parquet.thrift `meta_data`.
    public var metaData: ColumnMetaData?
    /// parquet.thrift `offset_index_offset`.
    public var offsetIndexOffset: Int64?
    /// parquet.thrift `offset_index_length`.
    public var offsetIndexLength: Int32?
    /// parquet.thrift `column_index_offset`.
    public var columnIndexOffset: Int64?
    /// parquet.thrift `column_index_length`.
    public var columnIndexLength: Int32?

    /// A column chunk.
    public init(
        filePath: String? = nil, fileOffset: Int64, metaData: ColumnMetaData?, offsetIndexOffset: Int64? = nil,
        offsetIndexLength: Int32? = nil, columnIndexOffset: Int64? = nil, columnIndexLength: Int32? = nil
    ) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
    }
}

extension ColumnChunk: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> ColumnChunk {
        var c = ColumnChunk(fileOffset: 0, metaData: nil)
        var fileOffset: Int64?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: c.filePath = try r.string(t, "ColumnChunk.file_path")
            case 2: fileOffset = try r.i64(t, "ColumnChunk.file_offset")
            case 3: c.metaData = try r.structValue(t, "ColumnChunk.meta_data", as: ColumnMetaData.self)
            case 4: c.offsetIndexOffset = try r.i64(t, "ColumnChunk.offset_index_offset")
            case 5: c.offsetIndexLength = try r.i32(t, "ColumnChunk.offset_index_length")
            case 6: c.columnIndexOffset = try r.i64(t, "ColumnChunk.column_index_offset")
            case 7: c.columnIndexLength = try r.i32(t, "ColumnChunk.column_index_length")
            default: return false
            }
            return true
        }
        c.fileOffset = try r.required(fileOffset, "file_offset", in: "ColumnChunk")
        return c
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let filePath { w.writeStringField(1, filePath) }
        w.writeI64Field(2, fileOffset)
        if let metaData { w.writeStructField(3, metaData) }
        if let offsetIndexOffset { w.writeI64Field(4, offsetIndexOffset) }
        if let offsetIndexLength { w.writeI32Field(5, offsetIndexLength) }
        if let columnIndexOffset { w.writeI64Field(6, columnIndexOffset) }
        if let columnIndexLength { w.writeI32Field(7, columnIndexLength) }
        w.endStruct()
    }
}
