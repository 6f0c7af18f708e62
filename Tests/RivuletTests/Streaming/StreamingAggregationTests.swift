import Foundation
import Testing
import Rivulet

/// End-to-end micro-batch queries through the public API.
@Suite struct StreamingAggregationTests {
    func lines(_ spark: SparkSession) throws -> (MemoryStream, DataFrame) {
        let input = MemoryStream(schema: try StructType.fromDDL("value STRING"))
        return (input, try input.toDF(spark))
    }

    @Test func wordCountInCompleteModeAcrossBatches() throws {
        let spark = makeSession()
        let (input, df) = try lines(spark)
        #expect(df.isStreaming)
        let counts = try df.select(explode(split(col("value"), " ")).alias("word")).groupBy("word").count()
        let q = try counts.writeStream.format("memory").queryName("wc").outputMode(.complete).start()
        defer { q.stop() }
        _ = input.addData([[.string("a b a")], [.string("c")]])
        try q.processAllAvailable()
        #expect(rendered(try spark.sql("SELECT * FROM wc ORDER BY word").collect()) == [["a", "2"], ["b", "1"], ["c", "1"]])
        _ = input.addData([[.string("a d")]])
        try q.processAllAvailable()
        #expect(rendered(try spark.sql("SELECT * FROM wc ORDER BY word").collect()) == [["a", "3"], ["b", "1"], ["c", "1"], ["d", "1"]])
        let progress = try #require(q.lastProgress)
        #expect(progress.numInputRows == 1)
        #expect(progress.batchId == 1)
        #expect(progress.stateOperators.first?.numRowsTotal == 4)
        #expect(q.recentProgress.count == 2)
        #expect(progress.json.contains("\"numInputRows\":1"))
        #expect(progress.prettyJson.contains("\"batchId\" : 1"))
        #expect(q.isActive)
    }

    @Test func updateModeEmitsOnlyChangedGroups() throws {
        let spark = makeSession()
        let (input, df) = try lines(spark)
        let seen = BatchLog()
        let counts = try df.groupBy("value").agg(count("*").alias("n"), max(length(col("value"))).alias("len"))
        let q = try counts.writeStream.outputMode("update").foreachBatch { batch, id in
            seen.append(id, rendered(try batch.orderBy("value").collect()))
        }.start()
        defer { q.stop() }
        _ = input.addData([[.string("x")], [.string("yy")], [.string("x")]])
        try q.processAllAvailable()
        _ = input.addData([[.string("yy")]])
        try q.processAllAvailable()
        #expect(seen.batches == [0: [["x", "2", "1"], ["yy", "1", "2"]], 1: [["yy", "2", "2"]]])
    }

    @Test func statelessChainAndUnionInAppendMode() throws {
        let spark = makeSession()
        let (a, dfA) = try lines(spark)
        let (b, dfB) = try lines(spark)
        let both = try dfA.union(dfB).filter(col("value") != "skip").withColumn("len", length(col("value")))
        let q = try both.writeStream.format("memory").queryName("appended").start()
        defer { q.stop() }
        _ = a.addData([[.string("one")], [.string("skip")]])
        _ = b.addData([[.string("three")]])
        try q.processAllAvailable()
        #expect(rendered(try spark.table("appended").orderBy("value").collect()) == [["one", "3"], ["three", "5"]])
    }

    @Test func streamStaticJoins() throws {
        let spark = makeSession()
        // One memory stream per query: a source's committed data is dropped, so two queries must
        // not share one (as in Spark).
        let (input, df) = try lines(spark)
        let (input2, df2) = try lines(spark)
        let dim = try spark.createDataFrame([[.string("a"), .int(1)], [.string("b"), .int(2)]], schema: "value STRING, code INT")
        let inner = try df.join(dim, on: ["value"])
        let left = try df2.join(dim, on: ["value"], how: "left")
        let q1 = try inner.writeStream.format("memory").queryName("inner_j").start()
        let q2 = try left.writeStream.format("memory").queryName("left_j").start()
        defer { q1.stop(); q2.stop() }
        _ = input.addData([[.string("a")], [.string("z")]])
        _ = input2.addData([[.string("a")], [.string("z")]])
        try q1.processAllAvailable()
        try q2.processAllAvailable()
        #expect(rendered(try spark.table("inner_j").collect()) == [["a", "1"]])
        #expect(rendered(try spark.table("left_j").orderBy("value").collect()) == [["a", "1"], ["z", "NULL"]])
    }

    @Test func averagesMinMaxAndSumsMergeAcrossBatches() throws {
        let spark = makeSession(partitions: 3)
        let input = MemoryStream(schema: try StructType.fromDDL("k STRING, v INT"))
        let agg = try input.toDF(spark).groupBy("k").agg(sum("v").alias("s"), avg("v").alias("a"), min("v").alias("lo"), max("v").alias("hi"),
                                                          count("v").alias("c"), collect_set("v").alias("set"))
        let q = try agg.writeStream.format("memory").queryName("stats").outputMode(.complete).start()
        defer { q.stop() }
        _ = input.addData([[.string("k"), .int(1)], [.string("k"), .int(4)], [.string("j"), .null]])
        try q.processAllAvailable()
        _ = input.addData([[.string("k"), .int(10)], [.string("j"), .int(2)]])
        try q.processAllAvailable()
        let rows = rendered(try spark.sql("SELECT k, s, a, lo, hi, c, size(set) FROM stats ORDER BY k").collect())
        #expect(rows == [["j", "2", "2.0", "2", "2", "1", "1"], ["k", "15", "5.0", "1", "10", "3", "3"]])
    }
}

/// Collects foreachBatch output by batch id (thread-safe).
final class BatchLog: @unchecked Sendable {
    private let lock = NSLock()
    private var store: [Int64: [[String]]] = [:]
    func append(_ id: Int64, _ rows: [[String]]) { lock.lock(); store[id] = rows; lock.unlock() }
    var batches: [Int64: [[String]]] { lock.lock(); defer { lock.unlock() }; return store }
}
