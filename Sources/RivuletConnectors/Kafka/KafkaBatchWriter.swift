import RivuletCore
import RivuletKafka

/// Batch writes to Kafka (`df.write.format("kafka").option("topic", "t").save()`, Spark's
/// `KafkaWriter.write`): every row becomes a record; the write returns once all are acknowledged.
///
/// Save modes as in Spark: `append` and `errorifexists` (the default) write; `overwrite` and
/// `ignore` are refused.
public enum KafkaBatchWriter {
    public static func write(batches: [RecordBatch], schema: StructType, mode: String, options raw: [String: String]) throws(RivuletError) {
        switch mode.lowercased() {
        case "append", "error", "errorifexists", "default", "":
            break
        case "overwrite", "ignore":
            let name = mode.lowercased() == "overwrite" ? "Overwrite" : "Ignore"
            throw RivuletError(.analysis, "Save mode \(name) not allowed for Kafka. Allowed save modes are Append and ErrorIfExists (default).",
                               errorClass: "_LEGACY_ERROR_TEMP_3081")
        default:
            throw RivuletError(.analysis, "Unknown save mode: \(mode). Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.",
                               errorClass: "INVALID_SAVE_MODE")
        }
        let options = try KafkaSinkOptions(raw, streaming: false)
        let columns = try KafkaWriteColumns(schema: schema, topic: options.topic)
        let config = try KafkaClientHandle.configuration(options.kafkaParams)
        var records: [KafkaProducerRecord] = []
        for b in batches {
            for r in try columns.records(b.withSchema(schema)) {
                records.append(KafkaProducerRecord(topic: r.topic, partition: r.partition, key: r.key, value: r.value,
                                                   headers: r.headers.map { KafkaHeader(key: $0.key, value: $0.value) }))
            }
        }
        let sending = records
        let servers = config.bootstrapServers.joined(separator: ",")
        let timeout = Duration.milliseconds(config.deliveryTimeoutMs + config.requestTimeoutMs + config.socketConnectionSetupTimeoutMs + 10_000)
        try KafkaBlocking.run("writing \(records.count) records to Kafka at \(servers)", timeout: timeout, { () async throws(KafkaError) in
            let producer = try await KafkaProducer.connect(config)
            do throws(KafkaError) {
                for r in sending { try await producer.send(r) }
                try await producer.flush()
            } catch {
                await producer.close()
                throw error
            }
            await producer.close()
        }, mapError: { e in
            RivuletError(.connector, "Failed to write \(records.count) records to Kafka (kafka.bootstrap.servers=\(servers)): \(e.message)",
                         errorClass: "KAFKA_CONNECTOR_ERROR", cause: e)
        })
    }
}
