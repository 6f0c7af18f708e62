import Foundation
import Testing
import RivuletTestPeers
@testable import RivuletCompression

/// Rivulet's codecs against independent implementations: cramjam (Rust bindings to the snappy,
/// lz4, zstd and flate2 libraries) in the peers' Python, and the `lz4` / `zstd` command-line tools.
@Suite(.timeLimit(.minutes(1))) struct PeerInteropTests {
    /// Compresses or decompresses every line of a manifest (`op codec input output size`) with cramjam.
    /// `xerial` builds snappy-java framing from cramjam raw blocks: the 8-byte magic
    /// 82 'SNAPPY' 00, big-endian int32 version 1 and compatible version 1, then per 32 KiB of
    /// input a big-endian int32 block length followed by the raw snappy block.
    static let cramjamScript = #"""
import sys, struct, cramjam
def xerial(data):
    out = bytearray(b'\x82SNAPPY\x00' + struct.pack('>ii', 1, 1))
    for i in range(0, len(data), 32768):
        block = bytes(cramjam.snappy.compress_raw(data[i:i + 32768]))
        out += struct.pack('>i', len(block)) + block
    return bytes(out)
def unxerial(data):
    assert data[:8] == b'\x82SNAPPY\x00', 'missing xerial magic'
    pos, out = 16, bytearray()
    while pos < len(data):
        (n,) = struct.unpack('>i', data[pos:pos + 4])
        out += bytes(cramjam.snappy.decompress_raw(data[pos + 4:pos + 4 + n]))
        pos += 4 + n
    return bytes(out)
def hadoop(data):
    block = bytes(cramjam.lz4.compress_block(data, store_size=False))
    return struct.pack('>II', len(data), len(block)) + block
compressors = {
    'hadoop': hadoop,
    'snappy': cramjam.snappy.compress_raw, 'lz4Raw': lambda d: cramjam.lz4.compress_block(d, store_size=False),
    'lz4': cramjam.lz4.compress, 'zstd': cramjam.zstd.compress, 'gzip': cramjam.gzip.compress, 'xerial': xerial,
}
decompressors = {
    'snappy': lambda d, n: cramjam.snappy.decompress_raw(d), 'lz4Raw': lambda d, n: cramjam.lz4.decompress_block(d, output_len=n),
    'lz4': lambda d, n: cramjam.lz4.decompress(d), 'zstd': lambda d, n: cramjam.zstd.decompress(d),
    'gzip': lambda d, n: cramjam.gzip.decompress(d), 'xerial': lambda d, n: unxerial(d),
}
for line in open(sys.argv[1]):
    op, codec, src, dst, size = line.split()
    data = open(src, 'rb').read()
    out = compressors[codec](data) if op == 'c' else decompressors[codec](data, int(size))
    open(dst, 'wb').write(bytes(out))
"""#

    static let peerCodecs: [(name: String, codec: CompressionCodec)] = [
        ("snappy", .snappy), ("lz4Raw", .lz4Raw), ("lz4", .lz4), ("zstd", .zstd), ("gzip", .gzip),
    ]

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func cramjamReadsRivuletAndRivuletReadsCramjam() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var manifest = ""
        for (name, codec) in Self.peerCodecs {
            for (index, (_, input)) in TestData.samples.enumerated() {
                let original = dir.appendingPathComponent("\(name)-\(index).raw").path
                let ours = dir.appendingPathComponent("\(name)-\(index).ours").path
                try Data(input).write(to: URL(fileURLWithPath: original))
                try Data(codec.compress(input)).write(to: URL(fileURLWithPath: ours))
                manifest += "c \(name) \(original) \(original).theirs \(input.count)\n"
                manifest += "d \(name) \(ours) \(ours).decoded \(input.count)\n"
            }
        }
        let manifestPath = dir.appendingPathComponent("manifest.txt").path
        try manifest.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        try TestPeers.runPython(Self.cramjamScript, arguments: [manifestPath])

        for (name, codec) in Self.peerCodecs {
            for (index, (sample, input)) in TestData.samples.enumerated() {
                let base = dir.appendingPathComponent("\(name)-\(index)").path
                let decodedByPeer = try [UInt8](Data(contentsOf: URL(fileURLWithPath: base + ".ours.decoded")))
                #expect(decodedByPeer == input, "cramjam decoding Rivulet's \(name) of \(sample)")
                let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: base + ".raw.theirs")))
                #expect(try codec.decompress(theirs, uncompressedSize: input.count) == input, "Rivulet decoding cramjam's \(name) of \(sample)")
                if codec != .lz4Raw {
                    #expect(try codec.decompress(theirs, uncompressedSize: nil) == input, "\(name) of \(sample), size unknown")
                }
            }
        }
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func xerialSnappyFramingBothWays() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = [[], [0x41], TestData.text(100_000), TestData.random(70_000), TestData.mixed(32768)]
        var manifest = ""
        for (index, input) in inputs.enumerated() {
            let original = dir.appendingPathComponent("\(index).raw").path
            try Data(input).write(to: URL(fileURLWithPath: original))
            try Data(Snappy.compressXerialFramed(input)).write(to: URL(fileURLWithPath: original + ".ours"))
            manifest += "c xerial \(original) \(original).theirs 0\n"
            manifest += "d xerial \(original).ours \(original).decoded 0\n"
        }
        let manifestPath = dir.appendingPathComponent("manifest.txt").path
        try manifest.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        try TestPeers.runPython(Self.cramjamScript, arguments: [manifestPath])
        for (index, input) in inputs.enumerated() {
            let original = dir.appendingPathComponent("\(index).raw").path
            let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: original + ".theirs")))
            #expect(theirs.withUnsafeBytes { Snappy.isXerialFramed($0) })
            #expect(try CompressionCodec.snappy.decompress(theirs, uncompressedSize: nil) == input)
            #expect(try CompressionCodec.snappy.decompress(theirs, uncompressedSize: input.count) == input)
            let decoded = try [UInt8](Data(contentsOf: URL(fileURLWithPath: original + ".decoded")))
            #expect(decoded == input)
        }
    }

    /// Parquet's legacy LZ4 codec: `[BE32 uncompressed][BE32 compressed][block]` around cramjam blocks.
    @Test(.enabled(if: TestPeers.enabled(.python)))
    func hadoopLZ4FromCramjamBlocks() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = [TestData.text(1000), TestData.mixed(90_000), TestData.random(5000)]
        var manifest = ""
        for (index, input) in inputs.enumerated() {
            let original = dir.appendingPathComponent("\(index).raw").path
            try Data(input).write(to: URL(fileURLWithPath: original))
            manifest += "c hadoop \(original) \(original).theirs 0\n"
        }
        let manifestPath = dir.appendingPathComponent("manifest.txt").path
        try manifest.write(toFile: manifestPath, atomically: true, encoding: .utf8)
        try TestPeers.runPython(Self.cramjamScript, arguments: [manifestPath])
        var joinedTheirs: [UInt8] = []
        for (index, input) in inputs.enumerated() {
            let theirs = try [UInt8](Data(contentsOf: URL(fileURLWithPath: dir.appendingPathComponent("\(index).raw.theirs").path)))
            #expect(try LZ4Hadoop.decompress(theirs, uncompressedSize: input.count) == input)
            joinedTheirs += theirs
        }
        #expect(try LZ4Hadoop.decompress(joinedTheirs, uncompressedSize: inputs.map(\.count).reduce(0, +)) == inputs.flatMap { $0 })
    }

    static func tool(_ name: String) -> String? {
        ["/usr/bin/\(name)", "/usr/local/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func toolEnabled(_ name: String) -> Bool {
        if tool(name) != nil || TestPeers.isCI { return true }
        print("◇ skipping: the \(name) command-line tool is not installed (Debian package \(name))")
        return false
    }

    /// Runs a tool with `arguments` plus an output path, returns the output file's bytes.
    static func runTool(_ name: String, _ arguments: [String], in dir: URL) throws -> [UInt8] {
        guard let path = tool(name) else { throw ToolMissing(name: name) }
        let out = dir.appendingPathComponent("tool-\(UUID().uuidString)").path
        // lz4 takes the output file as the last positional argument, zstd after -o.
        try TestPeers.run(path, arguments + (name == "lz4" ? [out] : ["-o", out]))
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
    }

    @Test(.enabled(if: toolEnabled("lz4")))
    func lz4CommandLineToolBothWays() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // (lz4 1.9.4's tool itself fails with -B4 on 65534/65535-byte files, so 64 KiB - 1 is
        // covered by the cramjam test instead.)
        let inputs = [[], TestData.text(65536), TestData.text(65537), TestData.mixed(700_000), TestData.random(300_000)]
        // Block sizes 64 KiB..4 MiB, linked blocks, block checksums, content size, no content checksum.
        let variants = [["-B4"], ["-B5", "-BD"], ["-B6", "-BX"], ["-B7", "--content-size"], ["-B4", "-BD", "-BX", "--no-frame-crc"], ["-1"], ["-9"]]
        for (index, input) in inputs.enumerated() {
            let original = dir.appendingPathComponent("\(index).raw").path
            try Data(input).write(to: URL(fileURLWithPath: original))
            for variant in variants {
                let frame = try Self.runTool("lz4", ["-q", "-f", "-z"] + variant + [original], in: dir)
                #expect(try CompressionCodec.lz4.decompress(frame, uncompressedSize: nil) == input, "lz4 \(variant)")
            }
            let ours = dir.appendingPathComponent("\(index).ours.lz4").path
            try Data(CompressionCodec.lz4.compress(input)).write(to: URL(fileURLWithPath: ours))
            #expect(try Self.runTool("lz4", ["-q", "-f", "-d", ours], in: dir) == input)
            let withOptions = LZ4Frame.compress(input, options: .init(blockSize: .max256KB, blockChecksum: true, contentSize: true))
            try Data(withOptions).write(to: URL(fileURLWithPath: ours))
            #expect(try Self.runTool("lz4", ["-q", "-f", "-d", ours], in: dir) == input)
        }
        // The lz4 tool's content checksum is XXH32 of the content.
        let text = TestData.text(12345)
        let checked = dir.appendingPathComponent("sum.raw").path
        try Data(text).write(to: URL(fileURLWithPath: checked))
        let frame = try Self.runTool("lz4", ["-q", "-f", "-z", checked], in: dir)
        let stored = frame.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(stored == XXHash32.hash(text))
    }

    @Test(.enabled(if: toolEnabled("zstd")))
    func zstdCommandLineToolBothWays() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = [[], TestData.text(100_000), TestData.mixed(600_000), TestData.random(200_000)]
        for (index, input) in inputs.enumerated() {
            let original = dir.appendingPathComponent("\(index).raw").path
            try Data(input).write(to: URL(fileURLWithPath: original))
            for variant in [["-1"], ["-19", "--check"], ["--no-content-size"], ["--no-check", "--no-content-size", "-3"]] {
                let frame = try Self.runTool("zstd", ["-q", "-f"] + variant + [original], in: dir)
                #expect(try CompressionCodec.zstd.decompress(frame, uncompressedSize: nil) == input, "zstd \(variant)")
                #expect(try CompressionCodec.zstd.decompress(frame, uncompressedSize: input.count) == input, "zstd \(variant) sized")
            }
            let ours = dir.appendingPathComponent("\(index).ours.zst").path
            try Data(CompressionCodec.zstd.compress(input)).write(to: URL(fileURLWithPath: ours))
            #expect(try Self.runTool("zstd", ["-q", "-f", "-d", ours], in: dir) == input)
        }
        // Streamed from stdin: the frame header carries no content size.
        let input = TestData.text(300_000, seed: 42)
        let path = dir.appendingPathComponent("stdin.zst").path
        let script = "\(try #require(Self.tool("zstd"))) -q -c < \(dir.path)/in.raw > \(path)"
        try Data(input).write(to: URL(fileURLWithPath: dir.path + "/in.raw"))
        try TestPeers.run("/bin/sh", ["-c", script])
        let frame = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let contentSize = frame.withUnsafeBytes { buffer in
            (try? zstdLibrary.get()).map { $0.getFrameContentSize(buffer.baseAddress, buffer.count) }
        }
        #expect(contentSize == zstdContentSizeUnknown)
        #expect(try CompressionCodec.zstd.decompress(frame, uncompressedSize: nil) == input)
    }
}

struct ToolMissing: Error, CustomStringConvertible {
    var name: String
    var description: String { "the \(name) command-line tool is not installed (Debian package \(name))" }
}
