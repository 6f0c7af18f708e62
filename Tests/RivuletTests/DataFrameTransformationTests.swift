import Testing
import Rivulet

@Suite struct DataFrameTransformationTests {
    let spark = makeSession()

    func people() throws -> DataFrame {
        try spark.createDataFrame([
            [.string("alice"), .int(34), .string("paris")],
            [.string("bob"), .int(17), .string("berlin")],
            [.string("carol"), .null, .string("paris")],
            [.string("dave"), .int(51), .null],
        ], schema: "name STRING, age INT, city STRING")
    }

    @Test func selectFilterWithColumn() throws {
        let df = try people().filter(col("age") >= 18).withColumn("next", col("age") + 1).select("name", "next")
        #expect(df.columns == ["name", "next"])
        #expect(df.schema["next"]?.dataType == .integer)
        #expect(rendered(try df.orderBy("name").collect()) == [["alice", "35"], ["dave", "52"]])
    }

    @Test func filterBySQLTextAndSelectExpr() throws {
        let df = try people().filter("age > 20 AND city = 'paris'").selectExpr("upper(name) AS n", "age * 2 AS twice")
        #expect(rendered(try df.collect()) == [["ALICE", "68"]])
    }

    @Test func groupByCountAndAgg() throws {
        let counts = try people().groupBy("city").count().orderBy(col("city").asc_nulls_last())
        #expect(counts.columns == ["city", "count"])
        #expect(counts.schema["count"]?.dataType == .long)
        #expect(rendered(try counts.collect()) == [["berlin", "1"], ["paris", "2"], ["NULL", "1"]])
        let stats = try people().groupBy("city").agg(max("age").alias("oldest"), count("*").alias("n"))
            .filter(col("city") == "paris")
        #expect(rendered(try stats.collect()) == [["paris", "34", "2"]])
    }

    @Test func joinWithBoundColumnsAndUsing() throws {
        let p = try people()
        let cities = try spark.createDataFrame([[.string("paris"), .string("FR")], [.string("berlin"), .string("DE")]], schema: "city STRING, country STRING")
        let joined = try p.join(cities, on: p["city"] == cities["city"], how: "left").select(p["name"], cities["country"]).orderBy("name")
        #expect(rendered(try joined.collect()) == [["alice", "FR"], ["bob", "DE"], ["carol", "FR"], ["dave", "NULL"]])
        let using = try p.join(cities, on: ["city"]).orderBy("name")
        #expect(using.columns == ["city", "name", "age", "country"])
        #expect(try using.count() == 3)
    }

    @Test func renameDropDistinctUnion() throws {
        let p = try people()
        let renamed = try p.withColumnRenamed("name", "who").drop("city")
        #expect(renamed.columns == ["who", "age"])
        let cities = try p.select("city").distinct()
        #expect(try cities.count() == 3)
        let twice = try p.union(p)
        #expect(try twice.count() == 8)
        #expect(try twice.dropDuplicates(["name"]).count() == 4)
        let byName = try p.select("name", "age").unionByName(p.select("age", "name"))
        #expect(byName.columns == ["name", "age"])
        #expect(try byName.filter(col("name") == "bob").count() == 2)
    }

    @Test func explodeSplitWordCount() throws {
        let lines = try spark.createDataFrame([[.string("a b a")], [.string("b c")], [.null]], schema: "value STRING")
        let counts = try lines.select(explode(split(col("value"), " ")).alias("word")).groupBy("word").count().orderBy("word")
        #expect(rendered(try counts.collect()) == [["a", "2"], ["b", "2"], ["c", "1"]])
    }

    @Test func resultsDoNotDependOnShufflePartitions() throws {
        var results: [[[String]]] = []
        for n in [1, 3, 8] {
            let s = makeSession(partitions: n)
            let df = try s.range(0, 1000).selectExpr("id % 7 AS k", "id").groupBy("k").agg(sum("id").alias("s")).orderBy("k")
            results.append(rendered(try df.collect()))
        }
        #expect(results[0].count == 7)
        #expect(results[0] == results[1] && results[1] == results[2])
        #expect(results[0][0] == ["0", String((0..<1000).filter { $0 % 7 == 0 }.reduce(0, +))])
    }

    @Test func whenOtherwiseAndIsin() throws {
        let df = try people().select(col("name"), when(col("age") < 18, "minor").when(col("age").isNull(), "unknown").otherwise("adult").alias("kind"))
            .filter(col("name").isin("bob", "carol", "dave")).orderBy("name")
        #expect(rendered(try df.collect()) == [["bob", "minor"], ["carol", "unknown"], ["dave", "adult"]])
    }

    @Test func sqlOverTempView() throws {
        try people().createOrReplaceTempView("people")
        let df = try spark.sql("SELECT city, count(*) AS n FROM people WHERE city IS NOT NULL GROUP BY city HAVING count(*) > 1")
        #expect(rendered(try df.collect()) == [["paris", "2"]])
    }
}
