import Testing
@testable import RivuletCore

/// Schema-directed decoding; expectations from `scripts/golden/check_io.py` (json_types, from_json).
@Suite struct JSONDecoderTests {
    func decode(_ json: String, _ ddl: String) -> JSONSchemaDecoder.RecordResult {
        let schema = (try? StructType.fromDDL(ddl)) ?? StructType()
        var s = json
        return s.withUTF8 { JSONSchemaDecoder(type: .struct(schema)).decodeRecord($0) }
    }

    @Test func convertsLikeSparksJSONReader() {
        let ddl = "i INT, l LONG, d DOUBLE, dec DECIMAL(5,2), ts TIMESTAMP, dt DATE, b BOOLEAN, f DOUBLE"
        guard case .rows(let rows, let mismatch) = decode(#"{"i":"5","l":5,"d":"1.5","dec":1.25,"ts":"2024-01-01T00:00:00.000Z","dt":"2024-01-02","b":"true","f":1}"#, ddl) else {
            Issue.record("expected rows"); return
        }
        #expect(mismatch)   // "5" for INT, "1.5" for DOUBLE, "true" for BOOLEAN do not convert
        #expect(rows == [[.null, .long(5), .null, .decimal(DecimalValue(unscaled: 125, scale: 2)),
                          .timestamp(DateTimeUtils.micros(year: 2024, month: 1, day: 1)), .date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 2))), .null, .double(1)]])
        guard case .rows(let rows2, _) = decode(#"{"i":1.5,"ts":"2024-01-01 10:00:00","dt":"2024-01-02T00:00:00"}"#, ddl) else { Issue.record("rows"); return }
        #expect(rows2[0][0] == .null)
        #expect(rows2[0][4] == .timestamp(DateTimeUtils.micros(year: 2024, month: 1, day: 1, hour: 10)))
        #expect(rows2[0][5] == .date(Int32(DateTimeUtils.daysFromCivil(2024, 1, 2))))
    }

    @Test func nestedTypesAndStringFallback() {
        guard case .rows(let rows, let mismatch) = decode(#"{"s":{"x":[1,{"y":2}]},"a":[{"k":1},{"k":null}],"m":{"p":1.5,"q":"NaN"},"n":1.50,"big":2147483648}"#,
                                                          "s STRING, a ARRAY<STRUCT<k:INT>>, m MAP<STRING,DOUBLE>, n STRING, big INT") else { Issue.record("rows"); return }
        #expect(mismatch)
        let r = rows[0]
        #expect(r[0] == .string(#"{"x":[1,{"y":2}]}"#))
        #expect(r[1] == .array([.struct([.int(1)]), .struct([.null])]))
        if case .map(let entries) = r[2] {
            #expect(entries[0] == MapEntry(.string("p"), .double(1.5)))
            #expect(entries[1].value.doubleValue?.isNaN == true)
        } else { Issue.record("map") }
        #expect(r[3] == .string("1.50"))
        #expect(r[4] == .null)   // int overflow
    }

    @Test func fieldNamesAreCaseSensitiveAndTopLevelArraysGiveRows() {
        guard case .rows(let rows, _) = decode(#"[{"a":1},{"A":2},{"a":3}]"#, "a INT") else { Issue.record("rows"); return }
        #expect(rows == [[.int(1)], [.null], [.int(3)]])
        if case .empty = decode("   ", "a INT") {} else { Issue.record("blank line is empty") }
        if case .malformed = decode(#"{"a":"#, "a INT") {} else { Issue.record("truncated is malformed") }
        if case .malformed = decode("[1,2]", "a INT") {} else { Issue.record("array of ints is malformed") }
        if case .malformed = decode("5", "a INT") {} else { Issue.record("scalar is malformed") }
        if case .rows(let r, _) = decode(#"{"a":1} trailing"#, "a INT") { #expect(r == [[.int(1)]]) } else { Issue.record("trailing ignored") }
    }

    @Test func decodeValueForArraysAndMaps() throws {
        var s = #"[1,2,"x"]"#
        let arr = try s.withUTF8 { (b) throws(RivuletError) in try JSONSchemaDecoder(type: .array(.integer)).decodeValue(b) }
        #expect(arr == nil)
        var m = #"{"k":1,"j":2}"#
        let map = try m.withUTF8 { (b) throws(RivuletError) in try JSONSchemaDecoder(type: .map(.string, .integer)).decodeValue(b) }
        #expect(map == .map([MapEntry(.string("k"), .int(1)), MapEntry(.string("j"), .int(2))]))
    }
}
