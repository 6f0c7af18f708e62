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

/// Reads one Parquet file as the columns of `output`, one batch per row group, skipping the row
/// groups whose statistics rule out the pushed filters.
struct ParquetFilePartition: ScanPartition {
    let path: String
    /// The requested columns, in order.
    let output: StructType
    /// Pushed filters over the scan's column names.
    let filters: [SourceFilter]

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        let file = try ParquetCodec.open(path)
        // Checked up front, so a mismatch is reported even for a file without rows.
        try file.checkSchema(output)
        if output.fields.isEmpty {
            // count(*) and friends: only the row counts are needed.
            for g in file.metadata.rowGroups where g.numRows > 0 {
                try emit(RecordBatch(unchecked: output, columns: [], numRows: Int(g.numRows)))
            }
            return
        }
        let predicate = ParquetCodec.predicate(Self.fileFilters(filters, fileSchema: file.schema, requested: output))
        for g in 0..<file.rowGroupCount where try file.rowGroupMayMatch(g, predicate) {
            let b = try file.readRowGroup(g, requiredSchema: output)
            if b.numRows > 0 { try emit(b) }
        }
    }

    /// The pushed filters the file can evaluate on its statistics: only where the file stores
    /// the column (a top-level column, or a dotted path into structs) with exactly the scan's
    /// type, so values compare with the file's statistics as they are.
    static func fileFilters(_ filters: [SourceFilter], fileSchema: StructType, requested: StructType) -> [SourceFilter] {
        func leafType(_ schema: StructType, _ path: String) -> DataType? {
            if let f = schema[path] { return f.dataType }
            var type = DataType.struct(schema)
            for part in path.split(separator: ".") {
                guard case .struct(let s) = type, let f = s[String(part)] else { return nil }
                type = f.dataType
            }
            return type
        }
        func usable(_ f: SourceFilter) -> Bool {
            switch f {
            case .and(let l, let r), .or(let l, let r): return usable(l) && usable(r)
            case .not(let x): return usable(x)
            default:
                return f.columns.allSatisfy { c in
                    guard let have = leafType(fileSchema, c), have.isAtomic, let want = leafType(requested, c) else { return false }
                    return have.sameType(want)
                }
            }
        }
        return filters.filter(usable)
    }
}
