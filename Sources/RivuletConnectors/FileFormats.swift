import RivuletCore
import RivuletSQL

/// The entry point the API layer uses for file data sources (`spark.read.format(...)`,
/// `df.write.format(...)`).
///
/// ```swift
/// let src = try FileFormats.makeSource(format: "csv", paths: ["people.csv"],
///                                      options: ["header": "true", "inferSchema": "true"], userSchema: nil)
/// try FileFormats.write(batches: batches, format: "json", path: "out/people", mode: "overwrite", options: [:])
/// ```
public enum FileFormats {
    /// The formats this module reads and writes.
    public static let knownFormats = ["csv", "json", "text", "parquet"]

    /// A scan over `paths` in `format` ("text" | "csv" | "json" | "parquet", case-insensitive);
    /// `options` are Spark's case-insensitive string options.
    public static func makeSource(format: String, paths: [String], options: [String: String], userSchema: StructType?) throws(RivuletError) -> any ScanSource {
        guard !paths.isEmpty else {
            throw RivuletError(.analysis, "'path' is not specified", errorClass: "UNABLE_TO_INFER_SCHEMA")
        }
        let source: any ScanSource
        switch format.lowercased() {
        case "text", "txt": source = try TextSource(paths: paths, options: options)
        case "csv": source = try CSVSource(paths: paths, options: options, userSchema: userSchema)
        case "json": source = try JSONSource(paths: paths, options: options, userSchema: userSchema)
        case "parquet": source = try ParquetSource(paths: paths, options: options, userSchema: userSchema)
        default: throw unknownFormat(format)
        }
        return try withPartitionColumns(source, format: format.lowercased(), paths: paths, options: options, userSchema: userSchema)
    }

    /// Spark's partition discovery: when one directory is read and its files sit in `key=value`
    /// folders (under `basePath`, by default the directory), the partition columns are appended
    /// after the data columns with types inferred from the folder names (or taken from a user schema
    /// that names them).
    static func withPartitionColumns(_ source: any ScanSource, format: String, paths: [String], options: [String: String],
                                     userSchema: StructType?) throws(RivuletError) -> any ScanSource {
        guard paths.count == 1, POSIX.fileStat(FileIndex.absolute(paths[0]))?.isDirectory == true else { return source }
        let index = try FileIndex(paths: paths)
        let basePath = FileIndex.absolute(SourceOptions(options)["basePath"] ?? paths[0])
        let spec = PartitionSpec.infer(basePath: basePath, files: index.files.map(\.path), userSchema: userSchema)
        guard !spec.schema.fields.isEmpty else { return source }
        let dataSchema = StructType(source.schema.fields.filter { spec.schema.index(of: $0.name) == nil })
        let files = index.files.map {
            FileStreamBatchScan.FileToRead(path: $0.path, partitionValues: spec.values(forFile: $0.path, basePath: basePath))
        }
        return FileStreamBatchScan(formatName: format == "txt" ? "text" : format, baseDetail: source.explainDetail,
                                   schema: StructType(dataSchema.fields + spec.schema.fields), dataSchema: dataSchema,
                                   files: files, options: options, ignoreMissingFiles: false)
    }

    static func unknownFormat(_ format: String) -> RivuletError {
        RivuletError(.analysis, "Failed to find the data source: \(format). Known file formats: \(knownFormats.joined(separator: ", ")).",
                     errorClass: "DATA_SOURCE_NOT_FOUND")
    }

    /// Writes `batches` to the directory `path` as `format`, honouring the save `mode`
    /// ("error"/"errorifexists" (default), "overwrite", "append", "ignore"). In text formats each
    /// non-empty batch becomes one part file `part-<n>-<uuid>-c000.<ext>`, written atomically (temp file, fsync,
    /// rename), in `col=value/` folders when the `partitionBy` option is set; a `_SUCCESS` marker is
    /// written last. CSV options: `header`, `sep`, `quote`,
    /// `escape`, `nullValue`, `emptyValue`, `quoteAll`, `escapeQuotes`; JSON: `ignoreNullFields`;
    /// Parquet: `compression` and the others of ``ParquetDataSourceOptions`` (one file per
    /// partition folder; with no rows and no `partitionBy`, one empty file that carries `schema`,
    /// as Spark writes).
    public static func write(batches: [RecordBatch], format: String, path: String, mode: String, options: [String: String],
                             schema: StructType? = nil) throws(RivuletError) {
        let fmt = format.lowercased()
        guard ["csv", "json", "text", "txt", "parquet"].contains(fmt) else { throw unknownFormat(format) }
        // Options are checked before the save mode touches anything (a bad codec deletes nothing).
        var writer = try PartFileWriter(format: fmt == "txt" ? "text" : fmt, options: options)
        let dir = FileIndex.absolute(path)
        let exists = POSIX.fileStat(dir) != nil
        switch mode.lowercased() {
        case "error", "errorifexists", "default", "":
            if exists {
                throw RivuletError(.analysis, "Path \(FileIndex.uri(dir)) already exists. Set mode as \"overwrite\" to overwrite the existing path.",
                                   errorClass: "PATH_ALREADY_EXISTS")
            }
        case "overwrite":
            if exists { try POSIX.removeTree(dir) }
        case "append":
            break
        case "ignore":
            if exists { return }
        default:
            throw RivuletError(.analysis, "Unknown save mode: \(mode). Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.",
                               errorClass: "INVALID_SAVE_MODE")
        }
        try POSIX.makeDirectories(dir)
        let job = uuid()
        let files = try writer.writeAll(batches, into: dir, job: job)
        if files.isEmpty, fmt == "parquet", writer.partitionColumns.isEmpty, let schema = schema ?? batches.first?.schema {
            _ = try writer.writeEmpty(schema, into: dir, job: job)
        }
        try POSIX.writeAtomically([], to: dir + "/_SUCCESS")
    }

    /// A random (version 4) UUID string.
    static func uuid() -> String {
        var g = SystemRandomNumberGenerator()
        var b = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = b.map { SparkFormat.hexByte($0).lowercased() }
        return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-" + hex[8..<10].joined() + "-" + hex[10..<16].joined()
    }
}
