/// Bit widths and the LSB-first bit packing shared by the RLE/bit-packed hybrid encoder (levels,
/// dictionary indices) and PLAIN booleans.
enum BitPacking {
    /// The number of bits needed to store every value in `0...maxValue` (0 for 0).
    static func bitWidth(forMax maxValue: UInt64) -> Int {
        maxValue == 0 ? 0 : 64 - maxValue.leadingZeroBitCount
    }

    /// Packs eight values of `bitWidth` bits each, least significant bit first, appending exactly
    /// `bitWidth` bytes to `out` (values wider than `bitWidth` are masked).
    static func packGroup(_ values: UnsafePointer<UInt32>, bitWidth: Int, into out: inout [UInt8]) {
        guard bitWidth > 0 else { return }
        let mask: UInt64 = bitWidth >= 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        var acc: UInt64 = 0
        var bits = 0
        for k in 0..<8 {
            acc |= (UInt64(values[k]) & mask) << UInt64(bits)
            bits += bitWidth
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
    }
}

/// Appends booleans one bit each, LSB first (the PLAIN encoding of BOOLEAN), across calls.
struct BitWriter {
    /// Completed bytes.
    private(set) var bytes: [UInt8] = []
    private var current: UInt8 = 0
    private var bitCount = 0

    /// Number of bits written.
    var count: Int { bytes.count * 8 + bitCount }

    /// Appends one bit.
    mutating func append(_ bit: Bool) {
        if bit { current |= 1 << UInt8(bitCount) }
        bitCount += 1
        if bitCount == 8 {
            bytes.append(current)
            current = 0
            bitCount = 0
        }
    }

    /// The bytes with the last partial byte zero-padded; resets the writer.
    mutating func finish() -> [UInt8] {
        var out = bytes
        if bitCount > 0 { out.append(current) }
        bytes = []
        current = 0
        bitCount = 0
        return out
    }
}
