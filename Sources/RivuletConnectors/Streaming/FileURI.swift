import RivuletCore

/// Local paths as the URIs Spark writes into its file logs (`file:///tmp/in/a.json`), and back.
///
/// Characters a URI path may not hold (space, `%`, `#`, `?`, controls, non-ASCII) are
/// percent-encoded as UTF-8 bytes, the way Hadoop's `Path.toUri` quotes them.
public enum FileURI {
    /// `file:///abs/path` for an absolute path.
    public static func encode(_ absolutePath: String) -> String {
        var out = "file://"
        for b in absolutePath.utf8 {
            if isPlain(b) {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "%" + SparkFormat.hexByte(b)
            }
        }
        return out
    }

    /// The absolute path of a `file:` URI (`file:///a`, `file:/a`) or of a plain path.
    public static func decode(_ uri: String) -> String {
        var s = Substring(uri)
        if s.hasPrefix("file:") {
            s = s.dropFirst(5)
            // `file:///a` and `file://localhost/a` carry an authority; `file:/a` does not.
            if s.hasPrefix("//") {
                s = s.dropFirst(2)
                if let slash = s.firstIndex(of: "/") { s = s[slash...] } else { s = "/" }
            }
        }
        return percentDecode(String(s))
    }

    private static func isPlain(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "/-._~!$&'()*+,;=:@".utf8.contains(b)
        }
    }

    private static func percentDecode(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
        var bytes: [UInt8] = []
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
                bytes.append(h << 4 | l)
                i += 3
            } else {
                bytes.append(u[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// JSON text helpers for the small log records streaming writes.
enum LogJSON {
    /// `s` as a JSON string literal.
    static func quote(_ s: String) -> String { JSONWriter.quoted(s) }

    /// Parses one JSON object line, naming `file` when it is not an object.
    static func object(_ line: Substring, file: String) throws(RivuletError) -> JSONValue {
        let v: JSONValue
        do { v = try JSONValue.parse(String(line)) } catch {
            throw RivuletError(.checkpoint, "Log file \(file) is corrupt: cannot parse '\(line.prefix(200))': \(error.message)", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        guard case .object = v else {
            throw RivuletError(.checkpoint, "Log file \(file) is corrupt: expected a JSON object, found '\(line.prefix(200))'", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        return v
    }

    static func int64(_ v: JSONValue?) -> Int64? {
        if case .number(let text, _)? = v { return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0) } }
        return nil
    }

    static func string(_ v: JSONValue?) -> String? {
        if case .string(let s)? = v { return s }
        return nil
    }

    /// The lines of a log file after its `v<N>` header (Spark writes `v1`, then one line per
    /// entry with no trailing newline); versions above `maxVersion` are refused.
    static func logLines(_ path: String, maxVersion: Int = 1) throws(RivuletError) -> [Substring] {
        let text = String(decoding: try POSIX.ReadFile(path).readAll(), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header.hasPrefix("v"), let version = Int(header.dropFirst()) else {
            throw RivuletError(.checkpoint, "Log file \(path) is corrupt: expected a version line like 'v1'", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        guard version <= maxVersion else {
            throw RivuletError(.checkpoint, "Log file \(path) has version v\(version), but this build supports up to v\(maxVersion)",
                               errorClass: "INVALID_LOG_VERSION.EXACT_MESSAGE")
        }
        return Array(lines.dropFirst())
    }
}
