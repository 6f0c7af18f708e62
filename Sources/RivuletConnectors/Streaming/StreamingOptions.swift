#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RivuletCore
import RivuletSQL
import RivuletStreaming

/// Option parsing shared by the streaming sources and sinks, with Spark's messages.
enum StreamingOptions {
    /// Spark's `JavaUtils.timeStringAs...`: an integer with an optional unit (`us`, `ms`, `s`,
    /// `m`/`min`, `h`, `d`); a bare number is in `defaultUnitMs` units. Returns milliseconds
    /// (microseconds are truncated).
    static func durationMs(_ raw: String, option: String, defaultUnitMs: Int64) throws(RivuletError) -> Int64 {
        let s = raw.trimmingASCIISpaces().lowercased()
        var digits = ""
        var rest = Substring(s)
        if rest.first == "-" { digits = "-"; rest = rest.dropFirst() }
        while let c = rest.first, c.isASCII, c.isNumber { digits.append(c); rest = rest.dropFirst() }
        let unit = String(rest)
        let perUnit: (num: Int64, den: Int64)?
        switch unit {
        case "": perUnit = (defaultUnitMs, 1)
        case "us": perUnit = (1, 1000)
        case "ms": perUnit = (1, 1)
        case "s": perUnit = (1000, 1)
        case "m", "min": perUnit = (60_000, 1)
        case "h": perUnit = (3_600_000, 1)
        case "d": perUnit = (86_400_000, 1)
        default: perUnit = nil
        }
        guard let perUnit, let n = Int64(digits) else {
            throw RivuletError(.analysis, "Invalid value '\(raw)' for option '\(option)': time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.")
        }
        let (v, overflow) = n.multipliedReportingOverflow(by: perUnit.num)
        return overflow ? (n < 0 ? Int64.min : Int64.max) : v / perUnit.den
    }

    /// A positive integer option (`maxFilesPerTrigger`), with Spark's file-source message.
    static func positiveInt(_ o: SourceOptions, _ key: String) throws(RivuletError) -> Int? {
        guard let raw = o[key] else { return nil }
        guard let v = Int(raw.trimmingASCIISpaces()), v > 0 else {
            throw RivuletError(.analysis, "Invalid value '\(raw)' for option '\(key)', must be a positive integer")
        }
        return v
    }

    /// A 64-bit integer option (Spark's `CaseInsensitiveStringMap.getLong`).
    static func long(_ o: SourceOptions, _ key: String, default dflt: Int64) throws(RivuletError) -> Int64 {
        guard let raw = o[key] else { return dflt }
        guard let v = Int64(raw.trimmingASCIISpaces()) else {
            throw RivuletError(.analysis, "Invalid value '\(raw)' for option '\(key)': expected an integer")
        }
        return v
    }

    /// A boolean with the file source's message.
    static func bool(_ o: SourceOptions, _ key: String, default dflt: Bool) throws(RivuletError) -> Bool {
        guard let raw = o[key] else { return dflt }
        switch raw.lowercased() {
        case "true": return true
        case "false": return false
        default: throw RivuletError(.analysis, "Invalid value '\(raw)' for option '\(key)', must be 'true' or 'false'")
        }
    }

    /// Spark's default parallelism for `numPartitions` in local mode: the number of cores.
    static var defaultParallelism: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// `numPartitions`, which must be positive.
    static func numPartitions(_ o: SourceOptions) throws(RivuletError) -> Int {
        let n = try long(o, "numPartitions", default: Int64(defaultParallelism))
        guard n > 0, n <= Int64(Int32.max) else {
            throw RivuletError(.analysis, "Invalid value '\(n)'. The option 'numPartitions' must be positive")
        }
        return Int(n)
    }

}

/// The wall clock the streaming sources read by default.
public enum StreamingClock {
    /// Wall-clock milliseconds since the epoch.
    @Sendable public static func systemMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

/// Offsets that are a plain JSON number (Spark's `LongOffset`: socket, rate, memory).
enum LongOffset {
    static func make(_ n: Int64) -> SourceOffset { SourceOffset(json: String(n)) }

    static func parse(_ o: SourceOffset, source: String) throws(RivuletError) -> Int64 {
        guard let v = Int64(o.json.trimmingASCIISpaces()) else {
            throw RivuletError(.checkpoint, "Invalid offset '\(o.json)' for \(source): expected a number", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        return v
    }
}

/// A partition over batches already in memory, projected to the required columns.
struct InMemoryPartition: ScanPartition {
    let batches: [RecordBatch]
    let required: [Int]?

    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        for b in batches where b.numRows > 0 {
            if let required { try emit(b.project(required)) } else { try emit(b) }
        }
    }
}

/// A bounded scan over batches in memory (socket lines, memory-stream rows, a memory sink's table).
struct InMemoryScan: ScanSource {
    let formatName: String
    let explainDetail: String
    let schema: StructType
    /// One entry per partition.
    let partitionBatches: [[RecordBatch]]

    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        partitionBatches.map { InMemoryPartition(batches: $0, required: requiredColumns) }
    }
}
