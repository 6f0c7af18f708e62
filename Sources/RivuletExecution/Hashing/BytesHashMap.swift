import RivuletCore

/// Open-addressing map from byte strings to dense ids (0, 1, 2, ... in first-seen order).
///
/// Keys are hashed and compared straight from the input buffer; a new key's bytes are appended to
/// one growing buffer, so there is no per-key allocation, no `String` and no boxing. Linear
/// probing over a power-of-two slot array kept at most half full; each slot holds an id and the
/// per-id hash is checked before comparing bytes.
struct BytesHashMap: Sendable {
    private(set) var slots: [Int32]
    private var mask: Int
    /// Hash per id.
    private(set) var hashes: [UInt64] = []
    /// Key bytes per id (`offsets.count == count + 1`).
    private(set) var offsets: [Int32] = [0]
    private(set) var data: [UInt8] = []
    /// The id reserved by `appendPlaceholder` (never in `slots`), or -1.
    private(set) var placeholder: Int32 = -1

    init(capacity: Int = 1024) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = [Int32](repeating: -1, count: c)
        mask = c - 1
    }

    var count: Int { hashes.count }

    /// The id of the key (inserting it if new).
    @inline(__always)
    mutating func findOrInsert(_ p: UnsafePointer<UInt8>?, _ len: Int, hash h: UInt64) -> Int32 {
        var idx = Int(truncatingIfNeeded: h) & mask
        while true {
            let g = slots[idx]
            if g < 0 {
                let id = Int32(hashes.count)
                slots[idx] = id
                hashes.append(h)
                if let p, len > 0 { data.append(contentsOf: UnsafeBufferPointer(start: p, count: len)) }
                offsets.append(Int32(truncatingIfNeeded: data.count))
                if hashes.count * 2 > slots.count { grow() }
                return id
            }
            if hashes[Int(g)] == h && keyEquals(Int(g), p, len) { return g }
            idx = (idx + 1) & mask
        }
    }

    /// The id of the key, or -1.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>?, _ len: Int, hash h: UInt64) -> Int32 {
        var idx = Int(truncatingIfNeeded: h) & mask
        while true {
            let g = slots[idx]
            if g < 0 { return -1 }
            if hashes[Int(g)] == h && keyEquals(Int(g), p, len) { return g }
            idx = (idx + 1) & mask
        }
    }

    @inline(__always)
    private func keyEquals(_ g: Int, _ p: UnsafePointer<UInt8>?, _ len: Int) -> Bool {
        let lo = Int(offsets[g])
        guard Int(offsets[g + 1]) - lo == len else { return false }
        if len == 0 { return true }
        return data.withUnsafeBufferPointer { d in
            guard let base = d.baseAddress, let p else { return false }
            return ValueOrdering.compareBytes(base + lo, len, p, len) == 0
        }
    }

    private mutating func grow() {
        let c = slots.count * 2
        mask = c - 1
        var s = [Int32](repeating: -1, count: c)
        for (g, h) in hashes.enumerated() where g != Int(placeholder) {
            var idx = Int(truncatingIfNeeded: h) & mask
            while s[idx] >= 0 { idx = (idx + 1) & mask }
            s[idx] = Int32(g)
        }
        slots = s
    }

    /// The keys in id order.
    var keys: ByteArray { ByteArray(offsets: offsets, data: data) }
}

/// Open-addressing map from 64-bit integers to dense ids in first-seen order.
struct IntHashMap: Sendable {
    private var slots: [Int32]
    private var mask: Int
    private(set) var keys: [Int64] = []
    /// The id reserved by `appendPlaceholder` (never in `slots`), or -1.
    private(set) var placeholder: Int32 = -1

    init(capacity: Int = 1024) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        slots = [Int32](repeating: -1, count: c)
        mask = c - 1
    }

    var count: Int { keys.count }

    @inline(__always)
    mutating func findOrInsert(_ k: Int64) -> Int32 {
        var idx = Int(truncatingIfNeeded: Hashing.int(k, seed: Hashing.tableSeed)) & mask
        while true {
            let g = slots[idx]
            if g < 0 {
                let id = Int32(keys.count)
                slots[idx] = id
                keys.append(k)
                if keys.count * 2 > slots.count { grow() }
                return id
            }
            if keys[Int(g)] == k { return g }
            idx = (idx + 1) & mask
        }
    }

    @inline(__always)
    func find(_ k: Int64) -> Int32 {
        var idx = Int(truncatingIfNeeded: Hashing.int(k, seed: Hashing.tableSeed)) & mask
        while true {
            let g = slots[idx]
            if g < 0 { return -1 }
            if keys[Int(g)] == k { return g }
            idx = (idx + 1) & mask
        }
    }

    private mutating func grow() {
        let c = slots.count * 2
        mask = c - 1
        var s = [Int32](repeating: -1, count: c)
        for (g, k) in keys.enumerated() where g != Int(placeholder) {
            var idx = Int(truncatingIfNeeded: Hashing.int(k, seed: Hashing.tableSeed)) & mask
            while s[idx] >= 0 { idx = (idx + 1) & mask }
            s[idx] = Int32(g)
        }
        slots = s
    }
}

extension BytesHashMap {
    /// Reserves the next id without a findable key (used for the null group).
    mutating func appendPlaceholder() -> Int32 {
        let id = Int32(hashes.count)
        placeholder = id
        hashes.append(0)
        offsets.append(Int32(truncatingIfNeeded: data.count))
        return id
    }
}

extension IntHashMap {
    /// Reserves the next id without a findable key (used for the null group).
    mutating func appendPlaceholder() -> Int32 {
        let id = Int32(keys.count)
        placeholder = id
        keys.append(0)
        return id
    }
}
