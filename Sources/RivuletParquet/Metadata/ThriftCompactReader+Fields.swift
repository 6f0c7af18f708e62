import RivuletCore

// Typed field readers used by the metadata structs: each checks the wire type first so a field
// with the right id but the wrong type is reported, never misread.
extension ThriftCompactReader {
    /// An `i32` field's value.
    public mutating func i32(_ type: ThriftType, _ field: String) throws(RivuletError) -> Int32 {
        try expect(type, .i32, field: field)
        return try readI32()
    }

    /// An `i64` field's value.
    public mutating func i64(_ type: ThriftType, _ field: String) throws(RivuletError) -> Int64 {
        try expect(type, .i64, field: field)
        return try readI64()
    }

    /// An `i16` field's value.
    public mutating func i16(_ type: ThriftType, _ field: String) throws(RivuletError) -> Int16 {
        try expect(type, .i16, field: field)
        return try readI16()
    }

    /// An `i8` field's value.
    public mutating func i8(_ type: ThriftType, _ field: String) throws(RivuletError) -> Int8 {
        try expect(type, .byte, field: field)
        return try readI8()
    }

    /// A `bool` field's value.
    public mutating func bool(_ type: ThriftType, _ field: String) throws(RivuletError) -> Bool {
        try expect(type, .boolTrue, field: field)
        return try readBool()
    }

    /// A `binary` field's value.
    public mutating func binary(_ type: ThriftType, _ field: String) throws(RivuletError) -> [UInt8] {
        try expect(type, .binary, field: field)
        return try readBinary()
    }

    /// A `string` field's value.
    public mutating func string(_ type: ThriftType, _ field: String) throws(RivuletError) -> String {
        try expect(type, .binary, field: field)
        return try readString()
    }

    /// A struct field's value.
    public mutating func structValue<T: ThriftCodable>(_ type: ThriftType, _ field: String, as: T.Type = T.self) throws(RivuletError) -> T {
        try expect(type, .struct, field: field)
        return try T.read(from: &self)
    }

    /// A `list<struct>` field's value.
    public mutating func structList<T: ThriftCodable>(_ type: ThriftType, _ field: String, as: T.Type = T.self) throws(RivuletError) -> [T] {
        try expect(type, .list, field: field)
        return try readList(of: .struct, field: field) { (r: inout ThriftCompactReader) throws(RivuletError) -> T in try T.read(from: &r) }
    }

    /// A `list<i32>` field's value.
    public mutating func i32List(_ type: ThriftType, _ field: String) throws(RivuletError) -> [Int32] {
        try expect(type, .list, field: field)
        return try readList(of: .i32, field: field) { (r: inout ThriftCompactReader) throws(RivuletError) -> Int32 in try r.readI32() }
    }

    /// A `list<i64>` field's value.
    public mutating func i64List(_ type: ThriftType, _ field: String) throws(RivuletError) -> [Int64] {
        try expect(type, .list, field: field)
        return try readList(of: .i64, field: field) { (r: inout ThriftCompactReader) throws(RivuletError) -> Int64 in try r.readI64() }
    }

    /// A `list<string>` field's value.
    public mutating func stringList(_ type: ThriftType, _ field: String) throws(RivuletError) -> [String] {
        try expect(type, .list, field: field)
        return try readList(of: .binary, field: field) { (r: inout ThriftCompactReader) throws(RivuletError) -> String in try r.readString() }
    }

    /// Returns `value` or throws that the required field is missing.
    public func required<T>(_ value: T?, _ field: String, in structName: String) throws(RivuletError) -> T {
        guard let value else { throw missing(field, in: structName) }
        return value
    }
}
