#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Spare bytes every decoder buffer has past its logical end, so hot loops may copy in 8/16-byte
/// chunks that run a little past the bytes they own (never past the allocation).
let decoderSlack = 32

/// Builds an array whose bytes `body` writes through a raw pointer. The allocation holds
/// `capacity + decoderSlack` bytes; `body` returns how many bytes (at most `capacity`) it wrote.
func makeBytes(
    capacity: Int, _ body: (UnsafeMutableRawPointer) throws(CompressionError) -> Int
) throws(CompressionError) -> [UInt8] {
    var failure: CompressionError?
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity + decoderSlack) { buffer, count in
        count = 0
        guard let base = buffer.baseAddress else { return }
        do throws(CompressionError) {
            count = try body(UnsafeMutableRawPointer(base))
        } catch {
            failure = error
        }
    }
    if let failure { throw failure }
    return bytes
}

/// Same as `makeBytes` for bodies that cannot fail.
func makeBytesNonThrowing(capacity: Int, _ body: (UnsafeMutableRawPointer) -> Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: capacity + decoderSlack) { buffer, count in
        count = 0
        guard let base = buffer.baseAddress else { return }
        count = body(UnsafeMutableRawPointer(base))
    }
}

/// A growable byte buffer in malloc'd memory for decoders that do not know their output size
/// up front. Growth stops at `limit` (an `outputTooLarge` error names the codec).
struct GrowableBuffer: ~Copyable {
    private(set) var base: UnsafeMutableRawPointer
    /// Bytes written so far.
    var count = 0
    /// Usable bytes (the allocation has `decoderSlack` more).
    private(set) var capacity: Int
    let limit: Int
    let codec: CompressionCodec

    init(initialCapacity: Int, limit: Int, codec: CompressionCodec) throws(CompressionError) {
        let capacity = max(0, min(initialCapacity, limit))
        guard let memory = malloc(capacity + decoderSlack) else {
            throw CompressionError(.outputTooLarge, codec, "could not allocate \(capacity) bytes")
        }
        base = memory
        self.capacity = capacity
        self.limit = limit
        self.codec = codec
    }

    deinit { free(base) }

    /// Bytes still allowed before the limit.
    var remainingAllowance: Int { limit - count }

    /// Makes room for `extra` more bytes; throws `outputTooLarge` past the limit.
    mutating func reserve(_ extra: Int) throws(CompressionError) {
        guard extra <= limit - count else {
            throw CompressionError(
                .outputTooLarge, codec, "decompressed data exceeds the limit of \(limit) bytes")
        }
        let needed = count + extra
        if needed <= capacity { return }
        var newCapacity = max(capacity, 4096)
        while newCapacity < needed { newCapacity = newCapacity <= limit / 2 ? newCapacity * 2 : limit }
        guard let memory = realloc(base, newCapacity + decoderSlack) else {
            throw CompressionError(.outputTooLarge, codec, "could not allocate \(newCapacity) bytes")
        }
        base = memory
        capacity = newCapacity
    }

    /// Appends raw bytes (reserving room first).
    mutating func append(_ bytes: UnsafeRawPointer, count n: Int) throws(CompressionError) {
        try reserve(n)
        (base + count).copyMemory(from: bytes, byteCount: n)
        count += n
    }

    /// The written bytes as an array.
    consuming func finish() -> [UInt8] {
        let n = count
        let source = base
        return [UInt8](unsafeUninitializedCapacity: n) { buffer, written in
            if let target = buffer.baseAddress, n > 0 {
                UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: n)
            }
            written = n
        }
    }
}

/// Little-endian integer readers over a raw buffer (callers check bounds first).
extension UnsafeRawPointer {
    @inline(__always) func le16(_ offset: Int) -> Int {
        Int(UInt16(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
    }
    @inline(__always) func le32(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    @inline(__always) func le64(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    @inline(__always) func be32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}

/// Copies `length` bytes from `dst - offset` to `dst`, where the ranges may overlap (an LZ77
/// match). Caller guarantees `offset >= 1`, the source lies in written output, and
/// `decoderSlack` spare bytes exist past `dst + length`.
@inline(__always)
func copyMatch(_ dst: UnsafeMutableRawPointer, offset: Int, length: Int) {
    let src = UnsafeMutableRawPointer(dst - offset)
    if offset >= 16 {
        // 16-byte chunks never read bytes this copy has not written yet.
        if length <= 16 {
            let a = src.loadUnaligned(as: UInt64.self), b = src.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            dst.storeBytes(of: a, as: UInt64.self)
            dst.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            return
        }
        if length > 64 && offset >= length {
            dst.copyMemory(from: src, byteCount: length)
            return
        }
        var i = 0
        while i < length {
            let a = src.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let b = src.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            dst.storeBytes(of: a, toByteOffset: i, as: UInt64.self)
            dst.storeBytes(of: b, toByteOffset: i + 8, as: UInt64.self)
            i += 16
        }
    } else if offset >= 8 {
        var i = 0
        while i < length {
            dst.storeBytes(of: src.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
            i += 8
        }
    } else {
        // Short period: copy the pattern in growing chunks (offset, 2*offset, 4*offset, ...).
        var copied = 0
        var chunk = offset
        while copied < length {
            let n = min(chunk, length - copied)
            (dst + copied).copyMemory(from: src, byteCount: n)
            copied += n
            chunk = offset + copied  // everything before dst+copied repeats with period `offset`
            chunk -= chunk % offset
        }
    }
}

/// Copies a short literal run; uses two 8-byte moves when both sides have 16 readable/writable bytes.
@inline(__always)
func copyLiteral(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, length: Int, sourceAvailable: Int) {
    if length <= 16 && sourceAvailable >= 16 {
        let a = src.loadUnaligned(as: UInt64.self), b = src.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        dst.storeBytes(of: a, as: UInt64.self)
        dst.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
    } else {
        dst.copyMemory(from: src, byteCount: length)
    }
}
