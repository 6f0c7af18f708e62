import RivuletCore
import RivuletSQL

/// Spark's `parquet` data source for batch reads (`spark.read.parquet(path)`).
///
/// The schema is the declared one, or inferred from the footers: the first file's (files sorted by
/// path), or, with `mergeSchema`, all files merged (Spark's `StructType.merge`). Every column is
/// reported nullable, as Spark's file sources do. A folder written by a streaming file sink is read
/// through its `_spark_metadata` manifest (``FileIndex``), so files of uncommitted batches stay
/// invisible.
///
/// Each file is one partition. Only the columns the query needs are read (`columns:` of the
/// codec), and the filters the optimizer pushes (``FilterPushdownScanSource``) let the codec skip
/// row groups whose statistics cannot match; the `Filter` above the scan keeps results exact.
/// Columns are matched by name, case-insensitively; a declared column missing from a file reads
/// as null, and a declared type the file cannot be read as is an error naming the file, the
/// column and both types (``ParquetColumnAdapter``).
///
/// ```swift
/// let scan = try ParquetSource(paths: ["out/events"], options: [:], userSchema: nil)
/// scan.schema.simpleString   // "struct<id:bigint,name:string>"
/// ```
public struct ParquetSource: FilterPushdownScanSource {
    public let formatName = "parquet"
    /// The data columns.
    public let schema: StructType
    /// The files read.
    public let index: FileIndex
    /// Filters handed down by the optimizer.
    public var pushedFilters: [SourceFilter] = []

    /// Lists `paths` and settles the schema; options: `mergeSchema` (and the session's
    /// `spark.sql.parquet.mergeSchema`).
    public init(paths: [String], options: [String: String], userSchema: StructType?) throws(RivuletError) {
        let settings = try ParquetDataSourceOptions(options)
        index = try FileIndex(paths: paths)
        if let userSchema {
            schema = userSchema
        } else {
            schema = try Self.infer(index.files.map(\.path), merge: settings.mergeSchema)
        }
    }

    /// The schema of `files` from their footers: the first file's, or all merged.
    static func infer(_ files: [String], merge: Bool) throws(RivuletError) -> StructType {
        guard let first = files.first else {
            throw RivuletError(.analysis, "Unable to infer schema for Parquet. It must be specified manually.", errorClass: "UNABLE_TO_INFER_SCHEMA")
        }
        var schema = try ParquetCodec.open(first).schema
        if merge {
            for f in files.dropFirst() {
                let other = try ParquetCodec.open(f).schema
                do throws(RivuletError) { schema = try ParquetSchemaMerge.merge(schema, other) } catch {
                    throw RivuletError(.analysis, "\(error.message) (merging the schema of \(FileIndex.uri(f)))", errorClass: error.errorClass)
                }
            }
        }
        return ParquetSchemaMerge.asNullable(schema)
    }

    public var explainDetail: String {
        var s = "Location: [" + index.rootPaths.joined(separator: ", ") + "]"
        if !pushedFilters.isEmpty { s += ", PushedFilters: [" + pushedFilters.map(\.description).joined(separator: ", ") + "]" }
        return s
    }

    public func withPushedFilters(_ filters: [SourceFilter]) -> any ScanSource {
        var s = self
        s.pushedFilters = filters
        return s
    }

    public func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        let required = requiredColumns ?? Array(schema.fields.indices)
        let output = StructType(required.map { schema[$0] })
        return index.files.map { ParquetFilePartition(path: $0.path, output: output, filters: pushedFilters) }
    }
}

/// Reads one Parquet file as the columns of `output`.
struct ParquetFilePartition: ScanPartition {
    let path: String
    /// The requested columns, in order.
    let output: StructType
    /// Pushed filters over the scan's column names.
    let filters: [SourceFilter]

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        let file = try ParquetCodec.open(path)
        let adapter = ParquetColumnAdapter(path: path)
        // Requested column -> the file's field (by name, case-insensitive), checked up front so a
        // mismatch is reported even for a file without rows.
        var fileNames: [String] = []
        var slots: [Int?] = []
        for f in output.fields {
            guard let i = file.schema.index(of: f.name) else { slots.append(nil); continue }
            let actual = file.schema[i]
            guard ParquetColumnAdapter.canConvert(actual.dataType, to: f.dataType) else {
                throw adapter.mismatch([f.name], expected: f.dataType, actual: actual.dataType)
            }
            if let j = fileNames.firstIndex(of: actual.name) { slots.append(j); continue }
            slots.append(fileNames.count)
            fileNames.append(actual.name)
        }
        if output.fields.isEmpty {
            // count(*) and friends: only the row count is needed.
            var left = file.numRows
            while left > 0 {
                let n = Int(min(left, 1 << 20))
                try emit(RecordBatch(unchecked: output, columns: [], numRows: n))
                left -= Int64(n)
            }
            return
        }
        let fileFilters = Self.fileFilters(filters, fileSchema: file.schema, requested: output)
        for b in try file.read(columns: fileNames, filters: fileFilters) where b.numRows > 0 {
            var columns: [ColumnVector] = []
            columns.reserveCapacity(output.count)
            for (k, f) in output.fields.enumerated() {
                guard let slot = slots[k] else {
                    columns.append(ColumnVector.nulls(f.dataType, count: b.numRows))
                    continue
                }
                guard let c = b.schema.index(of: fileNames[slot]) else {
                    throw RivuletError(.internal, "Parquet reader returned no column `\(fileNames[slot])` for \(FileIndex.uri(path))")
                }
                columns.append(try adapter.convert(b.columns[c], to: f.dataType, column: [f.name]))
            }
            try emit(RecordBatch(unchecked: output, columns: columns, numRows: b.numRows))
        }
    }

    /// The pushed filters the file can evaluate on its statistics: columns renamed to the file's
    /// spelling, and only where the file stores the column with exactly the scan's type (values
    /// of a widened column would not compare with the file's statistics).
    static func fileFilters(_ filters: [SourceFilter], fileSchema: StructType, requested: StructType) -> [SourceFilter] {
        func rename(_ f: SourceFilter) -> SourceFilter? {
            func col(_ c: String) -> String? {
                guard let i = fileSchema.index(of: c) else { return nil }
                let fileType = fileSchema[i].dataType
                guard fileType.isAtomic, let want = requested[c]?.dataType, want == fileType else { return nil }
                return fileSchema[i].name
            }
            switch f {
            case .equalTo(let c, let v): return col(c).map { .equalTo($0, v) }
            case .equalNullSafe(let c, let v): return col(c).map { .equalNullSafe($0, v) }
            case .greaterThan(let c, let v): return col(c).map { .greaterThan($0, v) }
            case .greaterThanOrEqual(let c, let v): return col(c).map { .greaterThanOrEqual($0, v) }
            case .lessThan(let c, let v): return col(c).map { .lessThan($0, v) }
            case .lessThanOrEqual(let c, let v): return col(c).map { .lessThanOrEqual($0, v) }
            case .in(let c, let vs): return col(c).map { .in($0, vs) }
            case .isNull(let c): return col(c).map { .isNull($0) }
            case .isNotNull(let c): return col(c).map { .isNotNull($0) }
            case .stringStartsWith(let c, let p): return col(c).map { .stringStartsWith($0, p) }
            case .and(let l, let r):
                guard let a = rename(l), let b = rename(r) else { return nil }
                return .and(a, b)
            case .or(let l, let r):
                guard let a = rename(l), let b = rename(r) else { return nil }
                return .or(a, b)
            case .not(let x): return rename(x).map { .not($0) }
            }
        }
        return filters.compactMap(rename)
    }
}
