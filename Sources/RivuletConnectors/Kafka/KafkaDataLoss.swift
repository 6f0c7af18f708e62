import RivuletCore
import Synchronization

/// Spark's handling of possible data loss (`failOnDataLoss`): with `true` (the default) the query
/// fails with a `KAFKA_DATA_LOSS.<reason>` error; with `false` a warning is logged and the missing
/// offsets are skipped. The reporter counts the skipped cases (Spark's `dataLoss` metric).
final class KafkaDataLossReporter: Sendable {
    let failOnDataLoss: Bool
    private let counter = Atomic<Int>(0)

    init(failOnDataLoss: Bool) { self.failOnDataLoss = failOnDataLoss }

    /// Cases logged and skipped so far.
    var count: Int { counter.load(ordering: .relaxed) }

    /// Spark's `KAFKA_DATA_LOSS` message before the reason.
    static let failMessage = "Some data may have been lost because they are not available in Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all the data in the topic was processed. If you don't want your streaming query to fail on such cases, set the source option failOnDataLoss to false."
    /// Spark's `INSTRUCTION_FOR_FAIL_ON_DATA_LOSS_FALSE`, appended to the warning.
    static let warnInstruction = "Some data may have been lost because they are not available in Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all the data in the topic was processed. If you want your streaming query to fail on such cases, set the source option \"failOnDataLoss\" to \"true\"."

    /// Fails (`failOnDataLoss=true`) or warns and counts. `subClass` is the error sub-class
    /// (`PARTITIONS_DELETED`, ...), `reason` the sub-class message.
    func report(_ subClass: String, _ reason: String) throws(RivuletError) {
        if failOnDataLoss {
            throw RivuletError(.connector, "\(Self.failMessage)\nReason: \(reason)", errorClass: "KAFKA_DATA_LOSS.\(subClass)")
        }
        counter.add(1, ordering: .relaxed)
        warn("\(reason) \(Self.warnInstruction)")
    }
}
