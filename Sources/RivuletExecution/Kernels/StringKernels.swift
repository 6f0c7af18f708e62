import RivuletCore
import RivuletSQL

/// String kernels. Hot functions (`lower`, `upper`, `length`, `concat`, `substring`, `trim`,
/// `startswith`...) work on the UTF-8 bytes with an ASCII fast path; rarer ones use `String`.
enum StringKernels {
    static let kernels: [(String, ScalarKernel)] = [
        ("split", SplitKernel.run),
        ("lower", { (c, a, n) throws(RivuletError) in try caseMap(a[0], n, upper: false) }),
        ("upper", { (c, a, n) throws(RivuletError) in try caseMap(a[0], n, upper: true) }),
        ("initcap", { (c, a, n) throws(RivuletError) in try mapString(a[0], n) { initcap($0) } }),
        ("length", length),
        ("octet_length", { (c, a, n) throws(RivuletError) in
            let b = try KernelSupport.bytes(a[0], "octet_length")
            return ColumnVector(int32: (0..<n).map { Int32(b.range(at: $0).count) }, validity: a[0].validity)
        }),
        ("trim", { (c, a, n) throws(RivuletError) in try trim(c, a, n, left: true, right: true) }),
        ("btrim", { (c, a, n) throws(RivuletError) in try trim(c, a, n, left: true, right: true) }),
        ("ltrim", { (c, a, n) throws(RivuletError) in try trim(c, a, n, left: true, right: false) }),
        ("rtrim", { (c, a, n) throws(RivuletError) in try trim(c, a, n, left: false, right: true) }),
        ("concat", concat),
        ("concat_ws", concatWs),
        ("substring", substring),
        ("left", { (c, a, n) throws(RivuletError) in
            try substringCore(a[0], n, KernelSupport.intersectValidity(a, count: n)) { i in (1, KernelSupport.int64s(a[1])[i]) }
        }),
        ("right", { (c, a, n) throws(RivuletError) in
            let lens = KernelSupport.int64s(a[1])
            return try substringCore(a[0], n, KernelSupport.intersectValidity(a, count: n)) { i in
                lens[i] <= 0 ? (1, 0) : (-lens[i], lens[i])
            }
        }),
        ("startswith", { (c, a, n) throws(RivuletError) in try bytePredicate(a, n) { s, p in s.starts(with: p) } }),
        ("endswith", { (c, a, n) throws(RivuletError) in try bytePredicate(a, n) { s, p in s.count >= p.count && s.suffix(p.count).elementsEqual(p) } }),
        ("contains", { (c, a, n) throws(RivuletError) in try bytePredicate(a, n) { s, p in indexOf(s, p, from: 0) != nil } }),
        ("instr", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let s) = v[0], case .string(let sub) = v[1] else { return .null }
                return .int(Int32(charIndex(s, sub, fromChar: 0) + 1))
            }
        }),
        ("locate", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n, nullIntolerant: false) { v in
                guard case .string(let sub) = v[0], case .string(let s) = v[1] else { return .null }
                guard let pos = v[2].int64Value, pos >= 1 else { return .int(0) }
                return .int(Int32(charIndex(s, sub, fromChar: Int(pos - 1)) + 1))
            }
        }),
        ("lpad", { (c, a, n) throws(RivuletError) in try pad(c, a, n, left: true) }),
        ("rpad", { (c, a, n) throws(RivuletError) in try pad(c, a, n, left: false) }),
        ("repeat", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v throws(RivuletError) in
                guard case .string(let s) = v[0], let k = v[1].int64Value else { return .null }
                if k <= 0 || s.isEmpty { return .string("") }
                guard Int64(s.utf8.count) * k < Int64(Int32.max) else {
                    throw RivuletError.execution("repeat: result would exceed 2147483647 bytes", errorClass: "COLLECTION_SIZE_LIMIT_EXCEEDED")
                }
                return .string(String(repeating: s, count: Int(k)))
            }
        }),
        ("replace", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let s) = v[0], case .string(let search) = v[1], case .string(let rep) = v[2] else { return .null }
                if search.isEmpty { return .string(s) }
                return .string(replaceAll(s, search, rep))
            }
        }),
        ("ascii", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let s) = v[0] else { return .null }
                return .int(Int32(s.unicodeScalars.first.map { $0.value } ?? 0))
            }
        }),
        ("chr", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard let x = v[0].int64Value else { return .null }
                if x < 0 { return .string("") }
                let code = UInt32(x & 0xFF)
                return .string(code == 0 ? "\u{0}" : String(UnicodeScalar(UInt8(code))))
            }
        }),
        ("translate", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard case .string(let s) = v[0], case .string(let from) = v[1], case .string(let to) = v[2] else { return .null }
                return .string(translate(s, from, to))
            }
        }),
        ("reverse", { (c, a, n) throws(RivuletError) in
            if case .array = c.dataType {
                return try KernelSupport.rowwise(c, a, n) { v in
                    guard case .array(let items) = v[0] else { return .null }
                    return .array(items.reversed())
                }
            }
            return try mapString(a[0], n) { String(String.UnicodeScalarView($0.unicodeScalars.reversed())) }
        }),
        ("format_string", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n, nullIntolerant: false) { v throws(RivuletError) in
                guard case .string(let f) = v[0] else { return .null }
                return .string(try FormatString.format(f, Array(v.dropFirst()), types: c.arguments.dropFirst().map(\.dataType)))
            }
        }),
    ]

    // MARK: helpers

    /// Maps every non-null string through `f` (slow path).
    static func mapString(_ col: ColumnVector, _ n: Int, _ f: (String) -> String) throws(RivuletError) -> ColumnVector {
        let b = try KernelSupport.bytes(col, "string function")
        var out = ByteArrayBuilder(capacity: n, byteCapacity: b.data.count)
        for i in 0..<n {
            if col.isNull(i) { out.appendEmpty() } else { out.append(f(b.string(at: i))) }
        }
        return ColumnVector(strings: out.finish(), validity: col.validity)
    }

    static func caseMap(_ col: ColumnVector, _ n: Int, upper: Bool) throws(RivuletError) -> ColumnVector {
        let b = try KernelSupport.bytes(col, upper ? "upper" : "lower")
        var out = ByteArrayBuilder(capacity: n, byteCapacity: b.data.count)
        b.data.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let r = b.range(at: i)
                var ascii = true
                for k in r where p[k] >= 0x80 { ascii = false; break }
                if ascii {
                    for k in r {
                        let c = p[k]
                        if upper { out.data.append(c >= 97 && c <= 122 ? c - 32 : c) } else { out.data.append(c >= 65 && c <= 90 ? c + 32 : c) }
                    }
                    out.offsets.append(Int32(truncatingIfNeeded: out.data.count))
                } else {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
                    out.append(upper ? s.uppercased() : s.lowercased())
                }
            }
        }
        return ColumnVector(strings: out.finish(), validity: col.validity)
    }

    /// Spark's `initcap`: lower-case everything, upper-case the first letter of each space-separated word.
    static func initcap(_ s: String) -> String {
        var out = ""
        var atStart = true
        for ch in s.lowercased() {
            out += atStart ? ch.uppercased() : String(ch)
            atStart = ch == " "
        }
        return out
    }

    static func length(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        let b = try KernelSupport.bytes(a[0], "length")
        let isBinary = a[0].dataType == .binary
        var out = [Int32](repeating: 0, count: n)
        b.data.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let r = b.range(at: i)
                out[i] = Int32(isBinary ? r.count : UTF8Bytes.charCount(p, r))
            }
        }
        return ColumnVector(int32: out, validity: a[0].validity)
    }

    static func trim(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, left: Bool, right: Bool) throws(RivuletError) -> ColumnVector {
        // Function form: trim(str) or trim(trimStr, str).
        let src = a.count == 2 ? a[1] : a[0]
        let b = try KernelSupport.bytes(src, "trim")
        let valid = KernelSupport.intersectValidity(a, count: n)
        var out = ByteArrayBuilder(capacity: n, byteCapacity: b.data.count)
        if a.count == 1 {
            b.data.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    var r = b.range(at: i)
                    if left { while !r.isEmpty && p[r.lowerBound] == 0x20 { r = (r.lowerBound + 1)..<r.upperBound } }
                    if right { while !r.isEmpty && p[r.upperBound - 1] == 0x20 { r = r.lowerBound..<(r.upperBound - 1) } }
                    out.append(UnsafeBufferPointer(rebasing: p[r]))
                }
            }
            return ColumnVector(strings: out.finish(), validity: valid)
        }
        let sets = try KernelSupport.bytes(a[0], "trim")
        for i in 0..<n {
            if let v = valid, !v[i] { out.appendEmpty(); continue }
            let chars = Set(sets.string(at: i).unicodeScalars)
            var scalars = Substring(b.string(at: i)).unicodeScalars[...]
            if left { while let f = scalars.first, chars.contains(f) { scalars = scalars.dropFirst() } }
            if right { while let l = scalars.last, chars.contains(l) { scalars = scalars.dropLast() } }
            out.append(String(scalars))
        }
        return ColumnVector(strings: out.finish(), validity: valid)
    }

    static func concat(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        if case .array = call.dataType {
            return try KernelSupport.rowwise(call, a, n) { v in
                var items: [Value] = []
                for x in v { if case .array(let e) = x { items.append(contentsOf: e) } }
                return .array(items)
            }
        }
        let valid = KernelSupport.intersectValidity(a, count: n)
        var arrays: [ByteArray] = []
        for c in a { arrays.append(try KernelSupport.bytes(c, "concat")) }
        var out = ByteArrayBuilder(capacity: n, byteCapacity: arrays.reduce(0) { $0 + $1.data.count })
        for i in 0..<n {
            if let v = valid, !v[i] { out.appendEmpty(); continue }
            for b in arrays { b.data.withUnsafeBufferPointer { p in out.data.append(contentsOf: UnsafeBufferPointer(rebasing: p[b.range(at: i)])) } }
            out.offsets.append(Int32(truncatingIfNeeded: out.data.count))
        }
        return ColumnVector(strings: out.finish(), validity: valid)
    }

    static func concatWs(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        try KernelSupport.rowwise(call, a, n, nullIntolerant: false) { v in
            guard case .string(let sep) = v[0] else { return .null }
            var parts: [String] = []
            for x in v.dropFirst() {
                switch x {
                case .string(let s): parts.append(s)
                case .array(let items): for it in items { if case .string(let s) = it { parts.append(s) } }
                default: break
                }
            }
            return .string(parts.joined(separator: sep))
        }
    }

    static func substring(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        let pos = KernelSupport.int64s(a[1]), len = KernelSupport.int64s(a[2])
        return try substringCore(a[0], n, KernelSupport.intersectValidity(a, count: n)) { i in (pos[i], len[i]) }
    }

    /// Spark's `substringSQL(pos, length)` on characters: 1-based, 0 means 1, negative counts from the end.
    static func substringCore(_ col: ColumnVector, _ n: Int, _ valid: Bitmap?, _ args: (Int) -> (Int64, Int64)) throws(RivuletError) -> ColumnVector {
        let b = try KernelSupport.bytes(col, "substring")
        var out = ByteArrayBuilder(capacity: n, byteCapacity: b.data.count)
        b.data.withUnsafeBufferPointer { p in
            for i in 0..<n {
                if let v = valid, !v[i] { out.appendEmpty(); continue }
                let r = b.range(at: i)
                let (pos, length) = args(i)
                var ascii = true
                for k in r where p[k] >= 0x80 { ascii = false; break }
                let chars = ascii ? r.count : UTF8Bytes.charCount(p, r)
                var start = pos > 0 ? pos - 1 : (pos < 0 ? Int64(chars) + pos : 0)
                let end = min(max(start + length, Int64(Int32.min)), Int64(Int32.max))
                start = max(start, 0)
                if start >= end || start >= Int64(chars) { out.appendEmpty(); continue }
                let e = min(end, Int64(chars))
                let lo: Int, hi: Int
                if ascii {
                    lo = r.lowerBound + Int(start); hi = r.lowerBound + Int(e)
                } else {
                    lo = UTF8Bytes.advance(p, from: r.lowerBound, chars: Int(start), end: r.upperBound)
                    hi = UTF8Bytes.advance(p, from: lo, chars: Int(e - start), end: r.upperBound)
                }
                out.append(UnsafeBufferPointer(rebasing: p[lo..<hi]))
            }
        }
        return ColumnVector(strings: out.finish(), validity: valid)
    }

    static func bytePredicate(_ a: [ColumnVector], _ n: Int, _ f: (UnsafeBufferPointer<UInt8>.SubSequence, UnsafeBufferPointer<UInt8>.SubSequence) -> Bool) throws(RivuletError) -> ColumnVector {
        let s = try KernelSupport.bytes(a[0], "predicate"), p = try KernelSupport.bytes(a[1], "predicate")
        let valid = KernelSupport.intersectValidity(a, count: n)
        var out = [Bool](repeating: false, count: n)
        s.data.withUnsafeBufferPointer { sp in
            p.data.withUnsafeBufferPointer { pp in
                for i in 0..<n { out[i] = f(sp[s.range(at: i)], pp[p.range(at: i)]) }
            }
        }
        return ColumnVector(bool: out, validity: valid)
    }

    /// Byte index of `needle` in `hay` at or after `from` (relative), or nil.
    static func indexOf<C: RandomAccessCollection>(_ hay: C, _ needle: C, from: Int) -> Int? where C.Element == UInt8, C.Index == Int {
        let h = hay.startIndex, hn = hay.count, nn = needle.count
        if nn == 0 { return from <= hn ? from : nil }
        if nn > hn { return nil }
        let n0 = needle[needle.startIndex]
        var k = from
        while k + nn <= hn {
            if hay[h + k] == n0 {
                var j = 1
                while j < nn && hay[h + k + j] == needle[needle.startIndex + j] { j += 1 }
                if j == nn { return k }
            }
            k += 1
        }
        return nil
    }

    /// 0-based character index of `sub` in `s` searching from character `fromChar`; -1 if absent.
    static func charIndex(_ s: String, _ sub: String, fromChar: Int) -> Int {
        let hay = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
        if fromChar > hay.count { return -1 }
        if needle.isEmpty { return fromChar }
        if needle.count > hay.count { return -1 }
        var k = fromChar
        while k + needle.count <= hay.count {
            if hay[k..<(k + needle.count)].elementsEqual(needle) { return k }
            k += 1
        }
        return -1
    }

    static func replaceAll(_ s: String, _ search: String, _ rep: String) -> String {
        let h = Array(s.utf8), nd = Array(search.utf8), r = Array(rep.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(h.count)
        var k = 0
        while k < h.count {
            if k + nd.count <= h.count && h[k] == nd[0] && h[k..<(k + nd.count)].elementsEqual(nd) {
                out.append(contentsOf: r); k += nd.count
            } else {
                out.append(h[k]); k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func translate(_ s: String, _ from: String, _ to: String) -> String {
        let f = Array(from.unicodeScalars), t = Array(to.unicodeScalars)
        var map: [Unicode.Scalar: Unicode.Scalar?] = [:]
        for (i, c) in f.enumerated() where map[c] == nil { map[c] = i < t.count ? .some(t[i]) : .some(nil) }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if let m = map[c] { if let x = m { out.append(x) } } else { out.append(c) }
        }
        return String(out)
    }

    static func pad(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, left: Bool) throws(RivuletError) -> ColumnVector {
        try KernelSupport.rowwise(call, a, n) { v in
            guard case .string(let s) = v[0], let len64 = v[1].int64Value, case .string(let padStr) = v[2] else { return .null }
            let len = Int(max(0, min(len64, Int64(Int32.max))))
            let chars = Array(s.unicodeScalars)
            if len <= chars.count { return .string(String(String.UnicodeScalarView(chars[0..<len]))) }
            let p = Array(padStr.unicodeScalars)
            if p.isEmpty { return .string(s) }
            var fill = String.UnicodeScalarView()
            for k in 0..<(len - chars.count) { fill.append(p[k % p.count]) }
            return .string(left ? String(fill) + s : s + String(fill))
        }
    }
}
