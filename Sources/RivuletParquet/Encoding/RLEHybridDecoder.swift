import RivuletCore

/// Decoder of Parquet's RLE / bit-packed hybrid encoding, used for repetition and definition
/// levels, dictionary indices and RLE booleans.
///
/// The stream is a sequence of runs, each with a varint header: an even header `2n` is a run of
/// `n` copies of one value stored in `ceil(bitWidth / 8)` bytes; an odd header `2g + 1` is `g`
/// groups of 8 bit-packed values (LSB first). A final bit-packed run may be cut short by the
/// writer, so its value count is capped by the bytes present.
struct RLEHybridDecoder {
    var cursor: DecoderCursor
    let bitWidth: Int
    /// Values left in the current run.
    var runRemaining = 0
    var literal = false
    var runValue: UInt64 = 0
    /// Bit offset (in `cursor.buf`) of the next literal value.
    var literalBit = 0

    init(_ buf: UnsafeBufferPointer<UInt8>, bitWidth: Int) throws(RivuletError) {
        guard bitWidth >= 0 && bitWidth <= 32 else { throw corruptPage("RLE bit width \(bitWidth) is out of range") }
        cursor = DecoderCursor(buf)
        self.bitWidth = bitWidth
    }

    /// Bytes consumed so far (meaningful once every run that was started is finished).
    var position: Int { cursor.pos }

    mutating func nextRun() throws(RivuletError) {
        let header = try cursor.uleb()
        if header & 1 == 0 {
            let n = header >> 1
            guard n <= UInt64(Int32.max) else { throw corruptPage("RLE run of \(n) values") }
            let width = (bitWidth + 7) / 8
            let bytes = try cursor.take(width)
            var v: UInt64 = 0
            for k in 0..<width { v |= UInt64(bytes[k]) << UInt64(8 * k) }
            runValue = v
            runRemaining = Int(n)
            literal = false
        } else {
            let groups = header >> 1
            guard groups <= UInt64(Int32.max / 8) else { throw corruptPage("bit-packed run of \(groups) groups") }
            let wantBytes = Int(groups) * bitWidth
            let haveBytes = min(wantBytes, cursor.remaining)
            literalBit = cursor.pos * 8
            runRemaining = bitWidth == 0 ? Int(groups) * 8 : min(Int(groups) * 8, haveBytes * 8 / bitWidth)
            cursor.pos += haveBytes
            literal = true
        }
    }

    /// Decodes `count` values into `out`, throwing if any exceeds `maxValue`.
    mutating func decode<T: FixedWidthInteger>(
        into out: UnsafeMutablePointer<T>, count: Int, maxValue: UInt64
    ) throws(RivuletError) {
        var i = 0
        while i < count {
            if runRemaining == 0 {
                try nextRun()
                continue
            }
            let n = min(runRemaining, count - i)
            if literal {
                let buf = cursor.buf
                var bit = literalBit
                var bad = false
                for k in 0..<n {
                    let v = readBits(buf, bitOffset: bit, width: bitWidth)
                    bad = bad || v > maxValue
                    out[i + k] = T(truncatingIfNeeded: v)
                    bit += bitWidth
                }
                if bad { throw corruptPage("RLE value exceeds \(maxValue)") }
                literalBit = bit
            } else {
                guard runValue <= maxValue else { throw corruptPage("RLE value \(runValue) exceeds \(maxValue)") }
                (out + i).update(repeating: T(truncatingIfNeeded: runValue), count: n)
            }
            runRemaining -= n
            i += n
        }
    }

    /// Appends `count` levels (each at most `maxLevel`) to `levels`.
    mutating func appendLevels(_ levels: inout [UInt8], count: Int, maxLevel: Int) throws(RivuletError) {
        let start = growZeroed(&levels, by: count)
        try levels.withUnsafeMutableBufferPointer { (p: inout UnsafeMutableBufferPointer<UInt8>) throws(RivuletError) in
            guard let base = p.baseAddress else { return }
            try decode(into: base + start, count: count, maxValue: UInt64(maxLevel))
        }
    }

    /// `count` indices, each below `limit`.
    mutating func indices(count: Int, limit: Int) throws(RivuletError) -> [Int32] {
        var out = [Int32](repeating: 0, count: count)
        if count == 0 { return out }
        guard limit > 0 else { throw corruptPage("dictionary indices without a dictionary") }
        try out.withUnsafeMutableBufferPointer { (p: inout UnsafeMutableBufferPointer<Int32>) throws(RivuletError) in
            guard let base = p.baseAddress else { return }
            try decode(into: base, count: count, maxValue: UInt64(limit - 1))
        }
        return out
    }
}
