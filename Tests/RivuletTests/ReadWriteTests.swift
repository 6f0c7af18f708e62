import Foundation
import Testing
import Rivulet

@Suite struct ReadWriteTests {
    let spark = makeSession()

    @Test func csvWithHeaderAndInferSchema() throws {
        let dir = try makeTempDir()
        let path = try writeFile(dir, "people.csv", "name,age,score\nalice,34,1.5\nbob,,2\n\"c, d\",7,3.25\n")
        let df = try spark.read.option("header", true).option("inferSchema", true).csv(path)
        #expect(df.dtypes.map(\.1) == ["string", "int", "double"])
        #expect(rendered(try df.collect()) == [["alice", "34", "1.5"], ["bob", "NULL", "2.0"], ["c, d", "7", "3.25"]])
    }

    @Test func jsonLinesModes() throws {
        let dir = try makeTempDir()
        let path = try writeFile(dir, "ev.json", "{\"a\":1,\"b\":\"x\"}\n{\"a\":oops}\n{\"a\":3}\n")
        let permissive = try spark.read.schema("a INT, b STRING, _corrupt_record STRING").json(path)
        let rows = rendered(try permissive.collect())
        #expect(rows.count == 3)
        #expect(rows[1] == ["NULL", "NULL", "{\"a\":oops}"])
        let dropped = try spark.read.option("mode", "DROPMALFORMED").schema("a INT, b STRING").json(path)
        #expect(rendered(try dropped.collect()) == [["1", "x"], ["3", "NULL"]])
        let failing = try spark.read.option("mode", "FAILFAST").schema("a INT, b STRING").json(path)
        #expect(throws: RivuletError.self) { try failing.collect() }
    }

    @Test func missingPathIsNamed() {
        do {
            _ = try spark.read.text("/definitely/not/here").collect()
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("/definitely/not/here"))
        }
    }

    @Test func writeThenReadBackWithSaveModes() throws {
        let dir = try makeTempDir()
        let out = dir.appendingPathComponent("out").path
        let df = try spark.createDataFrame([[.string("a"), .int(1)], [.string("b,c"), .null]], schema: "k STRING, v INT")
        try df.write.option("header", true).csv(out)
        #expect(throws: RivuletError.self) { try df.write.option("header", true).csv(out) }
        try df.write.mode("append").option("header", true).csv(out)
        let back = try spark.read.option("header", true).schema("k STRING, v INT").csv(out)
        #expect(try back.count() == 4)
        try df.write.mode("overwrite").json(out)
        let json = try spark.read.schema("k STRING, v INT").json(out)
        #expect(rendered(try json.orderBy("k").collect()) == [["a", "1"], ["b,c", "NULL"]])
        try df.write.mode("ignore").json(out)
        #expect(try spark.read.schema("k STRING, v INT").json(out).count() == 2)
        try df.select("k").write.mode("overwrite").text(out)
        #expect(rendered(try spark.read.text(out).orderBy("value").collect()) == [["a"], ["b,c"]])
    }
}
