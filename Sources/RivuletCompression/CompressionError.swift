/// Why a compression or decompression call failed.
///
/// `code` is stable (callers branch on it); `message` names the codec and what was wrong, e.g.
/// `snappy: copy at input offset 17 reaches back 900 bytes but only 12 are decoded`.
public struct CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The compressed bytes are malformed (bad tag, bad offset, checksum mismatch, ...).
        case corruptInput
        /// The compressed bytes end before the format says they should.
        case truncatedInput
        /// The decompressed data would exceed the allowed size (the caller's expected size or
        /// `CompressionCodec.maxDecompressedSize`).
        case outputTooLarge
        /// The data decoded fine but its size differs from the size the caller expected.
        case sizeMismatch
        /// A required parameter is missing or invalid (e.g. `lz4Raw` without `uncompressedSize`).
        case invalidArgument
        /// The input uses a feature this implementation does not support (e.g. an LZ4 dictionary).
        case unsupported
        /// The codec's system library could not be loaded (zstd: `libzstd.so.1`).
        case unavailable
        /// The underlying library reported an unexpected failure.
        case libraryError
    }

    /// The stable failure kind.
    public var code: Code
    /// The codec that failed.
    public var codec: CompressionCodec
    /// A human-readable explanation naming the codec and the problem.
    public var message: String

    /// Creates an error; `message` should not repeat the codec name (it is prefixed).
    public init(_ code: Code, _ codec: CompressionCodec, _ message: String) {
        self.code = code
        self.codec = codec
        self.message = "\(codec.rawValue): \(message)"
    }

    /// `message`.
    public var description: String { message }
}
