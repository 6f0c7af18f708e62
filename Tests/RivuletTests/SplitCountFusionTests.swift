import Testing
import Rivulet

/// The fused word-count path (grouping the pieces of `explode(split(...))` straight from the input
/// strings) must give exactly what the unfused operators give. `max(word)` beside the count keeps
/// the second query on the general path (it must stay in the output, or pruning drops it).
@Suite struct SplitCountFusionTests {
    @Test(arguments: [" ", ",", "ab", "\\|"])
    func fusedCountsMatchTheGeneralPath(separator: String) throws {
        let spark = makeSession(partitions: 3)
        let raw = separator == "\\|" ? "|" : separator
        var lines: [[Value]] = [[.string("")], [.null], [.string(raw + raw)], [.string("héllo" + raw + "wörld" + raw + raw)]]
        let words = ["a", "bb", "exactly8", "sixteen-bytes-xx", "a-rather-long-word-over-sixteen", "ab", "b", "é"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let n = Int.random(in: 1...12, using: &rng)
            lines.append([.string((0..<n).map { _ in words.randomElement(using: &rng) ?? "a" }.joined(separator: raw))])
        }
        let df = try spark.createDataFrame(lines, schema: "value STRING")
        let pieces = try df.select(explode(split(col("value"), separator)).alias("word"))
        let fused = try pieces.groupBy("word").count().orderBy("word")
        // Keep max(word) in the output: pruned away, it would no longer block the fusion.
        let general = try pieces.groupBy("word").agg(count("*").alias("count"), max("word").alias("m")).orderBy("word")
        let a = rendered(try fused.collect()), b = rendered(try general.collect()).map { Array($0.prefix(2)) }
        #expect(a == b)
        #expect(!a.isEmpty)
        #expect(a.contains(["", a.first { $0[0] == "" }?[1] ?? "?"]))
    }
}
