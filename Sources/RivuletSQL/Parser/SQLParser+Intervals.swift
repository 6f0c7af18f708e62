import RivuletCore

/// ANSI interval literals: `INTERVAL '1' DAY`, `INTERVAL 2 HOURS 30 MINUTES`, `INTERVAL '1 day 2 hours'`,
/// `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '1 02:03:04.5' DAY TO SECOND`. The result is a
/// `day-time` interval (microseconds) or a `year-month` interval (months); mixing the two is an error,
/// as in Spark with `spark.sql.legacy.interval.enabled=false`.
extension SQLTokenParser {
    /// Interval units and their size: months for year-month units, microseconds for day-time units.
    private enum IntervalUnit {
        case months(Int64)
        case micros(Int64)

        init?(_ word: String) {
            var w = word.lowercased()
            if w.hasSuffix("s"), w.count > 1 { w.removeLast() }
            switch w {
            case "year": self = .months(12)
            case "month": self = .months(1)
            case "week": self = .micros(7 * DateTimeUtils.microsPerDay)
            case "day": self = .micros(DateTimeUtils.microsPerDay)
            case "hour": self = .micros(3_600_000_000)
            case "minute": self = .micros(60_000_000)
            case "second": self = .micros(1_000_000)
            case "millisecond": self = .micros(1000)
            case "microsecond": self = .micros(1)
            default: return nil
            }
        }
    }

    /// Accumulates the fields of one literal.
    private struct IntervalAccumulator {
        var months: Int128 = 0
        var micros: Int128 = 0
        var hasYearMonth = false
        var hasDayTime = false
        /// The smallest and largest fields written, for the literal's type (`interval hour to minute`).
        var minField: IntervalField?
        var maxField: IntervalField?

        mutating func note(_ f: IntervalField) {
            minField = Swift.min(minField ?? f, f)
            maxField = Swift.max(maxField ?? f, f)
        }
    }

    /// Parses after the `INTERVAL` keyword (already consumed).
    mutating func parseIntervalLiteral(_ intervalToken: SQLToken) throws(RivuletError) -> Expression {
        var acc = IntervalAccumulator()
        let startIndex = max(0, index - 1)
        var first = true
        while first || startsIntervalPair() {
            let valueToken = current
            var negative = false
            if acceptSymbol("-") { negative = true } else { _ = acceptSymbol("+") }
            let raw: String
            var isString = false
            switch current.kind {
            case .number(let n):
                raw = n
                advance()
            case .string:
                guard let s = try parseStringLiteralText() else { throw syntaxError() }
                raw = s
                isString = true
            default:
                throw syntaxError()
            }
            guard let unitWord = current.keyword, let unit = IntervalUnit(unitWord) else {
                // INTERVAL 'string' with no unit: the whole string is an interval ("1 day 2 hours").
                guard first, isString else { throw syntaxError(hint: "expected an interval unit") }
                try addIntervalString(raw, negative: negative, into: &acc, token: valueToken)
                return try intervalResult(acc, from: intervalToken, startIndex: startIndex)
            }
            advance()
            if first, isString, acceptKeyword("TO") {
                let toToken = current
                let to = try parseIdentifier().uppercased()
                try addUnitToUnit(raw, negative: negative, from: unitWord.uppercased(), to: to, into: &acc, token: toToken)
                return try intervalResult(acc, from: intervalToken, startIndex: startIndex)
            }
            let text = isString ? raw.trimmingASCIISpaces() : raw
            try addIntervalValue(text, negative: negative, unit: unit, unitName: unitWord, into: &acc, token: valueToken)
            first = false
        }
        return try intervalResult(acc, from: intervalToken, startIndex: startIndex)
    }

    /// Whether `[+|-] (number | string) unit` follows (so `INTERVAL 1 DAY - x` stays a subtraction).
    private func startsIntervalPair() -> Bool {
        var k = 0
        if peek(0).isSymbol("-") || peek(0).isSymbol("+") { k = 1 }
        switch peek(k).kind {
        case .number, .string: break
        default: return false
        }
        guard let w = peek(k + 1).keyword else { return false }
        return IntervalUnit(w) != nil
    }

    private func intervalError(_ text: String, _ token: SQLToken) -> RivuletError {
        RivuletError(.sql, "Cannot parse the INTERVAL value: \(text).", errorClass: "INVALID_INTERVAL_FORMAT", position: token.position)
    }

    /// Adds `value unit` where value is a signed decimal number.
    private func addIntervalValue(_ text: String, negative: Bool, unit: IntervalUnit, unitName: String,
                                  into acc: inout IntervalAccumulator, token: SQLToken) throws(RivuletError) {
        guard let (neg, whole, frac, fracDigits) = Self.splitDecimal(text) else {
            throw intervalError("'\(text)' \(unitName)", token)
        }
        let sign: Int128 = (neg != negative) ? -1 : 1
        switch unit {
        case .months(let m): acc.note(m == 12 ? .year : .month)
        case .micros(let u):
            acc.note(u >= DateTimeUtils.microsPerDay ? .day : u == 3_600_000_000 ? .hour : u == 60_000_000 ? .minute : .second)
        }
        switch unit {
        case .months(let m):
            guard frac == 0 else { throw intervalError("'\(text)' \(unitName) (fractional year-month values are not allowed)", token) }
            acc.months += sign * whole * Int128(m)
            acc.hasYearMonth = true
        case .micros(let u):
            acc.micros += sign * (whole * Int128(u) + frac * Int128(u) / DecimalValue.pow10(fracDigits))
            acc.hasDayTime = true
        }
        if acc.months.magnitude > UInt128(Int32.max) || acc.micros.magnitude > UInt128(Int64.max) {
            throw intervalError("'\(text)' \(unitName) (out of range)", token)
        }
    }

    /// `[+|-]digits[.digits]` -> (negative, whole, fraction, fraction digit count); nil if malformed.
    /// At most 9 fraction digits are kept (finer than a microsecond is truncated).
    private static func splitDecimal(_ s: String) -> (Bool, Int128, Int128, Int)? {
        var u = Substring(s)
        var neg = false
        if u.first == "-" { neg = true; u = u.dropFirst() } else if u.first == "+" { u = u.dropFirst() }
        let parts = u.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !(wholeText.isEmpty && parts.count == 1), wholeText.count <= 18,
              wholeText.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let whole = Int128(wholeText) ?? 0
        var frac: Int128 = 0
        var digits = 0
        if parts.count == 2 {
            let f = parts[1]
            guard f.allSatisfy({ $0.isASCII && $0.isNumber }), !(wholeText.isEmpty && f.isEmpty) else { return nil }
            for c in f.prefix(9) { frac = frac * 10 + Int128(c.wholeNumberValue ?? 0); digits += 1 }
        }
        return (neg, whole, frac, digits)
    }

    /// `'1 day 2 hours'`, `'interval -3 minutes'`.
    private func addIntervalString(_ s: String, negative: Bool, into acc: inout IntervalAccumulator, token: SQLToken) throws(RivuletError) {
        var words = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        if words.first?.lowercased() == "interval" { words.removeFirst() }
        guard !words.isEmpty, words.count % 2 == 0 else { throw intervalError("'\(s)'", token) }
        var k = 0
        while k < words.count {
            guard let unit = IntervalUnit(words[k + 1]) else { throw intervalError("'\(s)'", token) }
            try addIntervalValue(words[k], negative: negative, unit: unit, unitName: words[k + 1], into: &acc, token: token)
            k += 2
        }
    }

    /// `'y-m' YEAR TO MONTH` and the day-time forms `'d h:m:s.f' DAY TO SECOND`, `'h:m' HOUR TO MINUTE`, ...
    private func addUnitToUnit(_ s: String, negative: Bool, from: String, to: String,
                               into acc: inout IntervalAccumulator, token: SQLToken) throws(RivuletError) {
        var text = Substring(s.trimmingASCIISpaces())
        var neg = negative
        if text.first == "-" { neg.toggle(); text = text.dropFirst() } else if text.first == "+" { text = text.dropFirst() }
        let sign: Int128 = neg ? -1 : 1
        let bad = intervalError("'\(s)' \(from) TO \(to)", token)
        if from == "YEAR" {
            guard to == "MONTH" else { throw bad }
            let p = text.split(separator: "-", omittingEmptySubsequences: false)
            guard p.count == 2, let y = Int128(p[0]), let m = Int128(p[1]), y >= 0, m >= 0, m < 12, p[0].count <= 9 else { throw bad }
            acc.months += sign * (y * 12 + m)
            acc.hasYearMonth = true
            acc.note(.year); acc.note(.month)
            if acc.months.magnitude > UInt128(Int32.max) { throw bad }
            return
        }
        let order = ["DAY", "HOUR", "MINUTE", "SECOND"]
        guard let a = order.firstIndex(of: from), let b = order.firstIndex(of: to), a < b else { throw bad }
        let unitMicros: [Int128] = [Int128(DateTimeUtils.microsPerDay), 3_600_000_000, 60_000_000, 1_000_000]
        let limits: [Int128] = [Int128.max, 24, 60, 60]
        // Split on the separators the fields use: a space after the day, ':' between the others.
        var fields: [Substring] = []
        var rest = text
        for f in a..<b {
            let sep: Character = f == 0 ? " " : ":"
            guard let idx = rest.firstIndex(of: sep) else { throw bad }
            fields.append(rest[..<idx])
            rest = rest[rest.index(after: idx)...]
        }
        fields.append(rest)
        var total: Int128 = 0
        for (n, field) in fields.enumerated() {
            let f = a + n
            let isSecond = f == 3
            guard let (fneg, whole, frac, fd) = Self.splitDecimal(String(field)), !fneg, !field.hasPrefix("+") else { throw bad }
            if !isSecond, fd > 0 || field.contains(".") { throw bad }
            if n > 0, whole >= limits[f] { throw bad }
            total += whole * unitMicros[f] + frac * unitMicros[f] / DecimalValue.pow10(fd)
        }
        acc.micros += sign * total
        acc.hasDayTime = true
        if let f = IntervalField(name: from), let t = IntervalField(name: to) { acc.note(f); acc.note(t) }
        if acc.micros.magnitude > UInt128(Int64.max) { throw bad }
    }

    private func intervalResult(_ acc: IntervalAccumulator, from intervalToken: SQLToken, startIndex: Int) throws(RivuletError) -> Expression {
        if acc.hasYearMonth, acc.hasDayTime {
            let text = tokens[startIndex..<max(startIndex, index)].map(\.text).joined(separator: " ")
            throw RivuletError(.sql, "Cannot mix year-month and day-time fields: \(text).",
                               errorClass: "_LEGACY_ERROR_TEMP_0029", position: intervalToken.position)
        }
        if acc.hasYearMonth {
            let t = DataType.yearMonthInterval(acc.minField ?? .year, acc.maxField ?? .month)
            return .literal(.yearMonthInterval(Int32(truncatingIfNeeded: acc.months)), t)
        }
        let t = DataType.dayTimeInterval(Swift.max(acc.minField ?? .day, .day), acc.maxField ?? .second)
        return .literal(.dayTimeInterval(Int64(truncatingIfNeeded: acc.micros)), t)
    }
}
