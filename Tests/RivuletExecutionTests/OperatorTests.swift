import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

@Suite("Physical operators")
struct OperatorTests {
    let k = T.attr("k", .string)
    let v = T.attr("v", .integer)

    @Test func projectFilterOverLocalRelation() throws {
        let rows: [[Value]] = (0..<5000).map { i in [.string("k\(i % 7)"), i % 11 == 0 ? .null : .int(Int32(i))] }
        let plan = LogicalPlan.project(
            [T.col(k), T.alias(.binary(.multiply, T.col(v), T.int(2)), "v2")],
            .filter(.binary(.greaterThan, T.col(v), T.int(4000)), T.local([k, v], rows)))
        let out = try T.run(plan)
        let expected = rows.compactMap { r -> [Value]? in
            guard case .int(let x) = r[1], x > 4000 else { return nil }
            return [r[0], .int(x * 2)]
        }
        #expect(out == expected, "local scan partitions concatenate in input order")
    }

    @Test func emptyInputs() throws {
        let empty = T.local([k, v], [])
        #expect(try T.run(.filter(T.bool(true), empty)).isEmpty)
        #expect(try T.run(.sort([.sortOrder(T.col(v), .ascending, .nullsFirst)], global: true, empty)).isEmpty)
        #expect(try T.run(.aggregate(groupings: [T.col(k)], aggregates: [T.col(k)], empty)).isEmpty)
        // A global aggregate over no rows is one row: count 0, sum null.
        let count = AggregateCall(name: "count", arguments: [T.int(1)], dataType: .long, nullable: false)
        let sum = AggregateCall(name: "sum", arguments: [T.col(v)], dataType: .long)
        let agg = LogicalPlan.aggregate(groupings: [], aggregates: [T.alias(.aggregateFunction(count), "c"), T.alias(.aggregateFunction(sum), "s")], empty)
        #expect(try T.run(agg) == [[.long(0), .null]])
        #expect(try T.run(agg, parallelism: 1) == [[.long(0), .null]])
        #expect(try T.run(.join(JoinNode(left: empty, right: empty, joinType: .fullOuter, condition: .binary(.equal, T.col(v), T.col(v))))).isEmpty)
    }

    @Test func rangeLimitOffsetUnion() throws {
        let r = LogicalPlan.range(RangeRelation(start: 0, end: 10, step: 3, numPartitions: 2))
        #expect(try T.run(r) == [[.long(0)], [.long(3)], [.long(6)], [.long(9)]])
        let neg = LogicalPlan.range(RangeRelation(start: 5, end: -5, step: -4, numPartitions: 3))
        #expect(try T.run(neg) == [[.long(5)], [.long(1)], [.long(-3)]])
        let big = LogicalPlan.range(RangeRelation(start: 0, end: 100_000, step: 1, numPartitions: 4))
        #expect(try T.run(.limit(5, big), batchSize: 1000).count == 5)
        let id = T.attr("id", .long, nullable: false)
        let r2 = RangeRelation(start: 0, end: 20, step: 1, numPartitions: 3, output: id)
        let ordered = LogicalPlan.sort([.sortOrder(T.col(id), .descending, .nullsLast)], global: true, .range(r2))
        #expect(try T.run(.limit(3, ordered)) == [[.long(19)], [.long(18)], [.long(17)]])
        #expect(try T.run(.limit(2, .offset(15, ordered))) == [[.long(4)], [.long(3)]])
        #expect(try T.run(.offset(18, ordered)) == [[.long(1)], [.long(0)]])
        let u = LogicalPlan.union([.range(r2), .range(RangeRelation(start: 100, end: 102, step: 1, numPartitions: 1))], byName: false, allowMissingColumns: false)
        #expect(try T.run(u).count == 22)
        #expect(try T.run(.limit(0, .range(r2))).isEmpty)
    }

    @Test func sortOrderRules() throws {
        let d = T.attr("d", .double), tag = T.attr("tag", .integer)
        let rows: [[Value]] = [
            [.double(1), .int(0)], [.null, .int(1)], [.double(.nan), .int(2)], [.double(-0.0), .int(3)],
            [.double(0.0), .int(4)], [.double(-.infinity), .int(5)], [.double(1), .int(6)], [.null, .int(7)],
        ]
        let plan = { (dir: SortDirection, nulls: NullOrdering) in
            LogicalPlan.sort([.sortOrder(T.col(d), dir, nulls)], global: true, T.localChunks([d, tag], rows, chunk: 3))
        }
        let asc = try T.run(plan(.ascending, .nullsFirst)).map { $0[1] }
        // nulls first (stable: 1 before 7), -inf, -0.0 = 0.0 (stable), 1 (stable), NaN largest
        #expect(asc == [1, 7, 5, 3, 4, 0, 6, 2].map { Value.int($0) })
        let desc = try T.run(plan(.descending, .nullsLast)).map { $0[1] }
        #expect(desc == [2, 0, 6, 3, 4, 5, 1, 7].map { Value.int($0) })
        let ascLast = try T.run(plan(.ascending, .nullsLast)).map { $0[1] }
        #expect(ascLast == [5, 3, 4, 0, 6, 2, 1, 7].map { Value.int($0) })
        // multi-key: string asc, then int desc
        let s = T.attr("s", .string), n = T.attr("n", .integer)
        let srows: [[Value]] = [[.string("b"), .int(1)], [.string("a"), .int(1)], [.string("b"), .int(2)], [.string("é"), .int(0)], [.string("z"), .int(0)]]
        let multi = LogicalPlan.sort([.sortOrder(T.col(s), .ascending, .nullsFirst), .sortOrder(T.col(n), .descending, .nullsLast)], global: true, T.local([s, n], srows))
        #expect(try T.run(multi) == [[.string("a"), .int(1)], [.string("b"), .int(2)], [.string("b"), .int(1)], [.string("z"), .int(0)], [.string("é"), .int(0)]])
    }

    @Test func generateVariants() throws {
        let arr = T.attr("arr", .array(.string)), id = T.attr("id", .integer)
        let rows: [[Value]] = [
            [.int(1), .array([.string("a"), .string("b")])], [.int(2), .null], [.int(3), .array([])],
            [.int(4), .array([.string("c"), .null])],
        ]
        let src = T.local([id, arr], rows)
        func gen(_ name: String, outer: Bool, schema: [StructField], keep: Bool) -> LogicalPlan {
            let call = GeneratorCall(name: name, arguments: [T.col(arr)], outer: outer, elementSchema: schema)
            let outs = schema.map { T.attr($0.name, $0.dataType) }
            return .generate(GenerateNode(generator: call, requiredChildOutput: keep ? [id] : [], generatorOutput: outs, child: src))
        }
        let col = [StructField("col", .string)]
        #expect(try T.run(gen("explode", outer: false, schema: col, keep: true))
                == [[.int(1), .string("a")], [.int(1), .string("b")], [.int(4), .string("c")], [.int(4), .null]])
        #expect(try T.run(gen("explode", outer: false, schema: col, keep: false)) == [[.string("a")], [.string("b")], [.string("c")], [.null]])
        #expect(try T.run(gen("explode_outer", outer: true, schema: col, keep: true))
                == [[.int(1), .string("a")], [.int(1), .string("b")], [.int(2), .null], [.int(3), .null], [.int(4), .string("c")], [.int(4), .null]])
        let pos = [StructField("pos", .integer), StructField("col", .string)]
        #expect(try T.run(gen("posexplode", outer: false, schema: pos, keep: false))
                == [[.int(0), .string("a")], [.int(1), .string("b")], [.int(0), .string("c")], [.int(1), .null]])
        #expect(try T.run(gen("posexplode_outer", outer: true, schema: pos, keep: true)).count == 6)
        #expect(try T.run(gen("posexplode_outer", outer: true, schema: pos, keep: true))[2] == [.int(2), .null, .null])
        // maps
        let m = T.attr("m", .map(.string, .integer))
        let mrows: [[Value]] = [[.map([MapEntry(.string("x"), .int(1)), MapEntry(.string("y"), .int(2))])], [.null]]
        let call = GeneratorCall(name: "explode", arguments: [T.col(m)], outer: false, elementSchema: [StructField("key", .string), StructField("value", .integer)])
        let g = LogicalPlan.generate(GenerateNode(generator: call, requiredChildOutput: [], generatorOutput: [T.attr("key", .string), T.attr("value", .integer)], child: T.local([m], mrows)))
        #expect(try T.run(g) == [[.string("x"), .int(1)], [.string("y"), .int(2)]])
        // inline: array of structs
        let st = StructType([StructField("a", .integer), StructField("b", .string)])
        let sa = T.attr("sa", .array(.struct(st)))
        let irows: [[Value]] = [[.array([.struct([.int(1), .string("p")]), .struct([.int(2), .string("q")])])]]
        let icall = GeneratorCall(name: "inline", arguments: [T.col(sa)], outer: false, elementSchema: st.fields)
        let ig = LogicalPlan.generate(GenerateNode(generator: icall, requiredChildOutput: [], generatorOutput: [T.attr("a", .integer), T.attr("b", .string)], child: T.local([sa], irows)))
        #expect(try T.run(ig) == [[.int(1), .string("p")], [.int(2), .string("q")]])
    }

    @Test func scanSourceStreamsPartitions() throws {
        let schema = StructType([StructField("value", .string), StructField("n", .integer)])
        let parts: [[RecordBatch]] = (0..<5).map { p in
            (0..<3).map { b in RecordBatch(schema: schema, rows: (0..<4).map { i in [.string("p\(p)b\(b)r\(i)"), .int(Int32(p * 100 + b * 10 + i))] }) }
        }
        let source = TestScanSource(schema: schema, parts: parts)
        let value = T.attr("value", .string)
        let scan = LogicalPlan.scan(ScanRelation(source: source, output: [value], requiredColumns: [0]))
        let out = try T.run(scan, parallelism: 3)
        #expect(out.count == 60)
        #expect(out.first == [.string("p0b0r0")])
        #expect(out.last == [.string("p4b2r3")])
        let explain = try QueryEngine(config: ExecutionConfig()).explainPhysical(scan)
        #expect(explain.hasPrefix("FileScan test [value#\(value.exprId.id)] Location: [memory], ReadSchema: struct<value:string>"))
    }

    @Test func distinctDeduplicateAndSetOperations() throws {
        let rows: [[Value]] = [[.string("a"), .int(1)], [.string("a"), .int(2)], [.string("b"), .int(1)], [.string("a"), .int(1)], [.null, .int(3)], [.null, .int(3)]]
        let src = T.localChunks([k, v], rows, chunk: 2)
        #expect(T.sorted(try T.run(.distinct(src))) == T.sorted([[.string("a"), .int(1)], [.string("a"), .int(2)], [.string("b"), .int(1)], [.null, .int(3)]]))
        // first row per key, in input order
        #expect(T.sorted(try T.run(.deduplicate(keys: [T.col(k)], src), shuffle: 4)) == T.sorted([[.string("a"), .int(1)], [.string("b"), .int(1)], [.null, .int(3)]]))
        let k2 = T.attr("k2", .string), v2 = T.attr("v2", .integer)
        let other = T.local([k2, v2], [[.string("a"), .int(1)], [.string("a"), .int(1)], [.null, .int(3)], [.string("c"), .int(9)]])
        #expect(T.sorted(try T.run(.intersect(src, other, all: false))) == T.sorted([[.string("a"), .int(1)], [.null, .int(3)]]))
        #expect(T.sorted(try T.run(.intersect(src, other, all: true))) == T.sorted([[.string("a"), .int(1)], [.string("a"), .int(1)], [.null, .int(3)]]))
        #expect(T.sorted(try T.run(.except(src, other, all: false))) == T.sorted([[.string("a"), .int(2)], [.string("b"), .int(1)]]))
        #expect(T.sorted(try T.run(.except(src, other, all: true))) == T.sorted([[.string("a"), .int(2)], [.string("b"), .int(1)], [.null, .int(3)]]))
    }

    @Test func oneRowRelationAndErrorsSurface() throws {
        #expect(try T.run(.project([T.alias(.binary(.add, T.int(1), T.int(2)), "x")], .oneRow)) == [[.int(3)]])
        let e = rivuletError { _ = try T.run(.project([T.alias(.binary(.divide, T.col(v), T.int(0)), "x")], T.local([k, v], [[.string("a"), .int(1)]]))) }
        #expect(e?.errorClass == "DIVIDE_BY_ZERO")
    }
}
