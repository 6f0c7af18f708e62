import RivuletCore

/// Option errors of the Kafka source and sink.
enum KafkaOptionError {
    /// Spark's `IllegalArgumentException` for a bad or missing option, as an analysis error; when
    /// Spark's text does not name the option, it is added.
    static func invalid(_ message: String, option: String? = nil) -> RivuletError {
        guard let option else { return RivuletError(.analysis, message) }
        let lower = message.lowercased()
        let bare = option.lowercased().hasPrefix("kafka.") ? String(option.lowercased().dropFirst(6)) : option.lowercased()
        if lower.contains(bare) { return RivuletError(.analysis, message) }
        return RivuletError(.analysis, "Invalid value for option '\(option)': \(message)")
    }

    static func notNumber(_ option: String, _ raw: String) -> RivuletError {
        RivuletError(.analysis, "Invalid value '\(raw)' for option '\(option)': expected an integer")
    }

    /// An option name the Kafka source or sink does not know.
    static func unknown(_ name: String, known: Set<String>, kind: String) -> RivuletError {
        var message = "Unknown option '\(name)' for the Kafka \(kind)"
        if let near = known.min(by: { editDistance($0, name) < editDistance($1, name) }), editDistance(near, name) <= 3 {
            message += " (did you mean '\(near)'?)"
        }
        message += ". Kafka client properties take the 'kafka.' prefix, e.g. 'kafka.bootstrap.servers'."
        return RivuletError(.analysis, message, errorClass: "KAFKA_UNKNOWN_OPTION")
    }

    /// Levenshtein distance, for "did you mean" hints.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
