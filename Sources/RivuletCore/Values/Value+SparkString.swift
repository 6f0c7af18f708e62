/// Spark's `CAST(x AS STRING)` rendering of values, shared by `cast`, `show()`, the CSV/text
/// writers and the golden-test driver.
extension Value {
    /// The value as Spark's `cast(... as string)` prints it: `[1, null]`, `{a -> 1}`, `{1, x}`,
    /// `2024-01-01 00:00:00`, `1.0E10`. A top-level null renders as `nullText`.
    public func sparkString(nullText: String = "NULL") -> String {
        switch self {
        case .null: return nullText
        case .binary(let b): return String(decoding: b, as: UTF8.self)
        case .array(let items): return "[" + items.map { $0.sparkString(nullText: "null") }.joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { $0.key.sparkString(nullText: "null") + " -> " + $0.value.sparkString(nullText: "null") }
                .joined(separator: ", ") + "}"
        case .struct(let fields): return "{" + fields.map { $0.sparkString(nullText: "null") }.joined(separator: ", ") + "}"
        case .dayTimeInterval(let micros): return IntervalFormat.dayTime(micros)
        case .yearMonthInterval(let months): return IntervalFormat.yearMonth(months)
        default: return description
        }
    }
}

/// ANSI interval literals as Spark prints them.
public enum IntervalFormat {
    /// `INTERVAL '1 02:03:04' DAY TO SECOND`
    public static func dayTime(_ micros: Int64) -> String {
        let neg = micros < 0
        let m = neg ? (micros == Int64.min ? Int64.max : -micros) : micros
        let days = m / 86_400_000_000
        var rest = m % 86_400_000_000
        let h = rest / 3_600_000_000; rest %= 3_600_000_000
        let mi = rest / 60_000_000; rest %= 60_000_000
        let s = rest / 1_000_000
        let frac = rest % 1_000_000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var secs = two(s)
        if frac != 0 {
            var f = String(frac)
            f = String(repeating: "0", count: 6 - f.count) + f
            while f.last == "0" { f.removeLast() }
            secs += "." + f
        }
        return "INTERVAL '\(neg ? "-" : "")\(days) \(two(h)):\(two(mi)):\(secs)' DAY TO SECOND"
    }

    /// `INTERVAL '1-2' YEAR TO MONTH`
    public static func yearMonth(_ months: Int32) -> String {
        let neg = months < 0
        let m = neg ? -Int64(months) : Int64(months)
        return "INTERVAL '\(neg ? "-" : "")\(m / 12)-\(m % 12)' YEAR TO MONTH"
    }
}
