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
        let ext = format == "text" ? "txt" : format
        let o = SourceOptions(options)
        let csvOptions = try CSVOptions(options)
        let header = try o.bool("header", default: false)
        let nullValue = o["nullValue"] ?? ""
        let emptyValue = o["emptyValue"] ?? "\"\""
        let jsonWriter = JSONWriter(sparkOptions: options)
        var entries: [FileSinkManifest.Entry] = []
        var partition = 0
        let partitionColumns = PartitionedOutput.columns(options)
        for batch in batches where batch.numRows > 0 {
            for (folder, b) in try PartitionedOutput.split(batch.withSchema(schema), by: partitionColumns) {
                var out: [UInt8] = []
                switch format {
                case "csv":
                    if header { FileRenderers.csvHeader(b.schema, options: csvOptions, into: &out) }
                    try FileRenderers.csv(b, options: csvOptions, nullValue: nullValue, emptyValue: emptyValue, into: &out)
                case "json": FileRenderers.json(b, writer: jsonWriter, into: &out)
                default: try FileRenderers.text(b, into: &out)
                }
                let target = folder.isEmpty ? path : path + "/" + folder
                if !folder.isEmpty { try POSIX.makeDirectories(target) }
                let name = "part-" + Self.pad5(partition) + "-" + FileFormats.uuid() + "-c000." + ext
                let file = target + "/" + name
                try POSIX.writeAtomically(out, to: file)
                let st = POSIX.fileStat(file)
                entries.append(FileSinkManifest.Entry(path: file, size: st?.size ?? out.count, modificationTime: st?.modificationTimeMs ?? 0))
                partition += 1
            }
        }
        try log.add(batchId, entries.map(\.json).joined(separator: "\n"))
    }

    private static func pad5(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 5 ? s : String(repeating: "0", count: 5 - s.count) + s
    }
}
