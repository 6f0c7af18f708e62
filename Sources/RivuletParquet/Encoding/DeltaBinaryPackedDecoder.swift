import RivuletCore

/// Decoder of DELTA_BINARY_PACKED integers.
///
/// Layout: a header (block size, miniblocks per block, total value count, first value as a zigzag
/// varint), then blocks: a zigzag min delta, one bit width per miniblock, then the miniblocks'
/// bit-packed `delta - minDelta` values. Arithmetic wraps (the format relies on it for INT32 and
/// INT64 extremes).
struct DeltaBinaryPackedDecoder {
    private var cursor: DecoderCursor
    let blockSize: Int
    let miniBlocks: Int
    let valuesPerMini: Int
    /// Values the stream declares.
    let totalCount: Int
    private var produced = 0
    private var last: Int64
    private var minDelta: Int64 = 0
    private var widthsStart = 0
    private var miniIndex = 0
    private var inMini = 0
    private var miniLeft = 0
    private var width = 0
    private var bitPos = 0

    init(_ buf: UnsafeBufferPointer<UInt8>) throws(RivuletError) {
        cursor = DecoderCursor(buf)
        let bs = try cursor.uleb(), mb = try cursor.uleb(), total = try cursor.uleb()
        last = try cursor.zigzag()
        guard bs > 0, bs <= 1 << 20, bs % 128 == 0 else { throw corruptPage("DELTA_BINARY_PACKED block size \(bs)") }
        guard mb > 0, bs % mb == 0, (bs / mb) % 8 == 0 else { throw corruptPage("DELTA_BINARY_PACKED has \(mb) miniblocks per block of \(bs)") }
        guard total <= UInt64(Int32.max) else { throw corruptPage("DELTA_BINARY_PACKED declares \(total) values") }
        blockSize = Int(bs)
        miniBlocks = Int(mb)
        valuesPerMini = Int(bs / mb)
        totalCount = Int(total)
    }

    /// Bytes consumed once every declared value has been decoded.
    var position: Int { cursor.pos }

    /// Decodes the next `count` values.
    mutating func decode(count: Int) throws(RivuletError) -> [Int64] {
        guard count <= totalCount - produced else {
            throw corruptPage("DELTA_BINARY_PACKED holds \(totalCount) values, \(produced + count) needed")
        }
        var out = [Int64](repeating: 0, count: count)
        try out.withUnsafeMutableBufferPointer { (p: inout UnsafeMutableBufferPointer<Int64>) throws(RivuletError) in
            for i in 0..<count { p[i] = try next() }
        }
        return out
    }

    /// Decodes every remaining declared value.
    mutating func decodeAll() throws(RivuletError) -> [Int64] { try decode(count: totalCount - produced) }

    private mutating func next() throws(RivuletError) -> Int64 {
        if produced == 0 {
            produced = 1
            return last
        }
        if miniLeft == 0 { try startMiniblock() }
        let raw = readBits(cursor.buf, bitOffset: bitPos, width: width)
        bitPos += width
        miniLeft -= 1
        last = last &+ minDelta &+ Int64(bitPattern: raw)
        produced += 1
        return last
    }

    private mutating func startMiniblock() throws(RivuletError) {
        if miniIndex == 0 || miniIndex == miniBlocks {
            minDelta = try cursor.zigzag()
            widthsStart = cursor.pos
            _ = try cursor.take(miniBlocks)
            miniIndex = 0
        }
        width = Int(cursor.buf[widthsStart + miniIndex])
        guard width <= 64 else { throw corruptPage("DELTA_BINARY_PACKED bit width \(width)") }
        miniIndex += 1
        let needed = min(valuesPerMini, totalCount - produced)
        let neededBytes = (needed * width + 7) / 8
        guard neededBytes <= cursor.remaining else { throw corruptPage("DELTA_BINARY_PACKED miniblock is truncated") }
        bitPos = cursor.pos * 8
        // A full miniblock is stored even when its tail is padding; a writer may cut the last one.
        cursor.pos += min(valuesPerMini * width / 8, cursor.remaining)
        miniLeft = needed
        inMini = 0
    }
}
