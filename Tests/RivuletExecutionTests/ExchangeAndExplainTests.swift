import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

@Suite("Exchange and explain")
struct ExchangeAndExplainTests {
    @Test func hashPartitioningIsCompleteAndKeyed() throws {
        let k = T.attr("k", .string), n = T.attr("n", .long)
        var rng = T.Rng(11)
        let rows: [[Value]] = (0..<4000).map { i in [rng.int(9) == 0 ? .null : .string("key\(rng.int(50))"), .long(Int64(i))] }
        let ctx = ExecutionContext(config: ExecutionConfig(shufflePartitions: 6, parallelism: 3))
        let source = LocalTableScanExec(output: [k, n], batches: [RecordBatch(schema: StructType([k.field, n.field]), rows: rows)], partitions: 4)
        #expect(source.partitionCount() == 4)
        let exchange = try ShuffleExchangeExec(.hash([.attribute(k)], 6), child: source)
        try exchange.prepare(ctx)
        #expect(exchange.partitionCount() == 6)
        var seen: [Int64] = []
        var partitionOfKey: [Value: Int] = [:]
        for p in 0..<6 {
            for b in try exchange.collect(partition: p, ctx) {
                for r in b.rows {
                    seen.append(r[1].int64Value ?? -1)
                    if let q = partitionOfKey[r[0]] { #expect(q == p, "key \(r[0]) in two partitions") }
                    partitionOfKey[r[0]] = p
                }
            }
        }
        #expect(seen.sorted() == (0..<4000).map { Int64($0) }, "every row exactly once")
        #expect(Set(partitionOfKey.values).count > 1, "keys spread over partitions")
        let single = try ShuffleExchangeExec(.single, child: source)
        try single.prepare(ctx)
        #expect(try single.collect(partition: 0, ctx).flatMap { $0.rows.map { $0[1] } } == rows.map { $0[1] }, "single partition keeps input order")
    }

    @Test func workerPoolRunsEveryTaskAndPropagatesErrors() throws {
        let pool = WorkerPool(parallelism: 4)
        #expect(try pool.map(100) { $0 * 2 } == (0..<100).map { $0 * 2 })
        let e = rivuletError { _ = try pool.map(50) { i throws(RivuletError) in if i == 17 { throw .execution("boom \(i)") }; return i } }
        #expect(e?.message == "boom 17")
    }

    @Test func wordCountPlanAndExplain() throws {
        // scan text -> explode(split(value, ' ')) -> count by word; split is a test kernel here
        // stand-in: the array column already exists in the source.
        let schema = StructType([StructField("words", .array(.string))])
        let lines: [[String]] = [["a", "b", "a"], ["c"], [], ["b", "a"]]
        let parts = lines.map { ws in [RecordBatch(schema: schema, rows: [[.array(ws.map { .string($0) })]])] }
        let source = TestScanSource(schema: schema, parts: parts)
        let words = T.attr("words", .array(.string))
        let word = T.attr("word", .string)
        let gen = GeneratorCall(name: "explode", arguments: [.attribute(words)], outer: false, elementSchema: [StructField("col", .string)])
        let count = AggregateCall(name: "count", arguments: [T.int(1)], dataType: .long, nullable: false)
        let countAlias = T.alias(.aggregateFunction(count), "count")
        let plan = LogicalPlan.aggregate(
            groupings: [.attribute(word)], aggregates: [.attribute(word), countAlias],
            .generate(GenerateNode(generator: gen, requiredChildOutput: [], generatorOutput: [word],
                                   child: .scan(ScanRelation(source: source, output: [words])))))
        for (shuffle, par) in [(1, 1), (4, 2)] {
            let out = try T.run(plan, shuffle: shuffle, parallelism: par)
            #expect(T.sorted(out) == [[.string("a"), .long(3)], [.string("b"), .long(2)], [.string("c"), .long(1)]])
        }
        let explain = try QueryEngine(config: ExecutionConfig(shufflePartitions: 4)).explainPhysical(plan)
        let w = "word#\(word.exprId.id)"
        let expected = """
            *(2) HashAggregate(keys=[\(w)], functions=[count(1)])
            +- Exchange hashpartitioning(\(w), 4), ENSURE_REQUIREMENTS
               +- *(1) HashAggregate(keys=[\(w)], functions=[partial_count(1)])
                  +- *(1) Generate explode(words#\(words.exprId.id)), [], false, [\(w)]
                     +- FileScan test [words#\(words.exprId.id)] Location: [memory], ReadSchema: struct<words:array<string>>
            """
        #expect(explain == expected)
        // batches carry the plan's output names
        let batches = try QueryEngine(config: ExecutionConfig(shufflePartitions: 2, parallelism: 2)).execute(plan)
        #expect(batches.allSatisfy { $0.schema.names == ["word", "count"] })
    }

    @Test func explainBranchesAndLimits() throws {
        let a = T.attr("a", .long), b = T.attr("b", .long)
        let l = T.local([a], [[.long(1)]]), r = T.local([b], [[.long(1)]])
        let join = LogicalPlan.join(JoinNode(left: l, right: r, joinType: .inner, condition: .binary(.equal, .attribute(a), .attribute(b))))
        let text = try QueryEngine(config: ExecutionConfig(shufflePartitions: 2)).explainPhysical(.limit(10, .sort([.sortOrder(.attribute(a), .ascending, .nullsFirst)], global: true, join)))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("TakeOrderedAndProject(limit=10, orderBy=[a#\(a.exprId.id)L ASC NULLS FIRST]"))
        #expect(lines.contains { $0.contains(":- Exchange hashpartitioning(a#\(a.exprId.id)L, 2)") })
        #expect(lines.contains { $0.contains("+- Exchange hashpartitioning(b#\(b.exprId.id)L, 2)") })
        #expect(lines.contains { $0.contains("ShuffledHashJoin [a#\(a.exprId.id)L], [b#\(b.exprId.id)L], Inner, BuildRight") })
    }
}
