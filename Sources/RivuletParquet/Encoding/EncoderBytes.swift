// Little byte-appending helpers the Parquet encoders share.

extension Array where Element == UInt8 {
    /// Appends `value` as little-endian bytes (Parquet's byte order for PLAIN values and lengths).
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends an unsigned LEB128 varint (RLE run headers).
    mutating func appendULEB128(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(truncatingIfNeeded: v))
    }

    /// Appends the raw bytes of a buffer of trivial values (little-endian hosts: their PLAIN form).
    mutating func appendRawBytes<T>(of values: UnsafeBufferPointer<T>) {
        append(contentsOf: UnsafeRawBufferPointer(values))
    }

    /// Overwrites four bytes at `index` with `value` little-endian (length prefixes patched later).
    mutating func storeLittleEndian(_ value: UInt32, at index: Int) {
        self[index] = UInt8(truncatingIfNeeded: value)
        self[index + 1] = UInt8(truncatingIfNeeded: value >> 8)
        self[index + 2] = UInt8(truncatingIfNeeded: value >> 16)
        self[index + 3] = UInt8(truncatingIfNeeded: value >> 24)
    }
}

#if _endian(big)
#error("RivuletParquet's encoders copy values with their in-memory byte order and assume a little-endian host")
#endif
