import RivuletCore

/// Spark's datetime patterns (the Java `DateTimeFormatter` subset Spark documents): `y M d H h m s
/// S a E D` and quoted literals, for `date_format`, `to_timestamp(s, fmt)`, `from_unixtime`...
struct DateTimeFormat: Sendable {
    enum Token: Sendable, Equatable { case field(Character, Int), literal(String) }
    let tokens: [Token]

    static let monthsShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthsLong = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let daysShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let daysLong = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    init(_ pattern: String) throws(RivuletError) {
        var out: [Token] = []
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                var j = i + 1
                var lit = ""
                while j < chars.count {
                    if chars[j] == "'" {
                        if j + 1 < chars.count && chars[j + 1] == "'" { lit.append("'"); j += 2; continue }
                        break
                    }
                    lit.append(chars[j]); j += 1
                }
                out.append(.literal(lit.isEmpty && j == i + 1 ? "'" : lit))
                i = j + 1
            } else if c.isLetter && c.isASCII {
                var j = i
                while j < chars.count && chars[j] == c { j += 1 }
                guard "yuMLdHhmsSaEDkKXxZVzQqGw".contains(c) else {
                    throw RivuletError.execution("Fail to recognize '\(pattern)' pattern in the DateTimeFormatter: illegal pattern character '\(c)'.",
                                                 errorClass: "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION")
                }
                out.append(.field(c, j - i))
                i = j
            } else {
                out.append(.literal(String(c))); i += 1
            }
        }
        tokens = out
    }

    private static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(abs(v))
        return (v < 0 ? "-" : "") + (s.count >= w ? s : String(repeating: "0", count: w - s.count) + s)
    }

    /// Formats microseconds since the epoch (UTC).
    func format(_ micros: Int64) -> String {
        let f = DateTimeUtils.fields(ofMicros: micros)
        let days = Int(DateTimeUtils.floorDiv(micros, DateTimeUtils.microsPerDay))
        var out = ""
        for t in tokens {
            switch t {
            case .literal(let s): out += s
            case .field(let c, let n):
                switch c {
                case "y", "u": out += n == 2 ? DateTimeFormat.pad(f.year % 100, 2) : DateTimeFormat.pad(f.year, n)
                case "M", "L":
                    out += n >= 4 ? DateTimeFormat.monthsLong[f.month - 1] : n == 3 ? DateTimeFormat.monthsShort[f.month - 1] : DateTimeFormat.pad(f.month, n)
                case "d": out += DateTimeFormat.pad(f.day, n)
                case "D": out += DateTimeFormat.pad(DateTimeUtils.daysFromCivil(f.year, f.month, f.day) - DateTimeUtils.daysFromCivil(f.year, 1, 1) + 1, n)
                case "H": out += DateTimeFormat.pad(f.hour, n)
                case "k": out += DateTimeFormat.pad(f.hour == 0 ? 24 : f.hour, n)
                case "h": out += DateTimeFormat.pad(f.hour % 12 == 0 ? 12 : f.hour % 12, n)
                case "K": out += DateTimeFormat.pad(f.hour % 12, n)
                case "m": out += DateTimeFormat.pad(f.minute, n)
                case "s": out += DateTimeFormat.pad(f.second, n)
                case "S": out += String(DateTimeFormat.pad(f.micros, 6).prefix(n)) + String(repeating: "0", count: max(0, n - 6))
                case "a": out += f.hour < 12 ? "AM" : "PM"
                case "E":
                    let dow = Int(DateTimeUtils.floorMod(Int64(days) + 3, 7))  // 1970-01-01 was a Thursday
                    out += n >= 4 ? DateTimeFormat.daysLong[dow] : DateTimeFormat.daysShort[dow]
                case "Q", "q": out += DateTimeFormat.pad((f.month - 1) / 3 + 1, n)
                case "X", "x", "Z": out += c == "X" ? "Z" : (n >= 3 ? "+00:00" : "+0000")
                case "V", "z": out += "UTC"
                case "G": out += f.year > 0 ? "AD" : "BC"
                default: break
                }
            }
        }
        return out
    }

    /// Parses `text` completely; returns micros or the failing character index.
    func parse(_ text: String) -> Result<Int64, ParseFailure> {
        let u = Array(text.utf8)
        var i = 0
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, micros = 0
        var pm: Bool? = nil, hour12 = false
        var dayOfYear: Int? = nil
        var offsetSeconds = 0
        func digits(_ minN: Int, _ maxN: Int) -> Int? {
            var v = 0, k = 0
            while i < u.count, k < maxN, u[i] >= 48, u[i] <= 57 { v = v * 10 + Int(u[i] - 48); i += 1; k += 1 }
            return k >= minN ? v : nil
        }
        func word(_ names: [String]) -> Int? {
            for (k, name) in names.enumerated() {
                let b = Array(name.utf8)
                if i + b.count <= u.count, zip(u[i..<(i + b.count)], b).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) { i += b.count; return k }
            }
            return nil
        }
        for (ti, t) in tokens.enumerated() {
            let start = i
            // A numeric field followed directly by another numeric field uses its exact width.
            let adjacentNumeric: Bool = {
                guard ti + 1 < tokens.count, case .field(let nc, _) = tokens[ti + 1] else { return false }
                return "yuMdDHhkKmsS".contains(nc)
            }()
            switch t {
            case .literal(let s):
                let b = Array(s.utf8)
                guard i + b.count <= u.count, Array(u[i..<(i + b.count)]) == b else { return .failure(ParseFailure(index: start)) }
                i += b.count
            case .field(let c, let n):
                var ok = true
                switch c {
                case "y", "u":
                    if n == 2 { if let v = digits(2, 2) { year = 2000 + v } else { ok = false } }
                    else if let v = digits(n == 1 ? 1 : n, adjacentNumeric ? n : max(n, 9)) { year = v } else { ok = false }
                case "M", "L":
                    if n >= 4 { if let k = word(DateTimeFormat.monthsLong) { month = k + 1 } else { ok = false } }
                    else if n == 3 { if let k = word(DateTimeFormat.monthsShort) { month = k + 1 } else { ok = false } }
                    else if let v = digits(n, n == 1 && !adjacentNumeric ? 2 : n) { month = v } else { ok = false }
                case "d": if let v = digits(n, n == 1 && !adjacentNumeric ? 2 : n) { day = v } else { ok = false }
                case "D": if let v = digits(n, 3) { dayOfYear = v } else { ok = false }
                case "H", "k": if let v = digits(n, n == 1 && !adjacentNumeric ? 2 : n) { hour = c == "k" && v == 24 ? 0 : v } else { ok = false }
                case "h", "K": if let v = digits(n, n == 1 && !adjacentNumeric ? 2 : n) { hour = v; hour12 = true } else { ok = false }
                case "m": if let v = digits(n, n == 1 && !adjacentNumeric ? 2 : n) { minute = v } else { ok = false }
                case "s": if let v = digits(n, n == 1 && !adjacentNumeric ? 2 : n) { second = v } else { ok = false }
                case "S":
                    let before = i
                    if let v = digits(1, n) {
                        let k = i - before
                        micros = k <= 6 ? v * Int(DecimalValue.pow10(6 - k)) : v / Int(DecimalValue.pow10(k - 6))
                    } else { ok = false }
                case "a": if let k = word(["AM", "PM"]) { pm = k == 1 } else { ok = false }
                case "E": if word(DateTimeFormat.daysLong) == nil && word(DateTimeFormat.daysShort) == nil { ok = false }
                case "X", "x", "Z":
                    if i < u.count, u[i] == UInt8(ascii: "Z") { i += 1 }
                    else if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
                        let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
                        i += 1
                        guard let hh = digits(2, 2) else { ok = false; break }
                        if i < u.count, u[i] == UInt8(ascii: ":") { i += 1 }
                        let mm = digits(2, 2) ?? 0
                        offsetSeconds = sign * (hh * 3600 + mm * 60)
                    } else { ok = false }
                default: ok = false
                }
                if !ok { return .failure(ParseFailure(index: start)) }
            }
        }
        guard i == u.count else { return .failure(ParseFailure(index: i)) }
        if hour12 {
            guard hour >= 1 && hour <= 12 else { return .failure(ParseFailure(index: 0)) }
            hour = hour % 12 + ((pm ?? false) ? 12 : 0)
        } else if let pm, pm, hour < 12 { hour += 12 }
        if let doy = dayOfYear {
            let d = DateTimeUtils.daysFromCivil(year, 1, 1) + doy - 1
            (year, month, day) = DateTimeUtils.civilFromDays(d)
        }
        guard month >= 1, month <= 12, day >= 1, day <= DateTimeUtils.daysInMonth(year, month),
              hour < 24, minute < 60, second < 60 else { return .failure(ParseFailure(index: 0)) }
        return .success(DateTimeUtils.micros(year: year, month: month, day: day, hour: hour, minute: minute, second: second, micros: micros)
                        - Int64(offsetSeconds) * DateTimeUtils.microsPerSecond)
    }

    struct ParseFailure: Error { let index: Int }
}
