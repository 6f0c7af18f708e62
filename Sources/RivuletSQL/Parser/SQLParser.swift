import RivuletCore

/// Spark SQL text to unresolved ``Expression``s and ``LogicalPlan``s.
///
/// A hand-written lexer and recursive-descent parser following Spark 4's grammar (ANSI mode,
/// non-reserved keywords usable as names). Errors are ``RivuletError``s with code `.sql`, Spark's
/// error class (usually `PARSE_SYNTAX_ERROR`) and the position (`line 1, pos 7`).
///
/// ```swift
/// let e = try SQLParser.parseExpression("explode(split(value, ' ')) as word")   // .alias(...)
/// let p = try SQLParser.parseQuery("SELECT word, count(*) FROM words GROUP BY word")
/// let n = try SQLParser.parseMultipartIdentifier("`x.y`.z")                    // ["x.y", "z"]
/// ```
public enum SQLParser {
    /// One expression, optionally with an alias: `"explode(split(value, ' ')) as word"` -> `.alias(...)`.
    /// `*` and `t.*` give ``Expression/unresolvedStar(qualifier:)``.
    public static func parseExpression(_ text: String) throws(RivuletError) -> Expression {
        var p = try SQLTokenParser(text)
        let e = try p.parseNamedExpression()
        try p.expectEnd()
        return e
    }

    /// A query: `SELECT ...`, `WITH ...`, `VALUES ...`, `TABLE t`, set operations and parenthesised
    /// queries, with an optional trailing `;`.
    public static func parseQuery(_ text: String) throws(RivuletError) -> LogicalPlan {
        var p = try SQLTokenParser(text)
        let plan = try p.parseQuery()
        _ = p.acceptSymbol(";")
        try p.expectEnd()
        return plan
    }

    /// A dotted name: `"a.b"` -> `["a", "b"]`, ``"`x.y`.z"`` -> `["x.y", "z"]`.
    public static func parseMultipartIdentifier(_ text: String) throws(RivuletError) -> [String] {
        var p = try SQLTokenParser(text)
        let parts = try p.parseMultipartName()
        try p.expectEnd()
        return parts
    }

    /// A data type in SQL syntax (`int`, `decimal(10,2)`, `array<struct<a:int>>`, `interval day`).
    public static func parseDataType(_ text: String) throws(RivuletError) -> DataType {
        var p = try SQLTokenParser(text)
        let t = try p.parseDataType()
        try p.expectEnd()
        return t
    }
}

/// The parser state: the token list and a cursor. Parsing methods live in extensions by concern
/// (expressions, literals, queries, relations, types).
struct SQLTokenParser {
    var tokens: [SQLToken]
    var index = 0
    /// Current nesting depth of recursive constructs; bounded so hostile input cannot overflow the stack.
    var depth = 0
    static let maxDepth = 200

    init(_ text: String) throws(RivuletError) {
        tokens = try SQLLexer.tokenize(text)
    }

    // MARK: cursor

    var current: SQLToken { tokens[min(index, tokens.count - 1)] }
    func peek(_ k: Int) -> SQLToken { tokens[min(index + k, tokens.count - 1)] }
    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    /// Consumes the keyword `k` (upper case) if it is next.
    mutating func acceptKeyword(_ k: String) -> Bool {
        if current.isKeyword(k) { advance(); return true }
        return false
    }

    mutating func acceptSymbol(_ s: String) -> Bool {
        if current.isSymbol(s) { advance(); return true }
        return false
    }

    mutating func expectKeyword(_ k: String) throws(RivuletError) {
        if !acceptKeyword(k) { throw syntaxError() }
    }

    mutating func expectSymbol(_ s: String) throws(RivuletError) {
        if !acceptSymbol(s) { throw syntaxError() }
    }

    func expectEnd() throws(RivuletError) {
        if !current.isEnd { throw syntaxError() }
    }

    /// Spark's `[PARSE_SYNTAX_ERROR] Syntax error at or near 'X'.` for the current (or a given) token.
    func syntaxError(_ token: SQLToken? = nil, hint: String? = nil) -> RivuletError {
        let t = token ?? current
        var m = t.isEnd ? "Syntax error at or near end of input" : "Syntax error at or near '\(t.text)'"
        if let hint { m += ": \(hint)" }
        return .sql(m + ".", position: t.position)
    }

    /// A construct Spark has but Rivulet does not (yet) support, at `token`.
    func unsupported(_ what: String, at token: SQLToken) -> RivuletError {
        RivuletError(.unsupportedOperation, "\(what) is not supported.",
                     errorClass: "UNSUPPORTED_FEATURE", position: token.position)
    }

    /// Enters one level of nesting; throws when input nests deeper than ``maxDepth``.
    mutating func enter() throws(RivuletError) {
        depth += 1
        if depth > Self.maxDepth {
            throw RivuletError(.sql, "The SQL text is nested too deeply (more than \(Self.maxDepth) levels).",
                               errorClass: "PARSE_SYNTAX_ERROR", position: current.position)
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: identifiers

    /// Any identifier (keywords included): used after `AS`, after `.`, in column lists.
    mutating func parseIdentifier() throws(RivuletError) -> String {
        guard let name = current.identifierName else { throw syntaxError() }
        advance()
        return name
    }

    /// `a.b.c` with any words allowed in each part.
    mutating func parseMultipartName() throws(RivuletError) -> [String] {
        var parts = [try parseIdentifier()]
        while acceptSymbol(".") { parts.append(try parseIdentifier()) }
        return parts
    }

    /// `(a, b, c)`.
    mutating func parseIdentifierList() throws(RivuletError) -> [String] {
        try expectSymbol("(")
        var names = [try parseIdentifier()]
        while acceptSymbol(",") { names.append(try parseIdentifier()) }
        try expectSymbol(")")
        return names
    }

    /// True when the current token can be an alias without `AS` (a name that is not a clause keyword).
    /// A clause keyword that ends the text is an alias too, as in Spark's grammar: nothing could
    /// follow it (`SELECT * FROM` aliases `*` as `FROM`).
    var isImplicitAlias: Bool {
        switch current.kind {
        case .quotedIdentifier: return true
        case .word(let w):
            if !SQLKeywords.notImplicitAlias.contains(w.uppercased()) { return true }
            return peek(1).isEnd || (peek(1).isSymbol(";") && peek(2).isEnd)
        default: return false
        }
    }
}
