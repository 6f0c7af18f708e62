import RivuletCore

/// A deterministic table covering every type the writer supports: extremes, nulls, empty
/// strings, unicode, NaN / infinities / signed zeros, and nested arrays, structs and maps.
enum WriterTestTable {
    static let schema: StructType = {
        let inner = StructType([
            StructField("a", .integer), StructField("b", .string), StructField("c", .array(.double)),
        ])
        let deepElement = StructType([
            StructField("x", .long), StructField("y", .map(.string, .array(.integer))),
        ])
        return StructType([
            StructField("b", .boolean),
            StructField("i8", .byte),
            StructField("i16", .short),
            StructField("i32", .integer),
            StructField("i64", .long),
            StructField("f32", .float),
            StructField("f64", .double),
            StructField("dec9", .decimal(precision: 9, scale: 2)),
            StructField("dec18", .decimal(precision: 18, scale: 4)),
            StructField("dec38", .decimal(precision: 38, scale: 10)),
            StructField("s", .string),
            StructField("bin", .binary),
            StructField("d", .date),
            StructField("ts", .timestamp),
            StructField("ym", .yearMonthInterval),
            StructField("dt", .dayTimeInterval),
            StructField("nn", .long, nullable: false),
            StructField("lowcard", .string),
            StructField("slow", .long),
            StructField("arr", .array(.integer)),
            StructField("arrs", .array(.string, containsNull: false)),
            StructField("st", .struct(inner)),
            StructField("m", .map(.string, .integer)),
            StructField("deep", .array(.struct(deepElement))),
            StructField("aa", .array(.array(.integer))),
            StructField("v", .null),
        ])
    }()

    /// Indices of the top-level atomic columns (whose statistics the tests recompute).
    static var flatColumns: [Int] { schema.fields.indices.filter { schema[$0].dataType.isAtomic } }

    static func dec(_ unscaled: Int128, _ scale: Int) -> Value { .decimal(DecimalValue(unscaled: unscaled, scale: scale)) }

    /// Rows with the extreme and special values, then `randomRows` generated ones.
    static func rows(randomRows: Int, seed: UInt64 = 42) -> [[Value]] {
        let p38 = DecimalValue.pow10(38) - 1
        var rows: [[Value]] = [
            [.boolean(true), .byte(.min), .short(.min), .int(.min), .long(.min), .float(-.infinity), .double(-.infinity),
             dec(-999_999_999, 2), dec(-999_999_999_999_999_999, 4), dec(-p38, 10), .string(""), .binary([]),
             .date(-719_162), .timestamp(-62_135_596_800_000_000), .yearMonthInterval(.min), .dayTimeInterval(.min),
             .long(0), .string("a"), .long(0), .array([]), .array([]), .struct([.int(.min), .string(""), .array([])]),
             .map([]), .array([]), .array([.array([])]), .null],
            [.boolean(false), .byte(.max), .short(.max), .int(.max), .long(.max), .float(.infinity), .double(.infinity),
             dec(999_999_999, 2), dec(999_999_999_999_999_999, 4), dec(p38, 10), .string("héllo wörld 🌊 日本語"),
             .binary([0, 255, 128, 1]), .date(2_932_896), .timestamp(253_402_300_799_999_999), .yearMonthInterval(.max),
             .dayTimeInterval(.max), .long(.max), .string("b"), .long(0),
             .array([.int(.max), .null, .int(.min)]), .array([.string(""), .string("ünïcode")]),
             .struct([.null, .null, .null]), .map([MapEntry(.string("k"), .null), MapEntry(.string(""), .int(0))]),
             .array([.null, .struct([.null, .null]), .struct([.long(1), .map([MapEntry(.string("e"), .array([]))])])]),
             .array([.null, .array([.null]), .array([.int(7), .int(8)])]), .null],
            [.null, .null, .null, .null, .null, .float(.nan), .double(.nan), .null, .null, .null, .null, .null, .null,
             .null, .null, .null, .long(.min), .null, .long(0), .null, .null, .null, .null, .null, .null, .null],
            [.boolean(true), .byte(0), .short(0), .int(0), .long(0), .float(-0.0), .double(-0.0), dec(0, 2), dec(0, 4),
             dec(0, 10), .string(String(repeating: "long string ✓ ", count: 80)), .binary([UInt8](repeating: 7, count: 300)),
             .date(0), .timestamp(0), .yearMonthInterval(0), .dayTimeInterval(0), .long(-1), .string("c"), .long(0),
             .array([.null]), .array([]), .struct([.int(1), .string("x"), .array([.double(.nan), .null, .double(-0.0)])]),
             .map([MapEntry(.string("a"), .int(1))]), .array([.struct([.long(.max), .null])]), .null, .null],
            [.boolean(false), .byte(-1), .short(-1), .int(-1), .long(-1), .float(0.0), .double(0.0), dec(-1, 2), dec(-1, 4),
             dec(-1, 10), .string("\u{0}\u{1}\"\\\n"), .binary([0]), .date(-1), .timestamp(-1), .yearMonthInterval(-1),
             .dayTimeInterval(-1), .long(1), .string("a"), .long(0), .array([.int(1)]), .array([.string("z")]),
             .struct([.int(2), .null, .null]), .map([MapEntry(.string("z"), .int(-5)), MapEntry(.string("y"), .null)]),
             .null, .array([]), .null],
        ]
        var rng = SplitMix(seed: seed)
        let words = ["alpha", "beta", "gamma", "δέλτα", "", "εψιλον 🚀", "zeta"]
        for r in 0..<randomRows {
            func maybe(_ v: @autoclosure () -> Value) -> Value { rng.next() % 10 == 0 ? .null : v() }
            func smallArray<T>(_ n: Int, _ make: () -> T) -> [T] { (0..<n).map { _ in make() } }
            let row: [Value] = [
                maybe(.boolean(rng.next() & 1 == 0)),
                maybe(.byte(Int8(truncatingIfNeeded: rng.next()))),
                maybe(.short(Int16(truncatingIfNeeded: rng.next()))),
                maybe(.int(Int32(truncatingIfNeeded: rng.next()))),
                maybe(.long(Int64(bitPattern: rng.next()))),
                maybe(.float(Float(Int32(truncatingIfNeeded: rng.next())) / 1024)),
                maybe(.double(Double(Int64(bitPattern: rng.next())) / 1e6)),
                maybe(dec(Int128(Int64(bitPattern: rng.next()) % 1_000_000_000), 2)),
                maybe(dec(Int128(Int64(bitPattern: rng.next()) % 1_000_000_000_000_000_000), 4)),
                maybe(dec(Int128(Int64(bitPattern: rng.next())) * Int128(Int64(bitPattern: rng.next())), 10)),
                maybe(.string(words[Int(rng.next() % 7)] + String(rng.next() % 1000))),
                maybe(.binary(smallArray(Int(rng.next() % 6)) { UInt8(truncatingIfNeeded: rng.next()) })),
                maybe(.date(Int32(Int64(bitPattern: rng.next()) % 100_000))),
                maybe(.timestamp(Int64(bitPattern: rng.next()) % 4_000_000_000_000_000)),
                maybe(.yearMonthInterval(Int32(truncatingIfNeeded: rng.next()))),
                maybe(.dayTimeInterval(Int64(bitPattern: rng.next()))),
                .long(Int64(r)),
                maybe(.string(words[Int(rng.next() % 3)])),
                .long(Int64(r / 50)),
                maybe(.array(smallArray(Int(rng.next() % 4)) { maybe(.int(Int32(truncatingIfNeeded: rng.next() % 100))) })),
                maybe(.array(smallArray(Int(rng.next() % 3)) { .string(words[Int(rng.next() % 7)]) })),
                maybe(.struct([maybe(.int(Int32(r))), maybe(.string(words[r % 7])),
                               maybe(.array(smallArray(Int(rng.next() % 3)) { maybe(.double(Double(rng.next() % 1000) / 8)) }))])),
                maybe(.map(smallArray(Int(rng.next() % 3)) {
                    MapEntry(.string("k" + String(rng.next() % 50)), maybe(.int(Int32(truncatingIfNeeded: rng.next()))))
                })),
                maybe(.array(smallArray(Int(rng.next() % 3)) {
                    maybe(.struct([maybe(.long(Int64(r))),
                                   maybe(.map([MapEntry(.string(words[r % 7]), maybe(.array([.int(Int32(r)), .null])))]))]))
                })),
                maybe(.array(smallArray(Int(rng.next() % 3)) { maybe(.array(smallArray(Int(rng.next() % 3)) { .int(Int32(r)) })) })),
                .null,
            ]
            rows.append(row)
        }
        return rows
    }

    /// The table as `parts` batches (so files are written from several batches).
    static func batches(randomRows: Int, parts: Int) -> [RecordBatch] {
        let all = rows(randomRows: randomRows)
        let size = (all.count + parts - 1) / parts
        return stride(from: 0, to: all.count, by: size).map {
            RecordBatch(schema: schema, rows: Array(all[$0..<min(all.count, $0 + size)]))
        }
    }
}

/// A small deterministic random generator (splitmix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
