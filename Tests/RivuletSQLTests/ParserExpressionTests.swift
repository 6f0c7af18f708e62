import Testing
import RivuletCore
@testable import RivuletSQL

@Suite("Parser expressions")
struct ParserExpressionTests {
    @Test("operator precedence follows Spark")
    func precedence() {
        #expect(Render.parse("1 + 2 * 3") == "(1:int + (2:int * 3:int))")
        #expect(Render.parse("(1 + 2) * 3") == "((1:int + 2:int) * 3:int)")
        #expect(Render.parse("a - b - c") == "((a - b) - c)")
        #expect(Render.parse("a OR b AND c") == "(a OR (b AND c))")
        #expect(Render.parse("a AND b OR c AND d") == "((a AND b) OR (c AND d))")
        #expect(Render.parse("NOT a = b") == "(NOT (a = b))")
        #expect(Render.parse("NOT a AND b") == "((NOT a) AND b)")
        #expect(Render.parse("! a") == "(NOT a)")
        #expect(Render.parse("1 || 2 + 3") == "((1:int || 2:int) + 3:int)")
        #expect(Render.parse("3 & 1 | 4 ^ 2") == "((3:int & 1:int) | (4:int ^ 2:int))")
        #expect(Render.parse("a | b = c") == "((a | b) = c)")
        #expect(Render.parse("1 = 1 = true") == "((1:int = 1:int) = true:boolean)")
        #expect(Render.parse("a + 1 < b * 2 AND c") == "(((a + 1:int) < (b * 2:int)) AND c)")
        #expect(Render.parse("10 div 3 + 7 % 3") == "((10:int div 3:int) + (7:int % 3:int))")
        #expect(Render.parse("a / b * c") == "((a / b) * c)")
        #expect(Render.parse("5 >> 1 + 1") == "shiftright(5:int, (1:int + 1:int))")
        #expect(Render.parse("1 << 2") == "shiftleft(1:int, 2:int)")
        #expect(Render.parse("x >>> 2") == "shiftrightunsigned(x, 2:int)")
    }

    @Test("unary operators")
    func unary() {
        #expect(Render.parse("-a") == "(-a)")
        #expect(Render.parse("- -1") == "(--1:int)")
        #expect(Render.parse("-(1)") == "(-1:int)")
        #expect(Render.parse("+a") == "(+a)")
        #expect(Render.parse("~a & 1") == "((~a) & 1:int)")
        #expect(Render.parse("1 - -2") == "(1:int - -2:int)")
        #expect(Render.parse("-a * b") == "((-a) * b)")
    }

    @Test("comparison operators")
    func comparisons() {
        #expect(Render.parse("a = b") == "(a = b)")
        #expect(Render.parse("a == b") == "(a = b)")
        #expect(Render.parse("a <> b") == "(a != b)")
        #expect(Render.parse("a != b") == "(a != b)")
        #expect(Render.parse("a <=> b") == "(a <=> b)")
        #expect(Render.parse("a < b") == "(a < b)")
        #expect(Render.parse("a <= b") == "(a <= b)")
        #expect(Render.parse("a > b") == "(a > b)")
        #expect(Render.parse("a >= b") == "(a >= b)")
    }

    @Test("predicates: BETWEEN, IN, LIKE, ILIKE, RLIKE, IS ...")
    func predicates() {
        #expect(Render.parse("a + 1 BETWEEN 2 AND 4") == "(((a + 1:int) >= 2:int) AND ((a + 1:int) <= 4:int))")
        #expect(Render.parse("x NOT BETWEEN 1 AND 2 AND y") == "((NOT ((x >= 1:int) AND (x <= 2:int))) AND y)")
        #expect(Render.parse("a IN (1, 2)") == "(a IN (1:int, 2:int))")
        #expect(Render.parse("a NOT IN ('x')") == "(NOT (a IN ('x')))")
        #expect(Render.parse("a LIKE 'x%'") == "(a LIKE 'x%')")
        #expect(Render.parse("a NOT LIKE 'x!%' ESCAPE '!'") == "(NOT (a LIKE 'x!%' ESCAPE '!'))")
        #expect(Render.parse("a ILIKE 'X%'") == "ilike(a, 'X%')")
        #expect(Render.parse("a LIKE ANY ('x%', 'y%')") == "((a LIKE 'x%') OR (a LIKE 'y%'))")
        #expect(Render.parse("a NOT LIKE ALL ('x%', 'y%')") == "((NOT (a LIKE 'x%')) AND (NOT (a LIKE 'y%')))")
        #expect(Render.parse("a RLIKE '^x'") == "(a RLIKE '^x')")
        #expect(Render.parse("a NOT REGEXP '^x'") == "(NOT (a RLIKE '^x'))")
        #expect(Render.parse("a IS NULL") == "(a IS NULL)")
        #expect(Render.parse("a IS NOT NULL OR b") == "((a IS NOT NULL) OR b)")
        #expect(Render.parse("a IS TRUE") == "(a <=> true:boolean)")
        #expect(Render.parse("a IS NOT FALSE") == "(NOT (a <=> false:boolean))")
        #expect(Render.parse("a IS UNKNOWN") == "(a IS NULL)")
        #expect(Render.parse("a IS DISTINCT FROM b") == "(NOT (a <=> b))")
        #expect(Render.parse("a IS NOT DISTINCT FROM b + 1") == "(a <=> (b + 1:int))")
        #expect(Render.parse("a = b IS NULL") == "((a = b) IS NULL)")
        #expect(Render.expressionError("a LIKE 'x' ESCAPE 'ab'")?.errorClass == "INVALID_ESCAPE_CHAR")
    }

    @Test("names, dotted names, subscripts, field access, casts, stars")
    func namesAndPostfix() {
        #expect(Render.parse("a.b.c") == "a.b.c")
        #expect(Render.parse("`a b`.`c.d`") == "`a b`.`c.d`")
        #expect(Render.parse("`a``b`") == "`a``b`")
        #expect(Render.parse("a[0]") == "a[0:int]")
        #expect(Render.parse("m['k'].f") == "m['k']['f']")
        #expect(Render.parse("f(x).y") == "f(x)['y']")
        #expect(Render.parse("a[0][1]") == "a[0:int][1:int]")
        #expect(Render.parse("x::int + 1") == "(cast(x AS int) + 1:int)")
        #expect(Render.parse("x::array<array<int>>") == "cast(x AS array<array<int>>)")
        #expect(Render.parse("*") == "*")
        #expect(Render.parse("t.*") == "t.*")
        #expect(Render.parse("db.t.*") == "db.t.*")
        #expect(Render.parse("window.start") == "window.start")
        #expect(Render.parse("window.end") == "window.end")
    }

    @Test("keywords work as column and function names")
    func keywordsAsNames() {
        #expect(Render.parse("count + year") == "(count + year)")
        #expect(Render.parse("value || key") == "(value || key)")
        #expect(Render.parse("timestamp") == "timestamp")
        #expect(Render.parse("date") == "date")
        #expect(Render.parse("first(x)") == "first(x)")
        #expect(Render.parse("left('abc', 2)") == "left('abc', 2:int)")
        #expect(Render.parse("right(s, 1)") == "right(s, 1:int)")
        #expect(Render.parse("window(ts, '10 minutes')") == "window(ts, '10 minutes')")
        #expect(Render.parse("if(a, 1, 2)") == "if(a, 1:int, 2:int)")
        #expect(Render.parse("order.from") == "order.from")
        #expect(Render.parse("`select`") == "select")
        #expect(Render.parse("current_date") == "current_date()")
        #expect(Render.parse("current_timestamp()") == "current_timestamp()")
        #expect(Render.parse("interval") == "interval")
        #expect(Render.parse("offset + sort") == "(offset + sort)")
    }

    @Test("function calls")
    func functions() {
        #expect(Render.parse("count(*)") == "count(STAR)")
        #expect(Render.parse("COUNT(DISTINCT a, b)") == "count(DISTINCT a, b)")
        #expect(Render.parse("sum(ALL x)") == "sum(x)")
        #expect(Render.parse("Upper(s)") == "upper(s)")
        #expect(Render.parse("now()") == "now()")
        #expect(Render.parse("db.f(1)") == "db.f(1:int)")
        #expect(Render.parse("struct(*)") == "struct(*)")
        #expect(Render.parse("concat(t.*)") == "concat(t.*)")
        #expect(Render.parse("first(x) IGNORE NULLS") == "first(x, true:boolean)")
        #expect(Render.parse("last(x) RESPECT NULLS") == "last(x)")
        #expect(Render.parse("explode(split(value, ' '))") == "explode(split(value, ' '))")
        #expect(Render.parse("(a, b)") == "struct(a, b)")
        #expect(Render.parse("(1 AS x, 2)") == "struct(1:int AS x, 2:int)")
    }

    @Test("CASE, CAST, TRY_CAST, EXTRACT")
    func specialForms() {
        #expect(Render.parse("CASE WHEN a > 1 THEN 'x' WHEN b THEN 'y' ELSE 'z' END")
                == "CASE WHEN (a > 1:int) THEN 'x' WHEN b THEN 'y' ELSE 'z' END")
        #expect(Render.parse("CASE a WHEN 1 THEN 'x' END") == "CASE WHEN (a = 1:int) THEN 'x' END")
        #expect(Render.parse("case when x then case when y then 1 end end")
                == "CASE WHEN x THEN CASE WHEN y THEN 1:int END END")
        #expect(Render.parse("CAST(a AS decimal(10,2))") == "cast(a AS decimal(10,2))")
        #expect(Render.parse("cast(a as STRING)") == "cast(a AS string)")
        #expect(Render.parse("CAST(a AS map<string, array<bigint>>)") == "cast(a AS map<string,array<bigint>>)")
        #expect(Render.parse("CAST(a AS struct<x: int, `y z` string NOT NULL>)") == "cast(a AS struct<x:int,y z:string>)")
        #expect(Render.parse("CAST(a AS varchar(10))") == "cast(a AS string)")
        #expect(Render.parse("CAST(a AS INTERVAL DAY TO SECOND)") == "cast(a AS interval day to second)")
        #expect(Render.parse("TRY_CAST('x' AS int)") == "try_cast('x', 'int')")
        #expect(Render.parse("try_cast(a AS array<int>)") == "try_cast(a, 'array<int>')")
        #expect(Render.expressionError("CAST(a AS foo)")?.errorClass == "UNSUPPORTED_DATATYPE")
        #expect(Render.parse("EXTRACT(YEAR FROM ts)") == "year(ts)")
        #expect(Render.parse("extract(dow from d)") == "dayofweek(d)")
        #expect(Render.parse("extract(dayofweek_iso from d)") == "(weekday(d) + 1:int)")
        #expect(Render.parse("EXTRACT(minutes FROM ts)") == "minute(ts)")
        #expect(Render.expressionError("EXTRACT(foo FROM ts)")?.errorClass == "INVALID_EXTRACT_FIELD")
    }

    @Test("SQL-standard function syntax: TRIM, POSITION, SUBSTRING, OVERLAY")
    func standardSyntax() {
        // Spark's SQL two-argument form is trim(trimStr, str).
        #expect(Render.parse("trim(BOTH 'x' FROM s)") == "trim('x', s)")
        #expect(Render.parse("trim(LEADING 'x' FROM s)") == "ltrim('x', s)")
        #expect(Render.parse("TRIM(TRAILING FROM s)") == "rtrim(s)")
        #expect(Render.parse("trim('x' FROM s)") == "trim('x', s)")
        #expect(Render.parse("trim(s)") == "trim(s)")
        #expect(Render.parse("trim(a IS NULL)") == "trim((a IS NULL))")
        #expect(Render.parse("position('b' IN s)") == "locate('b', s)")
        #expect(Render.parse("position('b', s)") == "position('b', s)")
        #expect(Render.parse("substring(s FROM 2 FOR 3)") == "substring(s, 2:int, 3:int)")
        #expect(Render.parse("substr(s FROM 2)") == "substr(s, 2:int)")
        #expect(Render.parse("substring(s, 1, 2)") == "substring(s, 1:int, 2:int)")
        #expect(Render.parse("overlay(s PLACING 'ab' FROM 2 FOR 1)") == "overlay(s, 'ab', 2:int, 1:int)")
    }

    @Test("named expressions: AS alias, bare alias, keyword aliases")
    func aliases() throws {
        #expect(Render.parse("explode(split(value, ' ')) as word") == "explode(split(value, ' ')) AS word")
        #expect(Render.parse("a b") == "a AS b")
        #expect(Render.parse("a AS `x y`") == "a AS x y")
        #expect(Render.parse("1 AS from") == "1:int AS from")
        #expect(Render.parse("count(*) AS count") == "count(STAR) AS count")
        guard case .alias(_, "w", let id1) = try SQLParser.parseExpression("x AS w"),
              case .alias(_, "w", let id2) = try SQLParser.parseExpression("x AS w") else {
            Issue.record("expected aliases")
            return
        }
        #expect(id1 != id2)
    }

    @Test("column references and function calls record their source positions")
    func positions() throws {
        let e = try SQLParser.parseExpression("a + foo(\n  b.c)")
        guard case .binary(.add, .unresolvedAttribute(let a), .unresolvedFunction(_, let args, _, let fpos)) = e,
              case .unresolvedAttribute(let b)? = args.first else {
            Issue.record("unexpected shape \(e)")
            return
        }
        #expect(a.position == SourcePosition(line: 1, column: 0, offset: 0))
        #expect(fpos == SourcePosition(line: 1, column: 4, offset: 4))
        #expect(b.position == SourcePosition(line: 2, column: 2, offset: 11))
        #expect(b.parts == ["b", "c"])
    }

    @Test("parseMultipartIdentifier and parseDataType")
    func identifiersAndTypes() throws {
        #expect(try SQLParser.parseMultipartIdentifier("a.b") == ["a", "b"])
        #expect(try SQLParser.parseMultipartIdentifier("`x.y`.z") == ["x.y", "z"])
        #expect(try SQLParser.parseMultipartIdentifier(" select . `from` ") == ["select", "from"])
        #expect(throws: RivuletError.self) { try SQLParser.parseMultipartIdentifier("a.") }
        #expect(throws: RivuletError.self) { try SQLParser.parseMultipartIdentifier("a b") }
        #expect(throws: RivuletError.self) { try SQLParser.parseMultipartIdentifier("") }
        #expect(try SQLParser.parseDataType("array<struct<a:int,b:map<string,double>>>")
                == .array(.struct(StructType([StructField("a", .integer), StructField("b", .map(.string, .double))]))))
        #expect(try SQLParser.parseDataType("DECIMAL(38, 10)") == .decimal(precision: 38, scale: 10))
        #expect(throws: RivuletError.self) { try SQLParser.parseDataType("decimal(39,1)") }
    }
}
