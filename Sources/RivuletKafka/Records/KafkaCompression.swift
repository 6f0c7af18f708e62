import RivuletCompression

/// The compression of a record batch (`compression.type`), with its attribute bits (0–4).
public enum KafkaCompression: Int16, Sendable, CaseIterable {
    /// Uncompressed.
    case none = 0
    /// gzip.
    case gzip = 1
    /// snappy (Kafka's Java client writes xerial framing; both framings are read).
    case snappy = 2
    /// LZ4 frame format.
    case lz4 = 3
    /// Zstandard.
    case zstd = 4

    /// Parses a `compression.type` value.
    public init?(name: String) {
        switch name.lowercased() {
        case "none", "uncompressed": self = .none
        case "gzip": self = .gzip
        case "snappy": self = .snappy
        case "lz4": self = .lz4
        case "zstd": self = .zstd
        default: return nil
        }
    }

    /// The `compression.type` spelling.
    public var name: String {
        switch self {
        case .none: return "none"
        case .gzip: return "gzip"
        case .snappy: return "snappy"
        case .lz4: return "lz4"
        case .zstd: return "zstd"
        }
    }

    /// The codec of RivuletCompression that implements this compression.
    var codec: CompressionCodec? {
        switch self {
        case .none: return nil
        case .gzip: return .gzip
        case .snappy: return .snappy
        case .lz4: return .lz4
        case .zstd: return .zstd
        }
    }

    /// Compresses a batch's records section. Snappy is written with xerial framing, as Kafka's Java
    /// producer does (readable by every Kafka client).
    func compress(_ bytes: [UInt8]) throws(KafkaError) -> [UInt8] {
        guard let codec else { return bytes }
        if self == .snappy { return Snappy.compressXerialFramed(bytes) }
        do {
            return try codec.compress(bytes)
        } catch {
            throw KafkaError(.compression, "\(name) compression of a record batch failed: \(error.message)")
        }
    }

    /// Decompresses a batch's records section; `context` names the partition and offset.
    func decompress(_ bytes: UnsafeRawBufferPointer, context: String) throws(KafkaError) -> [UInt8] {
        guard let codec else { return [UInt8](bytes) }
        do {
            return try codec.decompress(bytes, uncompressedSize: nil)
        } catch {
            throw KafkaError(.corruptRecord, "\(context): \(name) decompression failed: \(error.message)")
        }
    }
}
