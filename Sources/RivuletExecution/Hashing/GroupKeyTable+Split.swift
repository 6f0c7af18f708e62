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
                            // One-byte separator: find it eight bytes at a time (SWAR zero-byte test).
                            let pattern = UInt64(first) &* 0x0101_0101_0101_0101
                            while true {
                                var k = start
                                var found = -1
                                while k + 8 <= end && k < hi {
                                    let x = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) ^ pattern
                                    let t = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                                    if t != 0 {
                                        let at = k + t.trailingZeroBitCount / 8
                                        if at < hi { found = at }
                                        break
                                    }
                                    k += 8
                                }
                                if found < 0 && k < hi && k + 8 > end {
                                    while k < hi { if base[k] == first { found = k; break }; k += 1 }
                                }
                                let stop = found < 0 ? hi : found
                                ids.append(bytes.findOrInsert(KeyBytes(base + start, stop - start, readable: end - start)))
                                if found < 0 { break }
                                start = found + 1
                            }
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

    @inline(__always)
    private static func matches(_ p: UnsafePointer<UInt8>, _ sep: UnsafeBufferPointer<UInt8>) -> Bool {
        for j in 1..<sep.count where p[j] != sep[j] { return false }
        return true
    }
}
