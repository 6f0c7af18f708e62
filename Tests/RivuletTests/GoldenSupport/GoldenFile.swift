import Foundation

/// One parsed golden `.test` file (format: `Tests/RivuletTests/Golden/README.md`; the Python twin
/// of this parser is `scripts/golden/generate_expected.py`).
struct GoldenFile: Sendable {
    /// A `table NAME FORMAT key=value ...` record: data written verbatim to a file and read back.
    struct Table: Sendable {
        var line: Int
        var name: String
        var format: String
        /// Reader options in file order (`schema` included; the driver routes it to `.schema`).
        var options: [(key: String, value: String)]
        var data: [String]
    }

    /// A `query rowsort|ordered` or `error` record.
    struct Case: Sendable {
        enum Kind: Sendable, Equatable {
            case rowsort, ordered, error
        }
        var line: Int
        var kind: Kind
        var sql: String
        /// Lines after `----` (header + rows, or the error class); nil when never generated.
        var expected: [String]?
    }

    enum Record: Sendable {
        case table(Table)
        case query(Case)
    }

    var name: String
    var records: [Record]

    var cases: [Case] {
        records.compactMap { if case .query(let c) = $0 { return c } else { return nil } }
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    init(name: String, text: String) throws(FormatError) {
        self.name = name
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var records: [Record] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let head = words.first ?? ""
            let where_ = "\(name):\(i + 1)"
            switch head {
            case "table":
                guard words.count >= 3 else { throw FormatError(description: "\(where_): expected 'table NAME FORMAT [key=value ...]'") }
                let rest = Self.remainder(of: line, afterWords: 3)
                let options = try Self.parseOptions(rest, where: where_)
                var data: [String] = []
                var j = i + 1
                while j < lines.count, lines[j] != "----end" {
                    data.append(lines[j])
                    j += 1
                }
                guard j < lines.count else { throw FormatError(description: "\(where_): table \(words[1]) has no '----end'") }
                records.append(.table(Table(line: i + 1, name: words[1], format: words[2], options: options, data: data)))
                i = j + 1
            case "query", "error":
                let kind: Case.Kind
                if head == "error" {
                    guard words.count == 1 else { throw FormatError(description: "\(where_): expected 'error' alone") }
                    kind = .error
                } else if words.count == 2, words[1] == "rowsort" {
                    kind = .rowsort
                } else if words.count == 2, words[1] == "ordered" {
                    kind = .ordered
                } else {
                    throw FormatError(description: "\(where_): expected 'query rowsort' or 'query ordered'")
                }
                var sql: [String] = []
                var j = i + 1
                while j < lines.count, lines[j] != "----", lines[j] != "" {
                    sql.append(lines[j])
                    j += 1
                }
                guard !sql.isEmpty else { throw FormatError(description: "\(where_): \(head) without SQL") }
                var expected: [String]?
                if j < lines.count, lines[j] == "----" {
                    var exp: [String] = []
                    j += 1
                    while j < lines.count, lines[j] != "" {
                        exp.append(lines[j])
                        j += 1
                    }
                    expected = exp
                }
                records.append(.query(Case(line: i + 1, kind: kind, sql: sql.joined(separator: "\n"), expected: expected)))
                i = j
            default:
                guard line.isEmpty || line.hasPrefix("#") else {
                    throw FormatError(description: "\(where_): unexpected line '\(line)'")
                }
                i += 1
            }
        }
        self.records = records
    }

    /// The text of `line` after its first `n` whitespace-separated words.
    private static func remainder(of line: String, afterWords n: Int) -> Substring {
        var rest = Substring(line)
        for _ in 0..<n {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            rest = rest.drop(while: { $0 != " " && $0 != "\t" })
        }
        return rest
    }

    /// `key=value key="v a l" key='"'`: quotes have no escapes; a value ends at its closing quote.
    static func parseOptions(_ text: Substring, where w: String) throws(FormatError) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        var rest = text
        while true {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            if rest.isEmpty { break }
            guard let eq = rest.firstIndex(of: "=") else { throw FormatError(description: "\(w): expected key=value, got '\(rest)'") }
            let key = String(rest[..<eq])
            guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw FormatError(description: "\(w): bad option key '\(key)'")
            }
            rest = rest[rest.index(after: eq)...]
            let value: String
            if let q = rest.first, q == "\"" || q == "'" {
                let body = rest.dropFirst()
                guard let end = body.firstIndex(of: q) else { throw FormatError(description: "\(w): unterminated quote in option \(key)") }
                value = String(body[..<end])
                rest = body[body.index(after: end)...]
                if let c = rest.first, c != " ", c != "\t" {
                    throw FormatError(description: "\(w): expected whitespace after quoted value of \(key)")
                }
            } else {
                let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
                value = String(rest[..<end])
                rest = rest[end...]
            }
            out.append((key, value))
        }
        return out
    }
}
