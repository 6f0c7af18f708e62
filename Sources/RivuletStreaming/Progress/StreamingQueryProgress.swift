import RivuletCore

/// One micro-batch's report, with the fields of Spark's `StreamingQueryProgress` and its JSON
/// layout (`json` compact, `prettyJson` indented like Spark's).
public struct StreamingQueryProgress: Sendable, CustomStringConvertible {
    public var id: String
    public var runId: String
    public var name: String?
    /// ISO-8601 UTC time the trigger started, e.g. `2024-01-01T00:00:00.000Z`.
    public var timestamp: String
    public var batchId: Int64
    public var batchDuration: Int64
    public var numInputRows: Int64
    public var inputRowsPerSecond: Double
    public var processedRowsPerSecond: Double
    /// `addBatch`, `getBatch`, `latestOffset`, `queryPlanning`, `walCommit`, `commitOffsets`, `triggerExecution`.
    public var durationMs: [String: Int64]
    public var stateOperators: [StateOperatorProgress]
    public var sources: [SourceProgress]
    public var sink: SinkProgress

    public var description: String { prettyJson }

    /// Compact JSON.
    public var json: String { render(pretty: false) }
    /// Indented JSON as Spark prints `lastProgress`.
    public var prettyJson: String { render(pretty: true) }

    func render(pretty: Bool) -> String {
        var o = JSONObjectWriter()
        o.string("id", id)
        o.string("runId", runId)
        o.string("name", name)
        o.string("timestamp", timestamp)
        o.number("batchId", batchId)
        o.number("batchDuration", batchDuration)
        o.number("numInputRows", numInputRows)
        o.double("inputRowsPerSecond", inputRowsPerSecond)
        o.double("processedRowsPerSecond", processedRowsPerSecond)
        var d = JSONObjectWriter()
        for k in durationMs.keys.sorted() { d.number(k, durationMs[k] ?? 0) }
        o.raw("durationMs", d)
        o.array("stateOperators", stateOperators.map(\.writer))
        o.array("sources", sources.map(\.writer))
        o.raw("sink", sink.writer)
        return o.render(pretty: pretty, indent: 0)
    }
}

/// Progress of one stateful operator.
public struct StateOperatorProgress: Sendable {
    public var operatorName: String
    public var numRowsTotal: Int64
    public var numRowsUpdated: Int64
    public var numRowsRemoved: Int64
    public var numShufflePartitions: Int64
    public var numStateStoreInstances: Int64

    var writer: JSONObjectWriter {
        var o = JSONObjectWriter()
        o.string("operatorName", operatorName)
        o.number("numRowsTotal", numRowsTotal)
        o.number("numRowsUpdated", numRowsUpdated)
        o.number("numRowsRemoved", numRowsRemoved)
        o.number("numShufflePartitions", numShufflePartitions)
        o.number("numStateStoreInstances", numStateStoreInstances)
        return o
    }
}

/// Progress of one source in a batch.
public struct SourceProgress: Sendable {
    public var description: String
    public var startOffset: String?
    public var endOffset: String?
    public var latestOffset: String?
    public var numInputRows: Int64
    public var inputRowsPerSecond: Double
    public var processedRowsPerSecond: Double

    var writer: JSONObjectWriter {
        var o = JSONObjectWriter()
        o.string("description", description)
        o.rawJSON("startOffset", startOffset)
        o.rawJSON("endOffset", endOffset)
        o.rawJSON("latestOffset", latestOffset)
        o.number("numInputRows", numInputRows)
        o.double("inputRowsPerSecond", inputRowsPerSecond)
        o.double("processedRowsPerSecond", processedRowsPerSecond)
        return o
    }
}

/// Progress of the sink in a batch.
public struct SinkProgress: Sendable {
    public var description: String
    /// -1 when the sink does not report it (as in Spark).
    public var numOutputRows: Int64

    var writer: JSONObjectWriter {
        var o = JSONObjectWriter()
        o.string("description", description)
        o.number("numOutputRows", numOutputRows)
        return o
    }
}

/// Builds JSON objects in insertion order, compact or in Spark's pretty layout (`"k" : v`).
struct JSONObjectWriter: Sendable {
    enum Item: Sendable {
        case scalar(String)
        case object(JSONObjectWriter)
        case array([JSONObjectWriter])
    }
    private var items: [(String, Item)] = []

    mutating func string(_ k: String, _ v: String?) { items.append((k, .scalar(v.map(quote) ?? "null"))) }
    mutating func number(_ k: String, _ v: Int64) { items.append((k, .scalar(String(v)))) }
    mutating func double(_ k: String, _ v: Double) {
        items.append((k, .scalar(v.isFinite ? SparkFormat.double(v) : "\"NaN\"")))
    }
    /// A value that is already JSON (offsets); nil renders as `null`.
    mutating func rawJSON(_ k: String, _ v: String?) { items.append((k, .scalar(v ?? "null"))) }
    mutating func raw(_ k: String, _ o: JSONObjectWriter) { items.append((k, .object(o))) }
    mutating func array(_ k: String, _ a: [JSONObjectWriter]) { items.append((k, .array(a))) }

    func render(pretty: Bool, indent: Int) -> String {
        if items.isEmpty { return "{ }" }
        let pad = String(repeating: " ", count: indent + 2)
        let close = String(repeating: " ", count: indent)
        let parts = items.map { k, v -> String in
            let value: String
            switch v {
            case .scalar(let s): value = s
            case .object(let o): value = o.render(pretty: pretty, indent: indent + 2)
            case .array(let a):
                if a.isEmpty { value = "[ ]" } else if pretty {
                    value = "[ " + a.map { $0.render(pretty: true, indent: indent + 2) }.joined(separator: ", ") + " ]"
                } else {
                    value = "[" + a.map { $0.render(pretty: false, indent: 0) }.joined(separator: ",") + "]"
                }
            }
            return pretty ? "\(pad)\(quote(k)) : \(value)" : "\(quote(k)):\(value)"
        }
        return pretty ? "{\n" + parts.joined(separator: ",\n") + "\n\(close)}" : "{" + parts.joined(separator: ",") + "}"
    }

    private func quote(_ s: String) -> String { JSONWriter.quoted(s) }
}
