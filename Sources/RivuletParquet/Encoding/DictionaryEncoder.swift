import RivuletCore

/// Dictionary building for RLE_DICTIONARY pages: each distinct value gets the next index; the
/// dictionary page holds the distinct values PLAIN-encoded in index order.
///
/// Both tables use open addressing with linear probing over a power-of-two slot array (a slot
/// holds `index + 1`, 0 is empty), kept at most half full; values are compared by bits, so NaNs
/// with one bit pattern share an entry and `-0.0` is distinct from `0.0`.

/// Hashes 64 bits into a well-mixed word (the splitmix64 finaliser).
@inline(__always) func mixHash(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// A dictionary of fixed-width values (INT32, INT64, FLOAT, DOUBLE).
struct FixedWidthDictionary<T: ParquetFixedWidthValue>: PlainEncodedDictionary {
    /// The distinct values in index order.
    private(set) var values: [T] = []
    private var slots: [Int32]
    private var mask: Int

    init(initialCapacity: Int = 1024) {
        var cap = 16
        while cap < initialCapacity * 2 { cap <<= 1 }
        slots = [Int32](repeating: 0, count: cap)
        mask = cap - 1
    }

    /// Number of distinct values.
    var count: Int { values.count }

    /// Size of the PLAIN-encoded dictionary page body.
    var plainSize: Int { values.count * MemoryLayout<T>.size }

    /// The index of `value`, adding it if new (`isNew` then says so).
    @inline(__always) mutating func index(of value: T) -> (index: UInt32, isNew: Bool) {
        let bits = value.dictionaryBits
        var s = Int(truncatingIfNeeded: mixHash(bits)) & mask
        while true {
            let e = slots[s]
            if e == 0 { break }
            if values[Int(e) - 1].dictionaryBits == bits { return (UInt32(e - 1), false) }
            s = (s + 1) & mask
        }
        let idx = values.count
        values.append(value)
        slots[s] = Int32(idx + 1)
        if values.count * 2 > slots.count { grow() }
        return (UInt32(idx), true)
    }

    /// Keeps only the first `n` entries (the ones pages already written refer to) and drops the
    /// hash table: after a fallback the dictionary is only written out, never searched again.
    mutating func freeze(keeping n: Int) {
        if n < values.count { values.removeSubrange(n...) }
        slots = [0]
        mask = 0
    }

    /// Appends the PLAIN dictionary page body.
    func appendPlain(to out: inout [UInt8]) {
        PlainEncoder.appendFixedWidth(values, range: 0..<values.count, to: &out)
    }

    private mutating func grow() { rehash(capacity: slots.count * 2) }

    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for (i, v) in values.enumerated() {
            var s = Int(truncatingIfNeeded: mixHash(v.dictionaryBits)) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(i + 1)
        }
    }
}

/// A dictionary of byte strings (BYTE_ARRAY, or FIXED_LEN_BYTE_ARRAY when ``fixedWidth`` is set).
struct ByteArrayDictionary: PlainEncodedDictionary {
    /// The distinct values' bytes back to back, in index order.
    private(set) var data: [UInt8] = []
    /// `count + 1` offsets into ``data``.
    private(set) var offsets: [Int32] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    /// Width of every value for FIXED_LEN_BYTE_ARRAY.
    let fixedWidth: Int?

    init(fixedWidth: Int?, initialCapacity: Int = 1024) {
        self.fixedWidth = fixedWidth
        var cap = 16
        while cap < initialCapacity * 2 { cap <<= 1 }
        slots = [Int32](repeating: 0, count: cap)
        mask = cap - 1
    }

    /// Number of distinct values.
    var count: Int { offsets.count - 1 }

    /// Size of the PLAIN-encoded dictionary page body.
    var plainSize: Int { data.count + (fixedWidth == nil ? 4 * count : 0) }

    /// Bytes of entry `i`.
    func range(at i: Int) -> Range<Int> { Int(offsets[i])..<Int(offsets[i + 1]) }

    /// The index of `bytes`, adding a copy if new.
    @inline(__always) mutating func index(of bytes: UnsafeRawBufferPointer) -> (index: UInt32, isNew: Bool) {
        let h = Self.hash(bytes)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = slots[s]
            if e == 0 { break }
            let i = Int(e) - 1
            if hashes[i] == h && equals(i, bytes) { return (UInt32(i), false) }
            s = (s + 1) & mask
        }
        let idx = count
        data.append(contentsOf: bytes)
        offsets.append(Int32(truncatingIfNeeded: data.count))
        hashes.append(h)
        slots[s] = Int32(idx + 1)
        if count * 2 > slots.count { rehash(capacity: slots.count * 2) }
        return (UInt32(idx), true)
    }

    /// Keeps only the first `n` entries and drops the hash table (see
    /// ``FixedWidthDictionary/freeze(keeping:)``).
    mutating func freeze(keeping n: Int) {
        if n < count {
            data.removeSubrange(Int(offsets[n])...)
            offsets.removeSubrange((n + 1)...)
        }
        hashes = []
        slots = [0]
        mask = 0
    }

    /// Appends the PLAIN dictionary page body.
    func appendPlain(to out: inout [UInt8]) {
        PlainEncoder.appendByteArrays(
            fixedWidth.map { ByteArrayView(fixed: data, width: $0) } ?? ByteArrayView(ByteArray(offsets: offsets, data: data)),
            range: 0..<count, to: &out)
    }

    /// Calls `body` with the bytes of entry `i`.
    func withEntry<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let r = range(at: i)
        return data.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[r])) }
    }

    private func equals(_ i: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let r = range(at: i)
        guard r.count == bytes.count else { return false }
        if r.isEmpty { return true }
        return data.withUnsafeBytes { d in
            guard let a = d.baseAddress, let b = bytes.baseAddress else { return false }
            return memoryEqual(a + r.lowerBound, b, r.count)
        }
    }

    private mutating func rehash(capacity: Int) {
        slots = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for i in 0..<count {
            var s = Int(truncatingIfNeeded: hashes[i]) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(i + 1)
        }
    }

    /// A fast word-at-a-time hash of a byte string.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            h = mixHash(h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = mixHash(h ^ tail)
        }
        return h
    }
}

/// Byte-wise equality of two memory ranges.
@inline(__always) func memoryEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
        i += 8
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}
