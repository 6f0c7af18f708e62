import RivuletCore

/// A column a row group is sorted by.
public struct SortingColumn: Sendable, Hashable {
    /// Index of the leaf column in the row group.
    public var columnIdx: Int32
    /// parquet.thrift `descending`.
    public var descending: Bool
    /// parquet.thrift `nulls_first`.
    public var nullsFirst: Bool

    /// A sorting column.
    public init(columnIdx: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIdx = columnIdx
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

extension SortingColumn: ThriftCodable {
    public static func read(from r: inout ThriftCompactReader) throws(RivuletError) -> SortingColumn {
        var idx: Int32?, desc: Bool?, nullsFirst: Bool?
        try r.readStruct { (r: inout ThriftCompactReader, id: Int16, type: ThriftType) throws(RivuletError) -> Bool in
            switch id {
            case 1: idx = try r.i32(type, "SortingColumn.column_idx")
            case 2: desc = try r.bool(type, "SortingColumn.descending")
            case 3: nullsFirst = try r.bool(type, "SortingColumn.nulls_first")
            default: return false
            }
            return true
        }
        return SortingColumn(
            columnIdx: try r.required(idx, "column_idx", in: "SortingColumn"),
            descending: try r.required(desc, "descending", in: "SortingColumn"),
            nullsFirst: try r.required(nullsFirst, "nulls_first", in: "SortingColumn"))
    }

    public func write(to w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.writeI32Field(1, columnIdx)
        w.writeBoolField(2, descending)
        w.writeBoolField(3, nullsFirst)
        w.endStruct()
    }
}
