import RivuletCore

/// Wire types of the Thrift compact protocol (the low nibble of a field header).
public enum ThriftType: UInt8, Sendable, CustomStringConvertible {
    case stop = 0
    case boolTrue = 1
    case boolFalse = 2
    case byte = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12

    /// Whether a value of this type is a boolean (either header form).
    public var isBool: Bool { self == .boolTrue || self == .boolFalse }

    /// The parquet.thrift name.
    public var description: String {
        switch self {
        case .stop: return "stop"
        case .boolTrue, .boolFalse: return "bool"
        case .byte: return "i8"
        case .i16: return "i16"
        case .i32: return "i32"
        case .i64: return "i64"
        case .double: return "double"
        case .binary: return "binary"
        case .list: return "list"
        case .set: return "set"
        case .map: return "map"
        case .struct: return "struct"
        }
    }
}

/// A bounds-checked reader of the Thrift compact protocol, as Parquet uses it for its footer
/// and page headers.
///
/// Every read checks the bytes left, every length and element count is capped by them, and
/// nesting is limited, so corrupt input throws a ``RivuletError`` naming ``source`` (usually the
/// file) and the byte offset instead of crashing, hanging or allocating without bound.
///
/// ```swift
/// var r = ThriftCompactReader(bytes: footer, source: "data.parquet")
/// let meta = try FileMetaData.read(from: &r)
/// ```
public struct ThriftCompactReader: Sendable {
    /// The buffer being read (shared, not copied).
    public let bytes: [UInt8]
    /// The next byte to read.
    public private(set) var position: Int
    /// One past the last readable byte.
    public let end: Int
    /// What the bytes are (a file name), for error messages.
    public let source: String

    private var lastFieldId: Int16 = 0
    private var fieldIdStack: [Int16] = []
    private var pendingBool: Bool?
    /// Deepest struct/list nesting accepted; Parquet metadata needs fewer than 10 levels.
    public static let maxDepth = 64

    /// Reads `bytes[range]` (the whole buffer when `range` is nil).
    public init(bytes: [UInt8], range: Range<Int>? = nil, source: String = "Thrift data") {
        self.bytes = bytes
        let r = range ?? 0..<bytes.count
        self.position = max(0, min(r.lowerBound, bytes.count))
        self.end = max(position, min(r.upperBound, bytes.count))
        self.source = source
    }

    /// Bytes left to read.
    public var remaining: Int { end - position }

    /// A corrupt-data error naming the source and the current offset.
    public func corrupt(_ what: String) -> RivuletError {
        .io("Corrupt Parquet metadata in '\(source)': \(what) (at byte \(position))")
    }

    // MARK: primitives

    /// One raw byte.
    public mutating func readByte() throws(RivuletError) -> UInt8 {
        guard position < end else { throw corrupt("unexpected end of data") }
        let b = bytes[position]
        position += 1
        return b
    }

    /// An unsigned LEB128 varint of at most 64 bits.
    public mutating func readVarint() throws(RivuletError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 63 && b > 1 { throw corrupt("varint overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw corrupt("varint longer than 10 bytes") }
        }
    }

    /// A zigzag varint as a signed 64-bit value.
    public mutating func readZigzag() throws(RivuletError) -> Int64 {
        let u = try readVarint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    /// An `i8` (one byte, two's complement).
    public mutating func readI8() throws(RivuletError) -> Int8 { Int8(bitPattern: try readByte()) }

    /// An `i16` (zigzag varint), range-checked.
    public mutating func readI16() throws(RivuletError) -> Int16 {
        let v = try readZigzag()
        guard let r = Int16(exactly: v) else { throw corrupt("i16 value \(v) out of range") }
        return r
    }

    /// An `i32` (zigzag varint), range-checked.
    public mutating func readI32() throws(RivuletError) -> Int32 {
        let v = try readZigzag()
        guard let r = Int32(exactly: v) else { throw corrupt("i32 value \(v) out of range") }
        return r
    }

    /// An `i64` (zigzag varint).
    public mutating func readI64() throws(RivuletError) -> Int64 { try readZigzag() }

    /// A `double` (8 bytes little-endian).
    public mutating func readDouble() throws(RivuletError) -> Double {
        guard remaining >= 8 else { throw corrupt("unexpected end of data in a double") }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(bytes[position + k]) << UInt64(8 * k) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// A `bool`: the value carried in the preceding field header, or one byte inside a list.
    public mutating func readBool() throws(RivuletError) -> Bool {
        if let b = pendingBool {
            pendingBool = nil
            return b
        }
        switch try readByte() {
        case 1: return true
        case 0, 2: return false
        case let b: throw corrupt("invalid bool byte \(b)")
        }
    }

    /// A `binary`: varint length then bytes; the length is capped by the bytes left.
    public mutating func readBinary() throws(RivuletError) -> [UInt8] {
        let r = try readBinaryRange()
        return Array(bytes[r])
    }

    /// Like ``readBinary()`` but returns where the bytes are instead of copying them.
    public mutating func readBinaryRange() throws(RivuletError) -> Range<Int> {
        let n = try readVarint()
        guard n <= UInt64(remaining) else { throw corrupt("binary length \(n) exceeds the \(remaining) bytes left") }
        let start = position
        position += Int(n)
        return start..<position
    }

    /// A `string` (binary decoded as UTF-8; invalid sequences are repaired).
    public mutating func readString() throws(RivuletError) -> String {
        let r = try readBinaryRange()
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    // MARK: structs

    /// Enters a struct: field-id deltas restart from zero.
    public mutating func beginStruct() throws(RivuletError) {
        guard fieldIdStack.count < Self.maxDepth else { throw corrupt("structs nested deeper than \(Self.maxDepth) levels") }
        fieldIdStack.append(lastFieldId)
        lastFieldId = 0
    }

    /// Leaves a struct (after its stop field was read).
    public mutating func endStruct() {
        lastFieldId = fieldIdStack.popLast() ?? 0
    }

    /// The next field header, or nil at the struct's stop byte. A boolean field's value is kept
    /// for the next ``readBool()``.
    public mutating func readFieldHeader() throws(RivuletError) -> (id: Int16, type: ThriftType)? {
        let b = try readByte()
        if b == 0 { return nil }
        guard let type = ThriftType(rawValue: b & 0x0F), type != .stop else {
            throw corrupt("unknown Thrift field type \(b & 0x0F)")
        }
        let delta = Int16(b >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = lastFieldId.addingReportingOverflow(delta)
            guard !overflow else { throw corrupt("field id overflows i16") }
            id = sum
        }
        lastFieldId = id
        pendingBool = type.isBool ? (type == .boolTrue) : nil
        return (id, type)
    }

    /// A list or set header: element type and count; the count is capped by the bytes left
    /// (every element takes at least one byte).
    public mutating func readListHeader() throws(RivuletError) -> (elementType: ThriftType, count: Int) {
        let b = try readByte()
        var n = UInt64(b >> 4)
        if n == 15 { n = try readVarint() }
        guard let t = ThriftType(rawValue: b & 0x0F), t != .stop else { throw corrupt("unknown Thrift list element type \(b & 0x0F)") }
        guard n <= UInt64(remaining) else { throw corrupt("list of \(n) elements exceeds the \(remaining) bytes left") }
        return (t, Int(n))
    }

    /// A map header: count, key and value types (count capped by the bytes left).
    public mutating func readMapHeader() throws(RivuletError) -> (keyType: ThriftType, valueType: ThriftType, count: Int) {
        let n = try readVarint()
        if n == 0 { return (.stop, .stop, 0) }
        guard n <= UInt64(remaining) else { throw corrupt("map of \(n) entries exceeds the \(remaining) bytes left") }
        let b = try readByte()
        guard let k = ThriftType(rawValue: b >> 4), let v = ThriftType(rawValue: b & 0x0F), k != .stop, v != .stop else {
            throw corrupt("unknown Thrift map types \(b)")
        }
        return (k, v, Int(n))
    }

    /// Checks a field's wire type, for readers of known fields.
    public func expect(_ type: ThriftType, _ expected: ThriftType, field: String) throws(RivuletError) {
        let ok = expected.isBool ? type.isBool : (type == expected || (expected == .list && type == .set))
        guard ok else { throw corrupt("field \(field) has Thrift type \(type), expected \(expected)") }
    }

    /// Skips one value of `type` (unknown fields, unused structs), depth-limited.
    public mutating func skip(_ type: ThriftType) throws(RivuletError) {
        try skip(type, depth: 0)
    }

    private mutating func skip(_ type: ThriftType, depth: Int) throws(RivuletError) {
        guard depth < Self.maxDepth else { throw corrupt("values nested deeper than \(Self.maxDepth) levels") }
        switch type {
        case .stop: throw corrupt("unexpected stop type")
        case .boolTrue, .boolFalse: _ = try readBool()
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw corrupt("unexpected end of data in a double") }
            position += 8
        case .binary: _ = try readBinaryRange()
        case .list, .set:
            let (t, n) = try readListHeader()
            for _ in 0..<n { try skip(t, depth: depth + 1) }
        case .map:
            let (k, v, n) = try readMapHeader()
            for _ in 0..<n {
                try skip(k, depth: depth + 1)
                try skip(v, depth: depth + 1)
            }
        case .struct:
            try beginStruct()
            while let (_, t) = try readFieldHeader() { try skip(t, depth: depth + 1) }
            endStruct()
        }
    }

    /// Reads a list of `T` with `element` applied to each value after checking the element type.
    public mutating func readList<T>(
        of expected: ThriftType, field: String, _ element: (inout ThriftCompactReader) throws(RivuletError) -> T
    ) throws(RivuletError) -> [T] {
        let (t, n) = try readListHeader()
        if n > 0 { try expect(t, expected, field: field + " element") }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try element(&self)) }
        return out
    }

    /// Reads a struct: calls `field` for each field header; `field` returns false to have the
    /// field skipped (unknown ids, mismatched types are reported by `field` itself).
    public mutating func readStruct(
        _ field: (inout ThriftCompactReader, Int16, ThriftType) throws(RivuletError) -> Bool
    ) throws(RivuletError) {
        try beginStruct()
        while let (id, type) = try readFieldHeader() {
            if try !field(&self, id, type) { try skip(type) }
        }
        endStruct()
    }

    /// An error for a required field that was absent.
    public func missing(_ field: String, in structName: String) -> RivuletError {
        corrupt("required field \(structName).\(field) is missing")
    }
}
