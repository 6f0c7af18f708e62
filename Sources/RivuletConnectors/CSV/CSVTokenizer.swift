import RivuletCore

/// The fields of one CSV record: decoded bytes in one buffer plus per-field ranges.
struct CSVRecord {
    var bytes: [UInt8] = []
    /// Field `i` is `bytes[starts[i] ..< ends[i]]`; `quoted[i]` tells a quoted field.
    var starts: [Int] = []
    var ends: [Int] = []
    var quoted: [Bool] = []

    var count: Int { starts.count }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
    }

    func string(_ i: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[i]..<ends[i]]), as: UTF8.self) }
    }

    /// The field as the value Spark sees before type conversion: nil for null (an unquoted empty
    /// field or the `nullValue`), `emptyValue` for a quoted empty field.
    func token(_ i: Int, options: CSVOptions) -> String? {
        if starts[i] == ends[i] {
            if !quoted[i] { return nil }
            return options.emptyValue == options.nullValue ? nil : options.emptyValue
        }
        let s = string(i)
        return s == options.nullValue ? nil : s
    }
}

/// A univocity-compatible CSV tokenizer (the parser Spark uses), driven by ``CSVOptions``.
///
/// A field that starts with the quote character is quoted: inside it the separator and line
/// breaks are literal, `escape` + quote is a quote (`""` when escape is the quote), and the field
/// ends at a quote followed by a separator or the end of the record. A quote followed by anything
/// else is an "unescaped quote": like univocity's `STOP_AT_DELIMITER`, the field is then the raw
/// text up to the next separator (`"q""uote"` reads as itself with the default escape `\`).
struct CSVTokenizer {
    let options: CSVOptions

    @inline(__always) private func isSeparator(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let sep = options.separator
        if sep.count == 1 { return b[i] == sep[0] }
        guard i + sep.count <= b.count else { return false }
        for k in 0..<sep.count where b[i + k] != sep[k] { return false }
        return true
    }

    @inline(__always) private func isLineBreak(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }
    @inline(__always) private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// Tokenizes the record starting at `pos`; returns the position after it (past its line
    /// break). With `multiLine` false the buffer must be one line (line breaks end the record).
    func parse(_ b: UnsafeBufferPointer<UInt8>, from start: Int, into rec: inout CSVRecord) -> Int {
        rec.reset()
        var pos = start
        let n = b.count
        let sepLen = options.separator.count
        while true {
            if options.ignoreLeadingWhiteSpace { while pos < n, isSpace(b[pos]) { pos += 1 } }
            let fieldStart = rec.bytes.count
            if pos < n, let q = options.quote, b[pos] == q {
                let rawStart = pos
                pos += 1
                var closed = false
                var raw = false
                while pos < n {
                    let c = b[pos]
                    if let e = options.escape, e != q, c == e, pos + 1 < n {
                        if b[pos + 1] == q { rec.bytes.append(q); pos += 2; continue }
                        if b[pos + 1] == e, pos + 2 < n, b[pos + 2] == q { rec.bytes.append(e); pos += 2; continue }
                    }
                    if c == q {
                        if options.escape == q, pos + 1 < n, b[pos + 1] == q { rec.bytes.append(q); pos += 2; continue }
                        var after = pos + 1
                        if options.ignoreTrailingWhiteSpace { while after < n, isSpace(b[after]) { after += 1 } }
                        if after >= n || isSeparator(b, after) || isLineBreak(b[after]) {
                            pos = after
                            closed = true
                        } else {
                            raw = true
                        }
                        break
                    }
                    rec.bytes.append(c)
                    pos += 1
                }
                if raw {
                    // Unescaped quote: the field is the raw text up to the next separator / line end.
                    rec.bytes.removeSubrange(fieldStart...)
                    var e = rawStart
                    while e < n, !isSeparator(b, e), !isLineBreak(b[e]) { e += 1 }
                    rec.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[rawStart..<e]))
                    pos = e
                    rec.starts.append(fieldStart); rec.ends.append(rec.bytes.count); rec.quoted.append(false)
                } else {
                    _ = closed
                    rec.starts.append(fieldStart); rec.ends.append(rec.bytes.count); rec.quoted.append(true)
                }
            } else {
                let s = pos
                while pos < n, !isSeparator(b, pos), !isLineBreak(b[pos]) { pos += 1 }
                var e = pos
                if options.ignoreTrailingWhiteSpace { while e > s, isSpace(b[e - 1]) { e -= 1 } }
                rec.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<e]))
                rec.starts.append(fieldStart); rec.ends.append(rec.bytes.count); rec.quoted.append(false)
            }
            if pos < n, isSeparator(b, pos) { pos += sepLen; continue }
            // End of record: consume one line break.
            if pos < n, b[pos] == 0x0D { pos += 1; if pos < n, b[pos] == 0x0A { pos += 1 } } else if pos < n, b[pos] == 0x0A { pos += 1 }
            return pos
        }
    }
}
