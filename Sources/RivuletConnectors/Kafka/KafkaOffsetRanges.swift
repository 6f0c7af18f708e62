/// The offsets `[fromOffset, untilOffset)` of one Kafka partition that one scan partition reads.
public struct KafkaOffsetRange: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var topicPartition: KafkaTopicPartition
    public var fromOffset: Int64
    public var untilOffset: Int64

    public init(_ topicPartition: KafkaTopicPartition, _ fromOffset: Int64, _ untilOffset: Int64) {
        self.topicPartition = topicPartition
        self.fromOffset = fromOffset
        self.untilOffset = untilOffset
    }

    /// The number of offsets (an upper bound on records: compaction and transaction markers leave gaps).
    public var size: Int64 { untilOffset - fromOffset }

    public var description: String { "\(topicPartition)[\(fromOffset), \(untilOffset))" }
}

/// How a batch's offsets are planned, as Spark's `KafkaOffsetRangeCalculator` and
/// `KafkaMicroBatchStream.rateLimit` do it.
public enum KafkaOffsetPlanning {
    /// Drops empty ranges; when there are fewer ranges than `minPartitions`, splits the large ones
    /// so the batch has about `minPartitions` ranges (small ranges stay whole and are left out of
    /// the proportions). Then splits any range longer than `maxRecordsPerPartition`.
    public static func ranges(_ input: [KafkaOffsetRange], minPartitions: Int?, maxRecordsPerPartition: Int64? = nil) -> [KafkaOffsetRange] {
        let nonEmpty = input.filter { $0.size > 0 }
        var out: [KafkaOffsetRange]
        if let minParts = minPartitions, nonEmpty.count < minParts {
            let total = nonEmpty.reduce(Int64(0)) { $0 + $1.size }
            let unsplit = Set(nonEmpty.filter { partCount($0.size, total, minParts) == 1 }.map(\.topicPartition))
            let unsplitSize = nonEmpty.filter { unsplit.contains($0.topicPartition) }.reduce(Int64(0)) { $0 + $1.size }
            let splitTotal = total - unsplitSize
            let splitMinParts = max(minParts - unsplit.count, 1)
            out = []
            for r in nonEmpty {
                let parts = unsplit.contains(r.topicPartition) ? 1 : partCount(r.size, splitTotal, splitMinParts)
                out += split(r, into: parts)
            }
            out = out.filter { $0.size > 0 }
        } else {
            out = nonEmpty
        }
        if let maxRecords = maxRecordsPerPartition {
            out = out.flatMap { r in
                r.size <= maxRecords ? [r] : split(r, into: Int((r.size + maxRecords - 1) / maxRecords))
            }
        }
        return out
    }

    /// `max(round(size / total * minParts), 1)`.
    static func partCount(_ size: Int64, _ total: Int64, _ minParts: Int) -> Int {
        guard total > 0 else { return 1 }
        let v = (Double(size) / Double(total) * Double(minParts)).rounded(.toNearestOrAwayFromZero)
        return max(Int(v), 1)
    }

    /// `parts` consecutive ranges of near-equal size; the last ones absorb the rounding.
    static func split(_ r: KafkaOffsetRange, into parts: Int) -> [KafkaOffsetRange] {
        guard parts > 1 else { return [r] }
        var remaining = r.size
        var start = r.fromOffset
        var out: [KafkaOffsetRange] = []
        for part in 0..<parts {
            let this = remaining / Int64(parts - part)
            remaining -= this
            let end = min(start + this, r.untilOffset)
            out.append(KafkaOffsetRange(r.topicPartition, start, end))
            start = end
        }
        return out
    }

    /// Spark's `maxOffsetsPerTrigger`: `limit` offsets split across the partitions in proportion to
    /// their backlog (`until - from`), rounding down, except that a partition whose share is below
    /// one still gets one offset (small partitions are never starved). Partitions new since `from`
    /// start at `fromNew` (their earliest offsets).
    public static func rateLimit(_ limit: Int64, from: KafkaPartitionOffsets, until: KafkaPartitionOffsets,
                                 fromNew: KafkaPartitionOffsets) -> KafkaPartitionOffsets {
        var sizes: KafkaPartitionOffsets = [:]
        for (tp, end) in until {
            guard let begin = from[tp] ?? fromNew[tp] else { continue }
            let size = end - begin
            if size > 0 { sizes[tp] = size }
        }
        let total = Double(sizes.values.reduce(Int64(0), +))
        if total < 1 { return until }
        var out: KafkaPartitionOffsets = [:]
        for (tp, end) in until {
            guard let size = sizes[tp], let begin = from[tp] ?? fromNew[tp] else { out[tp] = end; continue }
            let prorate = Double(limit) * (Double(size) / total)
            let share = prorate < 1 ? prorate.rounded(.up) : prorate.rounded(.down)
            let shareLong = share >= Double(Int64.max) ? Int64.max : Int64(share)
            let off = shareLong > Int64.max - begin ? Int64.max : begin + shareLong
            out[tp] = min(end, off)
        }
        return out
    }

    /// The number of new offsets between `current` and `latest` (partitions missing from
    /// `current` count from 0), for `minOffsetsPerTrigger`.
    public static func backlog(latest: KafkaPartitionOffsets, current: KafkaPartitionOffsets) -> Int64 {
        latest.reduce(Int64(0)) { $0 + ($1.value - (current[$1.key] ?? 0)) }
    }
}
