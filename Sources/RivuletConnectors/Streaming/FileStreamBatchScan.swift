import RivuletCore
import RivuletSQL

/// The bounded scan of one file-source micro-batch: exactly the files logged for the batch, read
/// with the batch readers (``TextSource``, ``CSVSource``, ``JSONSource``, ``ParquetSource``), with
/// the partition columns (from the files' `key=value` directories) appended as constants. Batch
/// reads of partitioned folders use it too.
///
/// Files are opened only when a partition is read; a file that vanished in between is an error
/// naming it, or (with `spark.sql.files.ignoreMissingFiles=true`) skipped with a warning.
/// Pushed filters prune files by their partition values (Spark's `PartitionFilters`) and are
/// handed to Parquet files for row-group skipping.
struct FileStreamBatchScan: FilterPushdownScanSource {
    struct FileToRead: Sendable {
        let path: String
        let partitionValues: [Value]
    }

    let formatName: String
    /// The location part of `explain()`.
    let baseDetail: String
    /// Data columns then partition columns.
    let schema: StructType
    let dataSchema: StructType
    let files: [FileToRead]
    let options: [String: String]
    let ignoreMissingFiles: Bool
    var pushedFilters: [SourceFilter] = []

    func withPushedFilters(_ filters: [SourceFilter]) -> any ScanSource {
        var s = self
        s.pushedFilters = filters
        return s
    }

    var explainDetail: String {
        guard !pushedFilters.isEmpty else { return baseDetail }
        return baseDetail + ", PushedFilters: [" + pushedFilters.map(\.description).joined(separator: ", ") + "]"
    }

    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        let required = requiredColumns ?? Array(schema.fields.indices)
        let dataCount = dataSchema.count
        let dataRequired = required.filter { $0 < dataCount }
        let partRequired = required.filter { $0 >= dataCount }.map { $0 - dataCount }
        let outSchema = StructType(required.map { schema[$0] })
        let dataNames = Set(dataSchema.fields.map { $0.name.lowercased() })
        let partitionNames = schema.fields[dataCount...].map { $0.name.lowercased() }
        let partitionFilters = pushedFilters.filter { $0.columns.allSatisfy { partitionNames.contains($0.lowercased()) } }
        let dataFilters = pushedFilters.filter {
            $0.columns.allSatisfy { c in dataNames.contains(c.lowercased()) || dataNames.contains(String(c.split(separator: ".").first ?? "").lowercased()) }
        }
        return files.filter { file in
            // A file whose partition values make a filter false cannot contribute rows.
            partitionFilters.allSatisfy { f in
                f.evaluate { name in
                    partitionNames.firstIndex(of: name.lowercased()).flatMap { $0 < file.partitionValues.count ? file.partitionValues[$0] : nil }
                } != false
            }
        }.map {
            FileStreamFilePartition(format: formatName, file: $0, dataSchema: dataSchema, options: options, dataRequired: dataRequired,
                                    partitionRequired: partRequired, outputSchema: outSchema, ignoreMissingFiles: ignoreMissingFiles,
                                    dataFilters: dataFilters)
        }
    }
}

/// Reads one file of a file-source batch.
struct FileStreamFilePartition: ScanPartition {
    let format: String
    let file: FileStreamBatchScan.FileToRead
    let dataSchema: StructType
    let options: [String: String]
    let dataRequired: [Int]
    let partitionRequired: [Int]
    let outputSchema: StructType
    let ignoreMissingFiles: Bool
    var dataFilters: [SourceFilter] = []

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        guard POSIX.fileStat(file.path) != nil else {
            if ignoreMissingFiles {
                warn("Skipped missing file: \(FileURI.encode(file.path))")
                return
            }
            throw RivuletError(.io, "Encountered error while reading file \(FileURI.encode(file.path)). File does not exist. It is possible the underlying files have been updated. You can explicitly invalidate the cache in Spark by running 'REFRESH TABLE tableName' command in SQL or by recreating the Dataset/DataFrame involved.",
                               errorClass: "FAILED_READ_FILE.FILE_NOT_EXIST")
        }
        var inner: any ScanSource
        switch format {
        case "parquet":
            var p = try ParquetSource(paths: [file.path], options: options, userSchema: dataSchema)
            p.pushedFilters = dataFilters
            inner = p
        case "csv": inner = try CSVSource(paths: [file.path], options: options, userSchema: dataSchema)
        case "json": inner = try JSONSource(paths: [file.path], options: options, userSchema: dataSchema)
        default: inner = try TextSource(paths: [file.path], options: options)
        }
        let constants = partitionRequired.map { file.partitionValues[$0] }
        let constantTypes = partitionRequired.indices.map { outputSchema[dataRequired.count + $0].dataType }
        for p in try inner.partitions(requiredColumns: dataRequired) {
            try p.read { (b: RecordBatch) throws(RivuletError) in
                var columns = b.columns
                for (i, v) in constants.enumerated() {
                    columns.append(ColumnVector.repeating(v, type: constantTypes[i], count: b.numRows))
                }
                try emit(RecordBatch(unchecked: outputSchema, columns: columns, numRows: b.numRows))
            }
        }
    }
}
