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
        do {
            if codec == .lz4 { return try LZ4Hadoop.decompress(UnsafeRawBufferPointer(input), uncompressedSize: size) }
            return try block.decompress(UnsafeRawBufferPointer(input), uncompressedSize: size)
        } catch {
            if error.code == .unavailable { throw RivuletError.unsupported("\(codec) decompression is unavailable: \(error.message)") }
            throw corruptPage("\(codec) decompression failed: \(error.message)")
        }
    }
}
