/// A block compression codec used by Kafka record batches and Parquet pages.
///
/// Every codec works on whole buffers: `compress` returns the compressed bytes, `decompress`
/// returns the original bytes or throws a `CompressionError` (never crashes on bad input).
///
/// ```swift
/// let packed = try CompressionCodec.snappy.compress(bytes)
/// let back = try CompressionCodec.snappy.decompress(packed, uncompressedSize: bytes.count)
/// // Kafka batches do not carry the size; pass nil:
/// let records = try CompressionCodec.lz4.decompress(batchPayload, uncompressedSize: nil)
/// ```
///
/// | case | format | used by |
/// |---|---|---|
/// | `gzip` | RFC 1952 gzip (zlib); reads zlib streams and concatenated members too | Kafka GZIP, Parquet GZIP |
/// | `snappy` | raw snappy block; reads xerial snappy-java framing too | Parquet SNAPPY (raw), Kafka SNAPPY |
/// | `lz4` | LZ4 frame (magic 0x184D2204) | Kafka LZ4 |
/// | `lz4Raw` | LZ4 block, size known from the container | Parquet LZ4_RAW |
/// | `zstd` | zstd frames via the system `libzstd.so.1` | Kafka ZSTD, Parquet ZSTD |
public enum CompressionCodec: String, Sendable, CaseIterable {
    /// No compression: both directions copy the bytes.
    case uncompressed
    /// gzip (RFC 1952) through the system zlib.
    case gzip
    /// Raw snappy blocks (xerial framing accepted on read).
    case snappy
    /// The LZ4 frame format (Kafka's LZ4 codec).
    case lz4
    /// A bare LZ4 block (Parquet's LZ4_RAW); decompression needs the uncompressed size.
    case lz4Raw
    /// Zstandard through the system `libzstd.so.1`, loaded at first use.
    case zstd
}

extension CompressionCodec {
    /// The largest output any decompressor produces (1 GiB): a length field read from the input
    /// above this is rejected as `outputTooLarge` instead of being allocated.
    public static let maxDecompressedSize = 1 << 30

    /// Compresses `input`. `level` is used by gzip (0...9, default 6) and zstd (default 3), and
    /// ignored by the other codecs.
    public func compress(_ input: UnsafeRawBufferPointer, level: Int? = nil) throws(CompressionError) -> [UInt8] {
        switch self {
        case .uncompressed: return [UInt8](input)
        case .gzip: return try Gzip.compress(input, level: level)
        case .snappy: return Snappy.compress(input)
        case .lz4: return LZ4Frame.compress(input)
        case .lz4Raw: return LZ4Block.compress(input)
        case .zstd: return try Zstd.compress(input, level: level)
        }
    }

    /// Compresses `input`; see `compress(_:level:)` for the raw-buffer form.
    public func compress(_ input: [UInt8], level: Int? = nil) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try compress(buffer, level: level) }
        }
        return try result.get()
    }

    /// Decompresses `input`.
    ///
    /// `uncompressedSize` is the exact decompressed size when the container knows it (Parquet
    /// pages always do; `lz4Raw` requires it), nil otherwise (Kafka batches). When given, output
    /// of any other size is an error (`sizeMismatch`, or `outputTooLarge` as soon as decoding
    /// would pass it).
    public func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int?) throws(CompressionError) -> [UInt8] {
        if let size = uncompressedSize {
            guard size >= 0 else {
                throw CompressionError(.invalidArgument, self, "uncompressed size \(size) is negative")
            }
            guard size <= Self.maxDecompressedSize else {
                throw CompressionError(
                    .outputTooLarge, self,
                    "uncompressed size \(size) exceeds the limit of \(Self.maxDecompressedSize) bytes")
            }
        }
        let output: [UInt8]
        switch self {
        case .uncompressed: output = [UInt8](input)
        case .gzip: output = try Gzip.decompress(input, uncompressedSize: uncompressedSize)
        case .snappy: output = try Snappy.decompressAnyFraming(input, uncompressedSize: uncompressedSize)
        case .lz4: output = try LZ4Frame.decompress(input, uncompressedSize: uncompressedSize)
        case .lz4Raw:
            guard let size = uncompressedSize else {
                throw CompressionError(
                    .invalidArgument, self, "decompressing an LZ4 block needs the uncompressed size")
            }
            output = try LZ4Block.decompress(input, uncompressedSize: size)
        case .zstd: output = try Zstd.decompress(input, uncompressedSize: uncompressedSize)
        }
        if let size = uncompressedSize, output.count != size {
            throw CompressionError(
                .sizeMismatch, self, "decompressed \(output.count) bytes but \(size) were expected")
        }
        return output
    }

    /// Decompresses `input`; see `decompress(_:uncompressedSize:)` for the raw-buffer form.
    public func decompress(_ input: [UInt8], uncompressedSize: Int?) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try decompress(buffer, uncompressedSize: uncompressedSize) }
        }
        return try result.get()
    }
}
