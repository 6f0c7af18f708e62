import RivuletCore

/// Fast non-cryptographic hashes for hash tables and hash partitioning.
///
/// Tables and the shuffle use different seeds so that rows landing in one shuffle partition still
/// spread over the whole table.
enum Hashing {
    static let tableSeed: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let partitionSeed: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let nullHash: UInt64 = 0x6A09_E667_F3BC_C909

    /// MurmurHash3's 64-bit finalizer.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    @inline(__always) static func int(_ x: Int64, seed: UInt64) -> UInt64 {
        mix(UInt64(bitPattern: x) ^ seed)
    }

    @inline(__always) static func combine(_ h: UInt64, _ x: UInt64) -> UInt64 {
        mix(h &* 0x9E37_79B9_7F4A_7C15 ^ x)
    }

    /// Hash of `n` bytes at `p`, eight bytes per step.
    @inline(__always) static func bytes(_ p: UnsafePointer<UInt8>?, _ n: Int, seed: UInt64) -> UInt64 {
        var h = seed ^ (UInt64(truncatingIfNeeded: n) &* 0x87C3_7B91_1142_53D5)
        guard let p, n > 0 else { return mix(h) }
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 8 <= n {
            var w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            w &*= 0x87C3_7B91_1142_53D5
            w = (w << 31) | (w >> 33)
            w &*= 0x4CF5_AD43_2745_937F
            h ^= w
            h = ((h << 27) | (h >> 37)) &* 5 &+ 0x52DC_E729
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { w |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            w &*= 0x87C3_7B91_1142_53D5
            w = (w << 31) | (w >> 33)
            w &*= 0x4CF5_AD43_2745_937F
            h ^= w
        }
        return mix(h)
    }

    /// Grouping/join-normalised bits of a double: every NaN is one NaN and -0.0 is 0.0 (Spark's
    /// `NormalizeFloatingNumbers`).
    @inline(__always) static func normalizedBits(_ d: Double) -> UInt64 {
        if d.isNaN { return Double.nan.bitPattern }
        if d == 0 { return 0 }
        return d.bitPattern
    }

    /// One hash per row over `columns` (equal key tuples hash equally; int widths and
    /// float/double are normalised so that equal values of coerced types agree).
    static func hashRows(_ columns: [ColumnVector], rowCount n: Int, seed: UInt64) -> [UInt64] {
        var out = [UInt64](repeating: seed, count: n)
        var h = [UInt64](repeating: 0, count: n)
        for c in columns {
            func ints<T: BinaryInteger>(_ a: [T]) {
                for i in 0..<n { h[i] = int(Int64(truncatingIfNeeded: a[i]), seed: seed) }
            }
            switch c.storage {
            case .int32(let a): ints(a)
            case .int64(let a): ints(a)
            case .int16(let a): ints(a)
            case .int8(let a): ints(a)
            case .bool(let a): for i in 0..<n { h[i] = a[i] ? 0x1234_5678 : 0x8765_4321 }
            case .float64(let a): for i in 0..<n { h[i] = mix(normalizedBits(a[i]) ^ seed) }
            case .float32(let a): for i in 0..<n { h[i] = mix(normalizedBits(Double(a[i])) ^ seed) }
            case .decimal(let a):
                for i in 0..<n {
                    let x = a[i]
                    h[i] = mix(UInt64(truncatingIfNeeded: x) ^ mix(UInt64(truncatingIfNeeded: x >> 64) ^ seed))
                }
            case .bytes(let b):
                b.data.withUnsafeBufferPointer { d in
                    for i in 0..<n {
                        let lo = Int(b.offsets[i]), hi = Int(b.offsets[i + 1])
                        h[i] = bytes(d.baseAddress.map { $0 + lo }, hi - lo, seed: seed)
                    }
                }
            case .none: break
            case .list, .map, .structure:
                let enc = KeyEncoder.encode([c], rowCount: n)
                enc.data.withUnsafeBufferPointer { d in
                    for i in 0..<n {
                        let lo = Int(enc.offsets[i]), hi = Int(enc.offsets[i + 1])
                        h[i] = bytes(d.baseAddress.map { $0 + lo }, hi - lo, seed: seed)
                    }
                }
            }
            if c.validity != nil || VectorOps.isAllNullStorage(c) {
                for i in 0..<n where c.isNull(i) { h[i] = nullHash }
            }
            for i in 0..<n { out[i] = combine(out[i], h[i]) }
        }
        return out
    }
}
