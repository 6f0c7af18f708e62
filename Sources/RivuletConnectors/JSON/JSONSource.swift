import RivuletCore
import RivuletSQL

/// Spark's `json` data source: JSON Lines (one record per line) or, with `multiLine`, one JSON
/// document per file (an object or an array of objects).
///
/// Without a user schema the schema is inferred from every record (``JSONSchemaInference``).
/// Options: `mode` (PERMISSIVE / DROPMALFORMED / FAILFAST), `columnNameOfCorruptRecord`
/// (`_corrupt_record`), `primitivesAsString`, `prefersDecimal`, `multiLine`, and the parser switches
/// of ``JSONOptions`` (`allowComments`, `allowSingleQuotes`, `allowUnquotedFieldNames`, ...).
/// In PERMISSIVE mode a record that does not parse becomes a row of nulls, a field that does not
/// convert becomes null, and the raw record goes to the corrupt-record column when it is in the
/// schema.
public struct JSONSource: ScanSource {
    public let formatName = "json"
    public let schema: StructType
    public let index: FileIndex
    public let mode: ParseMode
    public let corruptColumn: String
    public let multiLine: Bool
    public let jsonOptions: JSONOptions
    public let maxPartitionBytes: Int
    public let batchRows: Int

    public init(paths: [String], options: [String: String], userSchema: StructType?, batchRows: Int = 8192) throws(RivuletError) {
        let o = SourceOptions(options)
        index = try FileIndex(paths: paths)
        mode = ParseMode(option: o["mode"])
        corruptColumn = o["columnNameOfCorruptRecord"] ?? "_corrupt_record"
        multiLine = try o.bool("multiLine", default: false)
        jsonOptions = JSONOptions(sparkOptions: options)
        maxPartitionBytes = try o.int("maxPartitionBytes", default: FileSplit.defaultMaxBytes)
        self.batchRows = max(1, batchRows)
        if let userSchema {
            schema = userSchema
        } else {
            schema = try Self.infer(
                index: index, multiLine: multiLine, mode: mode, corruptColumn: corruptColumn, options: jsonOptions,
                primitivesAsString: try o.bool("primitivesAsString", default: false),
                prefersDecimal: try o.bool("prefersDecimal", default: false))
        }
    }

    public var explainDetail: String { "Location: [" + index.rootPaths.joined(separator: ", ") + "]" }

    static func infer(
        index: FileIndex, multiLine: Bool, mode: ParseMode, corruptColumn: String, options: JSONOptions,
        primitivesAsString: Bool, prefersDecimal: Bool
    ) throws(RivuletError) -> StructType {
        guard !index.files.isEmpty else {
            throw RivuletError(.analysis, "Unable to infer schema for JSON. It must be specified manually.", errorClass: "UNABLE_TO_INFER_SCHEMA")
        }
        var inference = JSONSchemaInference(primitivesAsString: primitivesAsString, prefersDecimal: prefersDecimal, options: options)
        for file in index.files {
            let split = FileSplit(path: file.path, start: 0, end: file.size, fileSize: file.size)
            try JSONRecords.forEach(split, multiLine: multiLine) { (record, line) throws(RivuletError) in
                let before = inference.sawMalformed
                let err = inference.add(record)
                if mode == .failFast, inference.sawMalformed, !before {
                    throw ReadErrors.malformed(file: file.path, line: line, record: String(decoding: record, as: UTF8.self), cause: err)
                }
            }
        }
        return inference.schema(corruptColumn: mode == .permissive ? corruptColumn : nil)
    }

    public func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        let layout = try ScanLayout(schema: schema, corruptColumn: corruptColumn, requiredColumns: requiredColumns)
        let decoder = JSONSchemaDecoder(type: .struct(layout.dataSchema), options: jsonOptions)
        return FileSplit.plan(index.files, maxBytes: maxPartitionBytes, splittable: !multiLine).map {
            JSONPartition(split: $0, layout: layout, decoder: decoder, mode: mode, multiLine: multiLine, batchRows: batchRows)
        }
    }
}

/// Iterates the records of a JSON file: lines, or the whole file with `multiLine`.
enum JSONRecords {
    static func forEach(
        _ split: FileSplit, multiLine: Bool, _ body: (UnsafeBufferPointer<UInt8>, Int?) throws(RivuletError) -> Void
    ) throws(RivuletError) {
        if multiLine {
            let data = try POSIX.ReadFile(split.path).readAll()
            try data.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(RivuletError) in try body(b, 1) }
        } else {
            try LineReader.forEachLine(split, body)
        }
    }
}

/// One split of a JSON file.
struct JSONPartition: ScanPartition {
    let split: FileSplit
    let layout: ScanLayout
    let decoder: JSONSchemaDecoder
    let mode: ParseMode
    let multiLine: Bool
    let batchRows: Int

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        var rows = RowAssembler(outputSchema: layout.output, corruptSlot: layout.corruptSlot, dataSlots: layout.dataSlots, batchRows: batchRows)
        let nulls = [Value](repeating: .null, count: layout.dataSchema.count)
        let wantsCorrupt = layout.corruptSlot != nil
        try JSONRecords.forEach(split, multiLine: multiLine) { (record, line) throws(RivuletError) in
            switch decoder.decodeRecord(record) {
            case .empty:
                return
            case .rows(let decoded, let mismatch):
                if mismatch {
                    switch mode {
                    case .dropMalformed: return
                    case .failFast:
                        throw ReadErrors.malformed(file: split.path, line: line, record: String(decoding: record, as: UTF8.self), cause: nil)
                    case .permissive: break
                    }
                }
                let raw = mismatch && wantsCorrupt ? String(decoding: record, as: UTF8.self) : nil
                for r in decoded { rows.append(data: r, corrupt: raw) }
            case .malformed(let err):
                switch mode {
                case .dropMalformed: return
                case .failFast:
                    throw ReadErrors.malformed(file: split.path, line: line, record: String(decoding: record, as: UTF8.self), cause: err)
                case .permissive:
                    rows.append(data: nulls, corrupt: wantsCorrupt ? String(decoding: record, as: UTF8.self) : nil)
                }
            }
            try rows.flush(force: false, emit)
        }
        try rows.flush(force: true, emit)
    }
}
