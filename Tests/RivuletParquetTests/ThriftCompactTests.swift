import RivuletCore
import Testing

@testable import RivuletParquet

@Suite struct ThriftCompactTests {
    @Test func primitivesRoundTrip() throws {
        var w = ThriftCompactWriter()
        let ints: [Int64] = [0, 1, -1, 63, -64, 64, 1 << 40, -(1 << 40), .max, .min]
        for v in ints { w.writeI64(v) }
        w.writeI32(.max)
        w.writeI32(.min)
        w.writeI16(-300)
        w.writeI8(-5)
        w.writeDouble(-1.5e300)
        w.writeBinary([0, 255, 7])
        w.writeString("héllo ✓")
        w.writeBool(true)
        w.writeBool(false)
        var r = ThriftCompactReader(bytes: w.bytes)
        for v in ints { #expect(try r.readI64() == v) }
        #expect(try r.readI32() == .max)
        #expect(try r.readI32() == .min)
        #expect(try r.readI16() == -300)
        #expect(try r.readI8() == -5)
        #expect(try r.readDouble() == -1.5e300)
        #expect(try r.readBinary() == [0, 255, 7])
        #expect(try r.readString() == "héllo ✓")
        #expect(try r.readBool() == true)
        #expect(try r.readBool() == false)
        #expect(r.remaining == 0)
    }

    @Test func zigzagVarintBytesMatchTheSpec() {
        var w = ThriftCompactWriter()
        w.writeI32(0)
        w.writeI32(-1)
        w.writeI32(1)
        w.writeI32(-2)
        w.writeI32(300)  // zigzag 600 = 0xD8 0x04
        #expect(w.bytes == [0, 1, 2, 3, 0xD8, 0x04])
    }

    @Test func fieldHeadersUseDeltasAndLongForm() throws {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeI32Field(1, 7)  // delta 1
        w.writeBoolField(2, true)  // bool in the header
        w.writeBoolField(3, false)
        w.writeI64Field(40, 9)  // delta 37 > 15: long form
        w.writeStringField(41, "x")
        w.writeI32Field(5, -3)  // going backwards: long form
        w.endStruct()
        #expect(Array(w.bytes.prefix(4)) == [0x15, 14, 0x11, 0x12])
        var r = ThriftCompactReader(bytes: w.bytes)
        try r.beginStruct()
        var seen: [String] = []
        while let (id, type) = try r.readFieldHeader() {
            switch type {
            case .i32: seen.append("\(id):\(try r.readI32())")
            case .i64: seen.append("\(id):\(try r.readI64())")
            case .boolTrue, .boolFalse: seen.append("\(id):\(try r.readBool())")
            case .binary: seen.append("\(id):\(try r.readString())")
            default: Issue.record("unexpected type \(type)")
            }
        }
        r.endStruct()
        #expect(seen == ["1:7", "2:true", "3:false", "40:9", "41:x", "5:-3"])
        #expect(r.remaining == 0)
    }

    @Test func listsShortAndLong() throws {
        var w = ThriftCompactWriter()
        w.writeListHeader(.i32, count: 3)
        for v: Int32 in [1, -2, 3] { w.writeI32(v) }
        w.writeListHeader(.binary, count: 20)
        for i in 0..<20 { w.writeString("s\(i)") }
        var r = ThriftCompactReader(bytes: w.bytes)
        let a = try r.readList(of: .i32, field: "a") { (r: inout ThriftCompactReader) throws(RivuletError) in try r.readI32() }
        let b = try r.readList(of: .binary, field: "b") { (r: inout ThriftCompactReader) throws(RivuletError) in try r.readString() }
        #expect(a == [1, -2, 3])
        #expect(b == (0..<20).map { "s\($0)" })
    }

    /// A struct written with extra fields of every wire type is still read; the unknown ones are skipped.
    @Test func unknownFieldsAreSkipped() throws {
        var w = ThriftCompactWriter()
        w.beginStruct()
        w.writeI32Field(1, 42)  // KeyValue.key has the wrong type: must be reported...
        w.endStruct()
        #expect(throws: RivuletError.self) { _ = try KeyValue.decode(w.bytes) }

        var u = ThriftCompactWriter()
        u.beginStruct()
        u.writeStringField(1, "k")
        u.writeDoubleField(3, 2.5)
        u.writeBoolField(4, true)
        u.writeI8Field(5, 1)
        u.writeListField(6, .struct, count: 2)
        for _ in 0..<2 {
            u.beginStruct()
            u.writeI64Field(1, 5)
            u.beginStructField(2)
            u.writeBinaryField(1, [1, 2])
            u.endStruct()
            u.endStruct()
        }
        u.writeFieldHeader(7, .map)
        u.writeMapHeader(keyType: .binary, valueType: .i32, count: 2)
        u.writeString("a"); u.writeI32(1)
        u.writeString("b"); u.writeI32(2)
        u.writeListField(8, .boolTrue, count: 3)
        u.writeBool(true); u.writeBool(false); u.writeBool(true)
        u.writeStringField(2, "v")  // the known field after the unknown ones (long-form id)
        u.endStruct()
        let kv = try KeyValue.decode(u.bytes)
        #expect(kv == KeyValue(key: "k", value: "v"))
    }

    @Test func corruptInputThrowsNamingTheSource() {
        // Truncated binary: the length says 100 bytes, 2 are there.
        var r = ThriftCompactReader(bytes: [100, 1, 2], source: "f.parquet")
        do {
            _ = try r.readBinary()
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .io)
            #expect(error.message.contains("f.parquet"))
        }
        // A list claiming 2^31 elements cannot allocate: it is capped by the bytes left.
        var big = ThriftCompactWriter()
        big.writeListHeader(.i64, count: 1 << 31)
        var r2 = ThriftCompactReader(bytes: big.bytes, source: "g.parquet")
        #expect(throws: RivuletError.self) { _ = try r2.readListHeader() }
        // A varint that never ends.
        var r3 = ThriftCompactReader(bytes: [UInt8](repeating: 0xFF, count: 20))
        #expect(throws: RivuletError.self) { _ = try r3.readVarint() }
        // Deeply nested structs are refused, not recursed into without bound.
        var r4 = ThriftCompactReader(bytes: [UInt8](repeating: 0x1C, count: 10_000))
        #expect(throws: RivuletError.self) { try r4.skip(.struct) }
        // An i32 that does not fit.
        var w5 = ThriftCompactWriter()
        w5.writeI64(Int64(Int32.max) + 1)
        var r5 = ThriftCompactReader(bytes: w5.bytes)
        #expect(throws: RivuletError.self) { _ = try r5.readI32() }
        // Unknown field type nibble.
        var r6 = ThriftCompactReader(bytes: [0x1D])
        #expect(throws: RivuletError.self) { _ = try r6.readFieldHeader() }
    }

    @Test func readerRespectsItsRange() throws {
        var w = ThriftCompactWriter()
        w.writeI32(5)
        w.writeI32(6)
        var r = ThriftCompactReader(bytes: [9, 9] + w.bytes + [9], range: 2..<3)
        #expect(try r.readI32() == 5)
        #expect(throws: RivuletError.self) { _ = try r.readI32() }
    }
}
