import RivuletCore

/// Splits SQL text into ``SQLToken``s following Spark's lexer: case-insensitive words, back-quoted
/// identifiers, single- or double-quoted strings with backslash escapes, typed numeric literals,
/// `--` and (nested) `/* */` comments. Positions are 1-based lines and 0-based columns, as Spark
/// prints them (`line 1, pos 7`).
struct SQLLexer {
    private let chars: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) { chars = Array(text.unicodeScalars) }

    /// Tokenizes the whole text; the last token is always `.end`.
    static func tokenize(_ text: String) throws(RivuletError) -> [SQLToken] {
        var lexer = SQLLexer(text)
        var out: [SQLToken] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.isEnd { return out }
        }
    }

    private var position: SourcePosition { SourcePosition(line: line, column: i - lineStart, offset: i) }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < chars.count ? chars[i + k] : nil }

    /// Advances one character, tracking line starts.
    private mutating func bump() {
        if chars[i] == "\n" { line += 1; lineStart = i + 1 }
        i += 1
    }

    private func text(from start: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars[start..<i])
        return String(s)
    }

    static func isIdentifierChar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c))) || (!c.isASCII && c.properties.isAlphabetic)
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("0"..."9").contains(c)
    }

    private mutating func skipSpaceAndComments() throws(RivuletError) {
        while let c = peek() {
            if c.properties.isWhitespace {
                bump()
            } else if c == "-", peek(1) == "-" {
                while let d = peek(), d != "\n" { bump() }
            } else if c == "/", peek(1) == "*" {
                let start = position
                bump(); bump()
                var depth = 1
                while depth > 0 {
                    guard let d = peek() else {
                        throw RivuletError(
                            .sql, "Found an unclosed bracketed comment. Please, append */ at the end of the comment.",
                            errorClass: "UNCLOSED_BRACKETED_COMMENT", position: start)
                    }
                    if d == "*", peek(1) == "/" { bump(); bump(); depth -= 1 }
                    else if d == "/", peek(1) == "*" { bump(); bump(); depth += 1 }
                    else { bump() }
                }
            } else {
                return
            }
        }
    }

    mutating func next() throws(RivuletError) -> SQLToken {
        try skipSpaceAndComments()
        let pos = position
        let start = i
        guard let c = peek() else { return SQLToken(kind: .end, text: "", position: pos) }

        // Raw strings: r'...' / R"..." (no escape processing).
        if (c == "r" || c == "R"), let q = peek(1), q == "'" || q == "\"" {
            bump()
            let s = try quoted(q, raw: true, start: pos)
            return SQLToken(kind: .string(s), text: text(from: start), position: pos)
        }
        if c == "'" || c == "\"" {
            let s = try quoted(c, raw: false, start: pos)
            return SQLToken(kind: .string(s), text: text(from: start), position: pos)
        }
        if c == "`" {
            bump()
            var name = String.UnicodeScalarView()
            while true {
                guard let d = peek() else {
                    throw RivuletError.sql("Syntax error at or near '`': unclosed back-quoted identifier.", position: pos)
                }
                bump()
                if d == "`" {
                    if peek() == "`" { bump(); name.append("`"); continue }
                    break
                }
                name.append(d)
            }
            return SQLToken(kind: .quotedIdentifier(String(name)), text: text(from: start), position: pos)
        }
        if Self.isDigit(c) || (c == "." && Self.isDigit(peek(1))) {
            if let t = lexNumber(pos) { return t }
        }
        if Self.isIdentifierChar(c) {
            while let d = peek(), Self.isIdentifierChar(d) { bump() }
            let w = text(from: start)
            return SQLToken(kind: .word(w), text: w, position: pos)
        }
        // Operators: longest match first among those starting with this character.
        for op in Self.operatorsByFirst[c] ?? [] where matches(op) {
            for _ in op { bump() }
            let text = String(String.UnicodeScalarView(op))
            return SQLToken(kind: .symbol(text), text: text, position: pos)
        }
        throw RivuletError.sql("Syntax error at or near '\(Character(c))'.", position: pos)
    }

    private static let operators: [String] = [
        "<=>", ">>>", "<=", ">=", "<>", "!=", "==", "||", "::", "->", "=>", "<<", ">>",
        "(", ")", "[", "]", "{", "}", ",", ".", ";", ":", "*", "/", "%", "+", "-", "~", "&", "|", "^",
        "=", "<", ">", "!", "?",
    ]

    /// ``operators`` grouped by first character, longest first.
    private static let operatorsByFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = {
        var d: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for op in operators {
            let scalars = Array(op.unicodeScalars)
            d[scalars[0], default: []].append(scalars)
        }
        return d.mapValues { $0.sorted { $0.count > $1.count } }
    }()

    private func matches(_ op: [Unicode.Scalar]) -> Bool {
        for (k, s) in op.enumerated() where peek(k) != s { return false }
        return true
    }

    /// A quoted string starting at the current quote character; a doubled quote stands for itself.
    /// Raw strings (`r'...'`) end at the first closing quote and keep backslashes as written.
    private mutating func quoted(_ q: Unicode.Scalar, raw: Bool, start: SourcePosition) throws(RivuletError) -> String {
        bump()
        var out = String.UnicodeScalarView()
        while true {
            guard let d = peek() else {
                throw RivuletError.sql("Syntax error at or near '\(Character(q))': unclosed string literal.", position: start)
            }
            if d == q {
                bump()
                if !raw, peek() == q { bump(); out.append(q); continue }
                return String(out)
            }
            if d == "\\", !raw, let e = peek(1) {
                bump(); bump()
                unescape(e, into: &out)
                continue
            }
            out.append(d)
            bump()
        }
    }

    /// Spark's `unescapeSQLString` for the character after a backslash (already consumed).
    private mutating func unescape(_ e: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        switch e {
        case "0":
            // \0 or an octal escape \ddd.
            if let a = peek(), let b = peek(1), Self.isOctal(a), Self.isOctal(b), let v = Unicode.Scalar(octal(e, a, b)) {
                bump(); bump()
                out.append(v)
            } else {
                out.append("\u{0}")
            }
        case "1", "2", "3":
            if let a = peek(), let b = peek(1), Self.isOctal(a), Self.isOctal(b), let v = Unicode.Scalar(octal(e, a, b)) {
                bump(); bump()
                out.append(v)
            } else {
                out.append(e)
            }
        case "b": out.append("\u{8}")
        case "n": out.append("\n")
        case "r": out.append("\r")
        case "t": out.append("\t")
        case "Z": out.append("\u{1A}")
        case "%": out.append("\\"); out.append("%")
        case "_": out.append("\\"); out.append("_")
        case "u":
            var v: UInt32 = 0
            var k = 0
            while k < 4, let h = peek(k), let d = Self.hexValue(h) { v = v * 16 + d; k += 1 }
            if k == 4, let s = Unicode.Scalar(v) {
                for _ in 0..<4 { bump() }
                out.append(s)
            } else {
                out.append("u")
            }
        default: out.append(e)
        }
    }

    private static func isOctal(_ c: Unicode.Scalar) -> Bool { ("0"..."7").contains(c) }
    private func octal(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt32 {
        (a.value - 48) * 64 + (b.value - 48) * 8 + (c.value - 48)
    }

    static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 48
        case "a"..."f": return c.value - 87
        case "A"..."F": return c.value - 55
        default: return nil
        }
    }

    /// A numeric literal, or nil when the text is an identifier starting with digits (`1a`, `123abc`)
    /// or a lone `.` — the caller then lexes it as such. Mirrors ANTLR's longest match between
    /// Spark's number rules and its IDENTIFIER rule.
    private mutating func lexNumber(_ pos: SourcePosition) -> SQLToken? {
        let start = i
        var j = i
        func at(_ k: Int) -> Unicode.Scalar? { k < chars.count ? chars[k] : nil }
        while Self.isDigit(at(j)) { j += 1 }
        let intEnd = j
        var hasDot = false
        if at(j) == ".", j > start || Self.isDigit(at(j + 1)) {
            // `1.` and `.5` and `1.5`; but `1..` is not a decimal.
            hasDot = true
            j += 1
            while Self.isDigit(at(j)) { j += 1 }
        }
        var hasExp = false
        if let e = at(j), e == "e" || e == "E" {
            var k = j + 1
            if let s = at(k), s == "+" || s == "-" { k += 1 }
            if Self.isDigit(at(k)) {
                while Self.isDigit(at(k)) { k += 1 }
                j = k
                hasExp = true
            }
        }
        // Suffixes: BD always; D, F for all; L, S, Y only for plain integers.
        if let a = at(j), a == "b" || a == "B", let b = at(j + 1), b == "d" || b == "D" {
            j += 2
        } else if let a = at(j), "dDfF".unicodeScalars.contains(a) {
            j += 1
        } else if !hasDot, !hasExp, let a = at(j), "lLsSyY".unicodeScalars.contains(a) {
            j += 1
        }
        // Identifier run from the start (only meaningful when the token begins with a digit).
        var identEnd = start
        while let c = at(identEnd), Self.isIdentifierChar(c) { identEnd += 1 }
        let followedByIdentChar = at(j).map(Self.isIdentifierChar) ?? false
        if hasDot {
            if followedByIdentChar {
                // Spark's isValidDecimal fails: fall back to the integer part (`1.5a` is `1 . 5a`).
                guard intEnd > start else { return nil }
                if identEnd > intEnd { return nil }
                j = intEnd
            }
        } else if identEnd > j {
            return nil  // `123abc`, `1e3x`, `10Lx`: an identifier
        }
        while i < j { bump() }
        let t = text(from: start)
        return SQLToken(kind: .number(t), text: t, position: pos)
    }
}
