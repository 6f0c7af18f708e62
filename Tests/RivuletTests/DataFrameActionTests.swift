import Testing
import Rivulet

@Suite struct DataFrameActionTests {
    let spark = makeSession()

    @Test func showMatchesSparkLayout() throws {
        let df = try spark.createDataFrame([[.string("hello"), .long(1)], [.string("a much longer word than twenty"), .long(22)], [.null, .null]],
                                           schema: "word STRING, count BIGINT")
        let expected = """
            +--------------------+-----+
            |                word|count|
            +--------------------+-----+
            |               hello|    1|
            |a much longer wor...|   22|
            |                NULL| NULL|
            +--------------------+-----+


            """
        #expect(try df.showString() == expected)
        let untruncated = """
            +-----+-----+
            |word |count|
            +-----+-----+
            |hello|1    |
            +-----+-----+
            only showing top 1 row


            """
        #expect(try df.showString(1, truncate: 0) == untruncated)
    }

    @Test func countFirstTakeIsEmpty() throws {
        let df = try spark.range(10)
        #expect(try df.count() == 10)
        #expect(try df.first()?.getLong(0) == 0)
        #expect(try df.take(3).map { $0.getLong(0) } == [0, 1, 2])
        #expect(try df.filter(col("id") > 100).isEmpty())
        #expect(try spark.range(5, 0, -2).collect().map { $0.getLong(0) } == [5, 3, 1])
    }

    @Test func analysisErrorsThrowAtTheCallThatCausedThem() throws {
        let df = try spark.createDataFrame([[.string("x")]], schema: "word STRING")
        do {
            _ = try df.select(col("wrod"))
            Issue.record("expected an analysis error")
        } catch {
            #expect(error.code == .analysis)
            #expect(error.message.contains("'wrod'"))
            #expect(error.message.contains("did you mean 'word'"))
        }
        do {
            _ = try df.select(expr("upper(word"))
            Issue.record("expected a parse error")
        } catch {
            #expect(error.code == .sql)
            #expect(error.position != nil)
        }
        #expect(throws: RivuletError.self) { try df.join(df, on: ["word"], how: "sideways") }
    }

    @Test func runtimeErrorsSurfaceFromActions() throws {
        let df = try spark.range(3).selectExpr("10 / (id - 1) AS x", "cast(id AS int) DIV (id - 1) AS y")
        #expect(throws: RivuletError.self) { try df.collect() }
    }

    @Test func explainPrintsLogicalAndPhysicalPlans() throws {
        let df = try spark.range(100).filter(col("id") > 5).groupBy(col("id") % 3).count()
        let text = try df.explainString(extended: true)
        #expect(text.contains("== Parsed Logical Plan =="))
        #expect(text.contains("== Analyzed Logical Plan =="))
        #expect(text.contains("== Optimized Logical Plan =="))
        #expect(text.contains("== Physical Plan =="))
        #expect(text.contains("Aggregate"))
        let simple = try df.explainString()
        #expect(simple.hasPrefix("== Physical Plan =="))
        #expect(!simple.contains("Logical"))
    }

    @Test func createDataFrameFromSwiftValues() throws {
        let df = try spark.createDataFrame([[1, "a", 1.5], [2, nil, nil]], columns: ["id", "name", "score"])
        #expect(df.dtypes.map(\.1) == ["bigint", "string", "double"])
        #expect(rendered(try df.collect()) == [["1", "a", "1.5"], ["2", "NULL", "NULL"]])
        #expect(throws: RivuletError.self) { try spark.createDataFrame([[1, 2]], columns: ["only"]) }
    }
}
