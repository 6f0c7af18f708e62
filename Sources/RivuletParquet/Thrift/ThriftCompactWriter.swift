import RivuletCore

/// A writer of the Thrift compact protocol, as Parquet uses it for its footer and page headers.
///
/// Fields are written in the order the caller gives them; ids should increase within a struct so
/// the short delta form is used.
///
/// ```swift
/// var w = ThriftCompactWriter()
/// meta.write(to: &w)
/// file.append(contentsOf: w.bytes)
/// ```
public struct ThriftCompactWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    private var lastFieldId: Int16 = 0
    private var fieldIdStack: [Int16] = []

    /// An empty writer.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: primitives

    /// One raw byte.
    public mutating func writeByte(_ b: UInt8) { bytes.append(b) }

    /// An unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A signed value as a zigzag varint.
    public mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// An `i8`.
    public mutating func writeI8(_ v: Int8) { bytes.append(UInt8(bitPattern: v)) }
    /// An `i16`.
    public mutating func writeI16(_ v: Int16) { writeZigzag(Int64(v)) }
    /// An `i32`.
    public mutating func writeI32(_ v: Int32) { writeZigzag(Int64(v)) }
    /// An `i64`.
    public mutating func writeI64(_ v: Int64) { writeZigzag(v) }

    /// A `double` (8 bytes little-endian).
    public mutating func writeDouble(_ v: Double) {
        let bits = v.bitPattern
        for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * k))) }
    }

    /// A `bool` outside a field header (a list element): 1 for true, 2 for false.
    public mutating func writeBool(_ v: Bool) { bytes.append(v ? 1 : 2) }

    /// A `binary`: varint length then the bytes.
    public mutating func writeBinary<C: Collection>(_ data: C) where C.Element == UInt8 {
        writeVarint(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    /// A `string` as UTF-8 binary.
    public mutating func writeString(_ s: String) { writeBinary(Array(s.utf8)) }

    // MARK: structure

    /// A field header for field `id` of wire type `type` (use ``writeBoolField(_:_:)`` for bools).
    public mutating func writeFieldHeader(_ id: Int16, _ type: ThriftType) {
        let delta = Int(id) - Int(lastFieldId)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeI16(id)
        }
        lastFieldId = id
    }

    /// Enters a struct (a list element or the top level): field-id deltas restart from zero.
    public mutating func beginStruct() {
        fieldIdStack.append(lastFieldId)
        lastFieldId = 0
    }

    /// Writes the stop byte and leaves the struct.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldId = fieldIdStack.popLast() ?? 0
    }

    /// A list or set header.
    public mutating func writeListHeader(_ elementType: ThriftType, count: Int) {
        let t = elementType == .boolFalse ? ThriftType.boolTrue.rawValue : elementType.rawValue
        if count < 15 {
            bytes.append(UInt8(count) << 4 | t)
        } else {
            bytes.append(0xF0 | t)
            writeVarint(UInt64(count))
        }
    }

    /// A map header.
    public mutating func writeMapHeader(keyType: ThriftType, valueType: ThriftType, count: Int) {
        writeVarint(UInt64(count))
        if count > 0 { bytes.append(keyType.rawValue << 4 | valueType.rawValue) }
    }

    // MARK: fields

    /// A bool field (the value lives in the header).
    public mutating func writeBoolField(_ id: Int16, _ v: Bool) { writeFieldHeader(id, v ? .boolTrue : .boolFalse) }
    /// An `i8` field.
    public mutating func writeI8Field(_ id: Int16, _ v: Int8) { writeFieldHeader(id, .byte); writeI8(v) }
    /// An `i16` field.
    public mutating func writeI16Field(_ id: Int16, _ v: Int16) { writeFieldHeader(id, .i16); writeI16(v) }
    /// An `i32` field.
    public mutating func writeI32Field(_ id: Int16, _ v: Int32) { writeFieldHeader(id, .i32); writeI32(v) }
    /// An `i64` field.
    public mutating func writeI64Field(_ id: Int16, _ v: Int64) { writeFieldHeader(id, .i64); writeI64(v) }
    /// A `double` field.
    public mutating func writeDoubleField(_ id: Int16, _ v: Double) { writeFieldHeader(id, .double); writeDouble(v) }
    /// A `binary` field.
    public mutating func writeBinaryField(_ id: Int16, _ v: [UInt8]) { writeFieldHeader(id, .binary); writeBinary(v) }
    /// A `string` field.
    public mutating func writeStringField(_ id: Int16, _ v: String) { writeFieldHeader(id, .binary); writeString(v) }

    /// A struct field: header, then ``beginStruct()``; close it with ``endStruct()``.
    public mutating func beginStructField(_ id: Int16) {
        writeFieldHeader(id, .struct)
        beginStruct()
    }

    /// A list field's header; then write `count` elements of `elementType`.
    public mutating func writeListField(_ id: Int16, _ elementType: ThriftType, count: Int) {
        writeFieldHeader(id, .list)
        writeListHeader(elementType, count: count)
    }
}

/// A Thrift struct of parquet.thrift that can be read and written in the compact protocol.
public protocol ThriftCodable: Sendable {
    /// Reads one struct (its fields up to and including the stop byte).
    static func read(from reader: inout ThriftCompactReader) throws(RivuletError) -> Self
    /// Writes the struct's fields and the stop byte.
    func write(to writer: inout ThriftCompactWriter)
}

extension ThriftCompactWriter {
    /// A struct field holding `value`.
    public mutating func writeStructField<T: ThriftCodable>(_ id: Int16, _ value: T) {
        writeFieldHeader(id, .struct)
        value.write(to: &self)
    }

    /// A list field of structs.
    public mutating func writeStructListField<T: ThriftCodable>(_ id: Int16, _ values: [T]) {
        writeListField(id, .struct, count: values.count)
        for v in values { v.write(to: &self) }
    }

    /// A list field of i32 values.
    public mutating func writeI32ListField(_ id: Int16, _ values: [Int32]) {
        writeListField(id, .i32, count: values.count)
        for v in values { writeI32(v) }
    }

    /// A list field of i64 values.
    public mutating func writeI64ListField(_ id: Int16, _ values: [Int64]) {
        writeListField(id, .i64, count: values.count)
        for v in values { writeI64(v) }
    }

    /// A list field of strings.
    public mutating func writeStringListField(_ id: Int16, _ values: [String]) {
        writeListField(id, .binary, count: values.count)
        for v in values { writeString(v) }
    }

    /// Serializes one struct on its own (a page header, the footer).
    public static func serialize<T: ThriftCodable>(_ value: T) -> [UInt8] {
        var w = ThriftCompactWriter()
        value.write(to: &w)
        return w.bytes
    }
}

extension ThriftCodable {
    /// Decodes one struct from `bytes`, naming `source` in errors.
    public static func decode(_ bytes: [UInt8], source: String = "Thrift data") throws(RivuletError) -> Self {
        var r = ThriftCompactReader(bytes: bytes, source: source)
        return try read(from: &r)
    }
}
