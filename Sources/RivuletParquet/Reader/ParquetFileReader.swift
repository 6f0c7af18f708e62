import RivuletCore

/// Reads a Parquet file into ``RecordBatch``es, one per row group.
///
/// The footer is read and validated on `init`; `read` decodes only the column chunks of the
/// requested columns (a file on disk is read with one `pread` per needed chunk) and skips row
/// groups whose statistics prove a pushed-down predicate cannot match.
///
/// ```swift
/// let reader = try ParquetFileReader(path: "events.parquet")
/// print(reader.schema.treeString)
/// let batches = try reader.read(columns: ["ts", "user"], predicate: .greaterThan("ts", .timestamp(t0)))
/// ```
///
/// Types follow Spark's Parquet mapping. Deliberate differences: TIMESTAMP with
/// `isAdjustedToUTC = false` reads as `timestamp` (Rivulet has no TIMESTAMP_NTZ type; the stored
/// wall-clock value is kept, not shifted), TIMESTAMP(NANOS) is truncated to microseconds instead
/// of being refused, FLOAT16 reads as `float`.
public final class ParquetFileReader: Sendable {
    /// The file name used in errors (the path, or the name given with the bytes).
    public let name: String
    /// The decoded footer.
    public let metadata: FileMetaData
    /// The file's columns as Spark types.
    public let schema: StructType

    let source: FileSource
    let root: SchemaNode
    /// One plan per top-level field, aligned with ``schema``.
    let plans: [ReadPlan]
    let fileSize: Int

    /// Opens the file at `path` and validates its footer (magic bytes, footer length, schema).
    public init(path: String) throws(RivuletError) {
        let handle = try FileSource.open(path: path)
        let size = handle.size
        try Self.checkSize(size, name: path)
        let tail = try FileSource.read(handle, (size - 8)..<size, path: path)
        let head = try FileSource.read(handle, 0..<4, path: path)
        let footerRange = try Self.footerRange(head: head, tail: tail, size: size, name: path)
        let footer = try FileSource.read(handle, footerRange, path: path)
        var r = ThriftCompactReader(bytes: footer, source: path)
        (name, source, fileSize) = (path, .file(path: path, size: size), size)
        (metadata, root, schema, plans) = try Self.decodeFooter(&r, name: path, dataEnd: footerRange.lowerBound)
    }

    /// Reads a Parquet file held in memory; `name` is used in errors.
    public init(bytes: [UInt8], name: String) throws(RivuletError) {
        let size = bytes.count
        try Self.checkSize(size, name: name)
        let footerRange = try Self.footerRange(head: Array(bytes[0..<4]), tail: Array(bytes[(size - 8)...]), size: size, name: name)
        var r = ThriftCompactReader(bytes: bytes, range: footerRange, source: name)
        (self.name, source, fileSize) = (name, .memory(bytes), size)
        (metadata, root, schema, plans) = try Self.decodeFooter(&r, name: name, dataEnd: footerRange.lowerBound)
    }

    /// Total rows in the file.
    public var numRows: Int64 { metadata.numRows }
    /// Number of row groups.
    public var rowGroupCount: Int { metadata.rowGroups.count }

    // MARK: footer

    static let magic: [UInt8] = Array("PAR1".utf8)

    private static func checkSize(_ size: Int, name: String) throws(RivuletError) {
        guard size >= 12 else {
            throw .io("Parquet file '\(name)' is too small (\(size) bytes) to be a Parquet file")
        }
    }

    private static func footerRange(head: [UInt8], tail: [UInt8], size: Int, name: String) throws(RivuletError) -> Range<Int> {
        let end = Array(tail[4..<8])
        if end == Array("PARE".utf8) {
            throw .unsupported("Parquet file '\(name)' has an encrypted footer; Parquet modular encryption is not supported")
        }
        guard end == magic else {
            throw .io("'\(name)' is not a Parquet file: expected magic number PAR1 at the end but found \(hex(end))")
        }
        guard head == magic else {
            throw .io("'\(name)' is not a Parquet file: expected magic number PAR1 at the start but found \(hex(head))")
        }
        let len = Int(tail[0]) | Int(tail[1]) << 8 | Int(tail[2]) << 16 | Int(tail[3]) << 24
        guard len > 0, len <= size - 12 else {
            throw .io("Corrupt Parquet file '\(name)': footer length \(len) does not fit in a file of \(size) bytes")
        }
        return (size - 8 - len)..<(size - 8)
    }

    private static func hex(_ b: [UInt8]) -> String { b.map { String($0, radix: 16) }.joined(separator: " ") }

    private static func decodeFooter(
        _ r: inout ThriftCompactReader, name: String, dataEnd: Int
    ) throws(RivuletError) -> (FileMetaData, SchemaNode, StructType, [ReadPlan]) {
        let meta = try FileMetaData.read(from: &r)
        let root = try SchemaNode.build(meta.schema, file: name)
        let leafCount = root.leaves.count
        for (g, rg) in meta.rowGroups.enumerated() {
            guard rg.columns.count == leafCount else {
                throw SchemaNode.corrupt(name, "row group \(g) has \(rg.columns.count) column chunks but the schema has \(leafCount) columns")
            }
            guard rg.numRows >= 0, rg.numRows <= Int64(Int32.max) else {
                throw SchemaNode.corrupt(name, "row group \(g) claims \(rg.numRows) rows")
            }
            for (c, chunk) in rg.columns.enumerated() {
                if let p = chunk.filePath, !p.isEmpty {
                    throw .unsupported("Parquet file '\(name)': column chunks stored in other files ('\(p)') are not supported")
                }
                guard chunk.metaData != nil else {
                    throw SchemaNode.corrupt(name, "column \(c) of row group \(g) has no metadata")
                }
            }
        }
        guard meta.numRows >= 0 else { throw SchemaNode.corrupt(name, "the file claims \(meta.numRows) rows") }
        var fields: [StructField] = []
        var plans: [ReadPlan] = []
        for child in root.children {
            let (f, p) = try child.sparkField(file: name)
            fields.append(f)
            plans.append(p)
        }
        return (meta, root, StructType(fields), plans)
    }

    // MARK: reading

    /// Reads `columns` (top-level names; nil = all) of the row groups `predicate` may match,
    /// one ``RecordBatch`` per row group read.
    public func read(columns: [String]? = nil, predicate: ParquetPredicate? = nil) throws(RivuletError) -> [RecordBatch] {
        let indices = try columnIndices(columns)
        var out: [RecordBatch] = []
        for g in 0..<rowGroupCount where try rowGroupMayMatch(g, predicate) {
            out.append(try readRowGroup(g, fieldIndices: indices))
        }
        return out
    }

    /// Reads one row group's `columns` (top-level names; nil = all).
    public func readRowGroup(_ index: Int, columns: [String]?) throws(RivuletError) -> RecordBatch {
        try readRowGroup(index, fieldIndices: try columnIndices(columns))
    }

    /// Whether row group `index` may hold rows matching `predicate` (false only when its
    /// statistics prove none does).
    public func rowGroupMayMatch(_ index: Int, _ predicate: ParquetPredicate?) throws(RivuletError) -> Bool {
        guard let predicate else { return true }
        guard index >= 0, index < rowGroupCount else { throw .io("Parquet file '\(name)' has no row group \(index)") }
        return StatisticsEvaluator(reader: self, rowGroup: metadata.rowGroups[index]).mayMatch(predicate)
    }

    /// Positions in ``schema`` of the named top-level columns (exact name first, then
    /// case-insensitive like Spark's default resolution).
    func columnIndices(_ columns: [String]?) throws(RivuletError) -> [Int] {
        guard let columns else { return Array(schema.fields.indices) }
        var out: [Int] = []
        for c in columns {
            guard let i = schema.index(of: c) else {
                throw .analysis(
                    "Column '\(c)' does not exist in Parquet file '\(name)'; its columns are: \(schema.names.joined(separator: ", "))",
                    errorClass: "UNRESOLVED_COLUMN")
            }
            out.append(i)
        }
        return out
    }

    /// Most level entries a column chunk may claim: generous for real files, but a corrupt
    /// count can never make the reader allocate without bound.
    var maxEntries: Int { min(Int(Int32.max), max(1 << 24, fileSize.multipliedReportingOverflow(by: 4096).partialValue)) }

    func readRowGroup(_ index: Int, fieldIndices: [Int]) throws(RivuletError) -> RecordBatch {
        guard index >= 0, index < rowGroupCount else { throw .io("Parquet file '\(name)' has no row group \(index)") }
        let rg = metadata.rowGroups[index]
        let rows = Int(rg.numRows)
        var handle: FileSource.Handle?
        if case .file(let path, _) = source { handle = try FileSource.open(path: path) }
        var leaves: [Int: LeafData] = [:]
        for f in fieldIndices {
            for leaf in plans[f].leafPlans where leaves[leaf.column] == nil {
                leaves[leaf.column] = try decodeLeaf(leaf, rowGroup: index, handle: handle)
            }
        }
        let assembler = ColumnAssembler(leaves: leaves, file: name)
        var columns: [ColumnVector] = []
        for f in fieldIndices {
            let v = try assembler.assemble(plans[f], r: 0, existDef: 0)
            guard v.count == rows else {
                throw SchemaNode.corrupt(name, "column '\(schema[f].name)' of row group \(index) has \(v.count) rows, the row group \(rows)")
            }
            columns.append(v)
        }
        return RecordBatch(unchecked: StructType(fieldIndices.map { schema[$0] }), columns: columns, numRows: rows)
    }

    /// The byte range of a column chunk, checked against the file.
    func chunkRange(_ meta: ColumnMetaData, rowGroup: Int, path: String) throws(RivuletError) -> Range<Int> {
        var start = meta.dataPageOffset
        if let d = meta.dictionaryPageOffset, d > 0, d < start { start = d }
        let length = meta.totalCompressedSize
        let dataEnd = Int64(fileSize) - 8
        guard start >= 4, length >= 0, length <= dataEnd, start <= dataEnd - length else {
            throw SchemaNode.corrupt(name, "column '\(path)' of row group \(rowGroup) claims bytes \(start)..<\(start &+ length) outside the file's \(fileSize) bytes")
        }
        return Int(start)..<Int(start + length)
    }

    private func decodeLeaf(_ leaf: LeafPlan, rowGroup: Int, handle: FileSource.Handle?) throws(RivuletError) -> LeafData {
        let chunk = metadata.rowGroups[rowGroup].columns[leaf.column]
        guard let meta = chunk.metaData else { throw SchemaNode.corrupt(name, "column '\(leaf.path)' has no metadata") }
        let range = try chunkRange(meta, rowGroup: rowGroup, path: leaf.path)
        let decoder = ColumnChunkDecoder(leaf: leaf, meta: meta, file: name, rowGroup: rowGroup, maxEntries: maxEntries)
        switch source {
        case .memory(let bytes):
            return try decoder.decode(bytes, range: range)
        case .file(let path, _):
            guard let handle else { throw .internal("Parquet reader: no file handle") }
            let bytes = try FileSource.read(handle, range, path: path)
            return try decoder.decode(bytes, range: 0..<bytes.count)
        }
    }
}
