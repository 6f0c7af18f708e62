/// Calendar arithmetic on Spark's physical date/time representations (days and microseconds since
/// the epoch, proleptic Gregorian calendar). The session time zone is UTC.
public enum DateTimeUtils {
    public static let microsPerSecond: Int64 = 1_000_000
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// (year, month, day) for days since 1970-01-01.
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isLeapYear(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Floor division for negative timestamps.
    @inlinable public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    @inlinable public static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

    /// Splits microseconds since the epoch into civil fields.
    public static func fields(ofMicros t: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, micros: Int) {
        let days = floorDiv(t, microsPerDay)
        let rem = t - days * microsPerDay
        let (y, m, d) = civilFromDays(Int(days))
        let secs = Int(rem / microsPerSecond)
        return (y, m, d, secs / 3600, (secs / 60) % 60, secs % 60, Int(rem % microsPerSecond))
    }

    public static func micros(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, micros: Int = 0) -> Int64 {
        Int64(daysFromCivil(year, month, day)) * microsPerDay
            + Int64(hour * 3600 + minute * 60 + second) * microsPerSecond + Int64(micros)
    }

    private static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }

    /// `yyyy-MM-dd`, as Spark casts a date to string.
    public static func formatDate(_ days: Int32) -> String {
        let (y, m, d) = civilFromDays(Int(days))
        return (y < 0 ? "-" + pad(-y, 4) : pad(y, 4)) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// `yyyy-MM-dd HH:mm:ss[.SSSSSS]` with trailing zeros of the fraction removed, as Spark casts a
    /// timestamp to string.
    public static func formatTimestamp(_ t: Int64) -> String {
        let f = fields(ofMicros: t)
        var s = formatDate(Int32(daysFromCivil(f.year, f.month, f.day)))
        s += " " + pad(f.hour, 2) + ":" + pad(f.minute, 2) + ":" + pad(f.second, 2)
        if f.micros != 0 {
            var frac = pad(f.micros, 6)
            while frac.last == "0" { frac.removeLast() }
            s += "." + frac
        }
        return s
    }

    /// ISO-8601 with milliseconds as Spark's JSON writer prints timestamps: `2024-01-01T00:00:00.000Z`.
    public static func formatTimestampISO(_ t: Int64) -> String {
        let f = fields(ofMicros: t)
        return formatDate(Int32(daysFromCivil(f.year, f.month, f.day))) + "T" + pad(f.hour, 2) + ":" + pad(f.minute, 2)
            + ":" + pad(f.second, 2) + "." + pad(f.micros / 1000, 3) + "Z"
    }

    /// Parses `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d` with optional trailing `T...`/` ...` time part
    /// ignored (Spark's `stringToDate`). Returns nil when the text is not a valid date.
    public static func parseDate(_ s: String) -> Int32? {
        var u = Array(s.trimmingASCIISpaces().utf8)
        if let cut = u.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "T") }) { u = Array(u[..<cut]) }
        var parts: [Int] = []
        var cur = 0, digits = 0
        var neg = false
        var i = 0
        if i < u.count, u[i] == UInt8(ascii: "-") { neg = true; i += 1 }
        while i < u.count {
            let c = u[i]
            if c >= 48 && c <= 57 {
                cur = cur * 10 + Int(c - 48); digits += 1
                if digits > 9 { return nil }
            } else if c == UInt8(ascii: "-") {
                guard digits > 0 else { return nil }
                parts.append(cur); cur = 0; digits = 0
            } else { return nil }
            i += 1
        }
        guard digits > 0 else { return nil }
        parts.append(cur)
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        let y = neg ? -parts[0] : parts[0]
        let m = parts.count > 1 ? parts[1] : 1
        let d = parts.count > 2 ? parts[2] : 1
        guard m >= 1, m <= 12, d >= 1, d <= daysInMonth(y, m) else { return nil }
        return Int32(daysFromCivil(y, m, d))
    }

    /// Parses Spark's timestamp strings: `yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]][Z|±HH[:mm]]`.
    /// Returns microseconds since the epoch (UTC), or nil.
    public static func parseTimestamp(_ s: String) -> Int64? {
        let u = Array(s.trimmingASCIISpaces().utf8)
        var i = 0
        func num(_ maxDigits: Int) -> (Int, Int)? {
            var v = 0, n = 0
            while i < u.count, n < maxDigits, u[i] >= 48, u[i] <= 57 { v = v * 10 + Int(u[i] - 48); n += 1; i += 1 }
            return n == 0 ? nil : (v, n)
        }
        var neg = false
        if i < u.count, u[i] == UInt8(ascii: "-") { neg = true; i += 1 }
        guard let (y0, _) = num(9) else { return nil }
        let y = neg ? -y0 : y0
        var mo = 1, d = 1, h = 0, mi = 0, sec = 0, micros = 0
        if i < u.count, u[i] == UInt8(ascii: "-") {
            i += 1
            guard let (m, _) = num(2) else { return nil }
            mo = m
            if i < u.count, u[i] == UInt8(ascii: "-") {
                i += 1
                guard let (dd, _) = num(2) else { return nil }
                d = dd
            }
        }
        guard mo >= 1, mo <= 12, d >= 1, d <= daysInMonth(y, mo) else { return nil }
        var offsetSeconds = 0
        if i < u.count, u[i] == UInt8(ascii: " ") || u[i] == UInt8(ascii: "T") {
            i += 1
            guard let (hh, _) = num(2) else { return i >= u.count && u.count > 0 ? micros0(y, mo, d) : nil }
            h = hh
            guard i < u.count, u[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard let (mm, _) = num(2) else { return nil }
            mi = mm
            if i < u.count, u[i] == UInt8(ascii: ":") {
                i += 1
                guard let (ss, _) = num(2) else { return nil }
                sec = ss
                if i < u.count, u[i] == UInt8(ascii: ".") {
                    i += 1
                    var frac = 0, n = 0
                    while i < u.count, u[i] >= 48, u[i] <= 57 {
                        if n < 6 { frac = frac * 10 + Int(u[i] - 48); n += 1 }
                        i += 1
                    }
                    while n < 6 { frac *= 10; n += 1 }
                    micros = frac
                }
            }
            guard h < 24, mi < 60, sec < 60 else { return nil }
            if i < u.count {
                if u[i] == UInt8(ascii: "Z") {
                    i += 1
                } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
                    let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let (oh, _) = num(2) else { return nil }
                    var om = 0
                    if i < u.count, u[i] == UInt8(ascii: ":") { i += 1 }
                    if let (x, _) = num(2) { om = x }
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                } else if u[i] == UInt8(ascii: " ") {
                    // "2024-01-01 00:00:00 UTC"
                    let rest = String(decoding: u[(i + 1)...], as: UTF8.self)
                    guard rest == "UTC" || rest == "GMT" || rest == "Z" else { return nil }
                    i = u.count
                }
            }
        }
        guard i == u.count else { return nil }
        return DateTimeUtils.micros(year: y, month: mo, day: d, hour: h, minute: mi, second: sec, micros: micros) - Int64(offsetSeconds) * microsPerSecond
    }

    private static func micros0(_ y: Int, _ m: Int, _ d: Int) -> Int64 { micros(year: y, month: m, day: d) }
}
