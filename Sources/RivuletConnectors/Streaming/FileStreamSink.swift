import RivuletCore
import RivuletStreaming
import Synchronization

/// Spark's streaming file sink for `json`, `csv`, `text` and `parquet` (append mode only),
/// exactly-once per batch through the `_spark_metadata` manifest log.
///
/// `addBatch` writes the micro-batch as part files `part-<n>-<uuid>-c000.<ext>` into `path` with
/// the batch writers (text formats: one file per input batch; Parquet: one file per partition
/// folder, e.g. `part-00000-<uuid>-c000.snappy.parquet`), each atomically (hidden temp name,
/// fsync, rename), then publishes the manifest `<path>/_spark_metadata/<batchId>` atomically and
/// exclusively. A batch id at or below the newest manifest is skipped (re-delivery after a
/// crash). Data files of a batch that crashed before its manifest stay invisible: the
/// `_spark_metadata` folder exists before the first data file, and readers list the folder
/// through the manifests (``FileIndex``, the file source).
///
/// Unlike Spark, the first batch a sink handles after a (re)start also deletes the leftovers of
/// crashed attempts — `part-*` files no manifest names, written since the sink first started, and
/// hidden temp files — so that readers that do not honour the manifest (pyarrow, DuckDB globs)
/// see the committed files only (``FileSinkManifest/removeUncommitted(inDirectory:)``).
public struct FileStreamSink: StreamingSink {
    /// `json`, `csv`, `text` or `parquet`.
    public let format: String
    /// Absolute output directory.
    public let path: String
    /// Writer options (CSV `header`, `sep`, ...; JSON `ignoreNullFields`).
    public let options: [String: String]

    /// Checks the format and the path; nothing is written until the first batch.
    public init(format: String, path rawPath: String?, options: [String: String]) throws(RivuletError) {
        let fmt = format.lowercased() == "txt" ? "text" : format.lowercased()
        guard ["json", "csv", "text", "parquet"].contains(fmt) else { throw FileFormats.unknownFormat(format) }
        guard let rawPath, !rawPath.isEmpty else {
            throw RivuletError(.analysis, "'path' is not specified", errorClass: "_LEGACY_ERROR_TEMP_1038")
        }
        self.format = fmt
        path = FileIndex.absolute(rawPath)
        self.options = options
        _ = try PartFileWriter(format: fmt, options: options)   // reports bad options at start()
    }

    /// Whether the leftovers of crashed attempts were removed by this sink instance.
    private let cleaned = CleanupFlag()

    final class CleanupFlag: Sendable {
        let done = Mutex(false)
    }

    public var description: String { "FileSink[\(FileIndex.uri(path))]" }

    private var log: MetadataLog { MetadataLog(directory: path + "/" + FileSinkManifest.directoryName) }

    public func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError) {
        guard outputMode == .append else {
            throw RivuletError(.analysis, "Data source \(format) does not support \(outputMode) output mode.", errorClass: "_LEGACY_ERROR_TEMP_1206")
        }
        // The manifest folder first: from now on readers list the output through it.
        try POSIX.makeDirectories(path + "/" + FileSinkManifest.directoryName)
        // The query holds its checkpoint lock here, so no other writer has files in flight.
        if !cleaned.done.withLock({ $0 }) {
            try FileSinkManifest.removeUncommitted(inDirectory: path)
            cleaned.done.withLock { $0 = true }
        }
        if let latest = FileSinkManifest.latestBatchId(inDirectory: path), batchId <= latest {
            return   // already committed: skipping keeps the output exactly-once
        }
        var writer = try PartFileWriter(format: format, options: options)
        let files = try writer.writeAll(batches.map { $0.withSchema(schema) }, into: path, job: FileFormats.uuid())
        let entries = files.map { file in
            let st = POSIX.fileStat(file)
            return FileSinkManifest.Entry(path: file, size: st?.size ?? 0, modificationTime: st?.modificationTimeMs ?? 0)
        }
        try log.add(batchId, entries.map(\.json).joined(separator: "\n"))
    }

}
