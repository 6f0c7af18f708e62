import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

@Suite("Hash aggregation")
struct AggregationTests {
    let s = T.attr("s", .string)
    let g = T.attr("g", .integer)
    let v = T.attr("v", .long)
    let d = T.attr("d", .double)
    let b = T.attr("b", .boolean)

    func randomRows(_ n: Int, seed: UInt64) -> [[Value]] {
        var rng = T.Rng(seed)
        return (0..<n).map { _ in
            let sv: Value = rng.int(10) == 0 ? .null : .string("w\(rng.int(25))")
            let gv: Value = rng.int(8) == 0 ? .null : .int(Int32(rng.int(5)))
            let vv: Value = rng.int(6) == 0 ? .null : .long(Int64(rng.int(2000)) - 1000)
            let dv: Value = rng.int(7) == 0 ? .null : .double(Double(rng.int(100)) / 4)
            let bv: Value = rng.int(5) == 0 ? .null : .boolean(rng.int(3) == 0)
            return [sv, gv, vv, dv, bv]
        }
    }

    func call(_ name: String, _ args: [Expression], _ type: DataType, distinct: Bool = false) -> AggregateCall {
        AggregateCall(name: name, arguments: args, isDistinct: distinct, dataType: type, nullable: name != "count")
    }

    /// Aggregates under test with a naive reference implementation each.
    var cases: [(AggregateCall, ([[Value]]) -> Value)] {
        func col(_ rows: [[Value]], _ i: Int) -> [Value] { rows.map { $0[i] }.filter { !$0.isNull } }
        func ints(_ rows: [[Value]]) -> [Int64] { col(rows, 2).compactMap(\.int64Value) }
        func dbls(_ rows: [[Value]]) -> [Double] { col(rows, 3).compactMap(\.doubleValue) }
        func bools(_ rows: [[Value]]) -> [Bool] { col(rows, 4).compactMap(\.boolValue) }
        func variance(_ xs: [Double], sample: Bool) -> Value {
            let n = Double(xs.count)
            if xs.isEmpty || (sample && xs.count < 2) { return .null }
            let m = xs.reduce(0, +) / n
            return .double(xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (sample ? n - 1 : n))
        }
        return [
            (call("count", [T.int(1)], .long), { .long(Int64($0.count)) }),
            (call("count", [T.col(v)], .long), { .long(Int64(ints($0).count)) }),
            (call("sum", [T.col(v)], .long), { ints($0).isEmpty ? .null : .long(ints($0).reduce(0, +)) }),
            (call("avg", [T.col(v)], .double), { ints($0).isEmpty ? .null : .double(Double(ints($0).reduce(0, +)) / Double(ints($0).count)) }),
            (call("min", [T.col(v)], .long), { ints($0).min().map { .long($0) } ?? .null }),
            (call("max", [T.col(d)], .double), { dbls($0).max().map { .double($0) } ?? .null }),
            (call("min", [T.col(s)], .string), { rows in col(rows, 0).min { ValueOrdering.compare($0, $1) < 0 } ?? .null }),
            (call("max", [T.col(s)], .string), { rows in col(rows, 0).max { ValueOrdering.compare($0, $1) < 0 } ?? .null }),
            (call("sum", [T.col(d)], .double), { dbls($0).isEmpty ? .null : .double(dbls($0).reduce(0, +)) }),
            (call("stddev_samp", [T.col(d)], .double), { rows in
                if case .double(let x) = variance(dbls(rows), sample: true) { return .double(x.squareRoot()) }
                return .null
            }),
            (call("var_pop", [T.col(d)], .double), { variance(dbls($0), sample: false) }),
            (call("bool_and", [T.col(b)], .boolean), { bools($0).isEmpty ? .null : .boolean(bools($0).allSatisfy { $0 }) }),
            (call("bool_or", [T.col(b)], .boolean), { bools($0).isEmpty ? .null : .boolean(bools($0).contains(true)) }),
            (call("count_if", [T.col(b)], .long), { .long(Int64(bools($0).filter { $0 }.count)) }),
            (call("approx_count_distinct", [T.col(s)], .long), { .long(Int64(Set(col($0, 0)).count)) }),
            (call("collect_set", [T.col(g)], .array(.integer, containsNull: false)), { rows in
                .array(Array(Set(col(rows, 1))).sorted { ValueOrdering.compare($0, $1) < 0 })
            }),
        ]
    }

    /// Sorts array results (collect_set order is unspecified) and rounds doubles for comparison.
    func normalize(_ x: Value) -> Value {
        switch x {
        case .array(let items): return .array(items.sorted { ValueOrdering.compare($0, $1) < 0 })
        case .double(let y): return .double((y * 1e6).rounded() / 1e6)
        default: return x
        }
    }

    func reference(_ rows: [[Value]], keyIndices: [Int]) -> [[Value]] {
        var groups: [[Value]: [[Value]]] = [:]
        var order: [[Value]] = []
        for r in rows {
            let key = keyIndices.map { r[$0] }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        if keyIndices.isEmpty && rows.isEmpty { groups[[]] = []; order = [[]] }
        return order.map { key in key + cases.map { normalize($0.1(groups[key] ?? [])) } }
    }

    func plan(_ rows: [[Value]], keys: [AttributeReference]) -> LogicalPlan {
        let src = T.localChunks([s, g, v, d, b], rows, chunk: 97)
        let aggs = keys.map { Expression.attribute($0) } + cases.enumerated().map { i, c in T.alias(.aggregateFunction(c.0), "a\(i)") }
        return .aggregate(groupings: keys.map { .attribute($0) }, aggregates: aggs, src)
    }

    @Test(arguments: [(1, 1), (3, 1), (7, 4), (16, 2)])
    func matchesNaiveReference(shuffle: Int, parallelism: Int) throws {
        let rows = randomRows(3000, seed: 42)
        for (keys, idx) in [([s], [0]), ([g], [1]), ([s, g], [0, 1]), ([], [])] as [([AttributeReference], [Int])] {
            let out = try T.run(plan(rows, keys: keys), shuffle: shuffle, parallelism: parallelism)
                .map { r in r.map(normalize) }
            #expect(T.sorted(out) == T.sorted(reference(rows, keyIndices: idx)), "keys \(keys.map(\.name))")
        }
        // empty input: only the global aggregate yields a row
        #expect(try T.run(plan([], keys: [s]), shuffle: shuffle, parallelism: parallelism).isEmpty)
        #expect(try T.run(plan([], keys: []), shuffle: shuffle, parallelism: parallelism).map { $0.map(normalize) } == reference([], keyIndices: []))
    }

    @Test func distinctAggregatesAndExpressionKeys() throws {
        let rows = randomRows(1500, seed: 7)
        // SELECT g % 2 AS parity, count(DISTINCT s), sum(DISTINCT v), count(v) + 1 GROUP BY g % 2
        let parity = Expression.binary(.remainder, T.col(g), T.int(2))
        let cd = AggregateCall(name: "count", arguments: [T.col(s)], isDistinct: true, dataType: .long, nullable: false)
        let sd = AggregateCall(name: "sum", arguments: [T.col(v)], isDistinct: true, dataType: .long)
        let cv = AggregateCall(name: "count", arguments: [T.col(v)], dataType: .long, nullable: false)
        let p = LogicalPlan.aggregate(
            groupings: [parity],
            aggregates: [T.alias(parity, "parity"), T.alias(.aggregateFunction(cd), "cd"), T.alias(.aggregateFunction(sd), "sd"),
                         T.alias(.binary(.add, .aggregateFunction(cv), T.long(1)), "cv1")],
            T.localChunks([s, g, v, d, b], rows, chunk: 200))
        var expected: [[Value]] = []
        var byParity: [Value: [[Value]]] = [:]
        for r in rows { byParity[r[1].int64Value.map { .int(Int32($0 % 2)) } ?? .null, default: []].append(r) }
        for (key, rs) in byParity {
            let distinctS = Set(rs.map { $0[0] }.filter { !$0.isNull }).count
            let distinctV = Set(rs.compactMap { $0[2].int64Value })
            expected.append([key, .long(Int64(distinctS)), distinctV.isEmpty ? .null : .long(distinctV.reduce(0, +)),
                             .long(Int64(rs.filter { !$0[2].isNull }.count) + 1)])
        }
        for (shuffle, par) in [(1, 1), (5, 3)] {
            #expect(T.sorted(try T.run(p, shuffle: shuffle, parallelism: par)) == T.sorted(expected))
        }
    }

    @Test func firstLastAndCollectListKeepInputOrder() throws {
        let rows: [[Value]] = [[.null, .int(1)], [.string("x"), .int(1)], [.string("y"), .int(1)], [.null, .int(1)], [.string("z"), .int(2)]]
        let src = T.local([s, g], rows)
        func agg(_ name: String, ignoreNulls: Bool) -> Expression {
            T.alias(.aggregateFunction(AggregateCall(name: name, arguments: [T.col(s)], dataType: .string, ignoreNulls: ignoreNulls)), name)
        }
        let list = T.alias(.aggregateFunction(AggregateCall(name: "collect_list", arguments: [T.col(s)], dataType: .array(.string, containsNull: false))), "l")
        let p = LogicalPlan.aggregate(groupings: [T.col(g)], aggregates: [T.col(g), agg("first", ignoreNulls: false), agg("first", ignoreNulls: true),
                                                                       agg("last", ignoreNulls: false), agg("last", ignoreNulls: true), list], src)
        let out = T.sorted(try T.run(p, shuffle: 2, parallelism: 1))
        #expect(out == [[.int(1), .null, .string("x"), .null, .string("y"), .array([.string("x"), .string("y")])],
                        [.int(2), .string("z"), .string("z"), .string("z"), .string("z"), .array([.string("z")])]])
    }

    @Test func sumOverflowRaisesAnsiError() {
        let rows: [[Value]] = [[.long(Int64.max)], [.long(1)]]
        let p = LogicalPlan.aggregate(groupings: [], aggregates: [T.alias(.aggregateFunction(AggregateCall(name: "sum", arguments: [T.col(v)], dataType: .long)), "s")], T.local([v], rows))
        let e = rivuletError { _ = try T.run(p, parallelism: 1) }
        #expect(e?.errorClass == "ARITHMETIC_OVERFLOW")
    }

    @Test func decimalSumAndAverage() throws {
        let t = DataType.decimal(precision: 5, scale: 2)
        let x = T.attr("x", t)
        let rows: [[Value]] = [[.decimal(DecimalValue(unscaled: 101, scale: 2))], [.decimal(DecimalValue(unscaled: 202, scale: 2))], [.null]]
        let sum = AggregateCall(name: "sum", arguments: [T.col(x)], dataType: .decimal(precision: 15, scale: 2))
        let avg = AggregateCall(name: "avg", arguments: [T.col(x)], dataType: .decimal(precision: 9, scale: 6))
        let p = LogicalPlan.aggregate(groupings: [], aggregates: [T.alias(.aggregateFunction(sum), "s"), T.alias(.aggregateFunction(avg), "a")], T.localChunks([x], rows, chunk: 1))
        #expect(try T.run(p) == [[.decimal(DecimalValue(unscaled: 303, scale: 2)), .decimal(DecimalValue(unscaled: 1_515_000, scale: 6))]])
    }

    @Test func unknownAggregateIsClearError() {
        let p = LogicalPlan.aggregate(groupings: [], aggregates: [T.alias(.aggregateFunction(AggregateCall(name: "median_xyz", arguments: [T.col(v)], dataType: .long)), "m")], T.local([v], [[.long(1)]]))
        let e = rivuletError { _ = try T.run(p) }
        #expect(e?.code == .unsupportedOperation)
        #expect(e?.message.contains("median_xyz") == true)
    }
}
