#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Zstandard through the system's zstd runtime library, loaded with `dlopen` at first use (so
/// building needs no zstd headers; Debian always has `libzstd.so.1` from package `libzstd1`).
///
/// Reading handles frames with or without a content size (streaming decompression when the
/// size is unknown, as librdkafka writes) and concatenated frames.
///
/// ```swift
/// let packed = try Zstd.compress(bytes, level: 3)
/// let back = try Zstd.decompress(packed)
/// ```
public enum Zstd {
    /// zstd's default level (and Kafka's).
    public static let defaultLevel = 3

    /// Whether the zstd library could be loaded.
    public static var isAvailable: Bool {
        if case .success = zstdLibrary { return true }
        return false
    }

    /// Compresses `input` into one zstd frame (with its content size) at `level` (default 3).
    public static func compress(_ input: UnsafeRawBufferPointer, level: Int? = nil) throws(CompressionError) -> [UInt8] {
        let lib = try zstdLibrary.get()
        let bound = lib.compressBound(input.count)
        guard lib.isError(bound) == 0 else {
            throw CompressionError(.invalidArgument, .zstd, "input of \(input.count) bytes is too large")
        }
        return try makeBytes(capacity: bound) { (out) throws(CompressionError) -> Int in
            let written = lib.compress(out, bound, input.baseAddress, input.count, Int32(clamping: level ?? defaultLevel))
            try lib.check(written, "compress")
            return written
        }
    }

    /// Compresses `input` into one zstd frame.
    public static func compress(_ input: [UInt8], level: Int? = nil) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try compress(buffer, level: level) }
        }
        return try result.get()
    }

    /// Decompresses all zstd frames in `input`.
    public static func decompress(_ input: [UInt8], uncompressedSize: Int? = nil) throws(CompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(CompressionError) in try decompress(buffer, uncompressedSize: uncompressedSize) }
        }
        return try result.get()
    }

    /// Decompresses all zstd frames in `input`. When `uncompressedSize` is given, output beyond
    /// it is an error.
    public static func decompress(_ input: UnsafeRawBufferPointer, uncompressedSize: Int? = nil) throws(CompressionError) -> [UInt8] {
        let lib = try zstdLibrary.get()
        guard let src = input.baseAddress, input.count > 0 else {
            throw CompressionError(.truncatedInput, .zstd, "empty input has no zstd frame")
        }
        let limit = min(uncompressedSize ?? CompressionCodec.maxDecompressedSize, CompressionCodec.maxDecompressedSize)
        let contentSize = lib.getFrameContentSize(src, input.count)
        if contentSize == zstdContentSizeError {
            throw CompressionError(.corruptInput, .zstd, "input does not start with a zstd frame header")
        }
        if contentSize != zstdContentSizeUnknown && contentSize > UInt64(limit) {
            throw CompressionError(
                .outputTooLarge, .zstd, "frame declares \(contentSize) bytes, more than the limit of \(limit)")
        }
        // One frame of known size (or a caller-known size): decode in one call into an exact buffer.
        let frameLength = lib.findFrameCompressedSize(src, input.count)
        let singleFrame = lib.isError(frameLength) == 0 && frameLength == input.count
        let exact: Int? = uncompressedSize ?? (singleFrame && contentSize != zstdContentSizeUnknown ? Int(contentSize) : nil)
        if let exact {
            return try makeBytes(capacity: exact) { (out) throws(CompressionError) -> Int in
                let written = lib.decompress(out, exact, src, input.count)
                try lib.check(written, "decompress")
                return written
            }
        }
        return try decompressStreaming(lib, src, input.count, limit: limit)
    }

    static func decompressStreaming(
        _ lib: ZstdLibrary, _ src: UnsafeRawPointer, _ count: Int, limit: Int
    ) throws(CompressionError) -> [UInt8] {
        guard let stream = lib.createDStream() else {
            throw CompressionError(.libraryError, .zstd, "ZSTD_createDStream failed")
        }
        defer { _ = lib.freeDStream(stream) }
        try lib.check(lib.initDStream(stream), "initDStream")
        // One byte of headroom past the limit tells "exactly at the limit" from "over it".
        var output = try GrowableBuffer(
            initialCapacity: min(max(count * 4, 1 << 16), 1 << 24), limit: limit == Int.max ? limit : limit + 1, codec: .zstd)
        var inBuffer = ZstdInBuffer(src: src, size: count, pos: 0)
        while true {
            if output.count == output.capacity {
                try output.reserve(min(max(output.capacity, 1 << 16), output.remainingAllowance))
            }
            var outBuffer = ZstdOutBuffer(dst: output.base + output.count, size: output.capacity - output.count, pos: 0)
            let inBefore = inBuffer.pos
            let hint = withUnsafeMutablePointer(to: &outBuffer) { outPointer in
                withUnsafeMutablePointer(to: &inBuffer) { inPointer in
                    lib.decompressStream(stream, UnsafeMutableRawPointer(outPointer), UnsafeMutableRawPointer(inPointer))
                }
            }
            try lib.check(hint, "decompressStream")
            output.count += outBuffer.pos
            if output.count > limit {
                throw CompressionError(.outputTooLarge, .zstd, "decompressed data exceeds the limit of \(limit) bytes")
            }
            let inputDone = inBuffer.pos == inBuffer.size
            if hint == 0 && inputDone { break }
            // More is needed but no input is left and output space was not the constraint.
            if inputDone && outBuffer.pos < outBuffer.size {
                throw CompressionError(.truncatedInput, .zstd, "input ends inside a zstd frame")
            }
            if outBuffer.pos == 0 && inBuffer.pos == inBefore && outBuffer.size > 0 {
                throw CompressionError(.corruptInput, .zstd, "decoder made no progress at input offset \(inBuffer.pos)")
            }
        }
        return output.finish()
    }
}

let zstdContentSizeUnknown = UInt64.max
let zstdContentSizeError = UInt64.max - 1

/// `ZSTD_inBuffer`: { const void* src; size_t size; size_t pos; } (three words, C order).
struct ZstdInBuffer {
    var src: UnsafeRawPointer?
    var size: Int
    var pos: Int
}

/// `ZSTD_outBuffer`: { void* dst; size_t size; size_t pos; }.
struct ZstdOutBuffer {
    var dst: UnsafeMutableRawPointer?
    var size: Int
    var pos: Int
}

/// The zstd entry points, resolved once from the shared library.
struct ZstdLibrary: @unchecked Sendable {
    typealias CompressFn = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
    typealias DecompressFn = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int) -> Int
    typealias ContentSizeFn = @convention(c) (UnsafeRawPointer?, Int) -> UInt64
    typealias SizeFn = @convention(c) (Int) -> Int
    typealias IsErrorFn = @convention(c) (Int) -> UInt32
    typealias ErrorNameFn = @convention(c) (Int) -> UnsafePointer<CChar>?
    typealias FrameSizeFn = @convention(c) (UnsafeRawPointer?, Int) -> Int
    typealias CreateFn = @convention(c) () -> OpaquePointer?
    typealias StreamFn = @convention(c) (OpaquePointer?) -> Int
    /// (stream, ZSTD_outBuffer*, ZSTD_inBuffer*); the buffers are passed as raw pointers to the
    /// Swift mirrors above, whose three word-sized fields have the C layout.
    typealias DecompressStreamFn = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer, UnsafeMutableRawPointer) -> Int

    let compress: CompressFn
    let decompress: DecompressFn
    let getFrameContentSize: ContentSizeFn
    let compressBound: SizeFn
    let isError: IsErrorFn
    let getErrorName: ErrorNameFn
    let findFrameCompressedSize: FrameSizeFn
    let createDStream: CreateFn
    let initDStream: StreamFn
    let freeDStream: StreamFn
    let decompressStream: DecompressStreamFn

    static let candidates = ["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "/opt/homebrew/lib/libzstd.1.dylib", "/usr/local/lib/libzstd.1.dylib"]

    static func load() -> Result<ZstdLibrary, CompressionError> {
        var handle: UnsafeMutableRawPointer?
        var reason = ""
        for name in candidates {
            handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
            if handle != nil { break }
            if reason.isEmpty, let message = dlerror() { reason = String(cString: message) }
        }
        guard let handle else {
            return .failure(CompressionError(
                .unavailable, .zstd,
                "cannot load the zstd library libzstd.so.1 (\(reason)); install the Debian package libzstd1"))
        }
        func symbol<T>(_ name: String, _: T.Type) -> Result<T, CompressionError> {
            guard let pointer = dlsym(handle, name) else {
                return .failure(CompressionError(
                    .unavailable, .zstd, "libzstd.so.1 lacks \(name); install a newer libzstd1 (1.3 or later)"))
            }
            return .success(unsafeBitCast(pointer, to: T.self))
        }
        do throws(CompressionError) {
            return .success(ZstdLibrary(
                compress: try symbol("ZSTD_compress", CompressFn.self).get(),
                decompress: try symbol("ZSTD_decompress", DecompressFn.self).get(),
                getFrameContentSize: try symbol("ZSTD_getFrameContentSize", ContentSizeFn.self).get(),
                compressBound: try symbol("ZSTD_compressBound", SizeFn.self).get(),
                isError: try symbol("ZSTD_isError", IsErrorFn.self).get(),
                getErrorName: try symbol("ZSTD_getErrorName", ErrorNameFn.self).get(),
                findFrameCompressedSize: try symbol("ZSTD_findFrameCompressedSize", FrameSizeFn.self).get(),
                createDStream: try symbol("ZSTD_createDStream", CreateFn.self).get(),
                initDStream: try symbol("ZSTD_initDStream", StreamFn.self).get(),
                freeDStream: try symbol("ZSTD_freeDStream", StreamFn.self).get(),
                decompressStream: try symbol("ZSTD_decompressStream", DecompressStreamFn.self).get()))
        } catch {
            return .failure(error)
        }
    }

    /// Throws a classified error when `result` is a zstd error code.
    func check(_ result: Int, _ operation: String) throws(CompressionError) {
        guard isError(result) != 0 else { return }
        let name = getErrorName(result).map { String(cString: $0) } ?? "unknown error"
        // zstd error codes are returned as (size_t)-code; the numeric codes are stable.
        let code: CompressionError.Code
        switch 0 &- result {
        case 70: code = .outputTooLarge       // dstSize_tooSmall
        case 72: code = .truncatedInput       // srcSize_wrong
        case 14, 16: code = .unsupported      // frameParameter_unsupported, windowTooLarge
        case 64: code = .libraryError         // memory_allocation
        default: code = .corruptInput
        }
        throw CompressionError(code, .zstd, "\(operation): \(name)")
    }
}

/// Loaded once, on first use.
let zstdLibrary: Result<ZstdLibrary, CompressionError> = ZstdLibrary.load()
