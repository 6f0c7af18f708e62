import RivuletCore

/// A horizontal slice of the file: one chunk per leaf column.
public struct RowGroup: Sendable, Hashable {
    /// One chunk per leaf column, in schema order.
    public var columns: [ColumnChunk]
    /// Uncompressed bytes of all column data.
    public var totalByteSize: Int64
    /// parquet.thrift `num_rows`.
    public var numRows: Int64
    /// parquet.thrift `sorting_columns`.
    public var sortingColumns: [SortingColumn]?
    /// Offset of the first page of the first column.
    public var fileOffset: Int64?
    /// parquet.thrift `total_compressed_size`.
    public var totalCompressedSize: Int64?
    /// parquet.thrift `ordinal`.
    public var ordinal: Int16?

    /// A row group.
    public init(
        columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, sortingColumns: [SortingColumn]? = nil,
        fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }
}

extension RowGroup: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> RowGroup {
        var columns: [ColumnChunk]?, total: Int64?, rows: Int64?
        var g = RowGroup(columns: [], totalByteSize: 0, numRows: 0)
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: columns = try r.structList(t, "RowGroup.columns", as: ColumnChunk.self)
            case 2: total = try r.i64(t, "RowGroup.total_byte_size")
            case 3: rows = try r.i64(t, "RowGroup.num_rows")
            case 4: g.sortingColumns = try r.structList(t, "RowGroup.sorting_columns", as: SortingColumn.self)
            case 5: g.fileOffset = try r.i64(t, "RowGroup.file_offset")
            case 6: g.totalCompressedSize = try r.i64(t, "RowGroup.total_compressed_size")
            case 7: g.ordinal = try r.i16(t, "RowGroup.ordinal")
            default: return false
            }
            return true
        }
        g.columns = try r.required(columns, "columns", in: "RowGroup")
        g.totalByteSize = try r.required(total, "total_byte_size", in: "RowGroup")
        g.numRows = try r.required(rows, "num_rows", in: "RowGroup")
        return g
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeStructListField(1, columns)
        w.writeI64Field(2, totalByteSize)
        w.writeI64Field(3, numRows)
        if let sortingColumns { w.writeStructListField(4, sortingColumns) }
        if let fileOffset { w.writeI64Field(5, fileOffset) }
        if let totalCompressedSize { w.writeI64Field(6, totalCompressedSize) }
        if let ordinal { w.writeI16Field(7, ordinal) }
        w.endStruct()
    }
}

/// The sort order used for a column's min/max statistics (the `ColumnOrder` union).
public enum ColumnOrder: Sendable, Hashable {
    /// The order defined by the column's logical type (signed for ints, unsigned bytes for strings).
    case typeDefinedOrder
    /// A union member this reader does not know, by field id.
    case other(fieldId: Int16)
}

extension ColumnOrder: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> ColumnOrder {
        var result: ColumnOrder?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            try r.skip(t)
            result = id == 1 ? .typeDefinedOrder : .other(fieldId: id)
            return true
        }
        return try r.required(result, "member", in: "ColumnOrder")
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        switch self {
        case .typeDefinedOrder: w.beginStructField(1)
        case .other(let id): w.beginStructField(id)
        }
        w.endStruct()
        w.endStruct()
    }
}

/// The file footer: schema, row groups and key/value metadata.
public struct FileMetaData: Sendable, Hashable {
    /// parquet.thrift `version`.
    public var version: Int32
    /// The schema flattened depth-first; element 0 is the root.
    public var schema: [SchemaElement]
    /// parquet.thrift `num_rows`.
    public var numRows: Int64
    /// parquet.thrift `row_groups`.
    public var rowGroups: [RowGroup]
    /// parquet.thrift `key_value_metadata`.
    public var keyValueMetadata: [KeyValue]?
    /// The writer, e.g. `parquet-cpp-arrow version 26.0.1`.
    public var createdBy: String?
    /// One per leaf column when present.
    public var columnOrders: [ColumnOrder]?

    /// File metadata.
    public init(
        version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
        keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }
}

extension FileMetaData: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> FileMetaData {
        var version: Int32?, schema: [SchemaElement]?, rows: Int64?, groups: [RowGroup]?
        var m = FileMetaData(version: 0, schema: [], numRows: 0, rowGroups: [])
        var encrypted = false
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, t: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: version = try r.i32(t, "FileMetaData.version")
            case 2: schema = try r.structList(t, "FileMetaData.schema", as: SchemaElement.self)
            case 3: rows = try r.i64(t, "FileMetaData.num_rows")
            case 4: groups = try r.structList(t, "FileMetaData.row_groups", as: RowGroup.self)
            case 5: m.keyValueMetadata = try r.structList(t, "FileMetaData.key_value_metadata", as: KeyValue.self)
            case 6: m.createdBy = try r.string(t, "FileMetaData.created_by")
            case 7: m.columnOrders = try r.structList(t, "FileMetaData.column_orders", as: ColumnOrder.self)
            case 8:
                encrypted = true
                return false
            default: return false
            }
            return true
        }
        if encrypted { throw .unsupported("Parquet file '\(r.source)' uses Parquet modular encryption, which is not supported") }
        m.version = try r.required(version, "version", in: "FileMetaData")
        m.schema = try r.required(schema, "schema", in: "FileMetaData")
        m.numRows = try r.required(rows, "num_rows", in: "FileMetaData")
        m.rowGroups = try r.required(groups, "row_groups", in: "FileMetaData")
        return m
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI32Field(1, version)
        w.writeStructListField(2, schema)
        w.writeI64Field(3, numRows)
        w.writeStructListField(4, rowGroups)
        if let keyValueMetadata { w.writeStructListField(5, keyValueMetadata) }
        if let createdBy { w.writeStringField(6, createdBy) }
        if let columnOrders { w.writeStructListField(7, columnOrders) }
        w.endStruct()
    }
}
