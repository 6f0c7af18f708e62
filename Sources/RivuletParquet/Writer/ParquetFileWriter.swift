import RivuletCore

/// Writes `RecordBatch`es to one Parquet file, laid out as Spark writes them.
///
/// Batches are buffered, encoded and compressed into the current row group, which is flushed
/// when its buffered size reaches ``ParquetWriteOptions/rowGroupSize``; ``close()`` (or
/// ``finish()`` for an in-memory writer) writes the footer: the schema (root `spark_schema`),
/// row groups, column statistics, Spark's schema JSON under
/// `org.apache.spark.sql.parquet.row.metadata`, and `created_by`.
///
/// ```swift
/// let writer = try ParquetFileWriter(path: "/tmp/part-0.parquet", schema: batch.schema, options: .init())
/// try writer.write(batch)
/// try writer.close()
/// ```
public final class ParquetFileWriter {
    /// The `created_by` string of files Rivulet writes (`<app> version <v> (build <b>)`, the form
    /// readers parse to decide which statistics to trust).
    public static let createdBy = "Rivulet version 0.1.0 (build rivulet)"
    /// The Spark version recorded under `org.apache.spark.version` (tells Spark the dates and
    /// timestamps are proleptic Gregorian, so it does not rebase them).
    public static let sparkVersion = "4.0.0"

    /// The schema of the file.
    public let schema: StructType
    /// The options the file is written with.
    public let options: ParquetWriteOptions

    private let output: ParquetOutput
    private var elements: [SchemaElement] = []
    private var columns: [ColumnChunkWriter] = []
    /// The leaves (indices into ``columns``) of each top-level field.
    private var leavesOfField: [Range<Int>] = []
    private var setupError: RivuletError?
    private var rowGroups: [RowGroup] = []
    private var rowsInGroup = 0
    /// Average encoded bytes per row of the last row group written.
    private var lastBytesPerRow: Int?
    private var totalRows: Int64 = 0
    private var closed = false
    private var shredded: [ShreddedLeaf] = []

    /// A writer that creates (or truncates) the file at `path` and writes to it as row groups fill.
    public init(path: String, schema: StructType, options: ParquetWriteOptions) throws(RivuletError) {
        self.schema = schema
        self.options = options
        output = try ParquetOutput(path: path)
        try setUp()
    }

    /// A writer that builds the file in memory; ``finish()`` returns its bytes. An unsupported
    /// schema or invalid option is reported by the first ``write(_:)`` or ``finish()``.
    public init(schema: StructType, options: ParquetWriteOptions) {
        self.schema = schema
        self.options = options
        output = ParquetOutput()
        do { try setUp() } catch { setupError = error }
    }

    private func setUp() throws(RivuletError) {
        guard options.dataPageVersion == 1 || options.dataPageVersion == 2 else {
            throw .analysis("Parquet writer: dataPageVersion must be 1 or 2, not \(options.dataPageVersion)")
        }
        guard options.pageSize > 0, options.rowGroupSize > 0, options.pageRowCountLimit > 0 else {
            throw .analysis("Parquet writer: page size, row-group size and page row-count limit must be positive")
        }
        guard schema.count > 0 else {
            throw RivuletError(
                .analysis, "Parquet data source does not support writing empty or nested empty schemas",
                errorClass: "EMPTY_SCHEMA_NOT_SUPPORTED_FOR_DATASOURCE")
        }
        var seen = Set<String>()
        for f in schema.fields where !seen.insert(f.name.lowercased()).inserted {
            throw RivuletError(
                .analysis, "The column `\(f.name)` already exists. Choose another name or rename the existing column.",
                errorClass: "COLUMN_ALREADY_EXISTS")
        }
        let (elements, leaves) = try SparkParquetSchema.build(schema)
        self.elements = elements
        columns = leaves.map { ColumnChunkWriter(spec: $0, options: options) }
        var start = 0
        for f in schema.fields {
            let n = Self.leafCount(f.dataType)
            leavesOfField.append(start..<start + n)
            start += n
        }
        try output.write(Self.magic)
    }

    /// Appends the rows of `batch` (its columns must have the file schema's types).
    public func write(_ batch: RecordBatch) throws(RivuletError) {
        if let setupError { throw setupError }
        guard !closed else { throw .internal("Parquet writer: write after close") }
        guard batch.numColumns == schema.count else {
            throw .internal("Parquet writer: batch has \(batch.numColumns) columns, the file schema has \(schema.count)")
        }
        for (i, f) in schema.fields.enumerated() where !batch.columns[i].dataType.sameType(f.dataType) && batch.columns[i].count > 0 {
            throw .internal(
                "Parquet writer: column `\(f.name)` has type \(batch.columns[i].dataType.sql), the file schema says \(f.dataType.sql)")
        }
        let n = batch.numRows
        guard n > 0 else { return }
        shredded.removeAll(keepingCapacity: true)
        for (i, f) in schema.fields.enumerated() {
            try ColumnShredder.shred(batch.columns[i], field: f, into: &shredded)
            guard shredded.count == leavesOfField[i].upperBound else {
                throw .internal("Parquet writer: column `\(f.name)` shredded into an unexpected number of leaves")
            }
        }
        for (c, leaf) in zip(columns, shredded) { try c.bind(leaf) }
        var start = 0
        while start < n {
            let step = nextStep(remaining: n - start)
            for c in columns { try c.write(rows: start..<start + step) }
            rowsInGroup += step
            start += step
            if bufferedBytes >= options.rowGroupSize { try flushRowGroup() }
        }
        shredded.removeAll(keepingCapacity: true)
    }

    /// Writes any buffered rows and the footer, and closes the file.
    public func close() throws(RivuletError) {
        if let setupError { throw setupError }
        guard !closed else { return }
        closed = true
        if rowsInGroup > 0 { try flushRowGroup() }
        var kv = [KeyValue(key: "org.apache.spark.version", value: Self.sparkVersion),
                  KeyValue(key: "org.apache.spark.sql.parquet.row.metadata", value: SparkSchemaJSON.render(schema))]
        kv += options.keyValueMetadata.map { KeyValue(key: $0.key, value: $0.value) }
        let meta = FileMetaData(
            version: 1, schema: elements, numRows: totalRows, rowGroups: rowGroups, keyValueMetadata: kv,
            createdBy: Self.createdBy, columnOrders: [ColumnOrder](repeating: .typeDefinedOrder, count: columns.count))
        var w = ThriftCompactWriter(capacity: 1024)
        meta.write(to: &w)
        var tail = w.bytes
        tail.appendLittleEndian(UInt32(truncatingIfNeeded: w.bytes.count))
        tail.append(contentsOf: Self.magic)
        try output.write(tail)
        try output.close()
    }

    /// Closes an in-memory writer and returns the file's bytes.
    public func finish() throws(RivuletError) -> [UInt8] {
        try close()
        guard output.isMemory else { throw .internal("Parquet writer: finish() is for in-memory writers; this one wrote a file") }
        return output.bytes
    }

    /// Number of rows written so far.
    public var rowCount: Int64 { totalRows + Int64(rowsInGroup) }

    private static let magic: [UInt8] = Array("PAR1".utf8)

    /// Number of Parquet leaf columns a field of `type` has.
    private static func leafCount(_ type: DataType) -> Int {
        switch type {
        case .struct(let st): return st.fields.reduce(0) { $0 + leafCount($1.dataType) }
        case .array(let e, _): return leafCount(e)
        case .map(let k, let v, _): return leafCount(k) + leafCount(v)
        default: return 1
        }
    }

    private var bufferedBytes: Int { columns.reduce(0) { $0 + $1.bufferedBytes } }

    /// Rows to encode before checking the row-group size again: enough to fill the row group at
    /// the average row size seen so far, at least 100 (parquet-mr's minimum between size checks)
    /// and at most 64 Ki.
    private func nextStep(remaining: Int) -> Int {
        let buffered = bufferedBytes
        let perRow: Int
        if rowsInGroup > 0, buffered > 0 {
            perRow = max(buffered / rowsInGroup, 1)
        } else if let last = lastBytesPerRow {
            perRow = last
        } else {
            return min(remaining, 1024)
        }
        let toFill = max(options.rowGroupSize - buffered, 0) / perRow + 1
        return min(remaining, max(Self.minimumRowsBetweenChecks, min(toFill, 65_536)))
    }

    private static let minimumRowsBetweenChecks = 100

    private func flushRowGroup() throws(RivuletError) {
        guard rowsInGroup > 0 else { return }
        let start = output.offset
        var chunks: [ColumnChunk] = []
        var uncompressed: Int64 = 0
        for c in columns {
            let (parts, chunk) = try c.finishChunk(at: output.offset)
            for p in parts { try output.write(p) }
            uncompressed += chunk.metaData?.totalUncompressedSize ?? 0
            chunks.append(chunk)
        }
        rowGroups.append(
            RowGroup(
                columns: chunks, totalByteSize: uncompressed, numRows: Int64(rowsInGroup), fileOffset: start,
                totalCompressedSize: output.offset - start, ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        totalRows += Int64(rowsInGroup)
        lastBytesPerRow = max(Int(output.offset - start) / rowsInGroup, 1)
        rowsInGroup = 0
    }
}
