import RivuletCore
import RivuletSQL

/// Spark's `csv` data source.
///
/// Schema: the user schema (applied by position; header names are not checked, like Spark's
/// default `enforceSchema`), else with `inferSchema` the types inferred from every record, else all
/// strings; names come from the header (`header=true`; empty names become `_c<i>`, duplicates get
/// their index appended) or are `_c0, _c1, ...`. A record with fewer or more fields than the schema,
/// or a field that does not convert, is malformed and follows `mode` (PERMISSIVE keeps the fields
/// that converted and puts the raw record in `columnNameOfCorruptRecord` when the schema has it).
public struct CSVSource: ScanSource {
    public let formatName = "csv"
    public let schema: StructType
    public let index: FileIndex
    public let options: CSVOptions
    public let maxPartitionBytes: Int
    public let batchRows: Int

    public init(paths: [String], options raw: [String: String], userSchema: StructType?, batchRows: Int = 8192) throws(RivuletError) {
        options = try CSVOptions(raw)
        index = try FileIndex(paths: paths)
        maxPartitionBytes = try SourceOptions(raw).int("maxPartitionBytes", default: FileSplit.defaultMaxBytes)
        self.batchRows = max(1, batchRows)
        if let userSchema {
            schema = userSchema
        } else {
            schema = try Self.deriveSchema(index: index, options: options)
        }
    }

    public var explainDetail: String { "Location: [" + index.rootPaths.joined(separator: ", ") + "]" }

    private static func deriveSchema(index: FileIndex, options: CSVOptions) throws(RivuletError) -> StructType {
        var names: [String]?
        var types: [DataType] = []
        let tokenizer = CSVTokenizer(options: options)
        var rec = CSVRecord()
        for (fileNumber, file) in index.files.enumerated() {
            var first = true
            do {
                try CSVRecords.forEach(FileSplit(path: file.path, start: 0, end: file.size, fileSize: file.size), options: options, tokenizer: tokenizer, record: &rec) { (rec, _) throws(RivuletError) in
                    if first {
                        first = false
                        if fileNumber == 0 {
                            names = Self.columnNames(rec, options: options)
                            types = [DataType](repeating: .null, count: rec.count)
                        }
                        if options.header { return }
                    }
                    guard options.inferSchema else { throw StopScan.signal }
                    for i in 0..<min(rec.count, types.count) {
                        guard let tok = rec.token(i, options: options) else { continue }
                        if types[i] == .string { continue }
                        types[i] = CSVValues.merge(types[i], CSVValues.infer(tok, options: options))
                    }
                }
            } catch where error == StopScan.signal {}
            if !options.inferSchema && names != nil { break }
        }
        guard let names else {
            if index.files.isEmpty {
                throw RivuletError(.analysis, "Unable to infer schema for CSV. It must be specified manually.", errorClass: "UNABLE_TO_INFER_SCHEMA")
            }
            return StructType()
        }
        return StructType(names.enumerated().map { i, n in
            let t = options.inferSchema ? types[i] : .string
            return StructField(n, t == .null ? .string : t)
        })
    }

    /// Header names with Spark's fixes: empty -> `_c<i>`, duplicates (case-insensitive) -> name + index.
    static func columnNames(_ rec: CSVRecord, options: CSVOptions) -> [String] {
        let raw: [String] = (0..<rec.count).map { i in
            guard options.header else { return "_c\(i)" }
            let s = rec.token(i, options: options) ?? ""
            return s.isEmpty ? "_c\(i)" : s
        }
        guard options.header else { return raw }
        var counts: [String: Int] = [:]
        for n in raw { counts[n.lowercased(), default: 0] += 1 }
        return raw.enumerated().map { i, n in (counts[n.lowercased()] ?? 0) > 1 ? n + String(i) : n }
    }

    public func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        let layout = try ScanLayout(schema: schema, corruptColumn: options.columnNameOfCorruptRecord, requiredColumns: requiredColumns)
        // Token position of each schema field (the corrupt column has none).
        var tokenIndex: [String: Int] = [:]
        var t = 0
        for f in schema.fields where f.name != options.columnNameOfCorruptRecord { tokenIndex[f.name] = t; t += 1 }
        let dataTokens = layout.dataSchema.fields.map { tokenIndex[$0.name] ?? 0 }
        return FileSplit.plan(index.files, maxBytes: maxPartitionBytes, splittable: !options.multiLine).map {
            CSVPartition(split: $0, layout: layout, tokenPositions: dataTokens, tokenCount: t, options: options, batchRows: batchRows)
        }
    }
}

/// Thrown internally (and caught) to stop a scan early.
enum StopScan {
    static let signal = RivuletError(.internal, "internal: scan stopped early")
}

/// Iterates the records of a CSV split (lines, or quoted-newline-aware records with `multiLine`),
/// skipping empty lines and comment lines.
enum CSVRecords {
    static func forEach(
        _ split: FileSplit, options: CSVOptions, tokenizer: CSVTokenizer, record rec: inout CSVRecord,
        _ body: (CSVRecord, (text: UnsafeBufferPointer<UInt8>, line: Int?)) throws(RivuletError) -> Void
    ) throws(RivuletError) {
        do {
            if options.multiLine {
                let data = try POSIX.ReadFile(split.path).readAll()
                try data.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(RivuletError) in
                    var pos = 0
                    var line = 1
                    while pos < b.count {
                        let c = b[pos]
                        if c == 0x0A || c == 0x0D { pos += 1; if c == 0x0A || pos >= b.count || b[pos] != 0x0A { line += 1 }; continue }
                        if let cm = options.comment, c == cm {
                            while pos < b.count, b[pos] != 0x0A, b[pos] != 0x0D { pos += 1 }
                            continue
                        }
                        let next = tokenizer.parse(b, from: pos, into: &rec)
                        var end = next
                        while end > pos, b[end - 1] == 0x0A || b[end - 1] == 0x0D { end -= 1 }
                        try body(rec, (UnsafeBufferPointer(rebasing: b[pos..<end]), line))
                        for k in pos..<next where b[k] == 0x0A { line += 1 }
                        pos = next
                    }
                }
            } else {
                var local = rec
                try LineReader.forEachLine(split) { (line, number) throws(RivuletError) in
                    if line.isEmpty { return }
                    if let cm = options.comment, line[0] == cm { return }
                    _ = tokenizer.parse(line, from: 0, into: &local)
                    try body(local, (line, number))
                }
                rec = local
            }
        }
    }
}

/// One split of a CSV file.
struct CSVPartition: ScanPartition {
    let split: FileSplit
    let layout: ScanLayout
    let tokenPositions: [Int]
    let tokenCount: Int
    let options: CSVOptions
    let batchRows: Int

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        var rows = RowAssembler(outputSchema: layout.output, corruptSlot: layout.corruptSlot, dataSlots: layout.dataSlots, batchRows: batchRows)
        let tokenizer = CSVTokenizer(options: options)
        var rec = CSVRecord()
        var skipHeader = options.header && split.start == 0
        let types = layout.dataSchema.fields.map(\.dataType)
        var values = [Value](repeating: .null, count: types.count)
        let wantsCorrupt = layout.corruptSlot != nil
        try CSVRecords.forEach(split, options: options, tokenizer: tokenizer, record: &rec) { (rec, raw) throws(RivuletError) in
            if skipHeader { skipHeader = false; return }
            var malformed = rec.count != tokenCount
            var firstBad: String?
            for (k, pos) in tokenPositions.enumerated() {
                guard pos < rec.count, let tok = rec.token(pos, options: options) else { values[k] = .null; continue }
                if let v = CSVValues.convert(tok, to: types[k], options: options) {
                    values[k] = v
                } else {
                    values[k] = .null
                    malformed = true
                    if firstBad == nil { firstBad = "cannot parse '\(tok)' as \(types[k].simpleString) for column '\(layout.dataSchema[k].name)'" }
                }
            }
            if malformed {
                switch options.mode {
                case .dropMalformed: return
                case .failFast:
                    let why = firstBad ?? "expected \(tokenCount) fields but found \(rec.count)"
                    throw ReadErrors.malformed(file: split.path, line: raw.line, record: String(decoding: raw.text, as: UTF8.self),
                                               cause: RivuletError(.execution, why))
                case .permissive: break
                }
            }
            rows.append(data: values, corrupt: malformed && wantsCorrupt ? String(decoding: raw.text, as: UTF8.self) : nil)
            try rows.flush(force: false, emit)
        }
        try rows.flush(force: true, emit)
    }
}
