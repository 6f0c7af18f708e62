import RivuletCore

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
    private var next = 0

    /// `format` is `csv`, `json` or `text`.
    init(format: String, options: [String: String]) throws(RivuletError) {
        self.format = format
        ext = format == "text" ? "txt" : format
        let o = SourceOptions(options)
        csvOptions = try CSVOptions(options)
        header = try o.bool("header", default: false)
        nullValue = o["nullValue"] ?? ""
        emptyValue = o["emptyValue"] ?? "\"\""
        jsonWriter = JSONWriter(sparkOptions: options)
        partitionColumns = PartitionedOutput.columns(options)
    }

    /// Writes `batch` (atomically, one file per partition folder) under `dir`; returns the files.
    mutating func write(_ batch: RecordBatch, into dir: String, job: String) throws(RivuletError) -> [String] {
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
            let target = folder.isEmpty ? dir : dir + "/" + folder
            if !folder.isEmpty { try POSIX.makeDirectories(target) }
            let file = target + "/part-" + Self.pad5(next) + "-" + job + "-c000." + ext
            try POSIX.writeAtomically(out, to: file)
            files.append(file)
            next += 1
        }
        return files
    }

    static func pad5(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 5 ? s : String(repeating: "0", count: 5 - s.count) + s
    }
}
