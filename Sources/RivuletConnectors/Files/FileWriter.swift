import RivuletCore

/// Renders record batches as the bytes of one output file per format.
enum FileRenderers {
    /// CSV text of `batch` as Spark's CSV writer produces it (no header here).
    static func csv(_ batch: RecordBatch, options: CSVOptions, nullValue: String, emptyValue: String, into out: inout [UInt8]) throws(RivuletError) {
        for f in batch.schema.fields where !f.dataType.isAtomic {
            throw RivuletError(.analysis, "The CSV datasource doesn't support the column `\(f.name)` of the type \"\(f.dataType.sql)\".",
                               errorClass: "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE")
        }
        for r in 0..<batch.numRows {
            for (c, col) in batch.columns.enumerated() {
                if c > 0 { out.append(contentsOf: options.separator) }
                let v = col.value(at: r)
                if v.isNull { appendCSVField(nullValue, options: options, into: &out, raw: true); continue }
                let text = csvText(v)
                if text.isEmpty { out.append(contentsOf: emptyValue.utf8); continue }
                appendCSVField(text, options: options, into: &out, raw: false)
            }
            out.append(0x0A)
        }
    }

    /// The header line.
    static func csvHeader(_ schema: StructType, options: CSVOptions, into out: inout [UInt8]) {
        for (i, f) in schema.fields.enumerated() {
            if i > 0 { out.append(contentsOf: options.separator) }
            appendCSVField(f.name, options: options, into: &out, raw: false)
        }
        out.append(0x0A)
    }

    /// Values as Spark's CSV writer prints them: timestamps `2024-01-01T00:00:00.000Z`, dates
    /// `2024-01-01`, numbers like `cast(... as string)`.
    static func csvText(_ v: Value) -> String {
        switch v {
        case .timestamp(let t): return DateTimeUtils.formatTimestampISO(t)
        case .date(let d): return DateTimeUtils.formatDate(d)
        default: return v.sparkString(nullText: "")
        }
    }

    private static func appendCSVField(_ s: String, options: CSVOptions, into out: inout [UInt8], raw: Bool) {
        if raw { out.append(contentsOf: s.utf8); return }
        // Univocity trims leading/trailing white space when writing (Spark's write defaults).
        var bytes = Array(s.utf8)
        while let f = bytes.first, f == 0x20 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 { bytes.removeLast() }
        let q = options.quote
        var needsQuote = options.quoteAll
        if !needsQuote {
            let sep = options.separator
            for (i, c) in bytes.enumerated() {
                if c == 0x0A || c == 0x0D || (q != nil && c == q) || (c == sep[0] && i + sep.count <= bytes.count && Array(bytes[i..<(i + sep.count)]) == sep) {
                    needsQuote = true
                    break
                }
            }
        }
        guard needsQuote, let q else { out.append(contentsOf: bytes); return }
        out.append(q)
        for c in bytes {
            if c == q && options.escapeQuotes { out.append(options.escape ?? q) }
            out.append(c)
        }
        out.append(q)
    }

    /// JSON Lines text of `batch`.
    static func json(_ batch: RecordBatch, writer: JSONWriter, into out: inout [UInt8]) {
        let type = DataType.struct(batch.schema)
        for r in 0..<batch.numRows {
            writer.append(.struct(batch.columns.map { $0.value(at: r) }), type: type, to: &out)
            out.append(0x0A)
        }
    }

    /// Text lines of a one-string-column batch.
    static func text(_ batch: RecordBatch, into out: inout [UInt8]) throws(RivuletError) {
        guard batch.schema.count == 1, batch.schema[0].dataType == .string, let strings = batch.columns[0].byteArray else {
            throw RivuletError(.analysis, "Text data source supports only a single column, and you have \(batch.schema.count) columns.",
                               errorClass: "_LEGACY_ERROR_TEMP_1280")
        }
        let col = batch.columns[0]
        for r in 0..<batch.numRows {
            if !col.isNull(r) { out.append(contentsOf: strings.data[strings.range(at: r)]) }
            out.append(0x0A)
        }
    }
}
