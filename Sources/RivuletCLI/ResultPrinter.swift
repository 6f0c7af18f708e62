import Rivulet

#if canImport(Glibc)
import Glibc
#endif

/// Prints a query result as a table, JSON lines or CSV.
enum ResultPrinter {
    static func print(_ df: DataFrame, format: SQLCommand.OutputFormat, limit: Int) throws {
        switch format {
        case .table:
            try df.show(limit, truncate: 0)
        case .json:
            // Spark's own to_json(struct(*)) renders each row exactly as Spark's JSON writer would.
            let json = try df.select(to_json(`struct`(col("*"))).alias("json"))
            for row in try json.collect() { Swift.print(row.getString(0) ?? "{}") }
        case .csv:
            let rows = try df.collect()
            Swift.print(df.columns.map(csvField).joined(separator: ","))
            for r in rows {
                Swift.print(r.values.map { $0.isNull ? "" : csvField($0.sparkString()) }.joined(separator: ","))
            }
        }
    }

    /// Quotes a CSV field when it holds a comma, quote or line break.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        var out = "\""
        for c in s { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { buf in
        #if canImport(Glibc)
        _ = Glibc.write(2, buf.baseAddress, buf.count)
        #else
        Swift.print(message)
        #endif
    }
}
