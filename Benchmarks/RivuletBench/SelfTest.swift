import Foundation
import Rivulet

/// `rivulet-bench selftest`: checks the pieces the benchmark's correctness rests on against values
/// computed independently (sha256sum, the Python reference generator, a Python word count), so a run
/// on a new machine can trust its digests. The package has no test target for this executable.
enum SelfTest {
    /// Runs all checks; returns the failures (empty = all passed).
    static func run() -> [String] {
        var failures: [String] = []
        func check(_ ok: Bool, _ what: String) { if !ok { failures.append(what) } }

        // SHA-256: FIPS 180-4 examples, and streaming across block boundaries.
        check(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 of empty input")
        check(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 of 'abc'")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        check(SHA256.hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "sha256 of the 448-bit example")
        var streamed = SHA256()
        for chunk in stride(from: 0, to: long.count, by: 7) { streamed.update(Array(long[chunk..<min(chunk + 7, long.count)])) }
        check(streamed.finalizeHex() == SHA256.hex(long), "sha256 fed in 7-byte pieces")

        // Generator: sha256 of files written by the anchor's Python generator (seed 42, 1000 lines per file).
        var g = WordsGenerator()
        g.linesPerFile = 1000
        let vocab = g.vocabulary()
        check(vocab.count == 10_000 && Set(vocab).count == 10_000, "vocabulary has 10000 distinct words")
        check(SHA256.hex(g.fileContents(0, vocabulary: vocab).bytes) == "85919be059a4dba7d6769a5ee9237c16807f435bf1071ec217e7fbc23819fdaa", "generated file 0 (1000 lines)")
        check(SHA256.hex(g.fileContents(2, vocabulary: vocab).bytes) == "9e0797478bc2d3acd35acc9ee542b2c94a756e0e2939152eef4e1344d00086e4", "generated file 2 (1000 lines)")

        // Hand loop token rules = split(value, ' ') over text lines: "a  b\r\nc\n\nd\re" then a file without
        // a final newline. Expected digest from Python over {a:1, '':2, b:1, c:1, d:1, e:1, verylongword12345:2, x:1}.
        var table = WordTable(capacity: 4)
        var lines = 0
        for text in ["a  b\r\nc\n\nd\re", "verylongword12345 verylongword12345 x", ""] {
            var bytes = Array(text.utf8)
            bytes += [UInt8](repeating: 0, count: 8)  // the scan's 8-byte read-ahead
            lines += bytes.withUnsafeBytes { buf in
                guard let base = buf.baseAddress else { return 0 }
                return HandLoopWordCount.scan(base, count: buf.count - 8, into: &table)
            }
        }
        let counts = table.wordCounts()
        check(lines == 6 && counts.total == 10 && counts.pairs.count == 8, "hand loop line/word counts on edge cases")
        check(counts.digest == "d1c03dfa27f178ce64a9523903b8c0d62f978aebd9e2d8ff9cc2345300cfa1ed", "hand loop digest on edge cases")

        // Table growth keeps every word: 5000 distinct words through a table that starts at 16 slots.
        var grown = WordTable(capacity: 16)
        for i in 0..<5000 {
            let w = Array((i % 2 == 0 ? "word\(i)" : "a-much-longer-word-\(i)").utf8) + [UInt8](repeating: 0, count: 8)
            let n = w.count - 8
            w.withUnsafeBytes { if let b = $0.baseAddress { grown.add(b, length: n); grown.add(b, length: n) } }
        }
        let g2 = grown.wordCounts()
        check(g2.pairs.count == 5000 && g2.pairs.allSatisfy { $0.count == 2 }, "hash table growth")
        return failures
    }
}
