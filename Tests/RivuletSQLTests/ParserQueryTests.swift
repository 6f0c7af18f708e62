import Testing
import RivuletCore
@testable import RivuletSQL

@Suite("Parser queries")
struct ParserQueryTests {
    @Test("SELECT, FROM, WHERE")
    func basicSelect() {
        #expect(Render.query("SELECT a, b FROM t WHERE a > 1") == "Project[a, b](Filter[(a > 1:int)](Relation(t)))")
        #expect(Render.query("select 1") == "Project[1:int](OneRow)")
        #expect(Render.query("SELECT 1;") == "Project[1:int](OneRow)")
        #expect(Render.query("SELECT * FROM db.t") == "Project[*](Relation(db.t))")
        #expect(Render.query("SELECT t.*, u.x FROM t, u") == "Project[t.*, u.x](Join[Cross](Relation(t), Relation(u)))")
        #expect(Render.query("SELECT DISTINCT a FROM t") == "Distinct(Project[a](Relation(t)))")
        #expect(Render.query("SELECT ALL a FROM t") == "Project[a](Relation(t))")
        #expect(Render.query("SELECT a x, b AS y, c `z` FROM t") == "Project[a AS x, b AS y, c AS z](Relation(t))")
        #expect(Render.query("SELECT a from t") == "Project[a](Relation(t))")
        #expect(Render.query("SELECT 1 AS from") == "Project[1:int AS from](OneRow)")
        #expect(Render.query("SELECT count, date, year, value, key, timestamp FROM t")
                == "Project[count, date, year, value, key, timestamp](Relation(t))")
        #expect(Render.query("SELECT /*+ BROADCAST(u) */ a -- trailing\nFROM t") == "Project[a](Relation(t))")
        #expect(Render.query("SELECT explode(split(value, ' ')) AS word FROM lines")
                == "Project[explode(split(value, ' ')) AS word](Relation(lines))")
    }

    @Test("GROUP BY, HAVING and global aggregates")
    func aggregation() {
        #expect(Render.query("SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1")
                == "Having[(count(STAR) > 1:int)](Aggregate[a; a, count(STAR)](Relation(t)))")
        #expect(Render.query("SELECT count(*) FROM t") == "Project[count(STAR)](Relation(t))")
        #expect(Render.query("SELECT sum(x) FROM t HAVING sum(x) > 1")
                == "Having[(sum(x) > 1:int)](Aggregate[; sum(x)](Relation(t)))")
        #expect(Render.query("SELECT a, b, sum(c) FROM t WHERE c > 0 GROUP BY 1, 2")
                == "Aggregate[1:int, 2:int; a, b, sum(c)](Filter[(c > 0:int)](Relation(t)))")
        #expect(Render.query("SELECT DISTINCT a FROM t GROUP BY a") == "Distinct(Aggregate[a; a](Relation(t)))")
        #expect(Render.query("SELECT window(ts, '1 minute'), count(*) FROM t GROUP BY window(ts, '1 minute')")
                == "Aggregate[window(ts, '1 minute'); window(ts, '1 minute'), count(STAR)](Relation(t))")
    }

    @Test("ORDER BY, SORT BY, CLUSTER BY, LIMIT, OFFSET")
    func resultClauses() {
        #expect(Render.query("SELECT a FROM t ORDER BY a DESC, b NULLS LAST, c DESC NULLS FIRST, d ASC")
                == "Sort[a DESC NULLS LAST, b ASC NULLS LAST, c DESC NULLS FIRST, d ASC NULLS FIRST](Project[a](Relation(t)))")
        #expect(Render.query("SELECT a FROM t SORT BY a") == "LocalSort[a ASC NULLS FIRST](Project[a](Relation(t)))")
        #expect(Render.query("SELECT a FROM t DISTRIBUTE BY a SORT BY a DESC")
                == "LocalSort[a DESC NULLS LAST](Project[a](Relation(t)))")
        #expect(Render.query("SELECT a FROM t CLUSTER BY a") == "LocalSort[a ASC NULLS FIRST](Project[a](Relation(t)))")
        #expect(Render.query("SELECT a FROM t LIMIT 10 OFFSET 5") == "Limit[10](Offset[5](Project[a](Relation(t))))")
        #expect(Render.query("SELECT a FROM t ORDER BY a LIMIT 1 + 1") == "Limit[2](Sort[a ASC NULLS FIRST](Project[a](Relation(t))))")
        #expect(Render.query("SELECT a FROM t LIMIT ALL") == "Project[a](Relation(t))")
        #expect(Render.query("SELECT a FROM t OFFSET 3") == "Offset[3](Project[a](Relation(t)))")
        let neg = Render.queryError("SELECT a FROM t LIMIT -1")
        #expect(neg?.errorClass == "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE")
        #expect(neg?.message == "The limit like expression \"- 1\" is invalid. The limit expression must be equal to or greater than 0, but got -1.")
        #expect(Render.queryError("SELECT a FROM t LIMIT a")?.errorClass == "INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE")
        #expect(Render.queryError("SELECT a FROM t LIMIT 1.5")?.errorClass == "INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE")
    }

    @Test("WITH clauses")
    func ctes() {
        #expect(Render.query("WITH a AS (SELECT 1), b (x) AS (SELECT 2) SELECT * FROM a, b")
                == "With[a=Project[1:int](OneRow), b=Rename[x](Project[2:int](OneRow))](Project[*](Join[Cross](Relation(a), Relation(b))))")
        #expect(Render.query("WITH a (SELECT 1) SELECT * FROM a") == "With[a=Project[1:int](OneRow)](Project[*](Relation(a)))")
        #expect(Render.query("SELECT * FROM (WITH a AS (SELECT 1 x) SELECT x FROM a) s")
                == "Project[*](Alias[s](With[a=Project[1:int AS x](OneRow)](Project[x](Relation(a)))))")
    }

    @Test("set operations: precedence, quantifiers, ordering of the whole result")
    func setOperations() {
        #expect(Render.query("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3")
                == "Union(Project[1:int](OneRow), Project[2:int](OneRow), Project[3:int](OneRow))")
        #expect(Render.query("SELECT 1 UNION SELECT 2")
                == "Distinct(Union(Project[1:int](OneRow), Project[2:int](OneRow)))")
        #expect(Render.query("SELECT 1 UNION DISTINCT SELECT 2")
                == "Distinct(Union(Project[1:int](OneRow), Project[2:int](OneRow)))")
        #expect(Render.query("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3")
                == "Distinct(Union(Project[1:int](OneRow), Intersect(Project[2:int](OneRow), Project[3:int](OneRow))))")
        #expect(Render.query("SELECT 1 EXCEPT SELECT 2 UNION ALL SELECT 3")
                == "Union(Except(Project[1:int](OneRow), Project[2:int](OneRow)), Project[3:int](OneRow))")
        #expect(Render.query("SELECT 1 EXCEPT ALL SELECT 2") == "ExceptAll(Project[1:int](OneRow), Project[2:int](OneRow))")
        #expect(Render.query("SELECT 1 MINUS SELECT 2") == "Except(Project[1:int](OneRow), Project[2:int](OneRow))")
        #expect(Render.query("SELECT 1 INTERSECT ALL SELECT 2") == "IntersectAll(Project[1:int](OneRow), Project[2:int](OneRow))")
        #expect(Render.query("SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY a LIMIT 3")
                == "Limit[3](Sort[a ASC NULLS FIRST](Union(Project[a](Relation(t)), Project[a](Relation(u)))))")
        #expect(Render.query("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u)")
                == "Union(Limit[1](Sort[a ASC NULLS FIRST](Project[a](Relation(t)))), Project[b](Relation(u)))")
        #expect(Render.query("((SELECT 1))") == "Project[1:int](OneRow)")
        #expect(Render.queryError("SELECT a FROM t ORDER BY a UNION SELECT 1") != nil)
    }

    @Test("joins of every type")
    func joins() {
        #expect(Render.query("SELECT * FROM t JOIN u ON t.k = u.k")
                == "Project[*](Join[Inner, (t.k = u.k)](Relation(t), Relation(u)))")
        #expect(Render.query("SELECT * FROM t INNER JOIN u USING (k, j)")
                == "Project[*](Join[Inner, using(k, j)](Relation(t), Relation(u)))")
        let types = [
            ("LEFT JOIN", "LeftOuter"), ("LEFT OUTER JOIN", "LeftOuter"), ("RIGHT JOIN", "RightOuter"),
            ("RIGHT OUTER JOIN", "RightOuter"), ("FULL JOIN", "FullOuter"), ("FULL OUTER JOIN", "FullOuter"),
            ("LEFT SEMI JOIN", "LeftSemi"), ("SEMI JOIN", "LeftSemi"), ("LEFT ANTI JOIN", "LeftAnti"),
            ("ANTI JOIN", "LeftAnti"), ("CROSS JOIN", "Cross"),
        ]
        for (sql, name) in types {
            #expect(Render.query("SELECT * FROM t \(sql) u ON a = b") == "Project[*](Join[\(name), (a = b)](Relation(t), Relation(u)))")
        }
        #expect(Render.query("SELECT * FROM t CROSS JOIN u") == "Project[*](Join[Cross](Relation(t), Relation(u)))")
        #expect(Render.query("SELECT * FROM a JOIN b ON x JOIN c ON y")
                == "Project[*](Join[Inner, y](Join[Inner, x](Relation(a), Relation(b)), Relation(c)))")
        #expect(Render.query("SELECT * FROM a JOIN (b JOIN c ON y) ON x")
                == "Project[*](Join[Inner, x](Relation(a), Join[Inner, y](Relation(b), Relation(c))))")
        #expect(Render.query("SELECT * FROM t AS x LEFT JOIN u y ON x.k = y.k")
                == "Project[*](Join[LeftOuter, (x.k = y.k)](Alias[x](Relation(t)), Alias[y](Relation(u))))")
        if let p = try? SQLParser.parseQuery("SELECT * FROM t NATURAL LEFT JOIN u"), case .project(_, .join(let j)) = p {
            #expect(j.natural && j.joinType == .leftOuter && j.condition == nil)
        } else {
            Issue.record("NATURAL JOIN did not parse to a join")
        }
    }

    @Test("subquery expressions: scalar, EXISTS, IN, NOT IN")
    func subqueryExpressions() {
        #expect(Render.query("SELECT (SELECT max(x) FROM u) AS m FROM t")
                == "Project[Scalar(Project[max(x)](Relation(u))) AS m](Relation(t))")
        #expect(Render.query("SELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)")
                == "Project[a](Filter[(NOT Exists(Project[1:int](Filter[(u.k = t.k)](Relation(u)))))](Relation(t)))")
        #expect(Render.query("SELECT a FROM t WHERE a NOT IN (SELECT b FROM u)")
                == "Project[a](Filter[(NOT (a IN Query(Project[b](Relation(u)))))](Relation(t)))")
        // A parenthesised expression is still one; `(1, 2)` is still a struct.
        #expect(Render.query("SELECT (a + 1) * 2 FROM t") == "Project[((a + 1:int) * 2:int)](Relation(t))")
    }

    @Test("LATERAL VIEW and multi-name aliases of generators")
    func lateralView() {
        #expect(Render.query("SELECT id, x FROM t LATERAL VIEW OUTER explode(xs) v AS x")
                == "Project[id, x](Project[*, explode_outer(xs) AS (x)](Relation(t)))")
        #expect(Render.query("SELECT * FROM t LATERAL VIEW posexplode(xs) v AS p, x LATERAL VIEW explode(ys) w")
                == "Project[*](Project[*, explode(ys)](Project[*, posexplode(xs) AS (p, x)](Relation(t))))")
        #expect(Render.query("SELECT posexplode(xs) AS (p, x) FROM t") == "Project[posexplode(xs) AS (p, x)](Relation(t))")
    }

    @Test("keywords used as names where Spark allows them")
    func keywordsAsNames() {
        #expect(Render.query("SELECT sh + by FROM t") == "Project[(sh + by)](Relation(t))")
        #expect(Render.query("SELECT SELECT FROM t") == "Project[SELECT](Relation(t))")
        // A clause keyword ending the text is an alias: nothing could follow it.
        #expect(Render.query("SELECT * FROM") == "Project[* AS FROM](OneRow)")
        #expect(Render.query("SELECT a FROM t WHERE") == "Project[a](Alias[WHERE](Relation(t)))")
    }

    @Test("relations: aliases, subqueries, inline tables, range, TABLE")
    func relations() {
        #expect(Render.query("SELECT * FROM t x(a, b)") == "Project[*](Alias[x](Rename[a, b](Relation(t))))")
        #expect(Render.query("SELECT * FROM (SELECT 1 AS a) AS s(b)")
                == "Project[*](Alias[s](Rename[b](Project[1:int AS a](OneRow))))")
        #expect(Render.query("SELECT * FROM (SELECT 1)") == "Project[*](Project[1:int](OneRow))")
        #expect(Render.query("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name)")
                == "Project[*](Alias[t](Values[(1:int, 'a'), (2:int, 'b')](id, name)))")
        #expect(Render.query("SELECT * FROM (VALUES (1), (2)) t(x)")
                == "Project[*](Alias[t](Rename[x](Values[(1:int), (2:int)]())))")
        #expect(Render.query("VALUES (1, 'a'), (2, 'b')") == "Values[(1:int, 'a'), (2:int, 'b')]()")
        #expect(Render.query("VALUES 1, 2") == "Values[(1:int), (2:int)]()")
        #expect(Render.query("VALUES (1) + 2, (3)") == "Values[((1:int + 2:int)), (3:int)]()")
        #expect(Render.query("VALUES (1, 2) AS t(a, b) ORDER BY a")
                == "Sort[a ASC NULLS FIRST](Alias[t](Values[(1:int, 2:int)](a, b)))")
        #expect(Render.query("TABLE db.t") == "Relation(db.t)")
        #expect(Render.query("SELECT id FROM range(10)") == "Project[id](Range[0, 10, 1])")
        #expect(Render.query("SELECT id FROM range(1, 10, 2, 4) r") == "Project[id](Alias[r](Range[1, 10, 2, 4]))")
        #expect(Render.query("SELECT * FROM `my table`") == "Project[*](Relation(`my table`))")
        #expect(Render.queryError("SELECT * FROM json_tuple(x)")?.code == .unsupportedOperation)
    }

    @Test("relation and column positions are recorded")
    func planPositions() throws {
        let p = try SQLParser.parseQuery("SELECT a\nFROM  tbl")
        guard case .project(let items, .unresolvedRelation(let rel)) = p, case .unresolvedAttribute(let a)? = items.first else {
            Issue.record("unexpected plan \(p)")
            return
        }
        #expect(a.position == SourcePosition(line: 1, column: 7, offset: 7))
        #expect(rel.position == SourcePosition(line: 2, column: 6, offset: 15))
    }
}
