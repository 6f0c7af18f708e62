import Foundation
import RivuletCore
import RivuletTestPeers
import Testing

@testable import RivuletParquet

/// Row-group skipping from statistics: never skips a group holding a matching row, and does
/// skip what the statistics exclude.
@Suite struct ReaderSkippingTests {
    static func fixture() throws -> (ParquetFileReader, [[String: Value]], String) {
        let dir = try ParquetFixtures.tempDir("skip")
        let path = dir + "/skip.parquet"
        try ParquetFixtures.run("skipping_fixture.py", [path])
        let reader = try ParquetFileReader(path: path)
        var groups: [[String: Value]] = []
        for g in 0..<reader.rowGroupCount {
            let b = try reader.readRowGroup(g, columns: nil)
            for i in 0..<b.numRows {
                var row: [String: Value] = [:]
                for (k, f) in b.schema.fields.enumerated() { row[f.name] = b.columns[k].value(at: i) }
                if case .struct(let s)? = row["s"] { row["s.x"] = s[0] }
                row["#group"] = .int(Int32(g))
                groups.append(row)
            }
        }
        return (reader, groups, dir)
    }

    /// Spark's comparison: NaN equals NaN and is above every other number.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        let an = a.doubleValue.map { $0.isNaN } ?? false, bn = b.doubleValue.map { $0.isNaN } ?? false
        if case .decimal = a {} else if an || bn { return an && bn ? 0 : (an ? 1 : -1) }
        return StatisticsEvaluator.order(a, b)
    }

    /// SQL three-valued evaluation of a predicate on one row (nil = unknown).
    static func eval(_ p: ParquetPredicate, _ row: [String: Value]) -> Bool? {
        func cmp(_ c: String, _ v: Value, _ test: (Int) -> Bool) -> Bool? {
            guard let x = row[c], !x.isNull, !v.isNull, let o = compare(x, v) else { return nil }
            return test(o)
        }
        switch p {
        case .equal(let c, let v): return cmp(c, v) { $0 == 0 }
        case .notEqual(let c, let v): return cmp(c, v) { $0 != 0 }
        case .lessThan(let c, let v): return cmp(c, v) { $0 < 0 }
        case .lessThanOrEqual(let c, let v): return cmp(c, v) { $0 <= 0 }
        case .greaterThan(let c, let v): return cmp(c, v) { $0 > 0 }
        case .greaterThanOrEqual(let c, let v): return cmp(c, v) { $0 >= 0 }
        case .in(let c, let vs):
            let r = vs.map { cmp(c, $0) { $0 == 0 } }
            return r.contains(true) ? true : (r.contains(nil) ? nil : false)
        case .isNull(let c): return row[c]?.isNull ?? true
        case .isNotNull(let c): return !(row[c]?.isNull ?? true)
        case .and(let a, let b):
            let x = eval(a, row), y = eval(b, row)
            if x == false || y == false { return false }
            return x == true && y == true ? true : nil
        case .or(let a, let b):
            let x = eval(a, row), y = eval(b, row)
            if x == true || y == true { return true }
            return x == false && y == false ? false : nil
        case .not(let a): return eval(a, row).map { !$0 }
        }
    }

    static func randomLeaf(_ rng: inout SeededGenerator) -> ParquetPredicate {
        let g = Int.random(in: -1...10, using: &rng), i = Int.random(in: 0..<50, using: &rng)
        let column = ["id", "name", "price", "day", "ts", "amount", "sparse", "flag", "s.x"].randomElement(using: &rng) ?? "id"
        let value: Value
        switch column {
        case "id", "s.x": value = .long(Int64(100 * g + i))
        case "name": value = .string(Bool.random(using: &rng) ? "g\(g)-\(i)" : "g\(g)")
        case "price": value = Int.random(in: 0..<8, using: &rng) == 0 ? .double(.nan) : .double(10.0 * Double(g) + Double(i) / 10)
        case "day": value = .date(Int32(1000 * g + i))
        case "ts": value = .timestamp(Int64(1_000_000_000 * g + i))
        case "amount": value = .decimal(DecimalValue(unscaled: Int128(100 * g + i), scale: 2))
        case "sparse": value = Int.random(in: 0..<10, using: &rng) == 0 ? .null : .int(Int32(i))
        default: value = .boolean(Bool.random(using: &rng))
        }
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return .equal(column, value)
        case 1: return .notEqual(column, value)
        case 2: return .lessThan(column, value)
        case 3: return .lessThanOrEqual(column, value)
        case 4: return .greaterThan(column, value)
        case 5: return .greaterThanOrEqual(column, value)
        case 6: return .isNull(column)
        case 7: return .isNotNull(column)
        default: return .in(column, [value, .long(Int64(Int.random(in: 0...999, using: &rng)))])
        }
    }

    static func randomPredicate(_ rng: inout SeededGenerator, depth: Int = 0) -> ParquetPredicate {
        guard depth < 2 else { return randomLeaf(&rng) }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return .and(randomPredicate(&rng, depth: depth + 1), randomPredicate(&rng, depth: depth + 1))
        case 1: return .or(randomPredicate(&rng, depth: depth + 1), randomPredicate(&rng, depth: depth + 1))
        case 2: return .not(randomPredicate(&rng, depth: depth + 1))
        default: return randomLeaf(&rng)
        }
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func neverSkipsAMatchingRowGroup() throws {
        let (reader, rows, dir) = try Self.fixture()
        defer { ParquetFixtures.remove(dir) }
        #expect(reader.rowGroupCount == 10)
        var rng = SeededGenerator(state: 42)
        var skipped = 0
        for _ in 0..<800 {
            let p = Self.randomPredicate(&rng)
            for g in 0..<reader.rowGroupCount {
                let matches = rows.contains { $0["#group"] == .int(Int32(g)) && Self.eval(p, $0) == true }
                let may = try reader.rowGroupMayMatch(g, p)
                if matches && !may { Issue.record("row group \(g) skipped although a row matches \(p)") }
                if !may { skipped += 1 }
            }
        }
        // The statistics must actually exclude groups, not just answer "maybe".
        #expect(skipped > 1500)
    }

    @Test(.enabled(if: TestPeers.enabled(.python)))
    func skipsExactlyWhatStatisticsExclude() throws {
        let (reader, _, dir) = try Self.fixture()
        defer { ParquetFixtures.remove(dir) }
        func groups(_ p: ParquetPredicate) throws -> [Int] {
            try (0..<reader.rowGroupCount).filter { try reader.rowGroupMayMatch($0, p) }
        }
        #expect(try groups(.equal("id", .long(120))) == [1])
        #expect(try groups(.equal("id", .int(120))) == [1])
        #expect(try groups(.equal("id", .long(170))) == [])  // between groups 1 (100...149) and 2 (200...249)
        #expect(try groups(.lessThan("id", .long(200))) == [0, 1])
        #expect(try groups(.greaterThanOrEqual("id", .long(949))) == [9])
        #expect(try groups(.equal("name", .string("g7-03"))) == [7])
        #expect(try groups(.greaterThan("name", .string("g8"))) == [8, 9])
        #expect(try groups(.equal("day", .date(5010))) == [5])
        #expect(try groups(.lessThan("ts", .timestamp(2_000_000_000))) == [0, 1])
        #expect(try groups(.equal("amount", .decimal(DecimalValue(unscaled: 612, scale: 2)))) == [6])
        #expect(try groups(.equal("amount", .decimal(DecimalValue(unscaled: 61200, scale: 4)))) == [6])
        #expect(try groups(.equal("s.x", .long(305))) == [3])
        #expect(try groups(.isNotNull("sparse")) == [0, 1, 2, 4, 5, 6, 7, 8, 9])
        #expect(try groups(.isNull("sparse")).count == 10)
        #expect(try groups(.equal("sparse", .int(3))) == [0, 1, 2, 4, 5, 6, 7, 8, 9])
        #expect(try groups(.equal("flag", .boolean(true))) == [0, 2, 4, 6, 8])
        // NaN is the largest double in Spark and float statistics leave it out: "> x" never skips.
        #expect(try groups(.greaterThan("price", .double(1000))).count == 10)
        #expect(try groups(.lessThan("price", .double(15))) == [0, 1])
        #expect(try groups(.equal("price", .double(.nan))).count == 10)
        #expect(try groups(.and(.greaterThanOrEqual("id", .long(300)), .lessThan("id", .long(500)))) == [3, 4])
        #expect(try groups(.or(.equal("id", .long(5)), .equal("name", .string("g9-00")))) == [0, 9])
        #expect(try groups(.not(.lessThan("id", .long(900)))) == [9])
        #expect(try groups(.in("id", [.long(1), .long(801)])) == [0, 8])
        // Unknown columns, lists and mismatched literal types never skip.
        #expect(try groups(.equal("nope", .long(1))).count == 10)
        #expect(try groups(.equal("tags", .long(1))).count == 10)
        #expect(try groups(.equal("id", .string("x"))).count == 10)

        let batches = try reader.read(columns: ["id"], predicate: .equal("name", .string("g2-10")))
        #expect(batches.count == 1)
        #expect(batches.first?.columns[0].value(at: 10) == .long(210))
    }
}
