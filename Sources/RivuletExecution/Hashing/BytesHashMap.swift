import RivuletCore
#if canImport(Glibc)
import Glibc
#endif

/// Open-addressing map from byte strings to dense ids (0, 1, 2, ... in first-seen order).
///
/// Keys are hashed and compared straight from the input buffer; a new key's bytes are appended to
/// one growing buffer, so there is no per-key allocation, no `String` and no boxing. Linear
/// probing over a power-of-two slot array kept at most half full. Each slot carries the key's
/// hash, length and first 16 bytes, so a probe of a short key (words, ids) never leaves the slot
/// array; longer keys compare their tail against the key buffer.
struct BytesHashMap: Sendable {
    private var table: SlotTable
    /// Key bytes per id (`offsets.count == count + 1`).
    private(set) var offsets: [Int32] = [0]
    private(set) var data: [UInt8] = []
    /// The id reserved by `appendPlaceholder` (never in the slots), or -1.
    private(set) var placeholder: Int32 = -1

    init(capacity: Int = 1024) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        table = SlotTable(capacity: c)
    }

    var count: Int { offsets.count - 1 }

    /// The id of the key (inserting it if new); `hash` must be ``KeyBytes/hash``'s for the key.
    @inline(__always)
    mutating func findOrInsert(_ key: KeyBytes) -> Int32 {
        let mask = table.capacity - 1
        var idx = Int(truncatingIfNeeded: key.hash) & mask
        let slots = table.slots
        while true {
            let s = slots[idx]
            if s.id < 0 { return insert(key, at: idx) }
            if s.hash == key.hash && s.len == key.len && s.w0 == key.w0 && s.w1 == key.w1 && tailEquals(Int(s.id), key) {
                return s.id
            }
            idx = (idx + 1) & mask
        }
    }

    /// The id of the key, or -1.
    @inline(__always)
    func find(_ key: KeyBytes) -> Int32 {
        let mask = table.capacity - 1
        var idx = Int(truncatingIfNeeded: key.hash) & mask
        let slots = table.slots
        while true {
            let s = slots[idx]
            if s.id < 0 { return -1 }
            if s.hash == key.hash && s.len == key.len && s.w0 == key.w0 && s.w1 == key.w1 && tailEquals(Int(s.id), key) {
                return s.id
            }
            idx = (idx + 1) & mask
        }
    }

    /// Convenience for callers holding a pointer and length.
    @inline(__always)
    mutating func findOrInsert(_ p: UnsafePointer<UInt8>?, _ len: Int) -> Int32 { findOrInsert(KeyBytes(p, len)) }
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>?, _ len: Int) -> Int32 { find(KeyBytes(p, len)) }

    private mutating func insert(_ key: KeyBytes, at idx: Int) -> Int32 {
        if !isKnownUniquelyReferenced(&table) { table = table.copy() }
        let id = Int32(count)
        table.slots[idx] = Slot(hash: key.hash, id: id, len: Int32(truncatingIfNeeded: key.len), w0: key.w0, w1: key.w1)
        table.used += 1
        if let p = key.pointer, key.len > 0 { data.append(contentsOf: UnsafeBufferPointer(start: p, count: key.len)) }
        offsets.append(Int32(truncatingIfNeeded: data.count))
        if table.used * 2 > table.capacity { table = table.grown() }
        return id
    }

    /// Compares bytes beyond the 16 held in the slot.
    @inline(__always)
    private func tailEquals(_ g: Int, _ key: KeyBytes) -> Bool {
        if key.len <= 16 { return true }
        guard let p = key.pointer else { return false }
        let lo = Int(offsets[g])
        return data.withUnsafeBufferPointer { d in
            guard let base = d.baseAddress else { return false }
            return memcmp(base + lo + 16, p + 16, key.len - 16) == 0
        }
    }

    /// The keys in id order.
    var keys: ByteArray { ByteArray(offsets: offsets, data: data) }
}

/// A key as the hash map sees it: pointer, length, its first 16 bytes (zero padded) and its hash.
struct KeyBytes {
    let pointer: UnsafePointer<UInt8>?
    let len: Int
    let w0: UInt64
    let w1: UInt64
    let hash: UInt64

    /// A key whose 16-byte prefix the caller already loaded (zero padded past `len`).
    @inline(__always)
    init(pointer p: UnsafePointer<UInt8>, len: Int, w0 a: UInt64, w1 b: UInt64) {
        pointer = p
        self.len = len
        w0 = a
        w1 = b
        var h = Hashing.mix(a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(truncatingIfNeeded: len) &* 0x87C3_7B91_1142_53D5) ^ Hashing.tableSeed)
        if len > 16 { h = Hashing.combine(h, Hashing.bytes(p + 16, len - 16, seed: Hashing.tableSeed)) }
        hash = h
    }

    /// `readable` is how many bytes may be read from `p` (at least `len`); with 16 or more the
    /// prefix is taken with two unaligned loads and masked instead of byte by byte.
    @inline(__always)
    init(_ p: UnsafePointer<UInt8>?, _ len: Int, readable: Int = 0) {
        pointer = p
        self.len = len
        var a: UInt64 = 0, b: UInt64 = 0
        if let p, len > 0 {
            let raw = UnsafeRawPointer(p)
            if len >= 16 || readable >= 16 {
                a = raw.loadUnaligned(as: UInt64.self)
                b = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                if len < 16 {
                    if len <= 8 {
                        b = 0
                        if len < 8 { a &= (1 << UInt64(len * 8)) &- 1 }
                    } else {
                        b &= (1 << UInt64((len - 8) * 8)) &- 1
                    }
                }
            } else if len >= 8 {
                a = raw.loadUnaligned(as: UInt64.self)
                // The last 8 bytes, shifted so bytes already in `a` drop out.
                let last = raw.loadUnaligned(fromByteOffset: len - 8, as: UInt64.self)
                b = len == 8 ? 0 : last >> UInt64((16 - len) * 8)
            } else {
                for i in 0..<len { a |= UInt64(p[i]) << UInt64(i * 8) }
            }
        }
        w0 = a
        w1 = b
        var h = Hashing.mix(a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(truncatingIfNeeded: len) &* 0x87C3_7B91_1142_53D5) ^ Hashing.tableSeed)
        if len > 16, let p { h = Hashing.combine(h, Hashing.bytes(p + 16, len - 16, seed: Hashing.tableSeed)) }
        hash = h
    }
}

/// One open-addressing slot; `id < 0` marks an empty slot.
struct Slot {
    var hash: UInt64 = 0
    var id: Int32 = -1
    var len: Int32 = 0
    var w0: UInt64 = 0
    var w1: UInt64 = 0
}

/// The slot array in raw memory: probes read it without bounds or uniqueness checks. Owned by one
/// ``BytesHashMap`` (copied on write when shared).
final class SlotTable: @unchecked Sendable {
    // @unchecked: the buffer is only mutated through a uniquely referenced owner (see `insert`).
    let slots: UnsafeMutablePointer<Slot>
    let capacity: Int
    var used = 0

    init(capacity: Int) {
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(), count: capacity)
    }

    deinit { slots.deallocate() }

    func copy() -> SlotTable {
        let t = SlotTable(capacity: capacity)
        t.slots.update(from: slots, count: capacity)
        t.used = used
        return t
    }

    /// A table twice as large holding the same keys.
    func grown() -> SlotTable {
        let t = SlotTable(capacity: capacity * 2)
        let mask = t.capacity - 1
        for i in 0..<capacity where slots[i].id >= 0 {
            var idx = Int(truncatingIfNeeded: slots[i].hash) & mask
            while t.slots[idx].id >= 0 { idx = (idx + 1) & mask }
            t.slots[idx] = slots[i]
        }
        t.used = used
        return t
    }
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
        let id = Int32(count)
        placeholder = id
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
