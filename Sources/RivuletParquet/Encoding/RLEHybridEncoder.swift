/// The RLE / bit-packing hybrid encoding of Parquet: definition and repetition levels, dictionary
/// indices (and RLE booleans).
///
/// Values are buffered in groups of eight. A value repeated at least eight times from a group
/// boundary becomes an RLE run (`varint(count << 1)` then the value in `ceil(bitWidth / 8)` bytes);
/// everything else is bit-packed in runs of up to 63 groups (`varint(groups << 1 | 1)` then
/// `bitWidth` bytes per group). No length prefix is written; v1 data pages add one for levels.
///
/// ```swift
/// var e = RLEHybridEncoder(bitWidth: 1)
/// for _ in 0..<100 { e.put(1) }
/// e.finish()   // [200, 1]: one run of 100 ones
/// ```
struct RLEHybridEncoder {
    /// Bits per value (0 ... 32).
    let bitWidth: Int
    private var out: [UInt8] = []
    private var buffered = [UInt32](repeating: 0, count: 8)
    private var numBuffered = 0
    private var previous: UInt32 = 0
    private var repeatCount = 0
    private var groupsInRun = 0
    /// Index of the reserved header byte of the open bit-packed run, or -1.
    private var runHeader = -1
    /// Number of values put since the last ``finish()``.
    private(set) var count = 0

    init(bitWidth: Int) {
        self.bitWidth = bitWidth
    }

    /// An upper estimate of the encoded size so far, in bytes.
    var estimatedSize: Int { out.count + (repeatCount >= 8 ? 6 : (numBuffered * bitWidth + 7) / 8 + 1) }

    /// Appends one value (must fit in ``bitWidth`` bits).
    mutating func put(_ value: UInt32) {
        count += 1
        if value == previous {
            repeatCount += 1
            // Inside an RLE run nothing is buffered; the run is written when it ends.
            if repeatCount >= 8 { return }
        } else {
            if repeatCount >= 8 { writeRLERun() }
            repeatCount = 1
            previous = value
        }
        buffered[numBuffered] = value
        numBuffered += 1
        if numBuffered == 8 { packBuffered() }
    }

    /// Appends `n` copies of `value` (fast for long runs such as the levels of a column without nulls).
    mutating func put(_ value: UInt32, repeating n: Int) {
        var remaining = n
        while remaining > 0 {
            if repeatCount >= 8 && value == previous {
                repeatCount += remaining
                count += remaining
                return
            }
            put(value)
            remaining -= 1
        }
    }

    /// The encoded bytes; resets the encoder for the next page.
    mutating func finish() -> [UInt8] {
        if repeatCount >= 8 {
            writeRLERun()
        } else if numBuffered > 0 {
            for k in numBuffered..<8 { buffered[k] = 0 }
            numBuffered = 8
            packBuffered()
            endBitPackedRun()
        } else {
            endBitPackedRun()
        }
        let result = out
        out = []
        out.reserveCapacity(result.count)
        numBuffered = 0
        previous = 0
        repeatCount = 0
        count = 0
        return result
    }

    private mutating func packBuffered() {
        if groupsInRun >= 63 { endBitPackedRun() }
        if runHeader < 0 {
            runHeader = out.count
            out.append(0)
        }
        buffered.withUnsafeBufferPointer { p in
            if let base = p.baseAddress { BitPacking.packGroup(base, bitWidth: bitWidth, into: &out) }
        }
        numBuffered = 0
        repeatCount = 0
        groupsInRun += 1
    }

    private mutating func endBitPackedRun() {
        guard runHeader >= 0 else { return }
        out[runHeader] = UInt8(groupsInRun << 1 | 1)
        runHeader = -1
        groupsInRun = 0
    }

    private mutating func writeRLERun() {
        endBitPackedRun()
        out.appendULEB128(UInt64(repeatCount) << 1)
        var v = previous
        for _ in 0..<(bitWidth + 7) / 8 {
            out.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
        repeatCount = 0
        numBuffered = 0
    }
}
