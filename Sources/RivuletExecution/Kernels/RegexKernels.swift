import Foundation
import RivuletCore
import RivuletSQL

/// `regexp_replace`, `regexp_extract`, `regexp_extract_all`, `rlike` (Java regex via ICU; literal
/// patterns compile once per batch).
enum RegexKernels {
    static let kernels: [(String, ScalarKernel)] = [
        ("regexp_replace", replace),
        ("regexp_extract", { (c, a, n) throws(RivuletError) in try extract(c, a, n, all: false) }),
        ("regexp_extract_all", { (c, a, n) throws(RivuletError) in try extract(c, a, n, all: true) }),
        ("rlike", rlike),
        ("regexp", rlike),
        ("regexp_like", rlike),
        ("regexp_count", count),
    ]

    /// `regexp_count(str, regexp)`: the number of non-overlapping matches.
    static func count(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        var pats = Patterns(fn: "regexp_count")
        return try KernelSupport.rowwise(call, a, n) { v throws(RivuletError) in
            guard case .string(let s) = v[0], case .string(let p) = v[1] else { return .null }
            let re = try pats.get(p)
            return .int(Int32(clamping: re.numberOfMatches(in: s, range: NSRange(location: 0, length: (s as NSString).length))))
        }
    }

    /// A per-row regex source that compiles each distinct pattern once.
    struct Patterns {
        var cache: [String: NSRegularExpression] = [:]
        let fn: String
        mutating func get(_ p: String) throws(RivuletError) -> NSRegularExpression {
            if let r = cache[p] { return r }
            let r = try RegexCache.compile(p, fn: fn)
            cache[p] = r
            return r
        }
    }

    static func replace(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        var pats = Patterns(fn: "regexp_replace")
        return try KernelSupport.rowwise(call, a, n) { v throws(RivuletError) in
            guard case .string(let s) = v[0], case .string(let p) = v[1], case .string(let rep) = v[2], let pos = v[3].int64Value else { return .null }
            guard pos >= 1 else {
                throw RivuletError.execution("The value of parameter(s) `position` in `regexp_replace` is invalid: expects a positive value, but got \(pos).",
                                             errorClass: "INVALID_PARAMETER_VALUE.REGEX_POSITION")
            }
            let re = try pats.get(p)
            let ns = s as NSString
            let start = min(Int(pos - 1), ns.length)
            let range = NSRange(location: start, length: ns.length - start)
            return .string(re.stringByReplacingMatches(in: s, range: range, withTemplate: rep))
        }
    }

    static func extract(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, all: Bool) throws(RivuletError) -> ColumnVector {
        let fn = all ? "regexp_extract_all" : "regexp_extract"
        var pats = Patterns(fn: fn)
        return try KernelSupport.rowwise(call, a, n) { v throws(RivuletError) in
            guard case .string(let s) = v[0], case .string(let p) = v[1], let idx = v[2].int64Value else { return .null }
            let re = try pats.get(p)
            guard idx >= 0, idx <= re.numberOfCaptureGroups else {
                throw RivuletError.execution(
                    "The value of parameter(s) `idx` in `\(fn)` is invalid: Expects group index between 0 and \(re.numberOfCaptureGroups), but got \(idx).",
                    errorClass: "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX")
            }
            let ns = s as NSString
            let full = NSRange(location: 0, length: ns.length)
            func group(_ m: NSTextCheckingResult) -> Value {
                let r = m.range(at: Int(idx))
                return .string(r.location == NSNotFound ? "" : ns.substring(with: r))
            }
            if all { return .array(re.matches(in: s, range: full).map(group)) }
            guard let m = re.firstMatch(in: s, range: full) else { return .string("") }
            return group(m)
        }
    }

    static func rlike(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        let s = try KernelSupport.bytes(a[0], "rlike")
        let valid = KernelSupport.intersectValidity(Array(a.prefix(2)), count: n)
        var out = [Bool](repeating: false, count: n)
        var pats = Patterns(fn: "rlike")
        let constant = KernelSupport.constant(call, a, 1)?.stringValue
        let fixed = try constant.map { (p) throws(RivuletError) in try pats.get(p) }
        for i in 0..<n {
            if let v = valid, !v[i] { continue }
            let re: NSRegularExpression
            if let fixed { re = fixed } else {
                guard let p = a[1].string(at: i) else { continue }
                re = try pats.get(p)
            }
            let str = s.string(at: i)
            out[i] = re.firstMatch(in: str, range: NSRange(location: 0, length: (str as NSString).length)) != nil
        }
        return ColumnVector(bool: out, validity: valid)
    }
}

/// Java `String.format` subset used by `format_string`/`printf`: `%s %d %f %e %x %o %c %b %%`
/// with flags `-`, `0`, `+`, `,`, space, width and precision.
enum FormatString {
    static func format(_ f: String, _ args: [Value], types: [DataType]) throws(RivuletError) -> String {
        var out = ""
        var it = Array(f.unicodeScalars)[...]
        var argIndex = 0
        while let c = it.first {
            it = it.dropFirst()
            if c != "%" { out.unicodeScalars.append(c); continue }
            var flags = "", width = "", precision: String? = nil
            while let x = it.first, "-0+ ,#".unicodeScalars.contains(x) { flags.unicodeScalars.append(x); it = it.dropFirst() }
            while let x = it.first, x.properties.numericType != nil, x.isASCII { width.unicodeScalars.append(x); it = it.dropFirst() }
            if it.first == "." {
                it = it.dropFirst()
                var p = ""
                while let x = it.first, x.properties.numericType != nil, x.isASCII { p.unicodeScalars.append(x); it = it.dropFirst() }
                precision = p
            }
            guard let conv = it.first else { throw badFormat(f) }
            it = it.dropFirst()
            if conv == "%" { out += "%"; continue }
            if conv == "n" { out += "\n"; continue }
            let arg: Value = argIndex < args.count ? args[argIndex] : .null
            argIndex += 1
            var body: String
            switch conv {
            case "s", "S":
                body = arg.isNull ? "null" : arg.sparkString()
                if let p = precision, let k = Int(p) { body = String(body.prefix(k)) }
                if conv == "S" { body = body.uppercased() }
            case "d":
                guard let v = arg.int64Value ?? (arg.isNull ? nil : Int64(exactly: arg.doubleValue ?? .nan)) else {
                    if arg.isNull { body = "null"; break }
                    throw badFormat(f)
                }
                body = String(v.magnitude)
                if flags.contains(",") { body = grouped(body) }
                body = (v < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "") + body
            case "f", "e", "E":
                guard let d = arg.doubleValue else { body = "null"; break }
                let p = Int(precision ?? "6") ?? 6
                body = conv == "f" ? fixed(d, p) : scientific(d, p, upper: conv == "E")
                if flags.contains("+") && d >= 0 { body = "+" + body }
            case "x", "X", "o":
                guard let v = arg.int64Value else { body = "null"; break }
                body = String(UInt64(bitPattern: v), radix: conv == "o" ? 8 : 16, uppercase: conv == "X")
            case "c":
                body = arg.int64Value.flatMap { Unicode.Scalar(UInt32(truncatingIfNeeded: $0)) }.map { String($0) } ?? arg.sparkString(nullText: "null")
            case "b", "B":
                body = arg.isNull ? "false" : (arg.boolValue.map { $0 ? "true" : "false" } ?? "true")
            default:
                throw badFormat(f)
            }
            if let w = Int(width), body.count < w {
                let fill = w - body.count
                if flags.contains("-") { body += String(repeating: " ", count: fill) }
                else if flags.contains("0") {
                    let signed = body.first == "-" || body.first == "+"
                    body = signed ? String(body.prefix(1)) + String(repeating: "0", count: fill) + body.dropFirst()
                        : String(repeating: "0", count: fill) + body
                } else { body = String(repeating: " ", count: fill) + body }
            }
            out += body
        }
        return out
    }

    static func badFormat(_ f: String) -> RivuletError {
        .execution("format_string: unsupported or malformed format '\(f)'", errorClass: "INVALID_PARAMETER_VALUE")
    }

    static func grouped(_ digits: String) -> String {
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    /// `%.<p>f` with Java's HALF_UP rounding of the decimal expansion.
    static func fixed(_ d: Double, _ p: Int) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        guard let dv = DecimalValue(parsing: "\(d)"), let r = dv.rescaled(to: p, precision: 38) else { return String(d) }
        return r.description
    }

    static func scientific(_ d: Double, _ p: Int, upper: Bool) -> String {
        if d == 0 { return fixed(0, p) + (upper ? "E+00" : "e+00") }
        var exp = Int(Foundation.floor(Foundation.log10(abs(d))))
        var mant = d / Foundation.pow(10, Double(exp))
        var m = fixed(mant, p)
        if abs(Double(m) ?? 0) >= 10 { exp += 1; mant /= 10; m = fixed(mant, p) }
        let e = abs(exp) < 10 ? "0\(abs(exp))" : "\(abs(exp))"
        return m + (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + e
    }
}
