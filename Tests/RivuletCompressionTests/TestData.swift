import Foundation

/// A small deterministic PRNG (SplitMix64) so every run sees the same "random" bytes.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum TestData {
    static func random(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var out = [UInt8](repeating: 0, count: count)
        var i = 0
        while i < count {
            let word = rng.next()
            for b in 0..<min(8, count - i) { out[i + b] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(b))) }
            i += 8
        }
        return out
    }

    /// Compressible English-like text made of a small vocabulary.
    static func text(_ count: Int, seed: UInt64 = 2) -> [UInt8] {
        let words = ["stream", "batch", "offset", "kafka", "parquet", "record", "the", "of", "a", "watermark",
                     "state", "checkpoint", "snappy", "zstd", "window", "trigger", "query", "sink", "source", "rivulet"]
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(count + 16)
        while out.count < count {
            out.append(contentsOf: words[Int(rng.next() % UInt64(words.count))].utf8)
            out.append(rng.next() % 11 == 0 ? 0x0A : 0x20)
        }
        return Array(out.prefix(count))
    }

    /// Mostly-repetitive bytes with short random runs (long matches, overlapping copies).
    static func mixed(_ count: Int, seed: UInt64 = 3) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            switch rng.next() % 4 {
            case 0: out.append(contentsOf: random(Int(rng.next() % 40) + 1, seed: rng.next()))
            case 1: out.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: rng.next()), count: Int(rng.next() % 300)))
            case 2 where out.count > 10:
                let back = Int(rng.next() % UInt64(min(out.count, 70000))) + 1
                let length = Int(rng.next() % 200) + 4
                for _ in 0..<length { out.append(out[out.count - back]) }
            default: out.append(contentsOf: text(Int(rng.next() % 100) + 1, seed: rng.next()))
            }
        }
        return Array(out.prefix(count))
    }

    /// Named inputs every codec must round-trip.
    static let samples: [(String, [UInt8])] = [
        ("empty", []),
        ("one byte", [0x41]),
        ("short text", Array("hello hello hello hello".utf8)),
        ("zeros 1 MiB", [UInt8](repeating: 0, count: 1 << 20)),
        ("random 1 MiB", random(1 << 20)),
        ("text 300 KiB", text(300 << 10)),
        ("mixed 500 KiB", mixed(500 << 10)),
        ("text 64 KiB - 1", text(65535)),
        ("text 64 KiB", text(65536)),
        ("text 64 KiB + 1", text(65537)),
        ("random 64 KiB + 1", random(65537, seed: 9)),
        ("text 128 KiB", text(131072)),
        ("text 13 bytes", text(13)),
        ("text 12 bytes", text(12)),
    ]

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rivulet-codec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
