import RivuletCore

/// A case-insensitive view of Spark's string option map (`option("header", "true")`).
public struct SourceOptions: Sendable {
    private let map: [String: String]

    public init(_ options: [String: String]) {
        var m: [String: String] = [:]
        for (k, v) in options { m[k.lowercased()] = v }
        map = m
    }

    /// The raw value of `key` (case-insensitive), or nil.
    public subscript(_ key: String) -> String? { map[key.lowercased()] }

    /// A boolean option; anything but `true`/`false` (case-insensitive) is an error naming the option.
    public func bool(_ key: String, default dflt: Bool) throws(RivuletError) -> Bool {
        guard let v = self[key] else { return dflt }
        switch v.lowercased() {
        case "true": return true
        case "false": return false
        default: throw RivuletError(.analysis, "Invalid value '\(v)' for option '\(key)': expected 'true' or 'false'")
        }
    }

    /// An integer option.
    public func int(_ key: String, default dflt: Int) throws(RivuletError) -> Int {
        guard let v = self[key] else { return dflt }
        guard let i = Int(v.trimmingASCIISpaces()) else {
            throw RivuletError(.analysis, "Invalid value '\(v)' for option '\(key)': expected an integer")
        }
        return i
    }

    /// A one-character option such as `quote` or `escape`; an empty string means "none" (NUL).
    public func char(_ key: String, default dflt: UInt8?) throws(RivuletError) -> UInt8? {
        guard let v = self[key] else { return dflt }
        if v.isEmpty || v == "\u{0}" { return nil }
        let u = Array(v.utf8)
        if u.count == 1 { return u[0] }
        if u.count == 2, u[0] == UInt8(ascii: "\\") {
            switch u[1] {
            case UInt8(ascii: "t"): return 0x09
            case UInt8(ascii: "n"): return 0x0A
            case UInt8(ascii: "r"): return 0x0D
            case UInt8(ascii: "\\"): return UInt8(ascii: "\\")
            case UInt8(ascii: "\""): return UInt8(ascii: "\"")
            case UInt8(ascii: "'"): return UInt8(ascii: "'")
            default: break
            }
        }
        throw RivuletError(.analysis, "Option '\(key)' must be a single character, got '\(v)'")
    }
}

/// How a reader treats malformed records (Spark's `mode` option).
public enum ParseMode: String, Sendable {
    /// Keep the record: unparsable fields become null and the raw text goes to the corrupt-record
    /// column when the schema has one.
    case permissive = "PERMISSIVE"
    /// Skip malformed records.
    case dropMalformed = "DROPMALFORMED"
    /// Stop at the first malformed record with an error naming the file and the record.
    case failFast = "FAILFAST"

    /// Parses the `mode` option (case-insensitive; Spark falls back to PERMISSIVE for unknown values).
    public init(option: String?) {
        switch option?.uppercased() {
        case "DROPMALFORMED": self = .dropMalformed
        case "FAILFAST": self = .failFast
        default: self = .permissive
        }
    }
}

/// Errors shared by the file readers.
enum ReadErrors {
    /// Spark's FAILFAST error: `MALFORMED_RECORD_IN_PARSING`, naming the file, the line and the record.
    static func malformed(file: String, line: Int?, record: String, cause: RivuletError?) -> RivuletError {
        var shown = record
        if shown.count > 200 { shown = String(shown.prefix(200)) + "..." }
        var msg = "Encountered error while reading file \(FileIndex.uri(file))"
        if let line { msg += " at line \(line)" }
        msg += ". Malformed records are detected in record parsing: \(shown). Parse Mode: FAILFAST. "
            + "To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'."
        if let cause { msg += " Cause: \(cause.message)" }
        return RivuletError(.execution, msg, errorClass: "MALFORMED_RECORD_IN_PARSING")
    }
}
