import Foundation
import RivuletCore
import RivuletSQL

/// `array_repeat`, `arrays_zip`, `map_concat`, `map_contains_key`, `str_to_map` (boxed row path).
enum MoreCollectionKernels {
    typealias K = KernelSupport

    static let kernels: [(String, ScalarKernel)] = [
        ("array_repeat", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n, nullIntolerant: false) { v in
                guard let count = v[1].int64Value else { return .null }
                return .array([Value](repeating: v[0], count: Int(max(0, min(count, Int64(Int32.max))))))
            }
        }),
        ("arrays_zip", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                var lists: [[Value]] = []
                for x in v { guard case .array(let items) = x else { return .null }; lists.append(items) }
                let len = lists.map(\.count).max() ?? 0
                return .array((0..<len).map { i in .struct(lists.map { i < $0.count ? $0[i] : .null }) })
            }
        }),
        ("map_concat", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v throws(RivuletError) in
                var entries: [MapEntry] = []
                for m in v {
                    guard case .map(let es) = m else { return .null }
                    for e in es { try append(e, to: &entries) }
                }
                return .map(entries)
            }
        }),
        ("map_contains_key", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .map(let es) = v[0] else { return .null }
                return .boolean(es.contains { ValueOrder.equal($0.key, v[1]) })
            }
        }),
        ("str_to_map", { (c, a, n) throws(RivuletError) in
            var cache: [String: NSRegularExpression] = [:]
            func regex(_ p: String) throws(RivuletError) -> NSRegularExpression {
                if let r = cache[p] { return r }
                let r = try RegexCache.compile(p, fn: "str_to_map")
                cache[p] = r
                return r
            }
            return try K.rowwise(c, a, n) { v throws(RivuletError) in
                guard case .string(let text) = v[0], case .string(let pd) = v[1], case .string(let kvd) = v[2] else { return .null }
                let pairRe = try regex(pd), kvRe = try regex(kvd)
                var entries: [MapEntry] = []
                for pair in split(text, pairRe, limit: 0) {
                    let kv = split(pair, kvRe, limit: 2)
                    try append(MapEntry(.string(kv[0]), kv.count > 1 ? .string(kv[1]) : .null), to: &entries)
                }
                return .map(entries)
            }
        }),
    ]

    /// Adds an entry, raising Spark's DUPLICATED_MAP_KEY (the default `spark.sql.mapKeyDedupPolicy`).
    static func append(_ e: MapEntry, to entries: inout [MapEntry]) throws(RivuletError) {
        if entries.contains(where: { ValueOrder.equal($0.key, e.key) }) {
            throw RivuletError.execution(
                "Duplicate map key \(e.key.sparkString()) was found, please check the input data. If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes precedence.",
                errorClass: "DUPLICATED_MAP_KEY")
        }
        entries.append(e)
    }

    /// Java's `String.split(regex, limit)` for limit 0 (trailing empty strings dropped) or a positive limit.
    static func split(_ s: String, _ re: NSRegularExpression, limit: Int) -> [String] {
        let ns = s as NSString
        var parts: [String] = []
        var start = 0
        for m in re.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
            if limit > 0 && parts.count == limit - 1 { break }
            if m.range.length == 0 && m.range.location == 0 { continue }
            parts.append(ns.substring(with: NSRange(location: start, length: m.range.location - start)))
            start = m.range.location + m.range.length
        }
        parts.append(ns.substring(from: start))
        if limit == 0 { while parts.count > 1, parts.last == "" { parts.removeLast() } }
        return parts
    }
}
