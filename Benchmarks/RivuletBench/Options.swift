/// `--name value` options after the subcommand, parsed by hand (the target depends only on `Rivulet`).
struct Options {
    private var values: [String: String] = [:]

    /// Parses `--key value` pairs; any other shape is a usage error.
    init(_ args: ArraySlice<String>, allowed: Set<String>) throws(UsageError) {
        var i = args.startIndex
        while i < args.endIndex {
            let key = args[i]
            guard allowed.contains(key) else { throw UsageError("unknown option '\(key)'") }
            guard i + 1 < args.endIndex else { throw UsageError("option '\(key)' needs a value") }
            values[key] = args[i + 1]
            i += 2
        }
    }

    /// The raw value of `key`, if given.
    func value(_ key: String) -> String? { values[key] }

    /// A required string option.
    func required(_ key: String) throws(UsageError) -> String {
        guard let v = values[key] else { throw UsageError("missing required option '\(key)'") }
        return v
    }

    /// An integer option with a default; rejects non-integers and values below `minimum`.
    func int(_ key: String, default d: Int, minimum: Int = 0) throws(UsageError) -> Int {
        guard let raw = values[key] else { return d }
        guard let v = Int(raw), v >= minimum else { throw UsageError("option '\(key)' must be an integer >= \(minimum), got '\(raw)'") }
        return v
    }
}

/// A command-line mistake: printed with the usage text, exit status 2.
struct UsageError: Error {
    /// What was wrong.
    let message: String
    init(_ message: String) { self.message = message }
}
