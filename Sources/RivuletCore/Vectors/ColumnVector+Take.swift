/// Gather, filter, slice and concatenation: the data movement every operator needs.
extension ColumnVector {
    /// The rows at `indices`, in that order. An index of `-1` yields null (used by outer joins).
    public func take(_ indices: [Int32]) -> ColumnVector {
        let n = indices.count
        var valid: Bitmap? = nil
        let needsValidity = validity != nil || indices.contains(-1)
        if needsValidity {
            var b = Bitmap(count: n, value: true)
            for (k, i) in indices.enumerated() where i < 0 || isNull(Int(i)) { b.clear(k) }
            valid = b
        }
        func gather<T>(_ a: [T], _ zero: T) -> [T] {
            a.withUnsafeBufferPointer { src in
                [T](unsafeUninitializedCapacity: n) { dst, initialized in
                    guard let out = dst.baseAddress else { initialized = 0; return }
                    for k in 0..<n {
                        let i = Int(indices[k])
                        (out + k).initialize(to: i >= 0 ? src[i] : zero)
                    }
                    initialized = n
                }
            }
        }
        let s: Storage
        switch storage {
        case .none: s = .none
        case .bool(let a): s = .bool(gather(a, false))
        case .int8(let a): s = .int8(gather(a, 0))
        case .int16(let a): s = .int16(gather(a, 0))
        case .int32(let a): s = .int32(gather(a, 0))
        case .int64(let a): s = .int64(gather(a, 0))
        case .float32(let a): s = .float32(gather(a, 0))
        case .float64(let a): s = .float64(gather(a, 0))
        case .decimal(let a): s = .decimal(gather(a, 0))
        case .bytes(let b):
            var total = 0
            for i in indices where i >= 0 { total += Int(b.offsets[Int(i) + 1] - b.offsets[Int(i)]) }
            var out = ByteArrayBuilder(capacity: n, byteCapacity: total)
            b.data.withUnsafeBufferPointer { d in
                for i in indices {
                    if i < 0 { out.appendEmpty(); continue }
                    let r = b.range(at: Int(i))
                    out.append(UnsafeBufferPointer(rebasing: d[r]))
                }
            }
            s = .bytes(out.finish())
        case .list(let offsets, let values):
            var childIdx: [Int32] = []
            var newOffsets: [Int32] = [0]
            newOffsets.reserveCapacity(n + 1)
            for i in indices {
                if i >= 0 { for c in offsets[Int(i)]..<offsets[Int(i) + 1] { childIdx.append(c) } }
                newOffsets.append(Int32(childIdx.count))
            }
            s = .list(offsets: newOffsets, values: values.take(childIdx))
        case .map(let offsets, let keys, let values):
            var childIdx: [Int32] = []
            var newOffsets: [Int32] = [0]
            for i in indices {
                if i >= 0 { for c in offsets[Int(i)]..<offsets[Int(i) + 1] { childIdx.append(c) } }
                newOffsets.append(Int32(childIdx.count))
            }
            s = .map(offsets: newOffsets, keys: keys.take(childIdx), values: values.take(childIdx))
        case .structure(let cs):
            s = .structure(cs.map { $0.take(indices) })
        }
        return ColumnVector(dataType: dataType, count: n, validity: valid, storage: s)
    }

    /// Rows where `mask` is true (a null mask entry counts as false when `maskValidity` says so).
    public func filter(_ mask: [Bool]) -> ColumnVector {
        var idx: [Int32] = []
        idx.reserveCapacity(mask.count)
        for (i, m) in mask.enumerated() where m { idx.append(Int32(i)) }
        return take(idx)
    }

    /// Rows `range`.
    public func slice(_ range: Range<Int>) -> ColumnVector {
        take(range.map { Int32($0) })
    }

    /// Concatenates vectors of the same type.
    public static func concat(_ parts: [ColumnVector], type: DataType) -> ColumnVector {
        if parts.count == 1 { return parts[0] }
        let n = parts.reduce(0) { $0 + $1.count }
        var valid: Bitmap? = nil
        if parts.contains(where: { $0.validity != nil || { if case .none = $0.storage { return true } else { return false } }($0) }) {
            var b = Bitmap(count: n, value: true)
            var base = 0
            for p in parts {
                for i in 0..<p.count where p.isNull(i) { b.clear(base + i) }
                base += p.count
            }
            valid = b
        }
        func flat<T>(_ get: (ColumnVector) -> [T]?) -> [T] {
            var r: [T] = []
            r.reserveCapacity(n)
            for p in parts { if let a = get(p) { r.append(contentsOf: a) } }
            return r
        }
        let s: Storage
        switch type {
        case .null: s = .none
        case .boolean: s = .bool(flat { if case .bool(let a) = $0.storage { a } else { [Bool](repeating: false, count: $0.count) } })
        case .byte: s = .int8(flat { if case .int8(let a) = $0.storage { a } else { [Int8](repeating: 0, count: $0.count) } })
        case .short: s = .int16(flat { if case .int16(let a) = $0.storage { a } else { [Int16](repeating: 0, count: $0.count) } })
        case .integer, .date, .yearMonthInterval: s = .int32(flat { if case .int32(let a) = $0.storage { a } else { [Int32](repeating: 0, count: $0.count) } })
        case .long, .timestamp, .dayTimeInterval: s = .int64(flat { if case .int64(let a) = $0.storage { a } else { [Int64](repeating: 0, count: $0.count) } })
        case .float: s = .float32(flat { if case .float32(let a) = $0.storage { a } else { [Float](repeating: 0, count: $0.count) } })
        case .double: s = .float64(flat { if case .float64(let a) = $0.storage { a } else { [Double](repeating: 0, count: $0.count) } })
        case .decimal: s = .decimal(flat { if case .decimal(let a) = $0.storage { a } else { [Int128](repeating: 0, count: $0.count) } })
        case .string, .binary:
            var out = ByteArrayBuilder(capacity: n)
            for p in parts {
                if case .bytes(let b) = p.storage {
                    let base = Int32(out.data.count)
                    out.data.append(contentsOf: b.data)
                    for k in 1..<b.offsets.count { out.offsets.append(base + b.offsets[k]) }
                } else {
                    for _ in 0..<p.count { out.appendEmpty() }
                }
            }
            s = .bytes(out.finish())
        case .array(let e, _):
            var offsets: [Int32] = [0]
            var children: [ColumnVector] = []
            for p in parts {
                if case .list(let o, let v) = p.storage {
                    let base = offsets.last ?? 0
                    for k in 1..<o.count { offsets.append(base + o[k] - o[0]) }
                    children.append(o[0] == 0 && Int(o.last ?? 0) == v.count ? v : v.slice(Int(o[0])..<Int(o.last ?? 0)))
                } else {
                    for _ in 0..<p.count { offsets.append(offsets.last ?? 0) }
                }
            }
            s = .list(offsets: offsets, values: concat(children, type: e))
        case .map(let kt, let vt, _):
            var offsets: [Int32] = [0]
            var ks: [ColumnVector] = [], vs: [ColumnVector] = []
            for p in parts {
                if case .map(let o, let k, let v) = p.storage {
                    let base = offsets.last ?? 0
                    for x in 1..<o.count { offsets.append(base + o[x] - o[0]) }
                    let r = Int(o[0])..<Int(o.last ?? 0)
                    ks.append(r.count == k.count ? k : k.slice(r))
                    vs.append(r.count == v.count ? v : v.slice(r))
                } else {
                    for _ in 0..<p.count { offsets.append(offsets.last ?? 0) }
                }
            }
            s = .map(offsets: offsets, keys: concat(ks, type: kt), values: concat(vs, type: vt))
        case .struct(let st):
            s = .structure(st.fields.indices.map { f in
                concat(parts.map { p in
                    if case .structure(let cs) = p.storage { return cs[f] }
                    return ColumnVector.nulls(st.fields[f].dataType, count: p.count)
                }, type: st.fields[f].dataType)
            })
        }
        if parts.isEmpty { return ColumnVector(dataType: type, count: 0, validity: nil, storage: s) }
        return ColumnVector(dataType: type, count: n, validity: valid, storage: s)
    }
}
