import RivuletCore

/// Decoders of DELTA_LENGTH_BYTE_ARRAY (lengths as DELTA_BINARY_PACKED, then the bytes back to
/// back) and DELTA_BYTE_ARRAY (prefix lengths as DELTA_BINARY_PACKED, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY; each value is the previous value's prefix plus its suffix).
enum DeltaByteArrayDecoder {
    /// Appends `count` DELTA_LENGTH_BYTE_ARRAY values to `out`; returns the bytes used.
    @discardableResult
    static func decodeLengthPrefixed(_ data: UnsafeBufferPointer<UInt8>, count: Int, into out: inout ByteArrayBuilder) throws(RivuletError) -> Int {
        var lengths = try DeltaBinaryPackedDecoder(validBuffer(data))
        let lens = try lengths.decodeAll()
        guard lens.count >= count else { throw corruptPage("DELTA_LENGTH_BYTE_ARRAY holds \(lens.count) values, \(count) needed") }
        var c = DecoderCursor(data, pos: lengths.position)
        out.offsets.reserve(adding: count)
        for i in 0..<count {
            let n = lens[i]
            guard n >= 0, n <= Int64(c.remaining) else { throw corruptPage("DELTA_LENGTH_BYTE_ARRAY value length \(n)") }
            out.append(try c.take(Int(n)))
        }
        // Skip values declared beyond `count` (none for well-formed pages).
        for n in lens[count...] {
            guard n >= 0, n <= Int64(c.remaining) else { throw corruptPage("DELTA_LENGTH_BYTE_ARRAY value length \(n)") }
            c.pos += Int(n)
        }
        guard out.data.count <= Int(Int32.max) else { throw corruptPage("more than 2 GiB of byte-array values in one column chunk") }
        return c.pos
    }

    /// Appends `count` DELTA_BYTE_ARRAY values to `out` (fixed-length arrays too: every value
    /// must then be `fixedWidth` bytes).
    static func decodeIncremental(
        _ data: UnsafeBufferPointer<UInt8>, count: Int, fixedWidth: Int?, into out: inout ByteArrayBuilder
    ) throws(RivuletError) {
        var prefixes = try DeltaBinaryPackedDecoder(validBuffer(data))
        let pre = try prefixes.decodeAll()
        guard pre.count >= count else { throw corruptPage("DELTA_BYTE_ARRAY holds \(pre.count) prefixes, \(count) needed") }
        var suffixes = ByteArrayBuilder(capacity: count)
        try decodeLengthPrefixed(UnsafeBufferPointer(rebasing: data[prefixes.position...]), count: count, into: &suffixes)
        var previous: Range<Int> = 0..<0
        out.offsets.reserve(adding: count)
        for i in 0..<count {
            let p = pre[i]
            guard p >= 0, p <= Int64(previous.count) else { throw corruptPage("DELTA_BYTE_ARRAY prefix length \(p) exceeds the previous value") }
            let start = out.data.count
            // Copy the prefix from the previous value (already in `out`), then the suffix.
            out.data.append(contentsOf: out.data[previous.lowerBound..<(previous.lowerBound + Int(p))])
            let s = Int(suffixes.offsets[i])..<Int(suffixes.offsets[i + 1])
            out.data.append(contentsOf: suffixes.data[s])
            out.offsets.append(Int32(truncatingIfNeeded: out.data.count))
            previous = start..<out.data.count
            if let w = fixedWidth, previous.count != w {
                throw corruptPage("DELTA_BYTE_ARRAY value of \(previous.count) bytes in a FIXED_LEN_BYTE_ARRAY(\(w)) column")
            }
            guard out.data.count <= Int(Int32.max) else { throw corruptPage("more than 2 GiB of byte-array values in one column chunk") }
        }
    }

    private static func validBuffer(_ data: UnsafeBufferPointer<UInt8>) throws(RivuletError) -> UnsafeBufferPointer<UInt8> {
        guard data.baseAddress != nil || data.isEmpty else { throw corruptPage("empty page") }
        return data
    }
}
