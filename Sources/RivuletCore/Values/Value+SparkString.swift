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

extension Value {
    /// Like ``sparkString(nullText:)``, but intervals (also nested ones) print with the fields of
    /// `type` (`INTERVAL '3' DAY`, `INTERVAL '01:30' HOUR TO MINUTE`), as Spark's cast does.
    public func sparkString(as type: DataType, nullText: String = "NULL") -> String {
        switch (self, type) {
        case (.dayTimeInterval(let micros), .dayTimeInterval(let a, let b)): return IntervalFormat.dayTime(micros, a, b)
        case (.yearMonthInterval(let months), .yearMonthInterval(let a, let b)): return IntervalFormat.yearMonth(months, a, b)
        case (.array(let items), .array(let et, _)):
            return "[" + items.map { $0.sparkString(as: et, nullText: "null") }.joined(separator: ", ") + "]"
        case (.map(let entries), .map(let kt, let vt, _)):
            return "{" + entries.map { $0.key.sparkString(as: kt, nullText: "null") + " -> " + $0.value.sparkString(as: vt, nullText: "null") }
                .joined(separator: ", ") + "}"
        case (.struct(let fields), .struct(let st)) where st.count == fields.count:
            return "{" + fields.enumerated().map { $0.element.sparkString(as: st[$0.offset].dataType, nullText: "null") }
                .joined(separator: ", ") + "}"
        default: return sparkString(nullText: nullText)
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

    /// Spark's ANSI rendering of a day-time interval with the given fields: `INTERVAL '3' DAY`,
    /// `INTERVAL '01' HOUR`, `INTERVAL '01.5' SECOND`, `INTERVAL '02:30' HOUR TO MINUTE`.
    public static func dayTime(_ micros: Int64, _ start: IntervalField, _ end: IntervalField) -> String {
        let neg = micros < 0
        var rest = neg ? UInt64(micros.magnitude) : UInt64(micros)
        let perDay: UInt64 = 86_400_000_000, perHour: UInt64 = 3_600_000_000, perMinute: UInt64 = 60_000_000
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        func seconds(_ r: UInt64) -> String {
            let whole = r / 1_000_000, frac = r % 1_000_000
            var t = two(whole)
            if frac != 0 {
                var f = String(frac)
                f = String(repeating: "0", count: 6 - f.count) + f
                while f.last == "0" { f.removeLast() }
                t += "." + f
            }
            return t
        }
        var out = neg ? "-" : ""
        switch start {
        case .hour: out += two(rest / perHour); rest %= perHour
        case .minute: out += two(rest / perMinute); rest %= perMinute
        case .second: out += seconds(rest)
        default: out += "\(rest / perDay)"; rest %= perDay
        }
        if start < .hour && .hour <= end { out += " " + two(rest / perHour); rest %= perHour }
        if start < .minute && .minute <= end { out += ":" + two(rest / perMinute); rest %= perMinute }
        if start < .second && .second <= end { out += ":" + seconds(rest) }
        let from = start.name.uppercased(), to = end.name.uppercased()
        return "INTERVAL '\(out)' " + (start == end ? from : "\(from) TO \(to)")
    }

    /// Spark's ANSI rendering of a year-month interval with the given fields: `INTERVAL '1' YEAR`,
    /// `INTERVAL '14' MONTH`, `INTERVAL '1-2' YEAR TO MONTH`.
    public static func yearMonth(_ months: Int32, _ start: IntervalField, _ end: IntervalField) -> String {
        if start == end {
            let m = Int64(months)
            let text = start == .year ? "\(m < 0 ? "-" : "")\(m.magnitude / 12)" : "\(m)"
            return "INTERVAL '\(text)' \(start.name.uppercased())"
        }
        return yearMonth(months)
    }

    /// `INTERVAL '1-2' YEAR TO MONTH`
    public static func yearMonth(_ months: Int32) -> String {
        let neg = months < 0
        let m = neg ? -Int64(months) : Int64(months)
        return "INTERVAL '\(neg ? "-" : "")\(m / 12)-\(m % 12)' YEAR TO MONTH"
    }
}
