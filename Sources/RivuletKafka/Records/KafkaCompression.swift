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

    /// Compresses a batch's records section.
    func compress(_ bytes: [UInt8]) throws(KafkaError) -> [UInt8] {
        if self == .none { return bytes }
        throw KafkaError(.compression, "\(name) compression is not available in this build")
    }

    /// Decompresses a batch's records section; `context` names the partition and offset.
    func decompress(_ bytes: UnsafeRawBufferPointer, context: String) throws(KafkaError) -> [UInt8] {
        if self == .none { return [UInt8](bytes) }
        throw KafkaError(.compression, "\(context): \(name) decompression is not available in this build")
    }
}
