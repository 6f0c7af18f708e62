import Foundation
import Testing
import Rivulet

/// Spark's output-mode rules and unsupported-operation errors, checked at `start()` (or at the
/// batch action), asserted by message.
@Suite struct StreamingErrorsTests {
    func stream(_ spark: SparkSession) throws -> DataFrame {
        try MemoryStream(schema: try StructType.fromDDL("k STRING, v INT")).toDF(spark)
    }

    func startError(_ build: () throws -> StreamingQuery) -> RivuletError? {
        do {
            let q = try build()
            q.stop()
            return nil
        } catch let e as RivuletError {
            return e
        } catch {
            return nil
        }
    }

    @Test func outputModeRules() throws {
        let spark = makeSession()
        let s = try stream(spark)
        let e1 = startError { try s.writeStream.format("memory").queryName("m1").outputMode(.complete).start() }
        #expect(e1?.message == "Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets")
        let e2 = startError { try s.groupBy("k").count().writeStream.format("memory").queryName("m2").outputMode(.append).start() }
        #expect(e2?.message == "Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark")
        let e3 = startError { try s.orderBy("v").writeStream.format("memory").queryName("m3").start() }
        #expect(e3?.message == "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode")
        let e4 = startError { try s.limit(3).writeStream.format("memory").queryName("m4").start() }
        #expect(e4?.message.hasPrefix("Limits are not supported on streaming DataFrames/Datasets") == true)
        let e5 = startError { try s.groupBy("k").agg(count_distinct(col("v"))).writeStream.format("memory").queryName("m5").outputMode(.complete).start() }
        #expect(e5?.message == "Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.")
        let e6 = startError { try s.join(try stream(spark), on: ["k"]).writeStream.format("memory").queryName("m6").start() }
        #expect(e6?.message.contains("Stream-stream joins") == true)
        // Allowed: sort after an aggregation in complete mode.
        let ok = try s.groupBy("k").count().orderBy(col("count").desc()).writeStream.format("memory").queryName("m7").outputMode(.complete).start()
        ok.stop()
    }

    @Test func batchActionsOnAStreamAreRefused() throws {
        let spark = makeSession()
        let s = try stream(spark)
        for action in [{ _ = try s.count() }, { _ = try s.collect() }, { try s.show() }] as [() throws -> Void] {
            do {
                try action()
                Issue.record("a batch action ran on a stream")
            } catch let e as RivuletError {
                #expect(e.message.hasPrefix("Queries with streaming sources must be executed with writeStream.start()"))
            }
        }
    }

    @Test func writerErrors() throws {
        let spark = makeSession()
        let s = try stream(spark)
        let batch = try spark.range(3)
        #expect(startError { try batch.writeStream.format("console").start() }?.message.contains("'writeStream' can be called only on streaming Dataset/DataFrame") == true)
        #expect(startError { try s.writeStream.format("memory").start() }?.message == "queryName must be specified for memory sink")
        let dir = try makeTempDir()
        let e = startError { try s.writeStream.format("json").start(dir.appendingPathComponent("out").path) }
        #expect(e?.message.hasPrefix("checkpointLocation must be specified") == true)
        #expect(startError { try s.writeStream.outputMode("sideways").format("console").start() }?.message.contains("Unknown output mode sideways") == true)
        #expect(startError { try s.writeStream.trigger(processingTime: "soon").format("console").start() }?.message.contains("Invalid trigger interval 'soon'") == true)
        let q = try s.writeStream.format("memory").queryName("twice").start()
        defer { q.stop() }
        #expect(startError { try s.writeStream.format("memory").queryName("twice").start() }?.errorClass == "STREAMING_QUERY_NAME_CONFLICT")
        let missing = startError { try spark.readStream.schema("a INT").json("/no/such/folder").writeStream.format("console").start() }
        #expect(missing == nil || missing?.message.contains("/no/such/folder") == true)
        // A refused socket ends the query with an error naming host and port.
        let q2 = try spark.readStream.format("socket").option("host", "127.0.0.1").option("port", 1).load()
            .writeStream.format("memory").queryName("refused").start()
        do {
            try q2.awaitTerminationBlocking()
            Issue.record("the query survived a refused connection")
        } catch {
            #expect(error.message.contains("127.0.0.1:1"))
        }
    }

    @Test func unwritableCheckpointIsNamed() throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let blocker = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let e = startError { try stream(spark).writeStream.format("console").option("checkpointLocation", blocker.path + "/ckpt").start() }
        #expect(e?.message.contains(blocker.path) == true)
    }
}

/// Recovery refuses an inconsistent checkpoint instead of re-delivering committed data.
@Suite struct StreamingRecoveryTests {
    @Test func commitWithoutItsOffsetEntryIsCorrupt() async throws {
        let spark = makeSession()
        let dir = try makeTempDir()
        let input = dir.appendingPathComponent("in"), ckpt = dir.appendingPathComponent("ckpt")
        for i in 0..<2 { try writeFile(input, "f\(i).txt", "line \(i)\n") }
        func run() throws -> StreamingQuery {
            try spark.readStream.option("maxFilesPerTrigger", 1).text(input.path).writeStream.format("noop")
                .option("checkpointLocation", ckpt.path).trigger(.availableNow).start()
        }
        try await run().awaitTermination()
        try FileManager.default.removeItem(at: ckpt.appendingPathComponent("offsets/1"))
        do {
            try await run().awaitTermination()
            Issue.record("restarted from an inconsistent checkpoint")
        } catch let error as RivuletError {
            #expect(error.errorClass == "CHECKPOINT_FILE_CORRUPT")
            #expect(error.message.contains("commits/1"))
        }
    }
}
