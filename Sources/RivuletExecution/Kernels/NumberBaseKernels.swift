import RivuletCore
import RivuletSQL

/// `bin`, `hex`, `unhex` and `conv`: numbers as text in other bases, as Spark prints them
/// (negative numbers in 64-bit two's complement, upper-case digits).
enum NumberBaseKernels {
    static let kernels: [(String, ScalarKernel)] = [
        ("bin", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in .string(String(UInt64(bitPattern: v[0].int64Value ?? 0), radix: 2)) }
        }),
        ("hex", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                switch v[0] {
                case .string(let s): return .string(s.utf8.map { SparkFormat.hexByte($0) }.joined())
                case .binary(let b): return .string(b.map { SparkFormat.hexByte($0) }.joined())
                default: return .string(String(UInt64(bitPattern: v[0].int64Value ?? 0), radix: 16, uppercase: true))
                }
            }
        }),
        ("unhex", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let s) = v[0] else { return .null }
                return unhex(s).map { Value.binary($0) } ?? .null
            }
        }),
        ("conv", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let s) = v[0], let from = v[1].int64Value, let to = v[2].int64Value else { return .null }
                return conv(s, Int(from), Int(to)).map { Value.string($0) } ?? .null
            }
        }),
    ]

    /// Hex text to bytes (an odd length gets a leading zero nibble); nil on a non-hex character.
    static func unhex(_ s: String) -> [UInt8]? {
        var digits: [UInt8] = []
        for ch in s.utf8 {
            switch ch {
            case 48...57: digits.append(ch - 48)
            case 65...70: digits.append(ch - 55)
            case 97...102: digits.append(ch - 87)
            default: return nil
            }
        }
        if digits.count % 2 == 1 { digits.insert(0, at: 0) }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// Spark's `NumberConverter.convert`: reads the leading valid digits of `s` in base `from`
    /// (a leading `-` negates in 64-bit two's complement), prints in base `|to|`, signed when
    /// `to` is negative. Null for bases outside 2...36 or no digits.
    static func conv(_ s: String, _ from: Int, _ to: Int) -> String? {
        guard (2...36).contains(abs(from)), (2...36).contains(abs(to)) else { return nil }
        var text = Substring(s.trimmingASCIISpaces())
        var negative = false
        if text.first == "-" { negative = true; text = text.dropFirst() }
        var value: UInt64 = 0
        var any = false
        for ch in text {
            guard let d = ch.hexDigitValue ?? ch.lowercased().first.flatMap({ c -> Int? in
                guard let a = c.asciiValue, a >= 97, a <= 122 else { return nil }
                return Int(a) - 87
            }), d < abs(from) else { break }
            any = true
            let (m, o1) = value.multipliedReportingOverflow(by: UInt64(abs(from)))
            let (r, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { value = UInt64.max; break }
            value = r
        }
        guard any else { return nil }
        if negative { value = 0 &- value }
        if to < 0 {
            let signed = Int64(bitPattern: value)
            return (signed < 0 ? "-" : "") + String(signed.magnitude, radix: -to, uppercase: true)
        }
        return String(value, radix: to, uppercase: true)
    }
}
