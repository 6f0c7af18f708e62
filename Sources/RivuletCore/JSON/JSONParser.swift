/// A byte-level JSON (RFC 8259) pull parser over UTF-8 input.
///
/// The parser is a cursor: consumers drive it value by value, so the schema-directed decoder can
/// skip unknown members without building a tree, while ``parseValue()`` builds a ``JSONValue``.
/// Errors name the byte offset: `Malformed JSON at byte offset 7: expected ':' but found '}'`.
///
/// ```swift
/// var text = "{\"a\": 1}"
/// try text.withUTF8 { buf in
///     var p = JSONParser(buf)
///     let v = try p.parseValue()
/// }
/// ```
public struct JSONParser {
    /// The input bytes.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offset of the next unread byte.
    public var position: Int
    /// Enabled parser features.
    public let options: JSONOptions
    private var depth = 0

    /// Kinds of JSON values, told apart by their first byte.
    public enum Kind: Sendable, Equatable {
        case object, array, string, number, bool, null
    }

    public init(_ bytes: UnsafeBufferPointer<UInt8>, options: JSONOptions = JSONOptions()) {
        self.bytes = bytes
        self.position = 0
        self.options = options
    }

    // MARK: errors

    /// An error at the current position.
    public func error(_ message: String) -> RivuletError {
        RivuletError(.execution, "Malformed JSON at byte offset \(position): \(message)", errorClass: "MALFORMED_RECORD_IN_PARSING")
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of input" }
        let c = bytes[position]
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(SparkFormat.hexByte(c))"
    }

    private func unexpected(_ expected: String) -> RivuletError {
        error("expected \(expected) but found \(describeCurrent())")
    }

    // MARK: white space

    /// Skips white space (and comments when ``JSONOptions/allowComments`` is on).
    public mutating func skipWhitespace() throws(RivuletError) {
        while position < bytes.count {
            let c = bytes[position]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                position += 1
            } else if c == UInt8(ascii: "/") && options.allowComments {
                try skipComment()
            } else {
                return
            }
        }
    }

    private mutating func skipComment() throws(RivuletError) {
        guard position + 1 < bytes.count else { throw error("unexpected end of input in comment") }
        let next = bytes[position + 1]
        if next == UInt8(ascii: "/") {
            position += 2
            while position < bytes.count, bytes[position] != 0x0A { position += 1 }
        } else if next == UInt8(ascii: "*") {
            position += 2
            while position + 1 < bytes.count {
                if bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/") { position += 2; return }
                position += 1
            }
            throw error("unterminated comment")
        } else {
            throw unexpected("a value")
        }
    }

    /// After the last value: only white space may remain.
    public mutating func expectEnd() throws(RivuletError) {
        try skipWhitespace()
        if position < bytes.count { throw error("unexpected trailing content \(describeCurrent())") }
    }

    /// Whether only white space remains.
    public mutating func isAtEnd() throws(RivuletError) -> Bool {
        try skipWhitespace()
        return position >= bytes.count
    }

    // MARK: value kinds

    /// The kind of the next value (after white space), or an error if no value starts here.
    public mutating func peekKind() throws(RivuletError) -> Kind {
        try skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "'") where options.allowSingleQuotes: return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "+"), UInt8(ascii: "N"), UInt8(ascii: "I"):
            if options.allowNonNumericNumbers { return .number }
            throw unexpected("a value")
        default: throw unexpected("a value")
        }
    }

    // MARK: literals

    private mutating func expectWord(_ word: StaticString) throws(RivuletError) {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        guard position + n <= bytes.count else { throw unexpected("'\(word)'") }
        for k in 0..<n where bytes[position + k] != w[k] { throw unexpected("'\(word)'") }
        let end = position + n
        if end < bytes.count, Self.isIdentifierByte(bytes[end]) {
            position = end
            throw error("unrecognized token")
        }
        position = end
    }

    static func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c == UInt8(ascii: "$") || c >= 0x80
    }

    /// Reads `true` or `false`.
    public mutating func readBool() throws(RivuletError) -> Bool {
        try skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "t") { try expectWord("true"); return true }
        try expectWord("false")
        return false
    }

    /// Reads `null`.
    public mutating func readNull() throws(RivuletError) {
        try skipWhitespace()
        try expectWord("null")
    }

    // MARK: numbers

    /// Reads a number token and returns its byte range and whether it is an integer literal.
    /// `NaN`, `Infinity`, `+Infinity`, `-Infinity` are accepted when non-numeric numbers are allowed.
    public mutating func readNumber() throws(RivuletError) -> (range: Range<Int>, isInteger: Bool) {
        try skipWhitespace()
        let start = position
        if let special = try readNonNumeric() { return (special, false) }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let intStart = position
        let intDigits = skipDigits()
        guard intDigits > 0 else { throw unexpected("a digit") }
        if intDigits > 1, bytes[intStart] == UInt8(ascii: "0"), !options.allowNumericLeadingZeros {
            position = intStart
            throw error("leading zeroes not allowed")
        }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            isInteger = false
            guard skipDigits() > 0 else { throw unexpected("a digit after the decimal point") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            isInteger = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard skipDigits() > 0 else { throw unexpected("a digit in the exponent") }
        }
        if position < bytes.count, Self.isIdentifierByte(bytes[position]) || bytes[position] == UInt8(ascii: ".") {
            throw error("invalid number")
        }
        return (start..<position, isInteger)
    }

    private mutating func skipDigits() -> Int {
        let s = position
        while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        return position - s
    }

    private mutating func readNonNumeric() throws(RivuletError) -> Range<Int>? {
        guard options.allowNonNumericNumbers, position < bytes.count else { return nil }
        let start = position
        var p = position
        if bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
        guard p < bytes.count, bytes[p] == UInt8(ascii: "N") || bytes[p] == UInt8(ascii: "I") else {
            if bytes[start] == UInt8(ascii: "+") { throw unexpected("a value") }
            return nil
        }
        for word: StaticString in ["NaN", "Infinity", "INF"] {
            let n = word.utf8CodeUnitCount
            guard p + n <= bytes.count else { continue }
            var same = true
            for k in 0..<n where bytes[p + k] != word.utf8Start[k] { same = false; break }
            if same, p + n == bytes.count || !Self.isIdentifierByte(bytes[p + n]) {
                if word.utf8Start[0] == UInt8(ascii: "N") && p != start { break }   // "-NaN" is invalid
                position = p + n
                return start..<position
            }
        }
        position = p
        throw error("unrecognized token")
    }

    /// The number text of `range` normalised for conversion: `Infinity`/`INF` variants become
    /// `Infinity`/`-Infinity`, `+` is dropped.
    public func numberText(_ range: Range<Int>) -> String {
        var s = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        if s.hasPrefix("+") { s.removeFirst() }
        if s == "INF" { return "Infinity" }
        if s == "-INF" { return "-Infinity" }
        return s
    }

    // MARK: strings

    /// Reads a string token, appending its decoded UTF-8 bytes to `out` (not cleared first).
    public mutating func readString(into out: inout [UInt8]) throws(RivuletError) {
        try skipWhitespace()
        guard position < bytes.count else { throw unexpected("a string") }
        let quote = bytes[position]
        guard quote == UInt8(ascii: "\"") || (quote == UInt8(ascii: "'") && options.allowSingleQuotes) else {
            throw unexpected("a string")
        }
        position += 1
        while true {
            // Bulk-copy the run of plain bytes up to the next quote, backslash or control byte.
            let runStart = position
            while position < bytes.count {
                let c = bytes[position]
                if c == quote || c == UInt8(ascii: "\\") || c < 0x20 { break }
                position += 1
            }
            if position > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position])) }
            guard position < bytes.count else { throw error("unterminated string") }
            let c = bytes[position]
            if c == quote { position += 1; return }
            if c < 0x20 {
                guard options.allowUnquotedControlChars else {
                    throw error("illegal unquoted control character (code \(c)) in string; it must be escaped")
                }
                out.append(c)
                position += 1
                continue
            }
            try readEscape(into: &out)
        }
    }

    /// Reads a string token as a Swift `String`.
    public mutating func readString() throws(RivuletError) -> String {
        var buf: [UInt8] = []
        try readString(into: &buf)
        return String(decoding: buf, as: UTF8.self)
    }

    private mutating func readEscape(into out: inout [UInt8]) throws(RivuletError) {
        position += 1   // the backslash
        guard position < bytes.count else { throw error("unterminated escape sequence") }
        let e = bytes[position]
        position += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "'") where options.allowSingleQuotes: out.append(e)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if scalar >= 0xD800 && scalar < 0xDC00 {
                // A high surrogate must be followed by an escaped low surrogate.
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate \\u\(String(scalar, radix: 16, uppercase: true))")
                }
                position += 2
                let low = try readHex4()
                guard low >= 0xDC00 && low < 0xE000 else { throw error("invalid low surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw error("unpaired surrogate \\u\(String(scalar, radix: 16, uppercase: true))")
            }
            Self.appendUTF8(scalar, to: &out)
        default:
            guard options.allowBackslashEscapingAnyCharacter else {
                position -= 1
                throw error("unrecognized character escape \(describeCurrent())")
            }
            out.append(e)
        }
    }

    private mutating func readHex4() throws(RivuletError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }

    static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        if s < 0x80 {
            out.append(UInt8(s))
        } else if s < 0x800 {
            out.append(UInt8(0xC0 | (s >> 6))); out.append(UInt8(0x80 | (s & 0x3F)))
        } else if s < 0x10000 {
            out.append(UInt8(0xE0 | (s >> 12))); out.append(UInt8(0x80 | ((s >> 6) & 0x3F))); out.append(UInt8(0x80 | (s & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (s >> 18))); out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F))); out.append(UInt8(0x80 | (s & 0x3F)))
        }
    }

    /// Reads an object member name: a string, or a bare identifier when unquoted names are allowed.
    public mutating func readFieldName(into out: inout [UInt8]) throws(RivuletError) {
        try skipWhitespace()
        guard position < bytes.count else { throw unexpected("a field name") }
        let c = bytes[position]
        if c == UInt8(ascii: "\"") || (c == UInt8(ascii: "'") && options.allowSingleQuotes) {
            try readString(into: &out)
            return
        }
        guard options.allowUnquotedFieldNames, Self.isIdentifierByte(c), c &- UInt8(ascii: "0") >= 10 else {
            throw unexpected("a double-quoted field name")
        }
        let s = position
        while position < bytes.count, Self.isIdentifierByte(bytes[position]) { position += 1 }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[s..<position]))
    }

    // MARK: containers

    /// Consumes `{`.
    public mutating func beginObject() throws(RivuletError) {
        try skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { throw unexpected("'{'") }
        try enter()
        position += 1
    }

    /// Consumes `[`.
    public mutating func beginArray() throws(RivuletError) {
        try skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { throw unexpected("'['") }
        try enter()
        position += 1
    }

    private mutating func enter() throws(RivuletError) {
        depth += 1
        if depth > options.maxDepth { throw error("nesting depth exceeds the maximum of \(options.maxDepth)") }
    }

    /// Advances to the next member of the object being read: reads its name into `name` (cleared
    /// first) and the `:`, and returns true; returns false after consuming the closing `}`.
    /// `first` must start true for each object.
    public mutating func nextMember(_ first: inout Bool, name: inout [UInt8]) throws(RivuletError) -> Bool {
        try skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input in object") }
        if bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return false
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw unexpected("',' or '}'") }
            position += 1
            try skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") { throw error("trailing comma in object") }
        }
        first = false
        name.removeAll(keepingCapacity: true)
        try readFieldName(into: &name)
        try skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw unexpected("':'") }
        position += 1
        return true
    }

    /// Advances to the next element of the array being read; returns false after consuming `]`.
    public mutating func nextElement(_ first: inout Bool) throws(RivuletError) -> Bool {
        try skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input in array") }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return false
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw unexpected("',' or ']'") }
            position += 1
            try skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") { throw error("trailing comma in array") }
        }
        first = false
        return true
    }

    // MARK: generic values

    /// Skips one value of any kind, validating it.
    public mutating func skipValue() throws(RivuletError) {
        switch try peekKind() {
        case .object:
            try beginObject()
            var first = true
            var name: [UInt8] = []
            while try nextMember(&first, name: &name) { try skipValue() }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(&first) { try skipValue() }
        case .string:
            var sink: [UInt8] = []
            try readString(into: &sink)
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        }
    }

    /// Parses one value into a tree.
    public mutating func parseValue() throws(RivuletError) -> JSONValue {
        switch try peekKind() {
        case .object:
            try beginObject()
            var members: [(key: String, value: JSONValue)] = []
            var first = true
            var name: [UInt8] = []
            while try nextMember(&first, name: &name) {
                let key = String(decoding: name, as: UTF8.self)
                members.append((key, try parseValue()))
            }
            return .object(members)
        case .array:
            try beginArray()
            var items: [JSONValue] = []
            var first = true
            while try nextElement(&first) { items.append(try parseValue()) }
            return .array(items)
        case .string: return .string(try readString())
        case .number:
            let (r, isInt) = try readNumber()
            return .number(numberText(r), isInteger: isInt)
        case .bool: return .bool(try readBool())
        case .null: try readNull(); return .null
        }
    }
}
