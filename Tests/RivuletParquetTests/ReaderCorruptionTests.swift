import Foundation
import RivuletCore
import RivuletTestPeers
import Testing

@testable import RivuletParquet

/// Deterministic pseudo-random numbers (SplitMix64) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Thousands of corruptions of valid files (truncations, flipped bytes in the footer, page
/// headers and pages, bad footer lengths, wrong magic): the reader must throw a RivuletError
/// naming the file or return data, never crash, hang or allocate without bound.
@Suite struct ReaderCorruptionTests {
    /// Mutations per file; `RIVULET_CORRUPTION_TRIALS` raises it for a longer hunt.
    static let trials = ProcessInfo.processInfo.environment["RIVULET_CORRUPTION_TRIALS"].flatMap { Int($0) } ?? 500
    static let files = [
        "pa_snappy_v1.parquet", "pa_zstd_v2.parquet", "pa_delta_v2.parquet", "pa_bss_v1.parquet", "pa_gzip_v2.parquet", "duckdb_lz4_V2.parquet",
    ]

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func randomizedCorruptionNeverCrashes() async throws {
        let dir = try ParquetFixtures.tempDir("corrupt")
        defer { ParquetFixtures.remove(dir) }
        try ParquetFixtures.run("reader_fixtures.py", [dir, "40"])
        var rng = SeededGenerator(state: ProcessInfo.processInfo.environment["RIVULET_CORRUPTION_SEED"].flatMap { UInt64($0) } ?? 0xC0FFEE)
        var outcomes: [String: Int] = [:]
        var slowest = 0.0
        for file in Self.files {
            let valid = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file)))
            let clean = try ParquetFileReader(bytes: valid, name: file)
            let chunkStarts = clean.metadata.rowGroups.flatMap { $0.columns.compactMap { $0.metaData.map { Int($0.dictionaryPageOffset ?? $0.dataPageOffset) } } }
            let footerLength = Int(valid[valid.count - 8]) | Int(valid[valid.count - 7]) << 8 | Int(valid[valid.count - 6]) << 16 | Int(valid[valid.count - 5]) << 24
            let footerStart = valid.count - 8 - footerLength
            for trial in 0..<Self.trials {
                if trial % 50 == 0 { await Task.yield() }  // long CPU loop: let timing-sensitive tests run
                var bytes = valid
                let kind = trial % 6
                switch kind {
                case 0:  // truncation
                    bytes.removeLast(Int.random(in: 1..<bytes.count, using: &rng))
                case 1:  // flipped bytes in the footer
                    for _ in 0..<Int.random(in: 1...3, using: &rng) {
                        bytes[Int.random(in: footerStart..<(valid.count - 8), using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                    }
                case 2:  // flipped bytes in a page header
                    let start = chunkStarts.randomElement(using: &rng) ?? 4
                    for _ in 0..<Int.random(in: 1...2, using: &rng) {
                        let at = min(bytes.count - 9, start + Int.random(in: 0..<24, using: &rng))
                        bytes[at] ^= UInt8.random(in: 1...255, using: &rng)
                    }
                case 3:  // flipped bytes anywhere in the data
                    for _ in 0..<Int.random(in: 1...4, using: &rng) {
                        bytes[Int.random(in: 4..<footerStart, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
                    }
                case 4:  // bad footer length
                    let len = UInt32.random(in: 0...UInt32.max, using: &rng)
                    for k in 0..<4 { bytes[bytes.count - 8 + k] = UInt8(truncatingIfNeeded: len >> (8 * UInt32(k))) }
                default:  // wrong magic at either end, or a byte set to an extreme value in the footer
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: bytes[Int.random(in: 0..<4, using: &rng)] ^= 0x20
                    case 1: bytes[bytes.count - Int.random(in: 1...4, using: &rng)] ^= 0x20
                    default: bytes[Int.random(in: footerStart..<(valid.count - 8), using: &rng)] = [0x00, 0xFF, 0x7F, 0x80].randomElement(using: &rng) ?? 0
                    }
                }
                let name = "corrupt-\(file)-\(trial).parquet"
                let started = Date()
                do {
                    let reader = try ParquetFileReader(bytes: bytes, name: name)
                    _ = try reader.read(columns: nil, predicate: nil)
                    outcomes["read", default: 0] += 1
                } catch {
                    outcomes[error.code.rawValue, default: 0] += 1
                    if !error.message.contains(name) {
                        Issue.record("error does not name the file: \(error)")
                    }
                }
                let elapsed = Date().timeIntervalSince(started)
                slowest = max(slowest, elapsed)
                if elapsed > 2 { Issue.record("\(name) took \(elapsed)s") }
            }
        }
        print("corruption outcomes: \(outcomes.sorted { $0.key < $1.key }), slowest \(slowest)s")
        #expect((outcomes["io"] ?? 0) > 1000)
    }
}
