import RivuletCore

/// A compact, self-describing binary encoding of rows of ``Value``s, used for state store keys and
/// values. Equal rows encode to equal bytes (so encoded keys can be hashed and compared).
public enum ValueCodec {
    public static func encode(_ values: [Value]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 * values.count)
        appendVarint(&out, UInt64(values.count))
        for v in values { append(v, to: &out) }
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws(RivuletError) -> [Value] {
        var i = 0
        let n = try readVarint(bytes, &i)
        guard n <= UInt64(bytes.count) else { throw corrupt() }
        var out: [Value] = []
        out.reserveCapacity(Int(n))
        for _ in 0..<n { out.append(try read(bytes, &i)) }
        guard i == bytes.count else { throw corrupt() }
        return out
    }

    static func corrupt() -> RivuletError {
        RivuletError(.checkpoint, "A state row could not be decoded: the state file is corrupt or from an incompatible version", errorClass: "CANNOT_LOAD_STATE_STORE")
    }

    private static func append(_ v: Value, to out: inout [UInt8]) {
        switch v {
        case .null: out.append(0)
        case .boolean(let b): out.append(1); out.append(b ? 1 : 0)
        case .byte(let x): out.append(2); appendZigzag(&out, Int64(x))
        case .short(let x): out.append(3); appendZigzag(&out, Int64(x))
        case .int(let x): out.append(4); appendZigzag(&out, Int64(x))
        case .long(let x): out.append(5); appendZigzag(&out, x)
        case .float(let x): out.append(6); appendFixed(&out, UInt64(x.bitPattern))
        case .double(let x): out.append(7); appendFixed(&out, x.bitPattern)
        case .decimal(let d):
            out.append(8); appendZigzag(&out, Int64(d.scale))
            appendFixed(&out, UInt64(truncatingIfNeeded: d.unscaled >> 64)); appendFixed(&out, UInt64(truncatingIfNeeded: d.unscaled))
        case .string(let s): out.append(9); appendBytes(&out, Array(s.utf8))
        case .binary(let b): out.append(10); appendBytes(&out, b)
        case .date(let x): out.append(11); appendZigzag(&out, Int64(x))
        case .timestamp(let x): out.append(12); appendZigzag(&out, x)
        case .dayTimeInterval(let x): out.append(13); appendZigzag(&out, x)
        case .yearMonthInterval(let x): out.append(14); appendZigzag(&out, Int64(x))
        case .array(let items):
            out.append(15); appendVarint(&out, UInt64(items.count))
            for x in items { append(x, to: &out) }
        case .map(let entries):
            out.append(16); appendVarint(&out, UInt64(entries.count))
            for e in entries { append(e.key, to: &out); append(e.value, to: &out) }
        case .struct(let fields):
            out.append(17); appendVarint(&out, UInt64(fields.count))
            for x in fields { append(x, to: &out) }
        }
    }

    private static func read(_ b: [UInt8], _ i: inout Int) throws(RivuletError) -> Value {
        guard i < b.count else { throw corrupt() }
        let tag = b[i]
        i += 1
        switch tag {
        case 0: return .null
        case 1:
            guard i < b.count else { throw corrupt() }
            defer { i += 1 }
            return .boolean(b[i] != 0)
        case 2: guard let x = Int8(exactly: try readZigzag(b, &i)) else { throw corrupt() }; return .byte(x)
        case 3: guard let x = Int16(exactly: try readZigzag(b, &i)) else { throw corrupt() }; return .short(x)
        case 4: guard let x = Int32(exactly: try readZigzag(b, &i)) else { throw corrupt() }; return .int(x)
        case 5: return .long(try readZigzag(b, &i))
        case 6: return .float(Float(bitPattern: UInt32(truncatingIfNeeded: try readFixed(b, &i))))
        case 7: return .double(Double(bitPattern: try readFixed(b, &i)))
        case 8:
            let scale = Int(try readZigzag(b, &i))
            let hi = try readFixed(b, &i), lo = try readFixed(b, &i)
            let u = Int128(Int64(bitPattern: hi)) << 64 | Int128(lo)
            return .decimal(DecimalValue(unscaled: u, scale: scale))
        case 9: return .string(String(decoding: try readBytes(b, &i), as: UTF8.self))
        case 10: return .binary(try readBytes(b, &i))
        case 11: guard let x = Int32(exactly: try readZigzag(b, &i)) else { throw corrupt() }; return .date(x)
        case 12: return .timestamp(try readZigzag(b, &i))
        case 13: return .dayTimeInterval(try readZigzag(b, &i))
        case 14: guard let x = Int32(exactly: try readZigzag(b, &i)) else { throw corrupt() }; return .yearMonthInterval(x)
        case 15, 17:
            let n = try readVarint(b, &i)
            guard n <= UInt64(b.count - i) else { throw corrupt() }
            var items: [Value] = []
            for _ in 0..<n { items.append(try read(b, &i)) }
            return tag == 15 ? .array(items) : .struct(items)
        case 16:
            let n = try readVarint(b, &i)
            guard n <= UInt64(b.count - i) else { throw corrupt() }
            var entries: [MapEntry] = []
            for _ in 0..<n {
                let k = try read(b, &i)
                entries.append(MapEntry(k, try read(b, &i)))
            }
            return .map(entries)
        default:
            throw corrupt()
        }
    }

    private static func appendVarint(_ out: inout [UInt8], _ v: UInt64) {
        var v = v
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    private static func readVarint(_ b: [UInt8], _ i: inout Int) throws(RivuletError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard i < b.count, shift < 64 else { throw corrupt() }
            let byte = b[i]
            i += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    private static func appendZigzag(_ out: inout [UInt8], _ v: Int64) {
        appendVarint(&out, UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    private static func readZigzag(_ b: [UInt8], _ i: inout Int) throws(RivuletError) -> Int64 {
        let u = try readVarint(b, &i)
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    private static func appendFixed(_ out: inout [UInt8], _ v: UInt64) {
        for s in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: v >> UInt64(s))) }
    }

    private static func readFixed(_ b: [UInt8], _ i: inout Int) throws(RivuletError) -> UInt64 {
        guard i + 8 <= b.count else { throw corrupt() }
        var v: UInt64 = 0
        for k in 0..<8 { v = v << 8 | UInt64(b[i + k]) }
        i += 8
        return v
    }

    private static func appendBytes(_ out: inout [UInt8], _ bytes: [UInt8]) {
        appendVarint(&out, UInt64(bytes.count))
        out.append(contentsOf: bytes)
    }

    private static func readBytes(_ b: [UInt8], _ i: inout Int) throws(RivuletError) -> [UInt8] {
        let n = try readVarint(b, &i)
        guard n <= UInt64(b.count - i) else { throw corrupt() }
        let r = Array(b[i..<(i + Int(n))])
        i += Int(n)
        return r
    }
}
