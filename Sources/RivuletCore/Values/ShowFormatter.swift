/// Renders rows the way Spark's `Dataset.showString` does: the table `show()` prints and the
/// console sink writes under each `Batch: N` header.
///
/// ```swift
/// ShowFormatter.format(columns: ["word", "count"], rows: [[.string("a"), .long(2)]], numRows: 20, truncate: 20)
/// // +----+-----+
/// // |word|count|
/// // +----+-----+
/// // |   a|    2|
/// // +----+-----+
/// ```
public enum ShowFormatter {
    /// The table text for the first `numRows` of `rows` (pass one extra row to get Spark's
    /// "only showing top N rows" footer). Cells longer than `truncate` characters are cut to
    /// `truncate - 3` plus `...` and right-aligned; with `truncate: 0` cells are left-aligned and
    /// never cut. The text ends with a blank line, as `show()` prints it.
    public static func format(columns: [String], rows allRows: [[Value]], numRows: Int, truncate: Int, vertical: Bool = false) -> String {
        let hasMore = allRows.count > numRows
        let rows = Array(allRows.prefix(max(0, numRows)))
        let cells: [[String]] = rows.map { r in
            r.map { v in
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
                let pad = String(repeating: " ", count: max(0, (i < widths.count ? widths[i] : 0) - v.count))
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
            for (j, c) in r.enumerated() where j < columns.count {
                out += columns[j] + String(repeating: " ", count: nameWidth - columns[j].count) + " | " + c + "\n"
            }
        }
        if cells.isEmpty { out += "(0 rows)\n" }
        if hasMore { out += "only showing top \(numRows) \(numRows == 1 ? "row" : "rows")\n" }
        return out
    }

    /// Spark 4's `ToPrettyString`: like cast-to-string, but nulls print as `NULL` at every level and
    /// binary as hex bytes.
    public static func prettyString(_ v: Value) -> String {
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
