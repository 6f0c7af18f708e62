import NIOCore

/// The Kafka APIs this client speaks, with the request versions it implements. All are
/// non-flexible versions (no tagged fields) that Kafka 3.x brokers still accept; the version sent is
/// the highest one both sides support, as negotiated with ApiVersions.
enum KafkaApiKey: Int16, Sendable, CaseIterable {
    case produce = 0
    case fetch = 1
    case listOffsets = 2
    case metadata = 3
    case findCoordinator = 10
    case saslHandshake = 17
    case apiVersions = 18
    case createTopics = 19
    case deleteTopics = 20
    case initProducerId = 22
    case addPartitionsToTxn = 24
    case endTxn = 26
    case saslAuthenticate = 36
    case createPartitions = 37

    /// The versions this client can encode and decode.
    var supported: ClosedRange<Int16> {
        switch self {
        case .produce: return 3...8
        case .fetch: return 4...11
        case .listOffsets: return 1...5
        case .metadata: return 1...8
        case .findCoordinator: return 1...2
        case .saslHandshake: return 1...1
        case .apiVersions: return 0...2
        case .createTopics: return 2...4
        case .deleteTopics: return 1...3
        case .initProducerId: return 0...1
        case .addPartitionsToTxn: return 0...2
        case .endTxn: return 0...2
        case .saslAuthenticate: return 0...1
        case .createPartitions: return 0...1
        }
    }

    /// Kafka's name for the API, used in error messages.
    var name: String {
        switch self {
        case .produce: return "Produce"
        case .fetch: return "Fetch"
        case .listOffsets: return "ListOffsets"
        case .metadata: return "Metadata"
        case .findCoordinator: return "FindCoordinator"
        case .saslHandshake: return "SaslHandshake"
        case .apiVersions: return "ApiVersions"
        case .createTopics: return "CreateTopics"
        case .deleteTopics: return "DeleteTopics"
        case .initProducerId: return "InitProducerId"
        case .addPartitionsToTxn: return "AddPartitionsToTxn"
        case .endTxn: return "EndTxn"
        case .saslAuthenticate: return "SaslAuthenticate"
        case .createPartitions: return "CreatePartitions"
        }
    }
}

/// A request body for one API: knows its key and how to encode itself at a negotiated version.
protocol KafkaRequest: Sendable {
    associatedtype Response: Sendable
    static var apiKey: KafkaApiKey { get }
    /// Writes the request body (after the request header).
    func encode(into buffer: inout NIOCore.ByteBuffer, version: Int16)
    /// Reads the response body (after the correlation id).
    static func decodeResponse(_ reader: inout KafkaReader, version: Int16) throws(KafkaError) -> Response
    /// Whether the broker answers (false only for Produce with acks=0).
    var expectsResponse: Bool { get }
}

extension KafkaRequest {
    var expectsResponse: Bool { true }
}
