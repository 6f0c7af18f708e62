import Foundation
import Rivulet
import RivuletKafka

/// Rivulet's side of the Kafka benchmark (scripts/bench/run_kafka.sh); the librdkafka side is
/// scripts/bench/kafka_bench.py. Same records on both sides: `size`-byte values holding the record
/// number left-padded with '0', null keys, round robin over the topic's partitions.
enum KafkaBench {
    /// `rivulet-bench kafka-produce`: KafkaProducer with the same linger / batch size / codec / acks.
    static func produce(_ o: Options) throws {
        let records = try o.int("--records", default: 5_000_000, minimum: 1)
        let size = try o.int("--size", default: 100, minimum: 1)
        let topic = try o.required("--topic")
        let properties = [
            "bootstrap.servers": try o.required("--bootstrap"), "linger.ms": o.value("--linger-ms") ?? "5",
            "batch.size": o.value("--batch-size") ?? "1048576", "compression.type": o.value("--codec") ?? "none",
            "acks": o.value("--acks") ?? "1",
        ]
        let values = (0..<min(records, 100_000)).map { i -> [UInt8] in
            let digits = String(i)
            return Array((String(repeating: "0", count: max(0, size - digits.count)) + digits).utf8)
        }
        let window = CPUWindow()
        try blocking {
            let producer = try await KafkaProducer.connect(try KafkaConfiguration(properties))
            let partitions = Int32(try await producer.client.metadata(topics: [topic]).topics[topic]?.count ?? 1)
            for i in 0..<records {
                try await producer.send(KafkaProducerRecord(
                    topic: topic, partition: Int32(i % Int(partitions)), value: values[i % values.count]))
            }
            try await producer.flush()
            await producer.close()
        }
        let wall = window.elapsed
        report(o, mode: "produce", records: records, bytes: records * size, wall: wall, extra: window.close(wall: wall))
    }

    /// `rivulet-bench kafka-consume`: a streaming query, Kafka source -> noop sink, availableNow.
    static func consume(_ o: Options) throws {
        let records = try o.int("--records", default: 5_000_000, minimum: 1)
        let spark = SparkSession.builder.appName("rivulet-bench-kafka").getOrCreate()
        let checkpoint = NSTemporaryDirectory() + "rivulet-bench-kafka-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: checkpoint) }
        let window = CPUWindow()
        let query = try spark.readStream.format("kafka")
            .option("kafka.bootstrap.servers", try o.required("--bootstrap"))
            .option("subscribe", try o.required("--topic"))
            .option("startingOffsets", "earliest")
            .load()
            .writeStream.format("noop").option("checkpointLocation", checkpoint).trigger(.availableNow).start()
        try query.awaitTerminationBlocking()
        let wall = window.elapsed
        let read = query.recentProgress.reduce(0) { $0 + Int($1.numInputRows) }
        guard read == records else { throw RivuletError.internal("kafka-consume read \(read) records, expected \(records)") }
        report(o, mode: "consume", records: read, bytes: nil, wall: wall,
               extra: [("batches", .int(query.recentProgress.count))] + window.close(wall: wall))
    }

    static func report(_ o: Options, mode: String, records: Int, bytes: Int?, wall: Double, extra: [(String, JSONValue)]) {
        var fields: [(String, JSONValue)] = [
            ("bench", .string("kafka-\(mode)")), ("engine", .string("rivulet")),
            ("run_id", o.value("--run-id").map { .string($0) } ?? .null), ("codec", .string(o.value("--codec") ?? "none")),
            ("records", .int(records)), ("wall_s", .number((wall * 1000).rounded() / 1000)),
            ("records_per_s", .int(Int(Double(records) / wall))),
        ]
        let size = (try? o.int("--size", default: 100, minimum: 1)) ?? 100
        let total = bytes ?? records * size
        fields += [("bytes", .int(total)), ("mb_per_s", .number((Double(total) / wall / 1e5).rounded() / 10))]
        print(JSONValue.object(fields + extra).text)
    }

    /// Runs an async closure from this synchronous command-line program.
    static func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
        let box = ErrorBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { try await body() } catch { box.error = error }
            done.signal()
        }
        done.wait()
        if let error = box.error { throw error }
    }
}

/// Carries an error out of the detached task; written before the semaphore signal, read after the wait.
private final class ErrorBox: @unchecked Sendable {
    var error: (any Error)?
}
