import RivuletCore
import RivuletStreaming

/// Spark's streaming file sink for `json`, `csv` and `text` (append mode only), exactly-once per
/// batch through the `_spark_metadata` manifest log.
///
/// `addBatch` writes each non-empty input batch as one part file
/// `part-<partition>-<uuid>-c000.<ext>` into `path` with the batch writers, then publishes the
/// manifest `<path>/_spark_metadata/<batchId>` atomically and exclusively. A batch id at or below
/// the newest manifest is skipped (re-delivery after a crash). Data files of a batch that crashed
/// before its manifest stay invisible: readers list the folder through the manifests
/// (``FileIndex``, the file source).
public struct FileStreamSink: StreamingSink {
    /// `json`, `csv` or `text`.
    public let format: String
    /// Absolute output directory.
    public let path: String
    /// Writer options (CSV `header`, `sep`, ...; JSON `ignoreNullFields`).
    public let options: [String: String]

    /// Checks the format and the path; nothing is written until the first batch.
    public init(format: String, path rawPath: String?, options: [String: String]) throws(RivuletError) {
        let fmt = format.lowercased() == "txt" ? "text" : format.lowercased()
        guard ["json", "csv", "text"].contains(fmt) else { throw FileFormats.unknownFormat(format) }
        guard let rawPath, !rawPath.isEmpty else {
            throw RivuletError(.analysis, "'path' is not specified", errorClass: "_LEGACY_ERROR_TEMP_1038")
        }
        self.format = fmt
        path = FileIndex.absolute(rawPath)
        self.options = options
        _ = try CSVOptions(options)
    }

    public var description: String { "FileSink[\(FileIndex.uri(path))]" }

    private var log: MetadataLog { MetadataLog(directory: path + "/" + FileSinkManifest.directoryName) }

    public func addBatch(_ batchId: Int64, _ batches: [RecordBatch], schema: StructType, outputMode: OutputMode) throws(RivuletError) {
        guard outputMode == .append else {
            throw RivuletError(.analysis, "Data source \(format) does not support \(outputMode) output mode.", errorClass: "_LEGACY_ERROR_TEMP_1206")
        }
        if let latest = FileSinkManifest.latestBatchId(inDirectory: path), batchId <= latest {
            return   // already committed: skipping keeps the output exactly-once
        }
        try POSIX.makeDirectories(path)
        var writer = try PartFileWriter(format: format, options: options)
        var entries: [FileSinkManifest.Entry] = []
        for batch in batches where batch.numRows > 0 {
            for file in try writer.write(batch.withSchema(schema), into: path, job: FileFormats.uuid()) {
                let st = POSIX.fileStat(file)
                entries.append(FileSinkManifest.Entry(path: file, size: st?.size ?? 0, modificationTime: st?.modificationTimeMs ?? 0))
            }
        }
        try log.add(batchId, entries.map(\.json).joined(separator: "\n"))
    }

}
