import RivuletCore

/// A small subset of Java's `DateTimeFormatter` patterns for the `dateFormat` / `timestampFormat`
/// options: `yyyy`, `yy`, `MM`, `M`, `dd`, `d`, `HH`, `H`, `mm`, `ss`, `S…` (fraction), `XXX`/`XX`/`X`/`Z`
/// (offsets), `'literal'` and other literal characters. Unsupported letters never match.
struct DateTimePattern: Sendable {
    private enum Part: Sendable { case field(Character, Int), literal([UInt8]) }
    private let parts: [Part]

    init(_ pattern: String) {
        var out: [Part] = []
        let c = Array(pattern)
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == "'" {
                var j = i + 1
                var lit = ""
                while j < c.count, c[j] != "'" { lit.append(c[j]); j += 1 }
                out.append(.literal(Array((lit.isEmpty ? "'" : lit).utf8)))
                i = j + 1
            } else if ch.isLetter {
                var j = i
                while j < c.count, c[j] == ch { j += 1 }
                out.append(.field(ch, j - i))
                i = j
            } else {
                out.append(.literal(Array(String(ch).utf8)))
                i += 1
            }
        }
        parts = out
    }

    /// Days since the epoch, or nil.
    func parseDate(_ s: String) -> Int32? {
        guard let f = parse(s) else { return nil }
        return Int32(DateTimeUtils.daysFromCivil(f.y, f.mo, f.d))
    }

    /// Microseconds since the epoch (UTC unless the text has an offset), or nil.
    func parseTimestamp(_ s: String) -> Int64? {
        guard let f = parse(s) else { return nil }
        return DateTimeUtils.micros(year: f.y, month: f.mo, day: f.d, hour: f.h, minute: f.mi, second: f.s, micros: f.us)
            - Int64(f.offset) * DateTimeUtils.microsPerSecond
    }

    private func parse(_ text: String) -> (y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int, us: Int, offset: Int)? {
        let u = Array(text.utf8)
        var i = 0
        var y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0, us = 0, offset = 0
        func digits(_ minN: Int, _ maxN: Int) -> Int? {
            var v = 0, n = 0
            while i < u.count, n < maxN, u[i] &- UInt8(ascii: "0") < 10 { v = v * 10 + Int(u[i] - UInt8(ascii: "0")); n += 1; i += 1 }
            return n >= minN ? v : nil
        }
        for p in parts {
            switch p {
            case .literal(let l):
                guard i + l.count <= u.count, Array(u[i..<(i + l.count)]) == l else { return nil }
                i += l.count
            case .field(let ch, let n):
                switch ch {
                case "y", "u":
                    guard let v = digits(n == 2 ? 2 : 1, n == 2 ? 2 : 9) else { return nil }
                    y = n == 2 ? 2000 + v : v
                case "M": guard let v = digits(n, max(n, 2)) else { return nil }; mo = v
                case "d": guard let v = digits(n, max(n, 2)) else { return nil }; d = v
                case "H": guard let v = digits(n, max(n, 2)) else { return nil }; h = v
                case "m": guard let v = digits(n, max(n, 2)) else { return nil }; mi = v
                case "s": guard let v = digits(n, max(n, 2)) else { return nil }; s = v
                case "S":
                    let start = i
                    guard let v = digits(1, n) else { return nil }
                    var frac = v
                    let len = i - start
                    if len <= 6 { for _ in 0..<(6 - len) { frac *= 10 } } else { for _ in 0..<(len - 6) { frac /= 10 } }
                    us = frac
                case "X", "Z", "x":
                    guard i < u.count else { return nil }
                    if u[i] == UInt8(ascii: "Z") { i += 1; break }
                    guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") else { return nil }
                    let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = digits(2, 2) else { return nil }
                    if i < u.count, u[i] == UInt8(ascii: ":") { i += 1 }
                    let om = digits(2, 2) ?? 0
                    offset = sign * (oh * 3600 + om * 60)
                default: return nil
                }
            }
        }
        guard i == u.count, mo >= 1, mo <= 12, d >= 1, d <= DateTimeUtils.daysInMonth(y, mo), h < 24, mi < 60, s < 60 else { return nil }
        return (y, mo, d, h, mi, s, us, offset)
    }
}
