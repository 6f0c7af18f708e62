import RivuletCompression
import RivuletCore

/// Decompresses page bodies with the codec a column chunk declares.
struct PageDecompressor: Sendable {
    let codec: ParquetCompressionCodec
    private let block: CompressionCodec?

    init(_ codec: ParquetCompressionCodec) throws(RivuletError) {
        self.codec = codec
        switch codec {
        case .uncompressed: block = nil
        case .snappy: block = .snappy
        case .gzip: block = .gzip
        case .zstd: block = .zstd
        case .lz4Raw, .lz4: block = .lz4Raw
        default:
            throw RivuletError.unsupported("compression codec \(codec) is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW, LZ4)")
        }
    }

    /// Whether pages are stored as is.
    var isUncompressed: Bool { block == nil }

    /// Decompresses `input` to exactly `size` bytes.
    func decompress(_ input: UnsafeBufferPointer<UInt8>, size: Int) throws(RivuletError) -> [UInt8] {
        guard let block else { return Array(input) }
        guard size >= 0 else { throw corruptPage("negative uncompressed page size \(size)") }
        if codec == .lz4, let framed = try? hadoopLZ4(input, size: size) { return framed }
        do {
            return try block.decompress(UnsafeRawBufferPointer(input), uncompressedSize: size)
        } catch {
            if error.code == .unavailable { throw RivuletError.unsupported("\(codec) decompression is unavailable: \(error.message)") }
            throw corruptPage("\(codec) decompression failed: \(error.message)")
        }
    }

    /// The deprecated LZ4 codec as parquet-mr writes it: frames of big-endian decompressed and
    /// compressed sizes, each followed by an LZ4 block. nil when the bytes are not framed that way
    /// (older parquet-cpp wrote a bare block under the same codec id).
    private func hadoopLZ4(_ input: UnsafeBufferPointer<UInt8>, size: Int) throws -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var pos = 0
        func be32(_ p: Int) -> Int { Int(input[p]) << 24 | Int(input[p + 1]) << 16 | Int(input[p + 2]) << 8 | Int(input[p + 3]) }
        while pos < input.count {
            guard input.count - pos >= 8 else { return nil }
            let raw = be32(pos), packed = be32(pos + 4)
            pos += 8
            guard raw <= size - out.count, packed <= input.count - pos else { return nil }
            let chunk = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[pos..<(pos + packed)]))
            out += try CompressionCodec.lz4Raw.decompress(chunk, uncompressedSize: raw)
            pos += packed
        }
        return out.count == size ? out : nil
    }
}
