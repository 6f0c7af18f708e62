import RivuletCore
import RivuletParquet

/// Writes part files (`part-00000-<uuid>-c000.<ext>`) of one format with the writer options parsed
/// once, into Hive-style partition folders when `partitionBy` is set: the shared core of batch
/// `df.write` and the streaming file sink.
struct PartFileWriter {
    let format: String
    let ext: String
    let csvOptions: CSVOptions
    let header: Bool
    let nullValue: String
    let emptyValue: String
    let jsonWriter: JSONWriter
    let partitionColumns: [String]
    /// Set for `parquet`.
    let parquet: ParquetWriteOptions?
    private var next = 0

    /// `format` is `csv`, `json`, `text` or `parquet`.
    init(format: String, options: [String: String]) throws(RivuletError) {
        self.format = format
        if format == "parquet" {
            let p = try ParquetDataSourceOptions(options)
            parquet = try p.writeOptions()
            ext = p.fileExtension
        } else {
            parquet = nil
            ext = format == "text" ? "txt" : format
        }
        let o = SourceOptions(options)
        csvOptions = try CSVOptions(options)
        header = try o.bool("header", default: false)
        nullValue = o["nullValue"] ?? ""
        emptyValue = o["emptyValue"] ?? "\"\""
        jsonWriter = JSONWriter(sparkOptions: options)
        partitionColumns = PartitionedOutput.columns(options)
    }

    /// Writes all of `batches` (one write job or one micro-batch) under `dir`; returns the files.
    /// Text formats write one file per batch and partition folder; Parquet writes one file per
    /// partition folder holding every batch (one or more row groups), as one Spark task does.
    mutating func writeAll(_ batches: [RecordBatch], into dir: String, job: String) throws(RivuletError) -> [String] {
        guard let parquet else {
            var files: [String] = []
            for b in batches where b.numRows > 0 { files += try write(b, into: dir, job: job) }
            return files
        }
        var groups: [String: [RecordBatch]] = [:]
        var order: [String] = []
        for batch in batches where batch.numRows > 0 {
            for (folder, b) in try PartitionedOutput.split(batch, by: partitionColumns) where b.numRows > 0 {
                if groups[folder] == nil { order.append(folder) }
                groups[folder, default: []].append(b)
            }
        }
        var files: [String] = []
        for folder in order {
            guard let parts = groups[folder], let first = parts.first else { continue }
            let bytes = try ParquetCodec.encode(parts, schema: first.schema, options: parquet)
            files.append(try publish(bytes, folder: folder, into: dir, job: job))
        }
        return files
    }

    /// One Parquet file with no rows that carries `schema` (Spark's output for an empty write).
    mutating func writeEmpty(_ schema: StructType, into dir: String, job: String) throws(RivuletError) -> String? {
        guard let parquet else { return nil }
        return try publish(try ParquetCodec.encode([], schema: schema, options: parquet), folder: "", into: dir, job: job)
    }

    /// Writes one part file atomically (temp name, fsync, rename) into `folder` under `dir`.
    private mutating func publish(_ bytes: [UInt8], folder: String, into dir: String, job: String) throws(RivuletError) -> String {
        let target = folder.isEmpty ? dir : dir + "/" + folder
        if !folder.isEmpty { try POSIX.makeDirectories(target) }
        let file = target + "/part-" + Self.pad5(next) + "-" + job + "-c000." + ext
        try POSIX.writeAtomically(bytes, to: file)
        next += 1
        return file
    }

    /// Writes `batch` (atomically, one file per partition folder) under `dir`; returns the files.
    mutating func write(_ batch: RecordBatch, into dir: String, job: String) throws(RivuletError) -> [String] {
        if parquet != nil { return try writeAll([batch], into: dir, job: job) }
        var files: [String] = []
        for (folder, b) in try PartitionedOutput.split(batch, by: partitionColumns) where b.numRows > 0 {
            var out: [UInt8] = []
            switch format {
            case "csv":
                if header { FileRenderers.csvHeader(b.schema, options: csvOptions, into: &out) }
                try FileRenderers.csv(b, options: csvOptions, nullValue: nullValue, emptyValue: emptyValue, into: &out)
            case "json": FileRenderers.json(b, writer: jsonWriter, into: &out)
            default: try FileRenderers.text(b, into: &out)
            }
            files.append(try publish(out, folder: folder, into: dir, job: job))
        }
        return files
    }

    static func pad5(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 5 ? s : String(repeating: "0", count: 5 - s.count) + s
    }
}
