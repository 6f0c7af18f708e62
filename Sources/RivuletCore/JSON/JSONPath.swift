/// The JSONPath subset Spark's `get_json_object` understands: `$`, `.name`, `['name']`, `[n]`,
/// `[*]`. An invalid path makes the function return null.
///
/// ```swift
/// let path = JSONPath("$.a.b[0]")!
/// path.evaluate(on: "{\"a\":{\"b\":[\"x\"]}}")   // "x"
/// ```
public struct JSONPath: Sendable, Hashable {
    /// One step of a path.
    public enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
        case wildcard
    }

    public let steps: [Step]

    /// Parses `path`; nil when it is not a path Spark accepts.
    public init?(_ path: String) {
        let c = Array(path.utf8)
        guard c.first == UInt8(ascii: "$") else { return nil }
        var i = 1
        var steps: [Step] = []
        while i < c.count {
            if c[i] == UInt8(ascii: ".") {
                i += 1
                let s = i
                while i < c.count, c[i] != UInt8(ascii: "."), c[i] != UInt8(ascii: "[") { i += 1 }
                guard i > s else { return nil }
                let name = String(decoding: c[s..<i], as: UTF8.self)
                if name == "*" { steps.append(.wildcard) } else { steps.append(.key(name)) }
            } else if c[i] == UInt8(ascii: "[") {
                i += 1
                guard i < c.count else { return nil }
                if c[i] == UInt8(ascii: "'") {
                    i += 1
                    let s = i
                    while i < c.count, c[i] != UInt8(ascii: "'") { i += 1 }
                    guard i + 1 < c.count, c[i + 1] == UInt8(ascii: "]") else { return nil }
                    steps.append(.key(String(decoding: c[s..<i], as: UTF8.self)))
                    i += 2
                } else if c[i] == UInt8(ascii: "*") {
                    guard i + 1 < c.count, c[i + 1] == UInt8(ascii: "]") else { return nil }
                    steps.append(.wildcard)
                    i += 2
                } else {
                    var n = 0, digits = 0
                    while i < c.count, c[i] &- UInt8(ascii: "0") < 10 {
                        n = n &* 10 &+ Int(c[i] - UInt8(ascii: "0")); digits += 1; i += 1
                        if digits > 9 { return nil }
                    }
                    guard digits > 0, i < c.count, c[i] == UInt8(ascii: "]") else { return nil }
                    steps.append(.index(n))
                    i += 1
                }
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    private var hasWildcard: Bool { steps.contains(.wildcard) }

    /// The matched value(s) of `value`: nil when nothing matches; with wildcards, one match is
    /// returned as is and several as an array (Spark's behaviour).
    public func evaluate(_ value: JSONValue) -> JSONValue? {
        var matches: [JSONValue] = []
        collect(value, stepIndex: 0, into: &matches)
        if !hasWildcard { return matches.first }
        switch matches.count {
        case 0: return nil
        case 1: return matches[0]
        default: return .array(matches)
        }
    }

    private func collect(_ v: JSONValue, stepIndex: Int, into out: inout [JSONValue]) {
        guard stepIndex < steps.count else { out.append(v); return }
        switch steps[stepIndex] {
        case .key(let k):
            if let child = v[k] { collect(child, stepIndex: stepIndex + 1, into: &out) }
        case .index(let n):
            if let child = v[n] { collect(child, stepIndex: stepIndex + 1, into: &out) }
        case .wildcard:
            if case .array(let items) = v {
                for x in items { collect(x, stepIndex: stepIndex + 1, into: &out) }
            }
        }
    }

    /// `get_json_object(json, path)`: parses `json` (content after the first value is ignored)
    /// and renders the match: strings unquoted, `null` and no match as nil, anything else as
    /// compact JSON. Malformed JSON gives nil.
    public func evaluate(onJSON bytes: UnsafeBufferPointer<UInt8>, options: JSONOptions = JSONOptions()) -> String? {
        var p = JSONParser(bytes, options: options)
        guard let doc = try? p.parseValue(), let m = evaluate(doc) else { return nil }
        switch m {
        case .null: return nil
        case .string(let s): return s
        default: return m.compactText
        }
    }

    /// Convenience over a Swift string.
    public func evaluate(on json: String) -> String? {
        var s = json
        return s.withUTF8 { evaluate(onJSON: $0) }
    }
}
