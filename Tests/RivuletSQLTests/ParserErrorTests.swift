import Testing
import RivuletCore
@testable import RivuletSQL

@Suite("Parser errors")
struct ParserErrorTests {
    private func check(_ sql: String, _ message: String, line: Int, column: Int,
                       errorClass: String = "PARSE_SYNTAX_ERROR", sourceLocation: SourceLocation = #_sourceLocation) {
        guard let e = Render.queryError(sql) else {
            Issue.record("expected an error for \(sql)", sourceLocation: sourceLocation)
            return
        }
        #expect(e.code == .sql, sourceLocation: sourceLocation)
        #expect(e.message == message, sourceLocation: sourceLocation)
        #expect(e.errorClass == errorClass, sourceLocation: sourceLocation)
        #expect(e.position?.line == line, sourceLocation: sourceLocation)
        #expect(e.position?.column == column, sourceLocation: sourceLocation)
    }

    @Test("syntax errors name the token and its position like Spark")
    func syntaxErrors() {
        check("SELECT 1 +", "Syntax error at or near end of input.", line: 1, column: 10)
        check("select\n  a,\n  b c d from t", "Syntax error at or near 'd'.", line: 3, column: 6)
        check("SELECT )", "Syntax error at or near ')'.", line: 1, column: 7)
        check("select 1 in (1,2) = true", "Syntax error at or near '='.", line: 1, column: 18)
        check("SELECT a FROM t GROUP a", "Syntax error at or near 'GROUP'.", line: 1, column: 16)
        check("SELECT a FROM t t2 t3", "Syntax error at or near 't3'.", line: 1, column: 19)
        check("SELECT CASE END", "Syntax error at or near 'END'.", line: 1, column: 12)
        check("SELECT a FROM t WHERE a =", "Syntax error at or near end of input.", line: 1, column: 25)
        check("SELECT 1 # 2", "Syntax error at or near '#'.", line: 1, column: 9)
        check("SELECT f(1,)", "Syntax error at or near ')'.", line: 1, column: 11)
        check("", "Syntax error at or near end of input.", line: 1, column: 0)
        check("SELECT 1 2", "Syntax error at or near '2'.", line: 1, column: 9)
        check("SELECT * FROM t WHERE a = 'x' 'y' AND", "Syntax error at or near end of input.", line: 1, column: 37)
    }

    /// Spark's keywords are non-reserved: a clause keyword with nothing after it is an alias
    /// (checked against Spark 4.3 by the golden corpus, errors.test).
    @Test("a trailing clause keyword is an alias, not a syntax error")
    func trailingKeywordIsAlias() throws {
        guard case .project(_, .subqueryAlias("WHERE", _)) = try SQLParser.parseQuery("SELECT a FROM t WHERE") else {
            Issue.record("expected t aliased as WHERE"); return
        }
        guard case .project(let items, .oneRow) = try SQLParser.parseQuery("SELECT a FROM"),
              case .alias(_, let name, _)? = items.first else {
            Issue.record("expected a aliased as FROM"); return
        }
        #expect(name == "FROM")
        guard case .project(let cols, _) = try SQLParser.parseQuery("SELECT SELECT FROM words"),
              case .unresolvedAttribute(let n)? = cols.first else {
            Issue.record("expected a column named SELECT"); return
        }
        #expect(n.parts == ["SELECT"])
    }

    @Test("unterminated strings, identifiers and comments")
    func unterminated() {
        check("select 'abc", "Syntax error at or near ''': unclosed string literal.", line: 1, column: 7)
        check("select \"abc", "Syntax error at or near '\"': unclosed string literal.", line: 1, column: 7)
        check("select `abc", "Syntax error at or near '`': unclosed back-quoted identifier.", line: 1, column: 7)
        check("select 1 /* x", "Found an unclosed bracketed comment. Please, append */ at the end of the comment.",
              line: 1, column: 9, errorClass: "UNCLOSED_BRACKETED_COMMENT")
        // Bracketed comments nest.
        #expect(Render.query("SELECT /* a /* b */ c */ 1") == "Project[1:int](OneRow)")
    }

    @Test("unsupported constructs are reported as such, with a position")
    func unsupported() {
        let cases = [
            "SELECT sum(x) OVER (PARTITION BY y) FROM t", "SELECT transform(a, x -> x + 1) FROM t",
            "SELECT a FROM t GROUP BY ROLLUP(a)",
            "SELECT a FROM t GROUP BY GROUPING SETS ((a))", "SELECT count(*) FILTER (WHERE a) FROM t",
            "WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r", "SELECT ? FROM t",
        ]
        for sql in cases {
            let e = Render.queryError(sql)
            #expect(e?.code == .unsupportedOperation, "\(sql)")
            #expect(e?.position != nil, "\(sql)")
        }
    }

    @Test("deep nesting fails cleanly instead of overflowing the stack")
    func deepNesting() {
        let depth = 20_000
        let parens = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(Render.expressionError(parens)?.code == .sql)
        #expect(Render.expressionError(String(repeating: "NOT ", count: depth) + "x")?.code == .sql)
        #expect(Render.expressionError(String(repeating: "- ", count: depth) + "x")?.code == .sql)
        #expect(Render.expressionError(String(repeating: "f(", count: depth) + "1" + String(repeating: ")", count: depth))?.code == .sql)
        #expect(Render.expressionError(String(repeating: "a[", count: depth) + "1" + String(repeating: "]", count: depth))?.code == .sql)
        #expect(Render.queryError(String(repeating: "SELECT * FROM (", count: depth) + "t" + String(repeating: ")", count: depth)) != nil)
        #expect(Render.expressionError("cast(x AS " + String(repeating: "array<", count: depth) + "int" + String(repeating: ">", count: depth) + ")")?.code == .sql)
        // Reasonable nesting still parses.
        let ok = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(Render.parse(ok) == "1:int")
        let calls = String(repeating: "f(", count: 40) + "1" + String(repeating: ")", count: 40)
        #expect(Render.expressionError(calls) == nil)
        // Long flat chains are iterative, not recursive.
        let chain = Array(repeating: "a", count: 2000).joined(separator: " + ")
        #expect(Render.expressionError(chain) == nil)
    }

    /// SplitMix64: a tiny deterministic generator so fuzz failures reproduce.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let seeds = [
        "SELECT a, count(*) AS c FROM t JOIN u ON t.k = u.k WHERE a > 1 GROUP BY a HAVING c > 2 ORDER BY c DESC LIMIT 5",
        "WITH x AS (SELECT 1 AS a) SELECT a FROM x UNION ALL SELECT 2 INTERSECT SELECT 3",
        "SELECT CASE WHEN a BETWEEN 1 AND 2 THEN 'x' ELSE \"y\" END, CAST(b AS decimal(10, 2)), x::array<int> FROM t",
        "SELECT trim(BOTH 'x' FROM s), position('a' IN s), substring(s FROM 1 FOR 2), extract(year FROM ts) FROM t",
        "SELECT INTERVAL '1 2:03:04' DAY TO SECOND, INTERVAL 1 DAY 2 HOURS, DATE '2024-01-01', X'1F', 1.5e3BD, -2147483648",
        "SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name) LEFT SEMI JOIN range(10) r ON id = r.id",
        "SELECT a[0].b, m['k'], `q q`.x, t.* FROM db.t AS z(a, m) WHERE s LIKE 'a%' ESCAPE '!' AND s NOT RLIKE 'x'",
    ]

    private static let fragments = [
        "SELECT", "FROM", "WHERE", "(", ")", ",", "'", "\"", "`", "/*", "*/", "--", "\n", "1", "1.5", "1e", "1e+",
        ".", "..", "*", "+", "-", "::", "[", "]", "<", ">", ">>", "<=>", "||", "!", "?", ":", ";", "CASE", "WHEN",
        "END", "CAST", "AS", "INTERVAL", "DATE", "X", "'zz'", "TRIM", "BOTH", "IN", "NOT", "BETWEEN", "AND", "JOIN",
        "ON", "USING", "UNION", "ALL", "VALUES", "WITH", "LIMIT", "OFFSET", "ORDER", "BY", "GROUP", "\\", "\u{0}",
        "é", "\u{1F600}", "array<", "EXTRACT", "range", "IGNORE", "NULLS", "OVER", "->", "=>", "r'", "9999999999999999999999999999999999999999",
    ]

    @Test("random and mutated input never crashes, only throws RivuletError")
    func fuzz() {
        var rng = SplitMix(state: 0x5EED)
        var parsedOK = 0
        var failed = 0
        func run(_ text: String) {
            if (try? SQLParser.parseQuery(text)) != nil { parsedOK += 1 } else { failed += 1 }
            _ = try? SQLParser.parseExpression(text)
            _ = try? SQLParser.parseMultipartIdentifier(text)
            _ = try? SQLParser.parseDataType(text)
        }
        for seed in Self.seeds {
            run(seed)
            let chars = Array(seed)
            // Every prefix.
            for n in 0..<chars.count { run(String(chars[..<n])) }
            // Random deletions, insertions and swaps.
            for _ in 0..<300 {
                var c = chars
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let i = Int.random(in: 0..<max(1, c.count), using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0: if !c.isEmpty { c.remove(at: i) }
                    case 1: c.insert(contentsOf: Self.fragments.randomElement(using: &rng) ?? "", at: min(i, c.count))
                    default: if c.count > 1 { c.swapAt(i, Int.random(in: 0..<c.count, using: &rng)) }
                    }
                }
                run(String(c))
            }
        }
        // Pure token soup.
        for _ in 0..<2000 {
            let n = Int.random(in: 1...25, using: &rng)
            run((0..<n).map { _ in Self.fragments.randomElement(using: &rng) ?? "" }.joined(separator: Bool.random(using: &rng) ? " " : ""))
        }
        // Random bytes as text.
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...127, using: &rng) }
            run(String(decoding: bytes, as: UTF8.self))
        }
        #expect(parsedOK >= Self.seeds.count)
        #expect(failed > 0)
    }
}
