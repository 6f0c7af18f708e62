import RivuletCore

/// Serialises key tuples into byte strings so that composite (and nested-type) keys can use the
/// byte-string hash table: equal tuples give equal bytes, and the bytes decode back to the keys.
///
/// Layout per column: a null flag byte (0 = null, 1 = value) followed, for values, by 1 byte
/// (boolean), 8 bytes (integers and normalised floating point), 16 bytes (decimal), or a 4-byte
/// length and the bytes (string/binary); nested values are written recursively the same way.
enum KeyEncoder {
    static func encode(_ columns: [ColumnVector], rowCount n: Int) -> ByteArray {
        var out = ByteArrayBuilder(capacity: n, byteCapacity: n * (columns.count * 9))
        for i in 0..<n {
            for c in columns { append(c, i, into: &out.data) }
            out.offsets.append(Int32(truncatingIfNeeded: out.data.count))
        }
        return out.finish()
    }

    @inline(__always) static func put<T: FixedWidthInteger>(_ x: T, _ d: inout [UInt8]) {
        withUnsafeBytes(of: x.littleEndian) { d.append(contentsOf: $0) }
    }

    static func append(_ c: ColumnVector, _ i: Int, into d: inout [UInt8]) {
        if c.isNull(i) { d.append(0); return }
        d.append(1)
        switch c.storage {
        case .none: break
        case .bool(let a): d.append(a[i] ? 1 : 0)
        case .int8(let a): put(Int64(a[i]), &d)
        case .int16(let a): put(Int64(a[i]), &d)
        case .int32(let a): put(Int64(a[i]), &d)
        case .int64(let a): put(a[i], &d)
        case .float32(let a): put(Hashing.normalizedBits(Double(a[i])), &d)
        case .float64(let a): put(Hashing.normalizedBits(a[i]), &d)
        case .decimal(let a): put(a[i], &d)
        case .bytes(let b):
            let r = b.range(at: i)
            put(Int32(r.count), &d)
            d.append(contentsOf: b.data[r])
        case .list(let offsets, let values):
            let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
            put(Int32(hi - lo), &d)
            for j in lo..<hi { append(values, j, into: &d) }
        case .map(let offsets, let keys, let values):
            let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
            put(Int32(hi - lo), &d)
            for j in lo..<hi { append(keys, j, into: &d); append(values, j, into: &d) }
        case .structure(let children):
            for ch in children { append(ch, i, into: &d) }
        }
    }

    /// Decodes `keys` (one encoded tuple per entry) into one column per type.
    static func decode(_ keys: ByteArray, types: [DataType]) -> [ColumnVector] {
        var builders = types.map { ColumnBuilder(type: $0, capacity: keys.count) }
        keys.data.withUnsafeBufferPointer { d in
            for i in 0..<keys.count {
                var pos = Int(keys.offsets[i])
                for k in types.indices { builders[k].append(readValue(types[k], d, &pos)) }
            }
        }
        return builders.map { $0.finish() }
    }

    @inline(__always) static func get<T: FixedWidthInteger>(_ type: T.Type, _ d: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> T {
        guard let base = d.baseAddress, pos + MemoryLayout<T>.size <= d.count else { return 0 }
        let v = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: pos, as: T.self)
        pos += MemoryLayout<T>.size
        return T(littleEndian: v)
    }

    static func readValue(_ type: DataType, _ d: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> Value {
        guard pos < d.count else { return .null }
        let flag = d[pos]
        pos += 1
        if flag == 0 { return .null }
        switch type {
        case .null: return .null
        case .boolean:
            let b = pos < d.count && d[pos] != 0
            pos += 1
            return .boolean(b)
        case .byte: return .byte(Int8(truncatingIfNeeded: get(Int64.self, d, &pos)))
        case .short: return .short(Int16(truncatingIfNeeded: get(Int64.self, d, &pos)))
        case .integer: return .int(Int32(truncatingIfNeeded: get(Int64.self, d, &pos)))
        case .date: return .date(Int32(truncatingIfNeeded: get(Int64.self, d, &pos)))
        case .yearMonthInterval: return .yearMonthInterval(Int32(truncatingIfNeeded: get(Int64.self, d, &pos)))
        case .long: return .long(get(Int64.self, d, &pos))
        case .timestamp: return .timestamp(get(Int64.self, d, &pos))
        case .dayTimeInterval: return .dayTimeInterval(get(Int64.self, d, &pos))
        case .float: return .float(Float(Double(bitPattern: get(UInt64.self, d, &pos))))
        case .double: return .double(Double(bitPattern: get(UInt64.self, d, &pos)))
        case .decimal(_, let s): return .decimal(DecimalValue(unscaled: get(Int128.self, d, &pos), scale: s))
        case .string, .binary:
            let len = Int(get(Int32.self, d, &pos))
            let end = min(d.count, pos + max(0, len))
            let slice = UnsafeBufferPointer(rebasing: d[pos..<end])
            pos = end
            return type == .string ? .string(String(decoding: slice, as: UTF8.self)) : .binary(Array(slice))
        case .array(let e, _):
            let len = Int(get(Int32.self, d, &pos))
            var items: [Value] = []
            for _ in 0..<max(0, len) { items.append(readValue(e, d, &pos)) }
            return .array(items)
        case .map(let kt, let vt, _):
            let len = Int(get(Int32.self, d, &pos))
            var entries: [MapEntry] = []
            for _ in 0..<max(0, len) {
                let k = readValue(kt, d, &pos)
                entries.append(MapEntry(k, readValue(vt, d, &pos)))
            }
            return .map(entries)
        case .struct(let st):
            return .struct(st.fields.map { readValue($0.dataType, d, &pos) })
        }
    }
}
