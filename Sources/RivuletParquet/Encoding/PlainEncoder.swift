import RivuletCore

/// A fixed-width Parquet physical value (INT32, INT64, FLOAT, DOUBLE) as the writer holds it.
///
/// PLAIN encoding is the value's little-endian bytes, so runs of values are copied in bulk.
protocol ParquetFixedWidthValue: Sendable {
    /// The value's bits, for hashing and equality in dictionaries (floats by bit pattern, so `-0.0`
    /// and `0.0` stay distinct entries as Parquet requires).
    var dictionaryBits: UInt64 { get }
    /// Whether `self` sorts before `other` in the column's statistics order (signed for integers,
    /// numeric for floats; NaN never reaches this).
    func statisticsLess(than other: Self) -> Bool
    /// True for a floating-point NaN, which statistics skip.
    var isNaN: Bool { get }
    /// The form written as a statistics minimum (a zero minimum is written as `-0.0`).
    var statisticsMinForm: Self { get }
    /// The form written as a statistics maximum (a zero maximum is written as `+0.0`).
    var statisticsMaxForm: Self { get }
}

extension ParquetFixedWidthValue where Self: FixedWidthInteger {
    var isNaN: Bool { false }
    var statisticsMinForm: Self { self }
    var statisticsMaxForm: Self { self }
}

extension ParquetFixedWidthValue where Self: BinaryFloatingPoint {
    var statisticsMinForm: Self { self == 0 ? -0.0 : self }
    var statisticsMaxForm: Self { self == 0 ? 0.0 : self }
}

extension Int32: ParquetFixedWidthValue {
    var dictionaryBits: UInt64 { UInt64(UInt32(bitPattern: self)) }
    func statisticsLess(than other: Int32) -> Bool { self < other }
}

extension Int64: ParquetFixedWidthValue {
    var dictionaryBits: UInt64 { UInt64(bitPattern: self) }
    func statisticsLess(than other: Int64) -> Bool { self < other }
}

extension Float: ParquetFixedWidthValue {
    var dictionaryBits: UInt64 { UInt64(bitPattern) }
    func statisticsLess(than other: Float) -> Bool { self < other }
}

extension Double: ParquetFixedWidthValue {
    var dictionaryBits: UInt64 { bitPattern }
    func statisticsLess(than other: Double) -> Bool { self < other }
}

/// PLAIN encoding of value runs into a page buffer.
enum PlainEncoder {
    /// Appends `values[range]` (contiguous) as PLAIN.
    static func appendFixedWidth<T: ParquetFixedWidthValue>(_ values: [T], range: Range<Int>, to out: inout [UInt8]) {
        guard !range.isEmpty else { return }
        values.withUnsafeBufferPointer { p in
            out.appendRawBytes(of: UnsafeBufferPointer(rebasing: p[range]))
        }
    }

    /// Appends `values[i]` for each `i` in `indices` as PLAIN.
    static func appendFixedWidth<T: ParquetFixedWidthValue>(_ values: [T], indices: ArraySlice<Int32>, to out: inout [UInt8]) {
        guard !indices.isEmpty else { return }
        let n = indices.count
        let gathered = values.withUnsafeBufferPointer { src in
            [T](unsafeUninitializedCapacity: n) { dst, initialized in
                var k = 0
                for i in indices {
                    dst.initializeElement(at: k, to: src[Int(i)])
                    k += 1
                }
                initialized = n
            }
        }
        gathered.withUnsafeBufferPointer { out.appendRawBytes(of: $0) }
    }

    /// Appends one BYTE_ARRAY value: 4-byte little-endian length, then the bytes.
    static func appendByteArray(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.appendLittleEndian(UInt32(truncatingIfNeeded: bytes.count))
        out.append(contentsOf: bytes)
    }

    /// Appends the BYTE_ARRAY values `values[range]` (a run of consecutive values).
    static func appendByteArrays(_ values: ByteArrayView, range: Range<Int>, to out: inout [UInt8]) {
        guard !range.isEmpty else { return }
        let dataBytes = values.byteRange(range).count
        out.reserve(adding: dataBytes + (values.fixedWidth == nil ? 4 * range.count : 0))
        values.data.withUnsafeBytes { data in
            if values.fixedWidth != nil {
                // FIXED_LEN_BYTE_ARRAY: the values back to back, no lengths.
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[values.byteRange(range)]))
                return
            }
            for i in range {
                let r = values.range(at: i)
                out.appendLittleEndian(UInt32(truncatingIfNeeded: r.count))
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[r]))
            }
        }
    }

    /// Appends the BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY values at `indices`.
    static func appendByteArrays(_ values: ByteArrayView, indices: ArraySlice<Int32>, to out: inout [UInt8]) {
        values.data.withUnsafeBytes { data in
            for i in indices {
                let r = values.range(at: Int(i))
                if values.fixedWidth == nil { out.appendLittleEndian(UInt32(truncatingIfNeeded: r.count)) }
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[r]))
            }
        }
    }
}

/// Variable-length (BYTE_ARRAY) or fixed-length (FIXED_LEN_BYTE_ARRAY) values in one buffer.
struct ByteArrayView: Sendable {
    /// All values' bytes back to back.
    var data: [UInt8]
    /// `count + 1` offsets into ``data`` for variable-length values; empty for fixed-length ones.
    var offsets: [Int32]
    /// The width of every value for FIXED_LEN_BYTE_ARRAY, else nil.
    var fixedWidth: Int?

    /// Variable-length values of a string/binary column.
    init(_ array: ByteArray) {
        data = array.data
        offsets = array.offsets
        fixedWidth = nil
    }

    /// Fixed-length values of `width` bytes each.
    init(fixed data: [UInt8], width: Int) {
        self.data = data
        self.offsets = []
        self.fixedWidth = width
    }

    /// The byte range of value `i`.
    @inline(__always) func range(at i: Int) -> Range<Int> {
        if let w = fixedWidth { return i * w..<(i + 1) * w }
        return Int(offsets[i])..<Int(offsets[i + 1])
    }

    /// The byte range spanned by the consecutive values `r` (non-empty).
    func byteRange(_ r: Range<Int>) -> Range<Int> {
        if let w = fixedWidth { return r.lowerBound * w..<r.upperBound * w }
        return Int(offsets[r.lowerBound])..<Int(offsets[r.upperBound])
    }
}
