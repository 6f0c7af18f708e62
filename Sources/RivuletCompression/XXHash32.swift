/// XXH32, the 32-bit xxHash used by the LZ4 frame format for header, block and content checksums.
///
/// Implemented from the xxHash specification (seed, four 32-bit lanes over 16-byte stripes,
/// tail of 4-byte words then single bytes, final avalanche).
///
/// ```swift
/// let sum = XXHash32.hash([0x61, 0x62, 0x63])            // one shot
/// var h = XXHash32(seed: 0); h.update(part1); h.update(part2); let same = h.finalize()
/// ```
public struct XXHash32: Sendable {
    static let prime1: UInt32 = 0x9E37_79B1
    static let prime2: UInt32 = 0x85EB_CA77
    static let prime3: UInt32 = 0xC2B2_AE3D
    static let prime4: UInt32 = 0x27D4_EB2F
    static let prime5: UInt32 = 0x1656_67B1

    private var v1: UInt32, v2: UInt32, v3: UInt32, v4: UInt32
    private let seed: UInt32
    private var totalLength: UInt64 = 0
    /// Up to 15 bytes not yet folded into the lanes.
    private var pending: (UInt64, UInt64) = (0, 0)
    private var pendingCount = 0

    /// A streaming hasher; feed bytes with `update`, read the hash with `finalize`.
    public init(seed: UInt32 = 0) {
        self.seed = seed
        v1 = seed &+ Self.prime1 &+ Self.prime2
        v2 = seed &+ Self.prime2
        v3 = seed
        v4 = seed &- Self.prime1
    }

    /// The XXH32 of `bytes` with `seed` in one call.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        var h = XXHash32(seed: seed)
        h.update(bytes)
        return h.finalize()
    }

    /// The XXH32 of `bytes` with `seed` in one call.
    public static func hash(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    @inline(__always)
    private static func round(_ acc: UInt32, _ lane: UInt32) -> UInt32 {
        ((acc &+ lane &* prime2) <<< 13) &* prime1
    }

    /// Adds `bytes` to the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        totalLength &+= UInt64(bytes.count)
        var p = 0
        let n = bytes.count
        if pendingCount > 0 {
            let have = pendingCount
            let take = min(16 - have, n)
            withUnsafeMutableBytes(of: &pending) { buf in
                UnsafeMutableRawBufferPointer(rebasing: buf[have..<(have + take)])
                    .copyMemory(from: UnsafeRawBufferPointer(start: base, count: take))
            }
            pendingCount = have + take
            p = take
            if pendingCount < 16 { return }
            let stripe = pending
            withUnsafeBytes(of: stripe) { consumeStripe($0) }
            pendingCount = 0
        }
        var a = v1, b = v2, c = v3, d = v4
        while n - p >= 16 {
            let s = base + p
            a = Self.round(a, UInt32(littleEndian: s.loadUnaligned(as: UInt32.self)))
            b = Self.round(b, UInt32(littleEndian: s.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
            c = Self.round(c, UInt32(littleEndian: s.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
            d = Self.round(d, UInt32(littleEndian: s.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
            p += 16
        }
        v1 = a; v2 = b; v3 = c; v4 = d
        let rest = n - p
        if rest > 0 {
            let start = p
            withUnsafeMutableBytes(of: &pending) { buf in
                UnsafeMutableRawBufferPointer(rebasing: buf[0..<rest])
                    .copyMemory(from: UnsafeRawBufferPointer(start: base + start, count: rest))
            }
            pendingCount = rest
        }
    }

    /// Adds `bytes` to the hash.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    private mutating func consumeStripe(_ s: UnsafeRawBufferPointer) {
        v1 = Self.round(v1, UInt32(littleEndian: s.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
        v2 = Self.round(v2, UInt32(littleEndian: s.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        v3 = Self.round(v3, UInt32(littleEndian: s.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        v4 = Self.round(v4, UInt32(littleEndian: s.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
    }

    /// The hash of everything added so far (the hasher can keep being updated).
    public func finalize() -> UInt32 {
        var acc: UInt32
        if totalLength >= 16 {
            acc = (v1 <<< 1) &+ (v2 <<< 7) &+ (v3 <<< 12) &+ (v4 <<< 18)
        } else {
            acc = seed &+ Self.prime5
        }
        acc &+= UInt32(truncatingIfNeeded: totalLength)
        let tail = pending
        let count = pendingCount
        withUnsafeBytes(of: tail) { buf in
            var i = 0
            while count - i >= 4 {
                let lane = UInt32(littleEndian: buf.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                acc = ((acc &+ lane &* Self.prime3) <<< 17) &* Self.prime4
                i += 4
            }
            while i < count {
                acc = ((acc &+ UInt32(buf[i]) &* Self.prime5) <<< 11) &* Self.prime1
                i += 1
            }
        }
        acc ^= acc >> 15
        acc &*= Self.prime2
        acc ^= acc >> 13
        acc &*= Self.prime3
        acc ^= acc >> 16
        return acc
    }
}

infix operator <<< : BitwiseShiftPrecedence

@inline(__always)
func <<< (value: UInt32, amount: UInt32) -> UInt32 {
    (value << amount) | (value >> (32 - amount))
}
