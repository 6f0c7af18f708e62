import RivuletCore

/// `show()` in Spark's exact table layout.
extension DataFrame {
    /// Prints the first `n` rows as a table, like Spark: cells longer than `truncate` characters are
    /// cut to `truncate - 3` plus `...` and right-aligned; with `truncate: 0` cells are left-aligned
    /// and never cut.
    public func show(_ n: Int = 20, truncate: Int = 20, vertical: Bool = false) throws(RivuletError) {
        print(try showString(n, truncate: truncate, vertical: vertical), terminator: "")
    }

    /// `show(n, truncate: false)`.
    public func show(_ n: Int = 20, truncate: Bool) throws(RivuletError) {
        try show(n, truncate: truncate ? 20 : 0)
    }

    /// The text `show` prints.
    public func showString(_ n: Int = 20, truncate: Int = 20, vertical: Bool = false) throws(RivuletError) -> String {
        let rows = try limit(n + 1).collect()
        return ShowFormatter.format(columns: columns, types: schema.fields.map(\.dataType), rows: rows.map(\.values),
                                    numRows: n, truncate: truncate, vertical: vertical)
    }
}

/// Renders rows the way Spark's `Dataset.showString` does.
enum ShowFormatter {
    static func format(columns: [String], types: [DataType], rows allRows: [[Value]], numRows: Int, truncate: Int, vertical: Bool) -> String {
        let hasMore = allRows.count > numRows
        let rows = Array(allRows.prefix(max(0, numRows)))
        let cells: [[String]] = rows.map { r in
            r.enumerated().map { i, v in
                var s = prettyString(v)
                if truncate > 0, s.count > truncate {
                    s = truncate < 4 ? String(s.prefix(truncate)) : String(s.prefix(truncate - 3)) + "..."
                }
                return s
            }
        }
        if vertical { return verticalLayout(columns: columns, cells: cells, hasMore: hasMore, numRows: numRows) }
        let header = columns.map { c -> String in
            truncate > 0 && c.count > truncate ? (truncate < 4 ? String(c.prefix(truncate)) : String(c.prefix(truncate - 3)) + "...") : c
        }
        var widths = header.map { max(3, $0.count) }
        for r in cells { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        let sep = "+" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "+") + "+\n"
        func line(_ values: [String]) -> String {
            "|" + values.enumerated().map { i, v in
                let pad = String(repeating: " ", count: max(0, widths[i] - v.count))
                return truncate > 0 ? pad + v : v + pad
            }.joined(separator: "|") + "|\n"
        }
        var out = sep + line(header) + sep
        for r in cells { out += line(r) }
        out += sep
        if hasMore { out += "only showing top \(numRows) \(numRows == 1 ? "row" : "rows")\n" }
        out += "\n"
        return out
    }

    private static func verticalLayout(columns: [String], cells: [[String]], hasMore: Bool, numRows: Int) -> String {
        let nameWidth = columns.map(\.count).max() ?? 0
        let valueWidth = cells.flatMap { $0 }.map(\.count).max() ?? 0
        var out = ""
        for (i, r) in cells.enumerated() {
            let head = "-RECORD \(i)"
            out += head + String(repeating: "-", count: max(0, nameWidth + valueWidth + 3 - head.count)) + "\n"
            for (j, c) in r.enumerated() {
                out += columns[j] + String(repeating: " ", count: nameWidth - columns[j].count) + " | " + c + "\n"
            }
        }
        if cells.isEmpty { out += "(0 rows)\n" }
        if hasMore { out += "only showing top \(numRows) \(numRows == 1 ? "row" : "rows")\n" }
        return out
    }

    /// Spark 4's `ToPrettyString`: like cast-to-string, but nulls print as `NULL` at every level and
    /// binary as hex bytes.
    static func prettyString(_ v: Value) -> String {
        switch v {
        case .null: return "NULL"
        case .binary(let b): return "[" + b.map { SparkFormat.hexByte($0) }.joined(separator: " ") + "]"
        case .array(let items): return "[" + items.map(prettyString).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { prettyString($0.key) + " -> " + prettyString($0.value) }.joined(separator: ", ") + "}"
        case .struct(let fields): return "{" + fields.map(prettyString).joined(separator: ", ") + "}"
        default: return v.sparkString()
        }
    }
}
