/// The one error type of the Kafka client: a stable ``Code`` to switch on and a message that names
/// the broker address, topic-partition, offset or property involved, plus Kafka's error name for
/// errors a broker returned (`NOT_LEADER_OR_FOLLOWER (6)`).
///
/// ```swift
/// do { try await client.deleteTopic("missing") }
/// catch { if case .unknownTopicOrPartition = error.code { ... } }
/// ```
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: Sendable, Hashable {
        /// A TCP connection could not be made or was lost.
        case connectionFailed
        /// A request or wait exceeded its time budget.
        case timedOut
        /// A frame or response did not follow the Kafka protocol.
        case protocolError
        /// A record batch failed its CRC or is malformed.
        case corruptRecord
        /// The broker answered with an error code not covered by a more specific case.
        case brokerError(KafkaErrorCode)
        /// A configuration property is unknown or has a bad value.
        case invalidConfiguration
        /// The topic or partition does not exist.
        case unknownTopicOrPartition
        /// The requested offset is outside the partition's log.
        case offsetOutOfRange
        /// Another producer with the same transactional id (or a newer epoch) took over.
        case fenced
        /// SASL authentication failed or the mechanism is not enabled.
        case authenticationFailed
        /// The TLS handshake or TLS configuration failed.
        case tlsFailed
        /// The broker supports no version of an API this client implements.
        case unsupportedVersion
        /// A record batch uses a compression codec that failed or is unknown.
        case compression
        /// A producer or transaction method was called in the wrong state.
        case invalidState
        /// The client or producer was closed.
        case closed
    }

    /// The kind of failure.
    public var code: Code
    /// What failed, naming the address, topic-partition, offset or property and the cause.
    public var message: String
    /// The broker's error code when the broker returned one.
    public var kafkaCode: KafkaErrorCode?

    /// Makes an error.
    public init(_ code: Code, _ message: String, kafkaCode: KafkaErrorCode? = nil) {
        self.code = code
        self.message = message
        self.kafkaCode = kafkaCode ?? { if case .brokerError(let k) = code { return k } else { return nil } }()
    }

    /// An error for a broker `error_code`, mapped to the specific ``Code`` where there is one.
    /// `context` says where it came from (`"Produce to orders-0 on 127.0.0.1:9092"`).
    public static func broker(_ kafkaCode: KafkaErrorCode, _ context: String, detail: String? = nil) -> KafkaError {
        let code: Code
        switch kafkaCode {
        case .unknownTopicOrPartition: code = .unknownTopicOrPartition
        case .offsetOutOfRange: code = .offsetOutOfRange
        case .producerFenced, .invalidProducerEpoch, .transactionCoordinatorFenced: code = .fenced
        case .saslAuthenticationFailed, .unsupportedSaslMechanism: code = .authenticationFailed
        case .unsupportedVersion: code = .unsupportedVersion
        default: code = .brokerError(kafkaCode)
        }
        var message = "\(context): \(kafkaCode)"
        if let detail, !detail.isEmpty { message += ": \(detail)" }
        return KafkaError(code, message, kafkaCode: kafkaCode)
    }

    /// Whether retrying (after a metadata refresh and a backoff) may succeed.
    public var isRetriable: Bool {
        switch code {
        case .connectionFailed, .timedOut: return true
        default: return kafkaCode?.isRetriable ?? false
        }
    }

    /// `Kafka error [code]: message`.
    public var description: String { "Kafka error [\(codeName)]: \(message)" }

    /// A short stable name of ``code``.
    public var codeName: String {
        switch code {
        case .connectionFailed: return "connectionFailed"
        case .timedOut: return "timedOut"
        case .protocolError: return "protocolError"
        case .corruptRecord: return "corruptRecord"
        case .brokerError(let k): return "brokerError(\(k.name))"
        case .invalidConfiguration: return "invalidConfiguration"
        case .unknownTopicOrPartition: return "unknownTopicOrPartition"
        case .offsetOutOfRange: return "offsetOutOfRange"
        case .fenced: return "fenced"
        case .authenticationFailed: return "authenticationFailed"
        case .tlsFailed: return "tlsFailed"
        case .unsupportedVersion: return "unsupportedVersion"
        case .compression: return "compression"
        case .invalidState: return "invalidState"
        case .closed: return "closed"
        }
    }
}
