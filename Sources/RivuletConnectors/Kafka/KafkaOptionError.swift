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
        if let near = known.min(by: { EditDistance.levenshtein($0, name) < EditDistance.levenshtein($1, name) }), EditDistance.levenshtein(near, name) <= 3 {
            message += " (did you mean '\(near)'?)"
        }
        message += ". Kafka client properties take the 'kafka.' prefix, e.g. 'kafka.bootstrap.servers'."
        return RivuletError(.analysis, message, errorClass: "KAFKA_UNKNOWN_OPTION")
    }
}
