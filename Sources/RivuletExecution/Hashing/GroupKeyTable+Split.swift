import RivuletCore

extension GroupKeyTable {
    /// Group ids for every piece of every row of `strings` split on a literal `separator`, in
    /// order, without materialising the pieces: the fused form of
    /// `explode(split(strings, separator))` feeding a grouping on the pieces. Null rows yield no
    /// pieces; an empty row yields one empty piece (Java's split with no limit keeps empty pieces).
    /// Returns nil unless the table has a single string key.
    mutating func assignSplitPieces(_ strings: ColumnVector, separator sep: [UInt8]) -> [Int32]? {
        guard mode == .string, case .bytes(let b) = strings.storage, let first = sep.first else { return nil }
        let n = strings.count
        let valid = strings.validity
        var ids: [Int32] = []
        ids.reserveCapacity(b.data.count / 4 + n)
        let sepCount = sep.count
        b.data.withUnsafeBufferPointer { d in
            b.offsets.withUnsafeBufferPointer { o in
                sep.withUnsafeBufferPointer { sp in
                    guard let base = d.baseAddress else {
                        // Every row is empty: one empty piece per valid row.
                        for i in 0..<n where valid.map({ $0[i] }) ?? true { ids.append(bytes.findOrInsert(nil, 0)) }
                        return
                    }
                    let end = b.data.count
                    for i in 0..<n {
                        if let valid, !valid[i] { continue }
                        let hi = Int(o[i + 1])
                        var start = Int(o[i])
                        if sepCount == 1 {
                            splitOnByte(base, start, hi, end, first, &ids)
                            continue
                        }
                        var k = start
                        while k + sepCount <= hi {
                            if base[k] == first && Self.matches(base + k, sp) {
                                ids.append(bytes.findOrInsert(KeyBytes(base + start, k - start, readable: end - start)))
                                k += sepCount
                                start = k
                            } else {
                                k += 1
                            }
                        }
                        ids.append(bytes.findOrInsert(KeyBytes(base + start, hi - start, readable: end - start)))
                    }
                }
            }
        }
        return ids
    }

    /// Pieces of `[start, hi)` split on one byte. A piece's first 16 bytes are loaded once and
    /// serve both to find the separator (SWAR zero-byte test, eight bytes per step) and as the
    /// key's prefix; only pieces longer than 16 bytes or near the end of the buffer take the slow path.
    @inline(__always)
    private mutating func splitOnByte(_ base: UnsafePointer<UInt8>, _ lineStart: Int, _ hi: Int, _ end: Int, _ sep: UInt8, _ ids: inout [Int32]) {
        let pattern = UInt64(sep) &* 0x0101_0101_0101_0101
        @inline(__always) func firstMatch(_ v: UInt64) -> Int {
            let x = v ^ pattern
            let t = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            return t == 0 ? 8 : t.trailingZeroBitCount >> 3
        }
        @inline(__always) func low(_ v: UInt64, _ n: Int) -> UInt64 { n >= 8 ? v : v & ((1 << UInt64(n << 3)) &- 1) }
        var start = lineStart
        while true {
            var pos = -1
            var key: KeyBytes
            if start + 16 <= end {
                let raw = UnsafeRawPointer(base + start)
                let v0 = raw.loadUnaligned(as: UInt64.self)
                let v1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                var j = firstMatch(v0)
                if j == 8 { j = 8 + firstMatch(v1) }
                if j < 16 {
                    pos = start + j
                } else {
                    var k = start + 16
                    while k < hi && base[k] != sep { k += 1 }
                    pos = k
                }
                let stop = min(pos, hi)
                let len = stop - start
                key = len <= 16
                    ? KeyBytes(pointer: base + start, len: len, w0: low(v0, len), w1: len <= 8 ? 0 : low(v1, len - 8))
                    : KeyBytes(pointer: base + start, len: len, w0: v0, w1: v1)
                if pos >= hi { pos = -1 }
            } else {
                var k = start
                while k < hi && base[k] != sep { k += 1 }
                if k < hi { pos = k }
                key = KeyBytes(base + start, k - start, readable: end - start)
            }
            ids.append(bytes.findOrInsert(key))
            if pos < 0 { return }
            start = pos + 1
        }
    }

    @inline(__always)
    private static func matches(_ p: UnsafePointer<UInt8>, _ sep: UnsafeBufferPointer<UInt8>) -> Bool {
        for j in 1..<sep.count where p[j] != sep[j] { return false }
        return true
    }
}
