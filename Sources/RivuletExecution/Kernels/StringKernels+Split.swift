import Foundation
import RivuletCore
import RivuletSQL

/// `split(str, regex, limit)`: a one-pass byte splitter for literal separators (the hot path of
/// `explode(split(value, ' '))`), Java-regex semantics otherwise. Spark keeps trailing empty
/// strings (a limit <= 0 means "no limit") and splits an empty pattern into characters.
enum SplitKernel {
    static func run(_ call: ScalarFunctionCall, _ args: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        let strings = try KernelSupport.bytes(args[0], "split")
        let valid = KernelSupport.intersectValidity(Array(args.prefix(3)), count: n)
        if let pat = KernelSupport.constant(call, args, 1), let lim = KernelSupport.constant(call, args, 2) {
            guard case .string(let p) = pat, let l = lim.int64Value else { return .nulls(call.dataType, count: n) }
            let limit = l <= 0 ? Int.max : Int(l)
            if let sep = literalSeparator(p) {
                return splitLiteral(strings, sep, limit, valid, n)
            }
            let regex = try RegexCache.compile(p, fn: "split")
            return splitRegex(strings, { _ in regex }, p.isEmpty, { _ in limit }, valid, n)
        }
        // Per-row patterns: compile each distinct pattern once per batch.
        let pats = try KernelSupport.bytes(args[1], "split")
        let lims = KernelSupport.int64s(args[2])
        var cache: [String: NSRegularExpression] = [:]
        var regexes: [NSRegularExpression?] = []
        var empties: [Bool] = []
        for i in 0..<n {
            if valid.map({ !$0[i] }) ?? false { regexes.append(nil); empties.append(false); continue }
            let p = pats.string(at: i)
            if cache[p] == nil { cache[p] = try RegexCache.compile(p, fn: "split") }
            regexes.append(cache[p]); empties.append(p.isEmpty)
        }
        var out = ListBuilder(rows: n)
        for i in 0..<n {
            guard valid.map({ $0[i] }) ?? true, let re = regexes[i] else { out.endRow(); continue }
            splitOneRegex(strings, i, re, empties[i], lims[i] <= 0 ? Int.max : Int(lims[i]), &out)
            out.endRow()
        }
        return out.finish(valid, call.dataType)
    }

    /// The separator bytes when `pattern` matches only itself (no regex metacharacters, or a single
    /// escaped metacharacter such as `\.`); nil when it needs the regex engine.
    static func literalSeparator(_ pattern: String) -> [UInt8]? {
        let u = Array(pattern.utf8)
        if u.isEmpty { return nil }
        let meta = Set(".$|()[]{}^?*+\\".utf8)
        if u.count == 2 && u[0] == UInt8(ascii: "\\") && meta.contains(u[1]) { return [u[1]] }
        if u.contains(where: { meta.contains($0) }) { return nil }
        return u
    }

    /// Splits every row on a literal separator in one pass over the bytes.
    static func splitLiteral(_ s: ByteArray, _ sep: [UInt8], _ limit: Int, _ valid: Bitmap?, _ n: Int) -> ColumnVector {
        var listOffsets = [Int32](repeating: 0, count: n + 1)
        var childOffsets: [Int32] = [0]
        childOffsets.reserveCapacity(n * 4 + 1)
        var childData: [UInt8] = []
        childData.reserveCapacity(s.data.count)
        s.data.withUnsafeBufferPointer { p in
            s.offsets.withUnsafeBufferPointer { offs in
                let sepCount = sep.count
                let first = sep[0]
                for i in 0..<n {
                    if let v = valid, !v[i] { listOffsets[i + 1] = Int32(childOffsets.count - 1); continue }
                    let lo = Int(offs[i]), hi = Int(offs[i + 1])
                    var start = lo
                    var pieces = 1
                    var k = lo
                    if pieces < limit {
                        while k + sepCount <= hi {
                            if p[k] == first && (sepCount == 1 || matches(p, k, sep)) {
                                childData.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<k]))
                                childOffsets.append(Int32(truncatingIfNeeded: childData.count))
                                k += sepCount
                                start = k
                                pieces += 1
                                if pieces >= limit { break }
                            } else {
                                k += 1
                            }
                        }
                    }
                    childData.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<hi]))
                    childOffsets.append(Int32(truncatingIfNeeded: childData.count))
                    listOffsets[i + 1] = Int32(childOffsets.count - 1)
                }
            }
        }
        let child = ColumnVector(dataType: .string, count: childOffsets.count - 1, validity: nil,
                                 storage: .bytes(ByteArray(offsets: childOffsets, data: childData)))
        return ColumnVector(dataType: .array(.string, containsNull: false), count: n, validity: valid,
                            storage: .list(offsets: listOffsets, values: child))
    }

    @inline(__always) static func matches(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ sep: [UInt8]) -> Bool {
        for j in 1..<sep.count where p[k + j] != sep[j] { return false }
        return true
    }

    static func splitRegex(_ s: ByteArray, _ regex: (Int) -> NSRegularExpression, _ emptyPattern: Bool,
                           _ limit: (Int) -> Int, _ valid: Bitmap?, _ n: Int) -> ColumnVector {
        var out = ListBuilder(rows: n)
        for i in 0..<n {
            if let v = valid, !v[i] { out.endRow(); continue }
            splitOneRegex(s, i, regex(i), emptyPattern, limit(i), &out)
            out.endRow()
        }
        return out.finish(valid, .array(.string, containsNull: false))
    }

    /// Java `String.split(regex, limit)` for one row, except that an empty pattern on a non-empty
    /// string yields its characters (Spark's special case).
    static func splitOneRegex(_ s: ByteArray, _ i: Int, _ re: NSRegularExpression, _ emptyPattern: Bool, _ limit: Int, _ out: inout ListBuilder) {
        let str = s.string(at: i)
        if emptyPattern && !str.isEmpty {
            var count = 0
            var idx = str.unicodeScalars.startIndex
            while idx < str.unicodeScalars.endIndex {
                if count == limit - 1 { out.append(String(str.unicodeScalars[idx...])); return }
                out.append(String(str.unicodeScalars[idx]))
                idx = str.unicodeScalars.index(after: idx)
                count += 1
            }
            return
        }
        let ns = str as NSString
        var index = 0
        var pieces = 0
        for m in re.matches(in: str, range: NSRange(location: 0, length: ns.length)) {
            if pieces >= limit - 1 { break }
            if index == 0 && m.range.location == 0 && m.range.length == 0 { continue }
            out.append(ns.substring(with: NSRange(location: index, length: m.range.location - index)))
            index = m.range.location + m.range.length
            pieces += 1
        }
        out.append(ns.substring(from: index))
    }
}

/// Builds an `array<string>` column row by row.
struct ListBuilder {
    var listOffsets: [Int32]
    var child = ByteArrayBuilder()

    init(rows: Int) {
        listOffsets = [0]
        listOffsets.reserveCapacity(rows + 1)
    }

    mutating func append(_ s: String) { child.append(s) }
    mutating func endRow() { listOffsets.append(Int32(child.count)) }

    func finish(_ valid: Bitmap?, _ type: DataType) -> ColumnVector {
        let c = child.finish()
        let values = ColumnVector(dataType: .string, count: c.count, validity: nil, storage: .bytes(c))
        return ColumnVector(dataType: type, count: listOffsets.count - 1, validity: valid,
                            storage: .list(offsets: listOffsets, values: values))
    }
}

/// Compiles Java-style regular expressions with ICU (NSRegularExpression), reporting Spark's error.
enum RegexCache {
    static func compile(_ pattern: String, fn: String) throws(RivuletError) -> NSRegularExpression {
        do {
            // ICU rejects an empty pattern; Java treats it as "matches the empty string".
            return try NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : pattern, options: [])
        } catch {
            throw RivuletError.execution(
                "The value of parameter(s) `regexp` in `\(fn)` is invalid: the regular expression '\(pattern)' could not be compiled.",
                errorClass: "INVALID_PARAMETER_VALUE.PATTERN")
        }
    }
}
