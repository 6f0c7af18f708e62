/// Parsing of Spark DDL type strings: `"ts TIMESTAMP, key STRING, tags ARRAY<STRING>"`,
/// `"decimal(10,2)"`, `"struct<a:int,b:map<string,bigint>>"`.
extension StructType {
    /// Parses a DDL schema string such as `"ts TIMESTAMP, key STRING, v DOUBLE NOT NULL"`.
    /// A `struct<...>` type string is accepted too.
    public static func fromDDL(_ ddl: String) throws(RivuletError) -> StructType {
        var p = DDLParser(ddl)
        p.skipSpace()
        if p.peekWord()?.lowercased() == "struct", p.lookaheadIsAngle() {
            let t = try p.parseType()
            try p.expectEnd()
            if case .struct(let s) = t { return s }
        }
        p = DDLParser(ddl)
        let s = try p.parseFieldList(terminator: nil)
        try p.expectEnd()
        return s
    }
}

extension DataType {
    /// Parses one DDL type: `int`, `DECIMAL(10,2)`, `array<string>`, `map<string,int>`, `struct<a:int>`.
    public static func fromDDL(_ ddl: String) throws(RivuletError) -> DataType {
        var p = DDLParser(ddl)
        let t = try p.parseType()
        try p.expectEnd()
        return t
    }

    /// The type for a (case-insensitive) primitive type name, e.g. `"bigint"` or `"long"`.
    public static func primitive(named raw: String) -> DataType? {
        switch raw.lowercased() {
        case "boolean", "bool": return .boolean
        case "tinyint", "byte": return .byte
        case "smallint", "short": return .short
        case "int", "integer": return .integer
        case "bigint", "long": return .long
        case "float", "real": return .float
        case "double": return .double
        case "decimal", "dec", "numeric": return .defaultDecimal
        case "string", "varchar", "char", "text": return .string
        case "binary": return .binary
        case "date": return .date
        case "timestamp", "timestamp_ltz", "timestamp_ntz": return .timestamp
        case "void", "null": return .null
        default: return nil
        }
    }
}

/// A tiny recursive-descent parser for DDL type strings.
struct DDLParser {
    private let chars: [Character]
    private var i = 0
    private let text: String

    init(_ s: String) { text = s; chars = Array(s) }

    private func error(_ msg: String) -> RivuletError {
        RivuletError(.sql, "Cannot parse the data type '\(text)': \(msg) at position \(i)", errorClass: "PARSE_SYNTAX_ERROR",
                     position: SourcePosition(line: 1, column: i, offset: i))
    }

    mutating func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }

    func peekWord() -> String? {
        var j = i
        var w = ""
        while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { w.append(chars[j]); j += 1 }
        return w.isEmpty ? nil : w
    }

    func lookaheadIsAngle() -> Bool {
        var j = i
        while j < chars.count, chars[j].isLetter { j += 1 }
        while j < chars.count, chars[j].isWhitespace { j += 1 }
        return j < chars.count && chars[j] == "<"
    }

    mutating func expectEnd() throws(RivuletError) {
        skipSpace()
        if i < chars.count { throw error("unexpected '\(chars[i])'") }
    }

    private mutating func consume(_ c: Character) -> Bool {
        skipSpace()
        if i < chars.count, chars[i] == c { i += 1; return true }
        return false
    }

    private mutating func expect(_ c: Character) throws(RivuletError) {
        if !consume(c) { throw error(i < chars.count ? "expected '\(c)' but found '\(chars[i])'" : "expected '\(c)' but the text ended") }
    }

    mutating func identifier() throws(RivuletError) -> String {
        skipSpace()
        guard i < chars.count else { throw error("expected a name but the text ended") }
        if chars[i] == "`" {
            i += 1
            var name = ""
            while i < chars.count {
                if chars[i] == "`" {
                    if i + 1 < chars.count, chars[i + 1] == "`" { name.append("`"); i += 2; continue }
                    i += 1
                    return name
                }
                name.append(chars[i]); i += 1
            }
            throw error("unterminated back-quoted name")
        }
        var name = ""
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { name.append(chars[i]); i += 1 }
        if name.isEmpty { throw error("expected a name but found '\(chars[i])'") }
        return name
    }

    private mutating func integer() throws(RivuletError) -> Int {
        skipSpace()
        var digits = ""
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
        guard let v = Int(digits) else { throw error("expected a number") }
        return v
    }

    private mutating func stringLiteral() throws(RivuletError) -> String {
        skipSpace()
        guard i < chars.count, chars[i] == "'" || chars[i] == "\"" else { throw error("expected a quoted string") }
        let q = chars[i]
        i += 1
        var s = ""
        while i < chars.count, chars[i] != q { s.append(chars[i]); i += 1 }
        guard i < chars.count else { throw error("unterminated string") }
        i += 1
        return s
    }

    /// `name type [NOT NULL] [COMMENT 'c'] (, ...)*` up to `terminator` (or the end of text).
    mutating func parseFieldList(terminator: Character?) throws(RivuletError) -> StructType {
        var fields: [StructField] = []
        skipSpace()
        if let terminator, i < chars.count, chars[i] == terminator { return StructType() }
        repeat {
            let name = try identifier()
            _ = consume(":")
            let type = try parseType()
            var nullable = true
            var comment: String?
            while true {
                skipSpace()
                guard let w = peekWord()?.uppercased() else { break }
                if w == "NOT" {
                    _ = try identifier()
                    guard try identifier().uppercased() == "NULL" else { throw error("expected NULL after NOT") }
                    nullable = false
                } else if w == "COMMENT" {
                    _ = try identifier()
                    comment = try stringLiteral()
                } else { break }
            }
            fields.append(StructField(name, type, nullable: nullable, comment: comment))
        } while consume(",")
        return StructType(fields)
    }

    mutating func parseType() throws(RivuletError) -> DataType {
        let start = i
        let word = try identifier()
        switch word.lowercased() {
        case "array":
            try expect("<")
            let e = try parseType()
            try expect(">")
            return .array(e, containsNull: true)
        case "map":
            try expect("<")
            let k = try parseType()
            try expect(",")
            let v = try parseType()
            try expect(">")
            return .map(k, v, valueContainsNull: true)
        case "struct":
            try expect("<")
            let s = try parseFieldList(terminator: ">")
            try expect(">")
            return .struct(s)
        case "decimal", "dec", "numeric":
            if consume("(") {
                let p = try integer()
                var s = 0
                if consume(",") { s = try integer() }
                try expect(")")
                guard p >= 1, p <= DataType.maxDecimalPrecision, s >= 0, s <= p else {
                    throw error("decimal(\(p),\(s)) is out of range (precision 1...38, scale 0...precision)")
                }
                return .decimal(precision: p, scale: s)
            }
            return .defaultDecimal
        case "varchar", "char":
            if consume("(") { _ = try integer(); try expect(")") }
            return .string
        case "timestamp":
            // `TIMESTAMP WITH LOCAL TIME ZONE` etc. are not supported; plain TIMESTAMP is.
            return .timestamp
        default:
            if let t = DataType.primitive(named: word) { return t }
            i = start
            throw error("unsupported data type '\(word)'")
        }
    }
}
