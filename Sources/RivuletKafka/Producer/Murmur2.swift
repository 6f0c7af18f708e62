/// Kafka's default partitioner hash (Java `Utils.murmur2`, seed 0x9747b28c): a keyed record goes to
/// `(murmur2(key) & 0x7fffffff) % partitionCount`, so Rivulet and the Java client (and librdkafka's
/// `murmur2_random`) put equal keys in the same partition.
public enum Murmur2 {
    /// The 32-bit murmur2 hash of `data`.
    public static func hash(_ data: [UInt8]) -> Int32 {
        let m: UInt32 = 0x5bd1_e995
        let length = data.count
        var h: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: length)
        data.withUnsafeBufferPointer { d in
            var i = 0
            while i + 4 <= length {
                var k = UInt32(d[i]) | UInt32(d[i + 1]) << 8 | UInt32(d[i + 2]) << 16 | UInt32(d[i + 3]) << 24
                k = k &* m
                k ^= k >> 24
                k = k &* m
                h = h &* m
                h ^= k
                i += 4
            }
            let tail = length & ~3
            switch length % 4 {
            case 3:
                h ^= UInt32(d[tail + 2]) << 16
                h ^= UInt32(d[tail + 1]) << 8
                h ^= UInt32(d[tail])
                h = h &* m
            case 2:
                h ^= UInt32(d[tail + 1]) << 8
                h ^= UInt32(d[tail])
                h = h &* m
            case 1:
                h ^= UInt32(d[tail])
                h = h &* m
            default: break
            }
        }
        h ^= h >> 13
        h = h &* m
        h ^= h >> 15
        return Int32(bitPattern: h)
    }

    /// The partition the Java default partitioner picks for `key`.
    public static func partition(for key: [UInt8], partitionCount: Int) -> Int32 {
        guard partitionCount > 0 else { return 0 }
        return Int32((Int(hash(key)) & 0x7fff_ffff) % partitionCount)
    }
}
