import RivuletCore
import RivuletSQL

/// `value LIKE pattern [ESCAPE c]`: `_` matches one character, `%` any run. Constant patterns of
/// the common shapes (`abc`, `abc%`, `%abc`, `%abc%`) compare bytes directly.
enum LikeKernel {
    static let kernels: [(String, ScalarKernel)] = [("like", like), ("ilike", { (c, a, n) throws(RivuletError) in try likeCore(c, a, n, caseInsensitive: true) })]

    /// A compiled LIKE pattern.
    enum Token: Equatable { case literal(Unicode.Scalar), one, any }

    enum Shape { case exact([UInt8]), prefix([UInt8]), suffix([UInt8]), contains([UInt8]), general([Token]) }

    static func like(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        try likeCore(call, a, n, caseInsensitive: false)
    }

    static func likeCore(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, caseInsensitive: Bool) throws(RivuletError) -> ColumnVector {
        var escape: Unicode.Scalar = "\\"
        if a.count > 2, let e = KernelSupport.constant(call, a, 2)?.stringValue, let first = e.unicodeScalars.first { escape = first }
        let valid = KernelSupport.intersectValidity(Array(a.prefix(2)), count: n)
        let s = try KernelSupport.bytes(a[0], "like")
        var out = [Bool](repeating: false, count: n)
        let fixed: Shape?
        if let p = KernelSupport.constant(call, a, 1)?.stringValue {
            fixed = shape(try compile(caseInsensitive ? p.lowercased() : p, escape))
        } else { fixed = nil }
        try s.data.withUnsafeBufferPointer { (p) throws(RivuletError) in
            for i in 0..<n {
                if let v = valid, !v[i] { continue }
                let sh: Shape
                if let fixed { sh = fixed } else {
                    guard let pat = a[1].string(at: i) else { continue }
                    sh = shape(try compile(caseInsensitive ? pat.lowercased() : pat, escape))
                }
                if caseInsensitive {
                    out[i] = matchGeneral(Array(s.string(at: i).lowercased().unicodeScalars), tokens(sh))
                    continue
                }
                let r = s.range(at: i)
                let hay = p[r]
                switch sh {
                case .exact(let b): out[i] = hay.elementsEqual(b)
                case .prefix(let b): out[i] = hay.starts(with: b)
                case .suffix(let b): out[i] = hay.count >= b.count && hay.suffix(b.count).elementsEqual(b)
                case .contains(let b): out[i] = containsBytes(hay, b)
                case .general(let t): out[i] = matchGeneral(Array(s.string(at: i).unicodeScalars), t)
                }
            }
        }
        return ColumnVector(bool: out, validity: valid)
    }

    static func containsBytes(_ hay: UnsafeBufferPointer<UInt8>.SubSequence, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > hay.count { return false }
        var k = hay.startIndex
        while k + needle.count <= hay.endIndex {
            if hay[k] == needle[0] {
                var j = 1
                while j < needle.count && hay[k + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            k += 1
        }
        return false
    }

    /// Tokenises a pattern; an escape must precede `_`, `%` or the escape itself (Spark's rule).
    static func compile(_ pattern: String, _ escape: Unicode.Scalar) throws(RivuletError) -> [Token] {
        var out: [Token] = []
        var it = pattern.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c == escape {
                guard let nx = it.next(), nx == "_" || nx == "%" || nx == escape else {
                    throw RivuletError.execution("The pattern '\(pattern)' is invalid, the escape character is not allowed to precede a non-special character.",
                                                 errorClass: "INVALID_FORMAT.ESC_IN_THE_MIDDLE")
                }
                out.append(.literal(nx))
            } else if c == "%" {
                if out.last != .any { out.append(.any) }
            } else if c == "_" {
                out.append(.one)
            } else {
                out.append(.literal(c))
            }
        }
        return out
    }

    static func shape(_ t: [Token]) -> Shape {
        func lit(_ ts: ArraySlice<Token>) -> [UInt8]? {
            var s = String.UnicodeScalarView()
            for x in ts { guard case .literal(let c) = x else { return nil }; s.append(c) }
            return Array(String(s).utf8)
        }
        if let b = lit(t[...]) { return .exact(b) }
        if t.last == .any, let b = lit(t.dropLast()) { return .prefix(b) }
        if t.first == .any, let b = lit(t.dropFirst()) { return .suffix(b) }
        if t.count >= 2, t.first == .any, t.last == .any, let b = lit(t.dropFirst().dropLast()) { return .contains(b) }
        return .general(t)
    }

    static func tokens(_ s: Shape) -> [Token] {
        func toks(_ b: [UInt8]) -> [Token] { String(decoding: b, as: UTF8.self).unicodeScalars.map { .literal($0) } }
        switch s {
        case .exact(let b): return toks(b)
        case .prefix(let b): return toks(b) + [.any]
        case .suffix(let b): return [.any] + toks(b)
        case .contains(let b): return [.any] + toks(b) + [.any]
        case .general(let t): return t
        }
    }

    /// Greedy matcher with single-star backtracking (linear in practice).
    static func matchGeneral(_ s: [Unicode.Scalar], _ t: [Token]) -> Bool {
        var si = 0, ti = 0
        var starT = -1, starS = 0
        while si < s.count {
            if ti < t.count {
                switch t[ti] {
                case .one: si += 1; ti += 1; continue
                case .literal(let c) where c == s[si]: si += 1; ti += 1; continue
                case .any: starT = ti; starS = si; ti += 1; continue
                default: break
                }
            }
            if starT >= 0 { ti = starT + 1; starS += 1; si = starS; continue }
            return false
        }
        while ti < t.count && t[ti] == .any { ti += 1 }
        return ti == t.count
    }
}
