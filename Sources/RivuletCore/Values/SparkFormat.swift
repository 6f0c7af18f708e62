/// Number and value rendering exactly as Spark prints them (`cast(x as string)`, `show()`).
public enum SparkFormat {
    /// Spark prints doubles like Java's `Double.toString`: `1.0`, `0.1`, `1.0E10`, `1.234E-5`, `NaN`, `Infinity`.
    public static func double(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        if v == 0 { return v.sign == .minus ? "-0.0" : "0.0" }
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
        let a = abs(v)
        if a >= 1e-3 && a < 1e7 {
            let s = String(v)
            if s.contains("e") { return javaScientific(s) }
            return s.contains(".") ? s : s + ".0"
        }
        return javaScientific(String(v))
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
