import RivuletCore
import RivuletSQL

/// `hash` (Spark's Murmur3_x86_32, seed 42), `xxhash64` (XXH64, seed 42) and `crc32`, bit-exact
/// with Spark: values are folded argument by argument, a null leaves the running hash unchanged.
enum HashKernels {
    static let kernels: [(String, ScalarKernel)] = [
        ("hash", { (c, a, n) throws(RivuletError) in
            var h = [Int32](repeating: 42, count: n)
            for col in a { Murmur3.update(&h, col) }
            return ColumnVector(int32: h)
        }),
        ("xxhash64", { (c, a, n) throws(RivuletError) in
            var h = [Int64](repeating: 42, count: n)
            for col in a { for i in 0..<n { h[i] = XXH64.hash(col.value(at: i), col.dataType, seed: h[i]) } }
            return ColumnVector(int64: h)
        }),
        ("crc32", { (c, a, n) throws(RivuletError) in
            let b = try KernelSupport.bytes(a[0], "crc32")
            return ColumnVector(int64: (0..<n).map { Int64(CRC32.checksum(b.data[b.range(at: $0)])) }, validity: a[0].validity)
        }),
    ]
}

/// Spark's `Murmur3_x86_32` (including its legacy per-byte tail handling for strings).
enum Murmur3 {
    @inline(__always) static func mixK1(_ k: UInt32) -> UInt32 {
        var k1 = k &* 0xcc9e_2d51
        k1 = (k1 << 15) | (k1 >> 17)
        return k1 &* 0x1b87_3593
    }
    @inline(__always) static func mixH1(_ h: UInt32, _ k1: UInt32) -> UInt32 {
        var h1 = h ^ k1
        h1 = (h1 << 13) | (h1 >> 19)
        return h1 &* 5 &+ 0xe654_6b64
    }
    @inline(__always) static func fmix(_ h: UInt32, _ len: UInt32) -> UInt32 {
        var h1 = h ^ len
        h1 ^= h1 >> 16
        h1 = h1 &* 0x85eb_ca6b
        h1 ^= h1 >> 13
        h1 = h1 &* 0xc2b2_ae35
        h1 ^= h1 >> 16
        return h1
    }
    @inline(__always) static func hashInt(_ v: Int32, _ seed: Int32) -> Int32 {
        Int32(bitPattern: fmix(mixH1(UInt32(bitPattern: seed), mixK1(UInt32(bitPattern: v))), 4))
    }
    @inline(__always) static func hashLong(_ v: Int64, _ seed: Int32) -> Int32 {
        let u = UInt64(bitPattern: v)
        var h = mixH1(UInt32(bitPattern: seed), mixK1(UInt32(truncatingIfNeeded: u)))
        h = mixH1(h, mixK1(UInt32(truncatingIfNeeded: u >> 32)))
        return Int32(bitPattern: fmix(h, 8))
    }
    static func hashBytes<C: Collection>(_ bytes: C, _ seed: Int32) -> Int32 where C.Element == UInt8 {
        let b = Array(bytes)
        let aligned = b.count - b.count % 4
        var h = UInt32(bitPattern: seed)
        var i = 0
        while i < aligned {
            let w = UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
            h = mixH1(h, mixK1(w)); i += 4
        }
        while i < b.count {
            // Spark's legacy tail: each remaining byte, sign-extended, is mixed as a whole word.
            h = mixH1(h, mixK1(UInt32(bitPattern: Int32(Int8(bitPattern: b[i]))))); i += 1
        }
        return Int32(bitPattern: fmix(h, UInt32(b.count)))
    }

    /// Folds column `c` into the running hashes `h` with typed loops for the common types.
    static func update(_ h: inout [Int32], _ c: ColumnVector) {
        let n = h.count
        switch (c.dataType, c.storage) {
        case (_, .none): return
        case (.integer, .int32(let a)), (.date, .int32(let a)):
            for i in 0..<n where !c.isNull(i) { h[i] = hashInt(a[i], h[i]) }
        case (.long, .int64(let a)), (.timestamp, .int64(let a)):
            for i in 0..<n where !c.isNull(i) { h[i] = hashLong(a[i], h[i]) }
        case (.string, .bytes(let b)), (.binary, .bytes(let b)):
            b.data.withUnsafeBufferPointer { p in
                for i in 0..<n where !c.isNull(i) { h[i] = hashBytes(p[b.range(at: i)], h[i]) }
            }
        default:
            for i in 0..<n { h[i] = hashValue(c.value(at: i), c.dataType, h[i]) }
        }
    }

    /// Spark's `HashExpression.computeHash` for one boxed value.
    static func hashValue(_ v: Value, _ t: DataType, _ seed: Int32) -> Int32 {
        switch v {
        case .null: return seed
        case .boolean(let b): return hashInt(b ? 1 : 0, seed)
        case .byte(let x): return hashInt(Int32(x), seed)
        case .short(let x): return hashInt(Int32(x), seed)
        case .int(let x), .date(let x), .yearMonthInterval(let x): return hashInt(x, seed)
        case .long(let x), .timestamp(let x), .dayTimeInterval(let x): return hashLong(x, seed)
        case .float(let f): return hashInt(Int32(bitPattern: JavaBits.float(f)), seed)
        case .double(let d): return hashLong(Int64(bitPattern: JavaBits.double(d)), seed)
        case .decimal(let d):
            if case .decimal(let p, _) = t, p <= 18 { return hashLong(Int64(truncatingIfNeeded: d.unscaled), seed) }
            return hashBytes(JavaBits.bigIntegerBytes(d.unscaled), seed)
        case .string(let s): return hashBytes(Array(s.utf8), seed)
        case .binary(let b): return hashBytes(b, seed)
        case .array(let items):
            let e: DataType
            if case .array(let et, _) = t { e = et } else { e = .null }
            return items.reduce(seed) { hashValue($1, e, $0) }
        case .map(let entries):
            guard case .map(let kt, let vt, _) = t else { return seed }
            return entries.reduce(seed) { hashValue($1.value, vt, hashValue($1.key, kt, $0)) }
        case .struct(let fields):
            guard case .struct(let st) = t else { return seed }
            var h = seed
            for (f, x) in zip(st.fields, fields) { h = hashValue(x, f.dataType, h) }
            return h
        }
    }
}

/// Java's canonical bit patterns (NaN canonicalised, -0.0 normalised to 0.0 as Spark does before hashing).
enum JavaBits {
    static func double(_ d: Double) -> UInt64 {
        if d.isNaN { return 0x7ff8_0000_0000_0000 }
        return d == 0 ? 0 : d.bitPattern
    }
    static func float(_ f: Float) -> UInt32 {
        if f.isNaN { return 0x7fc0_0000 }
        return f == 0 ? 0 : f.bitPattern
    }
    /// `BigInteger.toByteArray()`: minimal big-endian two's complement.
    static func bigIntegerBytes(_ v: Int128) -> [UInt8] {
        var bytes: [UInt8] = []
        for k in (0..<16).reversed() { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
        while bytes.count > 1 {
            let a = bytes[0], b = bytes[1]
            if (a == 0 && b & 0x80 == 0) || (a == 0xFF && b & 0x80 != 0) { bytes.removeFirst() } else { break }
        }
        return bytes
    }
}

/// Spark's `XxHash64Function` (XXH64 with the running hash as seed).
enum XXH64 {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F, p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63, p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
    static func fmix(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 33; x = x &* p2; x ^= x >> 29; x = x &* p3; x ^= x >> 32
        return x
    }
    static func hashInt(_ v: Int32, _ seed: UInt64) -> UInt64 {
        var h = seed &+ p5 &+ 4
        h ^= UInt64(UInt32(bitPattern: v)) &* p1
        h = rotl(h, 23) &* p2 &+ p3
        return fmix(h)
    }
    static func hashLong(_ v: Int64, _ seed: UInt64) -> UInt64 {
        var h = seed &+ p5 &+ 8
        h ^= rotl(UInt64(bitPattern: v) &* p2, 31) &* p1
        h = rotl(h, 27) &* p1 &+ p4
        return fmix(h)
    }
    static func hashBytes(_ b: [UInt8], _ seed: UInt64) -> UInt64 {
        let len = b.count
        var i = 0
        var h: UInt64
        func u64(_ k: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[k + $1]) << (8 * UInt64($1)) } }
        func u32(_ k: Int) -> UInt64 { (0..<4).reduce(UInt64(0)) { $0 | UInt64(b[k + $1]) << (8 * UInt64($1)) } }
        if len >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while i <= len - 32 {
                v1 = rotl(v1 &+ u64(i) &* p2, 31) &* p1
                v2 = rotl(v2 &+ u64(i + 8) &* p2, 31) &* p1
                v3 = rotl(v3 &+ u64(i + 16) &* p2, 31) &* p1
                v4 = rotl(v4 &+ u64(i + 24) &* p2, 31) &* p1
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            for v in [v1, v2, v3, v4] {
                h ^= rotl(v &* p2, 31) &* p1
                h = h &* p1 &+ p4
            }
        } else {
            h = seed &+ p5
        }
        h &+= UInt64(len)
        while i <= len - 8 {
            h ^= rotl(u64(i) &* p2, 31) &* p1
            h = rotl(h, 27) &* p1 &+ p4
            i += 8
        }
        if i <= len - 4 {
            h ^= u32(i) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            i += 4
        }
        while i < len {
            h ^= UInt64(b[i]) &* p5
            h = rotl(h, 11) &* p1
            i += 1
        }
        return fmix(h)
    }

    static func hash(_ v: Value, _ t: DataType, seed: Int64) -> Int64 {
        let s = UInt64(bitPattern: seed)
        switch v {
        case .null: return seed
        case .boolean(let b): return Int64(bitPattern: hashInt(b ? 1 : 0, s))
        case .byte(let x): return Int64(bitPattern: hashInt(Int32(x), s))
        case .short(let x): return Int64(bitPattern: hashInt(Int32(x), s))
        case .int(let x), .date(let x), .yearMonthInterval(let x): return Int64(bitPattern: hashInt(x, s))
        case .long(let x), .timestamp(let x), .dayTimeInterval(let x): return Int64(bitPattern: hashLong(x, s))
        case .float(let f): return Int64(bitPattern: hashInt(Int32(bitPattern: JavaBits.float(f)), s))
        case .double(let d): return Int64(bitPattern: hashLong(Int64(bitPattern: JavaBits.double(d)), s))
        case .decimal(let d):
            if case .decimal(let p, _) = t, p <= 18 { return Int64(bitPattern: hashLong(Int64(truncatingIfNeeded: d.unscaled), s)) }
            return Int64(bitPattern: hashBytes(JavaBits.bigIntegerBytes(d.unscaled), s))
        case .string(let x): return Int64(bitPattern: hashBytes(Array(x.utf8), s))
        case .binary(let b): return Int64(bitPattern: hashBytes(b, s))
        case .array(let items):
            let e: DataType
            if case .array(let et, _) = t { e = et } else { e = .null }
            return items.reduce(seed) { hash($1, e, seed: $0) }
        case .map(let entries):
            guard case .map(let kt, let vt, _) = t else { return seed }
            return entries.reduce(seed) { hash($1.value, vt, seed: hash($1.key, kt, seed: $0)) }
        case .struct(let fields):
            guard case .struct(let st) = t else { return seed }
            var h = seed
            for (f, x) in zip(st.fields, fields) { h = hash(x, f.dataType, seed: h) }
            return h
        }
    }
}

/// CRC-32 (IEEE, as `java.util.zip.CRC32`).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { i -> UInt32 in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
