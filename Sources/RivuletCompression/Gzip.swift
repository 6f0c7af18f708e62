import CZlib

/// gzip (RFC 1952) through the system zlib: Kafka's GZIP codec and Parquet's GZIP pages.
///
/// Writing produces one gzip member. Reading accepts gzip or zlib streams (zlib's automatic
/// header detection) and concatenated gzip members; any other trailing bytes are an error.
///
/// ```swift
/// let packed = try Gzip.compress(bytes, level: 6)
/// let back = try Gzip.decompress(packed)
/// ```
public enum Gzip {
    /// Largest chunk handed to zlib per call (its counters are 32-bit).
    static let maxChunk = 1 << 30

    /// Compresses `input` into one gzip member. `level` is 0...9 (default 6, zlib's default).
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int? = nil) throws(CompressionError) -> [UInt8] {
        let zlevel = Int32(clamping: level ?? Int(Z_DEFAULT_COMPRESSION))
        guard zlevel == Z_DEFAULT_COMPRESSION || (0...9).contains(zlevel) else {
            throw CompressionError(.invalidArgument, .gzip, "compression level \(zlevel) is outside 0...9")
        }
        var stream = z_stream()
        let initStatus = deflateInit2_(
            &stream, zlevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw CompressionError(.libraryError, .gzip, "deflateInit2 failed with status \(initStatus)")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        var output = try GrowableBuffer(initialCapacity: bound, limit: Int.max / 2, codec: .gzip)
        var consumed = 0
        while true {
            let chunk = min(maxChunk, input.count - consumed)
            stream.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress.map { $0.assumingMemoryBound(to: Bytef.self) + consumed })
            stream.avail_in = UInt32(chunk)
            let finishing = consumed + chunk == input.count
            repeat {
                try output.reserve(max(1 << 16, min(maxChunk, bound)))
                let room = output.capacity - output.count
                let space = min(room, maxChunk)
                stream.next_out = (output.base + output.count).assumingMemoryBound(to: Bytef.self)
                stream.avail_out = UInt32(space)
                let status = deflate(&stream, finishing ? Z_FINISH : Z_NO_FLUSH)
                output.count += space - Int(stream.avail_out)
                if status == Z_STREAM_END { return output.finish() }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    throw CompressionError(.libraryError, .gzip, "deflate failed with status \(status)")
                }
            } while stream.avail_out == 0 || (finishing && stream.avail_in > 0) || finishing
            consumed += chunk
        }
    }

    /// Compresses `input` into one gzip member.
    public static func compress(_ input: [UInt8], level: Int? = nil) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try compress(buffer, level: level) }
        }
        return try result.get()
    }

    /// Decompresses a gzip (or zlib) stream, including concatenated gzip members.
    public static func decompress(_ input: [UInt8], uncompressedSize: Int? = nil) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try decompress(buffer, uncompressedSize: uncompressedSize) }
        }
        return try result.get()
    }

    /// Decompresses a gzip (or zlib) stream, including concatenated gzip members. When
    /// `uncompressedSize` is given, output beyond it is an error.
    public static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int? = nil) throws(CompressionError) -> [UInt8] {
        guard let src = input.baseAddress, input.count > 0 else {
            throw CompressionError(.truncatedInput, .gzip, "empty input has no gzip header")
        }
        let limit = min(uncompressedSize ?? CompressionCodec.maxDecompressedSize, CompressionCodec.maxDecompressedSize)
        // One byte of headroom past the limit tells "exactly at the limit" from "over it".
        var output = try GrowableBuffer(
            initialCapacity: (uncompressedSize ?? min(max(input.count * 4, 1 << 12), 1 << 24)) + 1, limit: limit + 1,
            codec: .gzip)
        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw CompressionError(.libraryError, .gzip, "inflateInit2 failed with status \(initStatus)")
        }
        defer { inflateEnd(&stream) }
        var consumed = 0
        while true {
            // Feed up to maxChunk bytes of input at a time.
            if stream.avail_in == 0 {
                let chunk = min(maxChunk, input.count - consumed)
                stream.next_in = UnsafeMutablePointer(mutating: (src + consumed).assumingMemoryBound(to: Bytef.self))
                stream.avail_in = UInt32(chunk)
                consumed += chunk
            }
            if output.count == output.capacity {
                try output.reserve(min(max(output.capacity, 1 << 12), output.remainingAllowance))
            }
            let space = min(output.capacity - output.count, maxChunk)
            stream.next_out = (output.base + output.count).assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(space)
            let inBefore = stream.avail_in
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = space - Int(stream.avail_out)
            output.count += produced
            if output.count > limit {
                throw CompressionError(.outputTooLarge, .gzip, "decompressed data exceeds the limit of \(limit) bytes")
            }
            switch status {
            case Z_STREAM_END:
                let remaining = Int(stream.avail_in) + (input.count - consumed)
                if remaining == 0 { return output.finish() }
                // Another gzip member follows (only gzip members may be concatenated).
                let next = input.count - remaining
                guard remaining >= 2, src.load(fromByteOffset: next, as: UInt8.self) == 0x1F,
                    src.load(fromByteOffset: next + 1, as: UInt8.self) == 0x8B
                else {
                    throw CompressionError(.corruptInput, .gzip, "\(remaining) unexpected bytes after the end of the stream")
                }
                guard inflateReset(&stream) == Z_OK else {
                    throw CompressionError(.libraryError, .gzip, "inflateReset failed")
                }
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: out of input (truncated) unless only output space was lacking.
                if stream.avail_in == 0 && consumed == input.count && produced == 0 && inBefore == 0 {
                    throw CompressionError(.truncatedInput, .gzip, "input ends before the end of the stream")
                }
                if stream.avail_out > 0 && stream.avail_in == 0 && consumed == input.count {
                    throw CompressionError(.truncatedInput, .gzip, "input ends before the end of the stream")
                }
            case Z_DATA_ERROR, Z_NEED_DICT:
                let reason = stream.msg.map { String(cString: $0) } ?? "invalid data"
                throw CompressionError(.corruptInput, .gzip, "\(reason) at input offset \(input.count - Int(stream.avail_in) - (input.count - consumed))")
            case Z_MEM_ERROR:
                throw CompressionError(.libraryError, .gzip, "zlib ran out of memory")
            default:
                throw CompressionError(.libraryError, .gzip, "inflate failed with status \(status)")
            }
            // Input exhausted without an end: truncated.
            if status == Z_OK && stream.avail_in == 0 && consumed == input.count && stream.avail_out > 0 {
                throw CompressionError(.truncatedInput, .gzip, "input ends before the end of the stream")
            }
        }
    }
}
