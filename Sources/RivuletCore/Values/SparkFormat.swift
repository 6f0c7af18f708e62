/// Number and value rendering exactly as Spark prints them (`cast(x as string)`, `show()`).
public enum SparkFormat {
    /// Spark prints doubles like Java's `Double.toString`: `1.0`, `0.1`, `1.0E10`, `1.234E-5`, `NaN`, `Infinity`.
    public static func double(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
        if v.isSubnormal, significantDigits(String(v)) == 1,
           let java = subnormal(v.sign, units: UInt64(v.significandBitPattern), unit: 4.940656458412465441765687928682213723651, exponent: -324) {
            return java
        }
        let a = abs(v)
        if a >= 1e-3 && a < 1e7 {
            let s = String(v)   // Swift's shortest repr, e.g. "0.1", "123.0"
            if s.contains("e") { return javaScientific(s) }
            return s.contains(".") ? s : s + ".0"
        }
        return javaScientific(String(v))
    }

    /// Java's `Float.toString`.
    public static func float(_ v: Float) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
        if v.isSubnormal, significantDigits(String(v)) == 1,
           let java = subnormal(v.sign, units: UInt64(v.significandBitPattern), unit: 1.401298464324817070923729583289916131280, exponent: -45) {
            return java
        }
        let a = abs(v)
        if a >= 1e-3 && a < 1e7 {
            let s = String(v)
            if s.contains("e") { return javaScientific(s) }
            return s.contains(".") ? s : s + ".0"
        }
        return javaScientific(String(v))
    }

    /// Java renders at least two significant digits: when the shortest text that reads back as the
    /// value has one digit (only tiny subnormals: Swift's `5e-324`), Java picks the two-digit
    /// decimal closest to the exact value (`4.9E-324`). `units` × `unit` × 10^`exponent` is the value
    /// (`unit` is the smallest subnormal's leading digits; `units` is small here, so the product
    /// is exact to far more than two digits).
    private static func subnormal(_ sign: FloatingPointSign, units: UInt64, unit: Double, exponent: Int) -> String? {
        guard units > 0 else { return nil }
        var mantissa = Double(units) * unit
        var exp = exponent
        while mantissa >= 10 { mantissa /= 10; exp += 1 }
        var twoDigits = Int((mantissa * 10).rounded())
        if twoDigits >= 100 { twoDigits /= 10; exp += 1 }
        return (sign == .minus ? "-" : "") + "\(twoDigits / 10).\(twoDigits % 10)E\(exp)"
    }

    /// Significant digits of Swift's shortest text (`5e-324` → 1, `1.5e-323` → 2).
    private static func significantDigits(_ text: String) -> Int {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        let digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
        return max(1, digits.reversed().drop { $0 == "0" }.count)
    }

    /// Turns Swift's shortest round-trip text (`1e+20`, `1.5e-05`, `12345678.0`) into Java's `1.0E20` form.
    private static func javaScientific(_ swift: String) -> String {
        var mantissa: Substring
        var exponent: Int
        if let e = swift.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = swift[..<e]
            exponent = Int(swift[swift.index(after: e)...].replacingPlus()) ?? 0
        } else {
            mantissa = Substring(swift)
            exponent = 0
        }
        var neg = false
        if mantissa.first == "-" { neg = true; mantissa = mantissa.dropFirst() }
        // Normalise mantissa to d.ddd
        var digits = mantissa.replacingDot()
        let dot = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        exponent += dot - 1
        // strip leading zeros
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); exponent -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let first = digits.prefix(1)
        var rest = String(digits.dropFirst())
        if rest.isEmpty { rest = "0" }
        return (neg ? "-" : "") + first + "." + rest + "E" + String(exponent)
    }

    static let hexDigits: [Character] = Array("0123456789ABCDEF")
    public static func hexByte(_ b: UInt8) -> String {
        String([hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)]])
    }
}

extension Substring {
    fileprivate func replacingPlus() -> String { filter { $0 != "+" } }
    fileprivate func replacingDot() -> String { filter { $0 != "." } }
}
