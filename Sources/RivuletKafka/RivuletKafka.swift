/// A native Kafka wire-protocol client on SwiftNIO, usable on its own.
///
/// - ``KafkaClient``: bootstrap, metadata (refreshed on errors and by `metadata.max.age.ms`),
///   ApiVersions negotiation, ListOffsets, Fetch (record batch v2, CRC-32C verified, control records
///   and aborted transactions skipped under read_committed), topic administration.
/// - ``KafkaProducer``: per-partition batching (`batch.size`, `linger.ms`), compression (gzip,
///   snappy, lz4, zstd), pipelined requests, acks 0/1/all, retries with backoff, the idempotent
///   producer and transactions.
/// - ``KafkaPartitionReader``: an explicit poll loop over offset ranges that backs off when idle.
/// - ``KafkaConfiguration``: Kafka's property names; TLS (`security.protocol=SSL`) via swift-nio-ssl and
///   SASL PLAIN / SCRAM-SHA-256 / SCRAM-SHA-512.
///
/// Every failure is a ``KafkaError`` with a stable code and a message naming the broker, partition,
/// offset or property involved. Only non-flexible protocol versions are spoken (no tagged fields):
/// Metadata v1–8, Fetch v4–11, ListOffsets v1–5, Produce v3–8, and so on (see `KafkaApiKey`).
public enum RivuletKafka {}
