import RivuletCore

/// Decoder of BYTE_STREAM_SPLIT: for values of `K` bytes, the page holds `K` streams, stream `k`
/// holding byte `k` of every value. Used for FLOAT, DOUBLE, INT32, INT64 and
/// FIXED_LEN_BYTE_ARRAY.
enum ByteStreamSplitDecoder {
    /// Appends `count` values to `values`.
    static func decode(_ data: UnsafeBufferPointer<UInt8>, count: Int, into values: inout ValueBuffer) throws(RivuletError) {
        guard let width = values.kind.width, values.kind != .int96 else {
            throw RivuletError.unsupported("BYTE_STREAM_SPLIT encoding for \(values.kind) values")
        }
        guard width > 0 else { throw corruptPage("BYTE_STREAM_SPLIT of zero-width values") }
        // The streams are as long as the page has values (the stride is the page's value count).
        let stride = data.count / width
        guard stride >= count else { throw corruptPage("BYTE_STREAM_SPLIT needs \(count * width) bytes, \(data.count) present") }
        var interleaved = [UInt8](repeating: 0, count: count * width)
        interleaved.withUnsafeMutableBufferPointer { out in
            for k in 0..<width {
                let stream = k * stride
                for i in 0..<count { out[i * width + k] = data[stream + i] }
            }
        }
        _ = try interleaved.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(RivuletError) in
            try PlainDecoder.decode(p, count: count, into: &values)
        }
    }
}
