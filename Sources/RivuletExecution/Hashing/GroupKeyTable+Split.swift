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
                    for i in 0..<n {
                        if let valid, !valid[i] { continue }
                        let hi = Int(o[i + 1])
                        var start = Int(o[i])
                        var k = start
                        while k + sepCount <= hi {
                            if base[k] == first && (sepCount == 1 || Self.matches(base + k, sp)) {
                                ids.append(bytes.findOrInsert(base + start, k - start))
                                k += sepCount
                                start = k
                            } else {
                                k += 1
                            }
                        }
                        ids.append(bytes.findOrInsert(base + start, hi - start))
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
