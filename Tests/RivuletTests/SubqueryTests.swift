import Testing
import Rivulet

/// Subqueries in expressions, end to end (expected values checked against Spark 4).
@Suite struct SubqueryTests {
    let spark = makeSession()

    init() throws {
        try spark.sql("SELECT * FROM VALUES (1, 'a'), (2, 'b'), (NULL, 'c') AS t(k, s)").createOrReplaceTempView("t")
        try spark.sql("SELECT * FROM VALUES (1, 10), (1, 11), (3, 30) AS u(k, v)").createOrReplaceTempView("u")
    }

    func rows(_ sql: String) throws -> [[String]] {
        rendered(try spark.sql(sql).collect()).sorted { $0.joined(separator: "|") < $1.joined(separator: "|") }
    }

    @Test func correlatedScalarSubqueryCountsZeroForNoMatch() throws {
        let df = try spark.sql("SELECT k, (SELECT count(*) FROM u WHERE u.k = t.k) FROM t")
        #expect(df.columns == ["k", "scalarsubquery(k)"])
        #expect(try rows("SELECT k, (SELECT count(*) FROM u WHERE u.k = t.k) FROM t") == [["1", "2"], ["2", "0"], ["NULL", "0"]])
        #expect(try rows("SELECT k, (SELECT count(*) + 1 FROM u WHERE u.k = t.k) AS c FROM t") == [["1", "3"], ["2", "1"], ["NULL", "1"]])
        #expect(try rows("SELECT k, (SELECT max(v) FROM u WHERE u.k = t.k) FROM t") == [["1", "11"], ["2", "NULL"], ["NULL", "NULL"]])
    }

    @Test func uncorrelatedScalarSubqueries() throws {
        #expect(try rows("SELECT s FROM t WHERE k = (SELECT min(k) FROM u)") == [["a"]])
        #expect(try rows("SELECT (SELECT max(v) FROM u WHERE v < 0)") == [["NULL"]])
        let e = rivuletError { _ = try spark.sql("SELECT (SELECT v FROM u)").collect() }
        #expect(e?.errorClass == "SCALAR_SUBQUERY_TOO_MANY_ROWS")
        let two = rivuletError { _ = try spark.sql("SELECT (SELECT k, v FROM u)").collect() }
        #expect(two?.errorClass == "INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN")
    }

    @Test func inAndNotInFollowSqlNullSemantics() throws {
        #expect(try rows("SELECT k FROM t WHERE k IN (SELECT k FROM u)") == [["1"]])
        // NULL on the left is never NOT IN a non-empty set; a NULL in the set removes every row.
        #expect(try rows("SELECT k FROM t WHERE k NOT IN (SELECT k FROM u)") == [["2"]])
        #expect(try rows("SELECT k FROM t WHERE k NOT IN (SELECT NULL FROM u)") == [])
        #expect(try rows("SELECT s FROM t WHERE k NOT IN (SELECT k FROM u WHERE v > 100)") == [["a"], ["b"], ["c"]])
        #expect(try rows("SELECT k FROM t WHERE k IN (SELECT k FROM u WHERE u.v > t.k * 10)") == [["1"]])
    }

    @Test func existsAndNotExists() throws {
        #expect(try rows("SELECT s FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.v > 10)") == [["a"]])
        #expect(try rows("SELECT s FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)") == [["b"], ["c"]])
        // The same table on both sides.
        #expect(try rows("SELECT v FROM u o WHERE EXISTS (SELECT 1 FROM u i WHERE i.k = o.k AND i.v > o.v)") == [["10"]])
    }

    @Test func generatorsStackAndLateralView() throws {
        #expect(try rows("SELECT stack(2, 'x', 1, 'y', 2)") == [["x", "1"], ["y", "2"]])
        #expect(try rows("SELECT stack(3, 1, 2)") == [["1"], ["2"], ["NULL"]])
        let e = rivuletError { _ = try spark.sql("SELECT stack(3, 1, 'a', 2)").collect() }
        #expect(e?.errorClass == "DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES")
        #expect(try rows("SELECT s, x FROM t LATERAL VIEW explode(array(1, 2)) tt AS x WHERE x > 1") == [["a", "2"], ["b", "2"], ["c", "2"]])
    }

    @Test func naturalJoinAndGroupByAll() throws {
        let df = try spark.sql("SELECT * FROM t NATURAL JOIN u")
        #expect(df.columns == ["k", "s", "v"])
        #expect(rendered(try df.collect()).sorted { $0[2] < $1[2] } == [["1", "a", "10"], ["1", "a", "11"]])
        #expect(try rows("SELECT k, count(*) FROM u GROUP BY ALL") == [["1", "2"], ["3", "1"]])
    }
}

/// The RivuletError `body` throws, or nil.
private func rivuletError(_ body: () throws -> Void) -> RivuletError? {
    do { try body() } catch let e as RivuletError { return e } catch { return nil }
    return nil
}
