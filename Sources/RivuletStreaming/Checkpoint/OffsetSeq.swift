import Foundation
import RivuletCore

/// The write-ahead entry of one micro-batch (`offsets/<batchId>`), in Spark's layout:
///
/// ```
/// v1
/// {"batchWatermarkMs":0,"batchTimestampMs":1700000000000,"conf":{"spark.sql.shuffle.partitions":"4"}}
/// {"logOffset":3}
/// -
/// ```
/// One line per source holds that source's end offset as JSON (`-` when it had none yet).
public struct OffsetSeq: Sendable, Equatable {
    public var batchWatermarkMs: Int64
    public var batchTimestampMs: Int64
    /// Settings that must not change across restarts (shuffle partitions, ...).
    public var conf: [String: String]
    /// Per-source end offsets as JSON text, in source order.
    public var offsets: [String?]

    public init(batchWatermarkMs: Int64 = 0, batchTimestampMs: Int64, conf: [String: String] = [:], offsets: [String?]) {
        self.batchWatermarkMs = batchWatermarkMs
        self.batchTimestampMs = batchTimestampMs
        self.conf = conf
        self.offsets = offsets
    }

    public func serialize() -> String {
        let confJSON = conf.keys.sorted().map { "\(jsonString($0)):\(jsonString(conf[$0] ?? ""))" }.joined(separator: ",")
        var text = "{\"batchWatermarkMs\":\(batchWatermarkMs),\"batchTimestampMs\":\(batchTimestampMs),\"conf\":{\(confJSON)}}"
        for o in offsets { text += "\n" + (o ?? "-") }
        return text
    }

    public static func parse(_ body: String, path: String) throws(RivuletError) -> OffsetSeq {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.first, let meta = parseObject(first) else {
            throw RivuletError(.checkpoint, "Checkpoint file \(path) is corrupt: the metadata line is not a JSON object", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        let wm = (meta["batchWatermarkMs"] as? NSNumber)?.int64Value ?? 0
        guard let ts = (meta["batchTimestampMs"] as? NSNumber)?.int64Value else {
            throw RivuletError(.checkpoint, "Checkpoint file \(path) is corrupt: batchTimestampMs is missing", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        var conf: [String: String] = [:]
        if let c = meta["conf"] as? [String: Any] { for (k, v) in c { conf[k] = "\(v)" } }
        var offsets: [String?] = []
        for line in lines.dropFirst() where !line.isEmpty {
            offsets.append(line == "-" ? nil : line)
        }
        return OffsetSeq(batchWatermarkMs: wm, batchTimestampMs: ts, conf: conf, offsets: offsets)
    }
}

/// The entry `commits/<batchId>` written after the sink accepted a batch: `{"nextBatchWatermarkMs":0}`.
public struct CommitMetadata: Sendable, Equatable {
    public var nextBatchWatermarkMs: Int64
    public init(nextBatchWatermarkMs: Int64 = 0) { self.nextBatchWatermarkMs = nextBatchWatermarkMs }

    public func serialize() -> String { "{\"nextBatchWatermarkMs\":\(nextBatchWatermarkMs)}" }

    public static func parse(_ body: String, path: String) throws(RivuletError) -> CommitMetadata {
        let line = body.split(separator: "\n").first.map(String.init) ?? ""
        guard let obj = parseObject(line) else {
            throw RivuletError(.checkpoint, "Checkpoint file \(path) is corrupt: expected a JSON object", errorClass: "CHECKPOINT_FILE_CORRUPT")
        }
        return CommitMetadata(nextBatchWatermarkMs: (obj["nextBatchWatermarkMs"] as? NSNumber)?.int64Value ?? 0)
    }
}

func parseObject(_ text: String) -> [String: Any]? {
    guard let data = text.data(using: .utf8) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}

/// A JSON string literal for `s`.
func jsonString(_ s: String) -> String { JSONWriter.quoted(s) }
