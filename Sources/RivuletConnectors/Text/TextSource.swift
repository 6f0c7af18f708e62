import RivuletCore
import RivuletSQL

/// Spark's `text` data source: one row per line in a `value STRING` column.
///
/// Options: `wholetext` (one row per file), `lineSep` (a custom separator; by default lines end at
/// `\n`, `\r\n` or `\r`). Files are read with `pread` into a reused buffer and lines are copied
/// once, straight into the batch's UTF-8 buffer. Files larger than `maxPartitionBytes` (128 MB) are
/// split into several partitions at line boundaries.
///
/// ```swift
/// let src = try TextSource(paths: ["logs/"], options: [:])
/// for p in try src.partitions(requiredColumns: nil) { try p.read { batch in print(batch.numRows) } }
/// ```
public struct TextSource: ScanSource {
    public let formatName = "text"
    public let schema = StructType([StructField("value", .string)])
    public let index: FileIndex
    /// `wholetext`: each file is one row.
    public let wholeText: Bool
    /// `lineSep`: custom line separator bytes, nil for the default `\n` / `\r\n` / `\r`.
    public let lineSep: [UInt8]?
    /// Largest split in bytes.
    public let maxPartitionBytes: Int
    /// Lines per emitted batch.
    public let batchRows: Int

    public init(paths: [String], options: [String: String], batchRows: Int = 8192) throws(RivuletError) {
        let o = SourceOptions(options)
        index = try FileIndex(paths: paths)
        wholeText = try o.bool("wholetext", default: false)
        if let sep = o["lineSep"] {
            guard !sep.isEmpty else { throw RivuletError(.analysis, "Option 'lineSep' cannot be an empty string") }
            lineSep = Array(sep.utf8)
        } else {
            lineSep = nil
        }
        maxPartitionBytes = try o.int("maxPartitionBytes", default: FileSplit.defaultMaxBytes)
        self.batchRows = max(1, batchRows)
    }

    public var explainDetail: String { "Location: [" + index.rootPaths.joined(separator: ", ") + "]" }

    public func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        let countOnly = requiredColumns?.isEmpty ?? false
        let splits = FileSplit.plan(index.files, maxBytes: maxPartitionBytes, splittable: !wholeText && lineSep == nil)
        return splits.map { TextPartition(split: $0, wholeText: wholeText, lineSep: lineSep, countOnly: countOnly, batchRows: batchRows) }
    }
}

/// One split of a text file.
struct TextPartition: ScanPartition {
    let split: FileSplit
    let wholeText: Bool
    let lineSep: [UInt8]?
    let countOnly: Bool
    let batchRows: Int

    private static let valueSchema = StructType([StructField("value", .string)])

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        if wholeText {
            let data = try POSIX.ReadFile(split.path).readAll()
            if countOnly { try emit(RecordBatch(unchecked: StructType(), columns: [], numRows: 1)); return }
            let strings = ByteArray(offsets: [0, Int32(truncatingIfNeeded: data.count)], data: data)
            try emit(RecordBatch(unchecked: Self.valueSchema, columns: [ColumnVector(strings: strings)], numRows: 1))
            return
        }
        if countOnly {
            var n = 0
            try LineReader.forEachLine(split, lineSep: lineSep) { (_, _) throws(RivuletError) in n += 1 }
            if n > 0 { try emit(RecordBatch(unchecked: StructType(), columns: [], numRows: n)) }
            return
        }
        var byteEstimate = 64 * batchRows
        var builder = ByteArrayBuilder(capacity: batchRows, byteCapacity: byteEstimate)
        try LineReader.forEachLine(split, lineSep: lineSep) { (line, _) throws(RivuletError) in
            builder.append(line)
            if builder.count == batchRows {
                byteEstimate = builder.data.count + builder.data.count / 8
                let strings = builder.finish()
                builder = ByteArrayBuilder(capacity: batchRows, byteCapacity: byteEstimate)
                try emit(RecordBatch(unchecked: Self.valueSchema, columns: [ColumnVector(strings: strings)], numRows: strings.count))
            }
        }
        if builder.count > 0 {
            let strings = builder.finish()
            try emit(RecordBatch(unchecked: Self.valueSchema, columns: [ColumnVector(strings: strings)], numRows: strings.count))
        }
    }
}
