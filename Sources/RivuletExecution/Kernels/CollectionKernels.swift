import RivuletCore
import RivuletSQL

/// Array, map and struct kernels. `size`, `array`, `struct` build columns directly; the rest use
/// the boxed row path (they are rarely hot).
enum CollectionKernels {
    typealias K = KernelSupport

    static let kernels: [(String, ScalarKernel)] = [
        ("size", { (c, a, n) throws(RivuletError) in
            let offsets: [Int32]
            switch a[0].storage {
            case .list(let o, _): offsets = o
            case .map(let o, _, _): offsets = o
            default: return .nulls(.integer, count: n)
            }
            return ColumnVector(int32: (0..<n).map { offsets[$0 + 1] - offsets[$0] }, validity: a[0].validity)
        }),
        ("struct", { (c, a, n) throws(RivuletError) in
            ColumnVector(dataType: c.dataType, count: n, validity: nil, storage: .structure(a))
        }),
        ("array", { (c, a, n) throws(RivuletError) in
            guard case .array(let et, _) = c.dataType else { return .nulls(c.dataType, count: n) }
            if a.isEmpty { return ColumnVector(dataType: c.dataType, count: n, validity: nil, storage: .list(offsets: [Int32](repeating: 0, count: n + 1), values: .nulls(et, count: 0))) }
            // Interleave: element k of row i is argument k at row i.
            var idx: [Int32] = []
            idx.reserveCapacity(n * a.count)
            for i in 0..<n { for k in 0..<a.count { idx.append(Int32(k * n + i)) } }
            let stacked = ColumnVector.concat(a.map { $0.dataType == et ? $0 : ColumnVector(values: $0.values, type: et) }, type: et)
            let offsets = (0...n).map { Int32($0 * a.count) }
            return ColumnVector(dataType: c.dataType, count: n, validity: nil, storage: .list(offsets: offsets, values: stacked.take(idx)))
        }),
        ("map", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n, nullIntolerant: false) { v throws(RivuletError) in
                var entries: [MapEntry] = []
                for k in stride(from: 0, to: v.count, by: 2) {
                    if v[k].isNull { throw RivuletError.execution("Cannot use null as map key.", errorClass: "NULL_MAP_KEY") }
                    if entries.contains(where: { ValueOrder.equal($0.key, v[k]) }) {
                        throw RivuletError.execution("Duplicate map key \(v[k].sparkString()) was found, please check the input data.",
                                                     errorClass: "DUPLICATED_MAP_KEY")
                    }
                    entries.append(MapEntry(v[k], v[k + 1]))
                }
                return .map(entries)
            }
        }),
        ("map_from_arrays", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v throws(RivuletError) in
                guard case .array(let ks) = v[0], case .array(let vs) = v[1] else { return .null }
                guard ks.count == vs.count else {
                    throw RivuletError.execution("The key array and value array of MAP must have the same length.", errorClass: "INVALID_PARAMETER_VALUE")
                }
                return .map(zip(ks, vs).map { MapEntry($0, $1) })
            }
        }),
        ("map_keys", { (c, a, n) throws(RivuletError) in
            guard case .map(let o, let k, _) = a[0].storage else { return .nulls(c.dataType, count: n) }
            return ColumnVector(dataType: c.dataType, count: n, validity: a[0].validity, storage: .list(offsets: o, values: k))
        }),
        ("map_values", { (c, a, n) throws(RivuletError) in
            guard case .map(let o, _, let v) = a[0].storage else { return .nulls(c.dataType, count: n) }
            return ColumnVector(dataType: c.dataType, count: n, validity: a[0].validity, storage: .list(offsets: o, values: v))
        }),
        ("map_entries", { (c, a, n) throws(RivuletError) in
            guard case .map(let o, let k, let v) = a[0].storage, case .array(let st, _) = c.dataType else { return .nulls(c.dataType, count: n) }
            let entries = ColumnVector(dataType: st, count: k.count, validity: nil, storage: .structure([k, v]))
            return ColumnVector(dataType: c.dataType, count: n, validity: a[0].validity, storage: .list(offsets: o, values: entries))
        }),
        ("array_contains", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let items) = v[0] else { return .null }
                if items.contains(where: { !$0.isNull && ValueOrder.equal($0, v[1]) }) { return .boolean(true) }
                return items.contains(where: \.isNull) ? .null : .boolean(false)
            }
        }),
        ("arrays_overlap", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let x) = v[0], case .array(let y) = v[1] else { return .null }
                if x.contains(where: { e in !e.isNull && y.contains { !$0.isNull && ValueOrder.equal($0, e) } }) { return .boolean(true) }
                return (!x.isEmpty && !y.isEmpty && (x.contains(where: \.isNull) || y.contains(where: \.isNull))) ? .null : .boolean(false)
            }
        }),
        ("element_at", { (c, a, n) throws(RivuletError) in try elementAt(c, a, n, tryMode: false) }),
        ("try_element_at", { (c, a, n) throws(RivuletError) in try elementAt(c, a, n, tryMode: true) }),
        ("array_distinct", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let items) = v[0] else { return .null }
                var out: [Value] = []
                for x in items where !out.contains(where: { $0.isNull == x.isNull && ValueOrder.equal($0, x) }) { out.append(x) }
                return .array(out)
            }
        }),
        ("array_union", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let x) = v[0], case .array(let y) = v[1] else { return .null }
                var out: [Value] = []
                for e in x + y where !out.contains(where: { $0.isNull == e.isNull && ValueOrder.equal($0, e) }) { out.append(e) }
                return .array(out)
            }
        }),
        ("array_sort", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let items) = v[0] else { return .null }
                return .array(items.filter { !$0.isNull }.sorted { ValueOrder.compare($0, $1) < 0 } + items.filter(\.isNull))
            }
        }),
        ("sort_array", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let items) = v[0], case .boolean(let asc) = v[1] else { return .null }
                let sorted = items.filter { !$0.isNull }.sorted { ValueOrder.compare($0, $1) < 0 }
                let nulls = items.filter(\.isNull)
                return .array(asc ? nulls + sorted : sorted.reversed() + nulls)
            }
        }),
        ("array_join", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n, nullIntolerant: false) { v in
                guard case .array(let items) = v[0], case .string(let sep) = v[1] else { return .null }
                if v.count > 2 && v[2].isNull { return .null }
                let repl = v.count > 2 ? v[2].stringValue : nil
                return .string(items.compactMap { $0.stringValue ?? repl }.joined(separator: sep))
            }
        }),
        ("array_max", { (c, a, n) throws(RivuletError) in try arrayExtremum(c, a, n, sign: 1) }),
        ("array_min", { (c, a, n) throws(RivuletError) in try arrayExtremum(c, a, n, sign: -1) }),
        ("array_position", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let items) = v[0] else { return .null }
                return .long(Int64((items.firstIndex { !$0.isNull && ValueOrder.equal($0, v[1]) } ?? -1) + 1))
            }
        }),
        ("array_remove", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let items) = v[0] else { return .null }
                return .array(items.filter { $0.isNull || !ValueOrder.equal($0, v[1]) })
            }
        }),
        ("flatten", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v in
                guard case .array(let outer) = v[0] else { return .null }
                var out: [Value] = []
                for x in outer {
                    guard case .array(let inner) = x else { return .null }
                    out.append(contentsOf: inner)
                }
                return .array(out)
            }
        }),
        ("slice", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v throws(RivuletError) in
                guard case .array(let items) = v[0], let start = v[1].int64Value, let len = v[2].int64Value else { return .null }
                if start == 0 {
                    throw RivuletError.execution("The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).", errorClass: "INVALID_INDEX_OF_ZERO")
                }
                if len < 0 {
                    throw RivuletError.execution("The value of parameter(s) `length` in `slice` is invalid: Expects `length` greater than or equal to 0, but got \(len).", errorClass: "INVALID_PARAMETER_VALUE.LENGTH")
                }
                let s = start > 0 ? Int(start) - 1 : items.count + Int(start)
                if s < 0 || s >= items.count { return .array([]) }
                return .array(Array(items[s..<min(items.count, s + Int(min(len, Int64(items.count))))]))
            }
        }),
        ("sequence", { (c, a, n) throws(RivuletError) in
            try K.rowwise(c, a, n) { v throws(RivuletError) in
                guard let lo = v[0].int64Value, let hi = v[1].int64Value else { return .null }
                let step = v.count > 2 ? (v[2].int64Value ?? 1) : (lo <= hi ? 1 : -1)
                let isDate = c.arguments[0].dataType == .date
                let isTs = c.arguments[0].dataType == .timestamp
                let unit: Int64 = isTs ? DateTimeUtils.microsPerDay : 1
                let st = step * unit
                guard st != 0, (hi - lo).signum() == 0 || (hi - lo).signum() == st.signum() else {
                    throw RivuletError.execution("Illegal sequence boundaries: \(lo) to \(hi) by \(step)", errorClass: "INVALID_SEQUENCE_BOUNDARIES")
                }
                let count = (hi - lo) / st + 1
                guard count <= 10_000_000 else {
                    throw RivuletError.execution("Too long sequence: \(count). Should be <= 2147483632", errorClass: "COLLECTION_SIZE_LIMIT_EXCEEDED")
                }
                var out: [Value] = []
                var x = lo
                for _ in 0..<count {
                    out.append(isDate ? .date(Int32(x)) : isTs ? .timestamp(x) : wrapIntegral(x, c.arguments[0].dataType))
                    x += st
                }
                return .array(out)
            }
        }),
    ]

    static func wrapIntegral(_ x: Int64, _ t: DataType) -> Value {
        switch t {
        case .byte: return .byte(Int8(truncatingIfNeeded: x))
        case .short: return .short(Int16(truncatingIfNeeded: x))
        case .integer: return .int(Int32(truncatingIfNeeded: x))
        default: return .long(x)
        }
    }

    static func arrayExtremum(_ c: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, sign: Int) throws(RivuletError) -> ColumnVector {
        try K.rowwise(c, a, n) { v in
            guard case .array(let items) = v[0] else { return .null }
            var best: Value = .null
            for x in items where !x.isNull { if best.isNull || ValueOrder.compare(x, best) * sign > 0 { best = x } }
            return best
        }
    }

    static func elementAt(_ c: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, tryMode: Bool) throws(RivuletError) -> ColumnVector {
        try K.rowwise(c, a, n) { v throws(RivuletError) in
            switch v[0] {
            case .array(let items):
                guard let idx = v[1].int64Value else { return .null }
                if idx == 0 {
                    if tryMode { return .null }
                    throw RivuletError.execution("The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).", errorClass: "INVALID_INDEX_OF_ZERO")
                }
                let k = idx > 0 ? Int(idx) - 1 : items.count + Int(idx)
                guard k >= 0 && k < items.count else {
                    if tryMode { return .null }
                    throw RivuletError.execution("The index \(idx) is out of bounds. The array has \(items.count) elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead.",
                                                 errorClass: "INVALID_ARRAY_INDEX_IN_ELEMENT_AT")
                }
                return items[k]
            case .map(let entries):
                return entries.first { ValueOrder.equal($0.key, v[1]) }?.value ?? .null
            default:
                return .null
            }
        }
    }
}

