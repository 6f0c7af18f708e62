import Foundation
import RivuletCore
import RivuletSQL

/// Date/time kernels (UTC session time zone): typed field extraction on day and microsecond
/// arrays, formatting and parsing with Spark's datetime patterns.
enum DateTimeKernels {
    typealias DT = DateTimeUtils

    static func nowMicros() -> Int64 { Int64((Date().timeIntervalSince1970 * 1e6).rounded(.down)) }

    static let kernels: [(String, ScalarKernel)] = {
        var out: [(String, ScalarKernel)] = []
        out.append(("current_timestamp", { (c, a, n) throws(RivuletError) in ColumnVector(dataType: .timestamp, count: n, validity: nil, storage: .int64([Int64](repeating: nowMicros(), count: n))) }))
        out.append(("current_date", { (c, a, n) throws(RivuletError) in
            ColumnVector(dataType: .date, count: n, validity: nil, storage: .int32([Int32](repeating: Int32(DT.floorDiv(nowMicros(), DT.microsPerDay)), count: n)))
        }))
        out.append(("unix_timestamp", { (c, a, n) throws(RivuletError) in
            if a.isEmpty { return ColumnVector(int64: [Int64](repeating: DT.floorDiv(nowMicros(), DT.microsPerSecond), count: n)) }
            if a[0].dataType == .timestamp { return ColumnVector(int64: KernelSupport.int64s(a[0]).map { DT.floorDiv($0, DT.microsPerSecond) }, validity: a[0].validity) }
            return try parseColumn(c, a, n, fn: "unix_timestamp", tryMode: false) { .long(DT.floorDiv($0, DT.microsPerSecond)) }
        }))
        let dateFields: [(String, @Sendable (Int) -> Int)] = [
            ("year", { DT.civilFromDays($0).year }),
            ("month", { DT.civilFromDays($0).month }),
            ("dayofmonth", { DT.civilFromDays($0).day }),
            ("quarter", { (DT.civilFromDays($0).month - 1) / 3 + 1 }),
            ("dayofweek", { Int(DT.floorMod(Int64($0) + 4, 7)) + 1 }),   // Sunday = 1; 1970-01-01 was a Thursday
            ("weekday", { Int(DT.floorMod(Int64($0) + 3, 7)) }),          // Monday = 0
            ("dayofyear", { let y = DT.civilFromDays($0).year; return $0 - DT.daysFromCivil(y, 1, 1) + 1 }),
            ("weekofyear", { isoWeek($0) }),
            ("unix_date", { $0 }),
        ]
        for (name, f) in dateFields {
            out.append((name, { (c, a, n) throws(RivuletError) in
                let d = KernelSupport.int64s(a[0])
                var r = [Int32](repeating: 0, count: n)
                for i in 0..<n where !a[0].isNull(i) { r[i] = Int32(truncatingIfNeeded: f(Int(d[i]))) }
                return ColumnVector(int32: r, validity: nullValidity(a[0]))
            }))
        }
        let tsFields: [(String, @Sendable (Int64) -> Int64)] = [
            ("hour", { DT.floorMod($0, DT.microsPerDay) / 3_600_000_000 }),
            ("minute", { DT.floorMod($0, 3_600_000_000) / 60_000_000 }),
            ("second", { DT.floorMod($0, 60_000_000) / 1_000_000 }),
        ]
        for (name, f) in tsFields {
            out.append((name, { (c, a, n) throws(RivuletError) in
                let t = KernelSupport.int64s(a[0])
                return ColumnVector(int32: t.map { Int32(truncatingIfNeeded: f($0)) }, validity: nullValidity(a[0]))
            }))
        }
        let longMaps: [(String, @Sendable (Int64) -> Int64?)] = [
            ("timestamp_millis", { $0.multipliedReportingOverflow(by: 1000).overflow ? nil : $0 * 1000 }),
            ("timestamp_micros", { $0 }),
            ("unix_seconds", { DT.floorDiv($0, DT.microsPerSecond) }),
            ("unix_millis", { DT.floorDiv($0, 1000) }),
            ("unix_micros", { $0 }),
        ]
        for (name, f) in longMaps {
            out.append((name, { (c, a, n) throws(RivuletError) in
                let x = KernelSupport.int64s(a[0])
                var r = [Int64](repeating: 0, count: n)
                for i in 0..<n where !a[0].isNull(i) {
                    guard let v = f(x[i]) else { throw MathKernels.overflow("long overflow") }
                    r[i] = v
                }
                return ColumnVector(dataType: c.dataType, count: n, validity: nullValidity(a[0]), storage: .int64(r))
            }))
        }
        out.append(("timestamp_seconds", { (c, a, n) throws(RivuletError) in try CastKernel.cast(a[0], to: .timestamp, ansi: true) }))
        out.append(("date_from_unix_date", { (c, a, n) throws(RivuletError) in
            ColumnVector(dataType: .date, count: n, validity: nullValidity(a[0]), storage: .int32(KernelSupport.int64s(a[0]).map { Int32(truncatingIfNeeded: $0) }))
        }))
        out.append(("date_add", { (c, a, n) throws(RivuletError) in try dateArith(a, n, sign: 1) }))
        out.append(("date_sub", { (c, a, n) throws(RivuletError) in try dateArith(a, n, sign: -1) }))
        out.append(("datediff", { (c, a, n) throws(RivuletError) in
            let x = KernelSupport.int64s(a[0]), y = KernelSupport.int64s(a[1])
            return ColumnVector(int32: (0..<n).map { Int32(truncatingIfNeeded: x[$0] - y[$0]) }, validity: KernelSupport.intersectValidity(a, count: n))
        }))
        out.append(("add_months", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .date(let d) = v[0], let m = v[1].int64Value else { return .null }
                return .date(Int32(addMonths(Int(d), Int(m))))
            }
        }))
        out.append(("months_between", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .timestamp(let t1) = v[0], case .timestamp(let t2) = v[1], case .boolean(let roundOff) = v[2] else { return .null }
                return .double(monthsBetween(t1, t2, roundOff))
            }
        }))
        out.append(("last_day", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .date(let d) = v[0] else { return .null }
                let (y, m, _) = DT.civilFromDays(Int(d))
                return .date(Int32(DT.daysFromCivil(y, m, DT.daysInMonth(y, m))))
            }
        }))
        out.append(("next_day", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v throws(RivuletError) in
                guard case .date(let d) = v[0], case .string(let name) = v[1] else { return .null }
                guard let target = dayOfWeek(name) else {
                    throw RivuletError.execution("Illegal input for day of week: \(name).", errorClass: "ILLEGAL_DAY_OF_WEEK")
                }
                let cur = Int(DT.floorMod(Int64(d) + 3, 7))
                var delta = (target - cur + 7) % 7
                if delta == 0 { delta = 7 }
                return .date(d + Int32(delta))
            }
        }))
        out.append(("trunc", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .date(let d) = v[0], case .string(let unit) = v[1] else { return .null }
                guard let r = truncDate(Int(d), unit.lowercased(), allowSmaller: false) else { return .null }
                return .date(Int32(r))
            }
        }))
        out.append(("date_trunc", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let unit) = v[0], case .timestamp(let t) = v[1] else { return .null }
                return truncTimestamp(t, unit.lowercased()).map { .timestamp($0) } ?? .null
            }
        }))
        out.append(("make_date", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v throws(RivuletError) in
                guard let y = v[0].int64Value, let m = v[1].int64Value, let d = v[2].int64Value else { return .null }
                guard m >= 1, m <= 12, d >= 1, d <= Int64(DT.daysInMonth(Int(y), Int(m))) else {
                    throw invalidDate(Int(y), Int(m), Int(d))
                }
                return .date(Int32(DT.daysFromCivil(Int(y), Int(m), Int(d))))
            }
        }))
        out.append(("make_timestamp", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v throws(RivuletError) in
                guard let y = v[0].int64Value, let mo = v[1].int64Value, let d = v[2].int64Value, let h = v[3].int64Value,
                      let mi = v[4].int64Value, case .decimal(let sec) = v[5] else { return .null }
                guard mo >= 1, mo <= 12, d >= 1, d <= Int64(DT.daysInMonth(Int(y), Int(mo))) else { throw invalidDate(Int(y), Int(mo), Int(d)) }
                let micros = sec.rescaled(to: 6).map { Int64($0.unscaled) } ?? -1
                guard h >= 0, h < 24, mi >= 0, mi < 60, micros >= 0, micros <= 60_000_000 else {
                    throw RivuletError.execution("Invalid value for time fields in make_timestamp.", errorClass: "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION")
                }
                return .timestamp(DT.micros(year: Int(y), month: Int(mo), day: Int(d), hour: Int(h), minute: Int(mi)) + micros)
            }
        }))
        for name in ["to_timestamp", "try_to_timestamp"] {
            out.append((name, { (c, a, n) throws(RivuletError) in
                try parseColumn(c, a, n, fn: name, tryMode: name.hasPrefix("try")) { .timestamp($0) }
            }))
        }
        for name in ["to_date", "try_to_date"] {
            out.append((name, { (c, a, n) throws(RivuletError) in
                try parseColumn(c, a, n, fn: name, tryMode: name.hasPrefix("try")) { .date(Int32(DT.floorDiv($0, DT.microsPerDay))) }
            }))
        }
        out.append(("date_format", { (c, a, n) throws(RivuletError) in try formatColumn(c, a, n, scale: 1) }))
        out.append(("from_unixtime", { (c, a, n) throws(RivuletError) in try formatColumn(c, a, n, scale: DT.microsPerSecond) }))
        return out
    }()

    static func nullValidity(_ c: ColumnVector) -> Bitmap? {
        if case .none = c.storage { return Bitmap(count: c.count, value: false) }
        return c.validity
    }

    static func invalidDate(_ y: Int, _ m: Int, _ d: Int) -> RivuletError {
        let month = m >= 1 && m <= 12 ? DateTimeFormat.monthsLong[m - 1].uppercased() : "\(m)"
        return .execution("Invalid date '\(month) \(d)'.", errorClass: "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION")
    }

    /// ISO-8601 week number (weeks start on Monday; week 1 contains the year's first Thursday).
    static func isoWeek(_ days: Int) -> Int {
        let dow = Int(DT.floorMod(Int64(days) + 3, 7))   // Monday = 0
        let thursday = days - dow + 3
        let y = DT.civilFromDays(thursday).year
        return (thursday - DT.daysFromCivil(y, 1, 1)) / 7 + 1
    }

    static func addMonths(_ d: Int, _ months: Int) -> Int {
        let (y, m, day) = DT.civilFromDays(d)
        let total = y * 12 + (m - 1) + months
        let ny = Int(DT.floorDiv(Int64(total), 12)), nm = Int(DT.floorMod(Int64(total), 12)) + 1
        return DT.daysFromCivil(ny, nm, min(day, DT.daysInMonth(ny, nm)))
    }

    /// Spark's `monthsBetween`: whole months when both are the same day of month or both month ends,
    /// otherwise a 31-day-month fraction, rounded to 8 digits when `roundOff`.
    static func monthsBetween(_ t1: Int64, _ t2: Int64, _ roundOff: Bool) -> Double {
        let f1 = DT.fields(ofMicros: t1), f2 = DT.fields(ofMicros: t2)
        let months = Double((f1.year - f2.year) * 12 + (f1.month - f2.month))
        let end1 = f1.day == DT.daysInMonth(f1.year, f1.month), end2 = f2.day == DT.daysInMonth(f2.year, f2.month)
        if f1.day == f2.day || (end1 && end2) { return months }
        let secsInDay1 = Double(DT.floorMod(t1, DT.microsPerDay)) / 1e6, secsInDay2 = Double(DT.floorMod(t2, DT.microsPerDay)) / 1e6
        let diff = Double(f1.day - f2.day) * 86400 + secsInDay1 - secsInDay2
        let r = months + diff / (31 * 86400)
        return roundOff ? (r * 1e8).rounded(.toNearestOrAwayFromZero) / 1e8 : r
    }

    static func dayOfWeek(_ s: String) -> Int? {
        switch s.lowercased() {
        case "mo", "mon", "monday": return 0
        case "tu", "tue", "tuesday": return 1
        case "we", "wed", "wednesday": return 2
        case "th", "thu", "thursday": return 3
        case "fr", "fri", "friday": return 4
        case "sa", "sat", "saturday": return 5
        case "su", "sun", "sunday": return 6
        default: return nil
        }
    }

    /// `trunc(date, unit)`: year/yyyy/yy, quarter, month/mm/mon, week; nil for anything else.
    static func truncDate(_ d: Int, _ unit: String, allowSmaller: Bool) -> Int? {
        let (y, m, _) = DT.civilFromDays(d)
        switch unit {
        case "year", "yyyy", "yy": return DT.daysFromCivil(y, 1, 1)
        case "quarter": return DT.daysFromCivil(y, (m - 1) / 3 * 3 + 1, 1)
        case "month", "mm", "mon": return DT.daysFromCivil(y, m, 1)
        case "week": return d - Int(DT.floorMod(Int64(d) + 3, 7))
        default: return allowSmaller ? d : nil
        }
    }

    static func truncTimestamp(_ t: Int64, _ unit: String) -> Int64? {
        let units: [String: Int64] = ["microsecond": 1, "millisecond": 1000, "second": 1_000_000, "minute": 60_000_000, "hour": 3_600_000_000,
                                      "day": DT.microsPerDay, "dd": DT.microsPerDay]
        if let u = units[unit] { return DT.floorDiv(t, u) * u }
        let days = Int(DT.floorDiv(t, DT.microsPerDay))
        let mapped = unit == "q" ? "quarter" : unit
        guard let d = truncDate(days, mapped, allowSmaller: false) else { return nil }
        return Int64(d) * DT.microsPerDay
    }

    static func dateArith(_ a: [ColumnVector], _ n: Int, sign: Int64) throws(RivuletError) -> ColumnVector {
        let d = KernelSupport.int64s(a[0]), k = KernelSupport.int64s(a[1])
        let valid = KernelSupport.intersectValidity(a, count: n)
        var r = [Int32](repeating: 0, count: n)
        for i in 0..<n where valid?[i] ?? true {
            guard let v = Int32(exactly: d[i] + sign * k[i]) else { throw MathKernels.overflow("integer overflow") }
            r[i] = v
        }
        return ColumnVector(dataType: .date, count: n, validity: valid, storage: .int32(r))
    }

    /// Parses strings (with the optional constant or per-row pattern) into micros, mapped by `wrap`.
    static func parseColumn(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, fn: String, tryMode: Bool,
                            _ wrap: @escaping (Int64) -> Value) throws(RivuletError) -> ColumnVector {
        var formats: [String: DateTimeFormat] = [:]
        let isDate = call.dataType == .date
        return try KernelSupport.rowwise(call, a, n) { v throws(RivuletError) in
            guard case .string(let s) = v[0] else {
                if case .timestamp(let t) = v[0] { return wrap(t) }
                return .null
            }
            if v.count < 2 || fn == "unix_timestamp" && v.count < 2 {
                let parsed = isDate ? DT.parseDate(s).map { Int64($0) * DT.microsPerDay } : DT.parseTimestamp(s)
                if let p = parsed { return wrap(p) }
                if tryMode { return .null }
                throw CastErrors.error(.invalidInput, .string(s), from: .string, to: isDate ? .date : .timestamp)
            }
            guard case .string(let pattern) = v[1] else { return .null }
            let f: DateTimeFormat
            if let cached = formats[pattern] { f = cached } else { f = try DateTimeFormat(pattern); formats[pattern] = f }
            switch f.parse(s) {
            case .success(let t): return wrap(t)
            case .failure(let e):
                if tryMode { return .null }
                let suggestion = isDate ? "try_to_date" : "try_to_timestamp"
                throw RivuletError.execution("Text '\(s)' could not be parsed at index \(e.index). Use `\(suggestion)` to tolerate invalid input string and return NULL instead.",
                                             errorClass: "CANNOT_PARSE_TIMESTAMP")
            }
        }
    }

    /// `date_format(ts, fmt)` (scale 1) and `from_unixtime(secs, fmt)` (scale 1e6).
    static func formatColumn(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, scale: Int64) throws(RivuletError) -> ColumnVector {
        let t = KernelSupport.int64s(a[0])
        let valid = KernelSupport.intersectValidity(a, count: n)
        var out = ByteArrayBuilder(capacity: n, byteCapacity: n * 19)
        let constant = KernelSupport.constant(call, a, 1)?.stringValue
        let fixed = try constant.map { (p) throws(RivuletError) in try DateTimeFormat(p) }
        for i in 0..<n {
            if let v = valid, !v[i] { out.appendEmpty(); continue }
            let f: DateTimeFormat
            if let fixed { f = fixed } else { f = try DateTimeFormat(a[1].string(at: i) ?? "") }
            let (m, o) = t[i].multipliedReportingOverflow(by: scale)
            if o { out.appendEmpty(); continue }
            out.append(f.format(m))
        }
        return ColumnVector(strings: out.finish(), validity: valid)
    }
}
