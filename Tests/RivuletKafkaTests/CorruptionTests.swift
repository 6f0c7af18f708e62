import NIOCore
import Testing

@testable import RivuletKafka

/// Randomized corruption over the record-batch and response decoders: flipped bytes, truncation and
/// huge or negative lengths must give a `KafkaError` (or a valid decode), never a crash, hang or
/// giant allocation.
@Suite("Randomized corruption of batches and responses")
struct CorruptionTests {
    /// A log of several batches: uncompressed, each codec, transactional, control.
    func sampleLog() throws -> [UInt8] {
        var log = ByteBuffer()
        var offset: Int64 = 0
        for codec in KafkaCompression.allCases {
            var b = RecordBatchBuilder()
            for i in 0..<5 {
                b.append(key: i == 2 ? nil : Array("k\(i)".utf8), value: i == 3 ? nil : Array("value-\(i)-\(codec.name)".utf8),
                         headers: i % 2 == 0 ? [KafkaHeader(key: "h\(i)", value: [UInt8(i)]), KafkaHeader(key: "n", value: nil)] : [],
                         timestamp: 1_000 + Int64(i))
            }
            var batch = try b.build(compression: codec, producer: .init(producerId: 5, producerEpoch: 0, baseSequence: 0, transactional: codec == .lz4), baseOffset: offset)
            offset += 5
            log.writeBuffer(&batch)
        }
        var marker = try RecordBatchBuilder.controlBatch(.abort, producerId: 5, producerEpoch: 0, timestamp: 2_000, baseOffset: offset)
        log.writeBuffer(&marker)
        return Array(log.readableBytesView)
    }

    func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        switch rng.next() % 4 {
        case 0:  // flip 1-4 bytes
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let i = Int(rng.next() % UInt64(bytes.count))
                bytes[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            }
        case 1:  // truncate
            bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
        case 2:  // a huge or negative 32-bit length somewhere
            let i = Int(rng.next() % UInt64(max(bytes.count - 4, 1)))
            let values: [UInt32] = [0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, 0x0FFF_FFFF, UInt32(bytes.count + 1)]
            let v = values[Int(rng.next() % UInt64(values.count))]
            for k in 0..<4 where i + k < bytes.count { bytes[i + k] = UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32(k))) }
        default:  // a varint-ish run of 0xFF
            let i = Int(rng.next() % UInt64(bytes.count))
            for k in 0..<(1 + Int(rng.next() % 12)) where i + k < bytes.count { bytes[i + k] = 0xFF }
        }
        return bytes
    }

    @Test func recordBatchDecoderSurvivesMutations() throws {
        let log = try sampleLog()
        // The intact log decodes (aborted lz4 batch skipped under read_committed).
        let intact = try RecordBatchDecoder(topic: "f", partition: 0, fetchOffset: 0, readCommitted: false, abortedTransactions: [])
            .decode(ByteBuffer(bytes: log))
        #expect(intact.records.count == 25 && intact.nextOffset == 26)
        var rng = SplitMix64(seed: 20_261_121)
        var errors = 0, decoded = 0
        for round in 0..<6000 {
            let bytes = mutate(log, &rng)
            var decoder = RecordBatchDecoder(
                topic: "f", partition: 0, fetchOffset: Int64(rng.next() % 8), readCommitted: round % 2 == 0,
                abortedTransactions: round % 3 == 0 ? [.init(producerId: 5, firstOffset: 15)] : [])
            // Half the rounds skip the CRC so the record parser itself sees the damage.
            decoder.verifyChecksums = round % 2 == 1
            do {
                let out = try decoder.decode(ByteBuffer(bytes: bytes))
                #expect(out.records.count <= 100)
                decoded += 1
            } catch {
                errors += 1
            }
        }
        #expect(errors > 1000 && decoded > 100)
    }

    /// Hand-built Metadata v8, Fetch v11 and Produce v8 responses.
    func sampleResponses() -> [(KafkaApiKey, Int16, [UInt8])] {
        var metadata = ByteBuffer()
        metadata.writeInteger(Int32(0))  // throttle
        metadata.writeInteger(Int32(2))  // brokers
        for id in Int32(1)...2 {
            metadata.writeInteger(id); metadata.writeKafkaString("host\(id)"); metadata.writeInteger(Int32(9092)); metadata.writeKafkaNullableString(nil)
        }
        metadata.writeKafkaNullableString("cluster")
        metadata.writeInteger(Int32(1))
        metadata.writeInteger(Int32(1))  // topics
        metadata.writeInteger(Int16(0)); metadata.writeKafkaString("t"); metadata.writeKafkaBool(false)
        metadata.writeInteger(Int32(2))
        for p in Int32(0)..<2 {
            metadata.writeInteger(Int16(0)); metadata.writeInteger(p); metadata.writeInteger(Int32(1 + p)); metadata.writeInteger(Int32(0))
            metadata.writeKafkaInt32Array([1, 2]); metadata.writeKafkaInt32Array([1]); metadata.writeKafkaInt32Array([])
        }
        metadata.writeInteger(Int32(0))
        metadata.writeInteger(Int32(0))

        var fetch = ByteBuffer()
        fetch.writeInteger(Int32(0)); fetch.writeInteger(Int16(0)); fetch.writeInteger(Int32(0))
        fetch.writeInteger(Int32(1)); fetch.writeKafkaString("t"); fetch.writeInteger(Int32(1))
        fetch.writeInteger(Int32(0)); fetch.writeInteger(Int16(0)); fetch.writeInteger(Int64(26)); fetch.writeInteger(Int64(26)); fetch.writeInteger(Int64(0))
        fetch.writeInteger(Int32(1)); fetch.writeInteger(Int64(5)); fetch.writeInteger(Int64(15))
        fetch.writeInteger(Int32(-1))
        fetch.writeKafkaBytes((try? sampleLog()) ?? [])

        var produce = ByteBuffer()
        produce.writeInteger(Int32(1)); produce.writeKafkaString("t"); produce.writeInteger(Int32(1))
        produce.writeInteger(Int32(0)); produce.writeInteger(Int16(0)); produce.writeInteger(Int64(10)); produce.writeInteger(Int64(-1)); produce.writeInteger(Int64(0))
        produce.writeInteger(Int32(1)); produce.writeInteger(Int32(0)); produce.writeKafkaNullableString("bad record")
        produce.writeKafkaNullableString(nil)
        produce.writeInteger(Int32(0))
        return [
            (.metadata, 8, Array(metadata.readableBytesView)), (.fetch, 11, Array(fetch.readableBytesView)),
            (.produce, 8, Array(produce.readableBytesView)),
        ]
    }

    func decode(_ api: KafkaApiKey, _ version: Int16, _ bytes: [UInt8]) throws(KafkaError) {
        var r = KafkaReader(ByteBuffer(bytes: bytes), context: "\(api.name) response")
        switch api {
        case .metadata: _ = try MetadataRequest.decodeResponse(&r, version: version)
        case .produce: _ = try ProduceRequest.decodeResponse(&r, version: version)
        case .fetch:
            let response = try FetchRequest.decodeResponse(&r, version: version)
            for (topic, parts) in response.topics {
                for p in parts {
                    guard let records = p.records else { continue }
                    _ = try RecordBatchDecoder(topic: topic, partition: p.partition, fetchOffset: 0, readCommitted: true, abortedTransactions: p.abortedTransactions).decode(records)
                }
            }
        default: break
        }
    }

    @Test func responseDecodersSurviveMutations() throws {
        let samples = sampleResponses()
        for (api, version, bytes) in samples { try decode(api, version, bytes) }  // intact ones decode
        var rng = SplitMix64(seed: 99)
        var errors = 0
        for round in 0..<6000 {
            let (api, version, bytes) = samples[round % samples.count]
            do { try decode(api, version, mutate(bytes, &rng)) } catch { errors += 1 }
        }
        #expect(errors > 1000)
    }

    @Test func hugeArrayCountIsRejectedBeforeAllocating() {
        var b = ByteBuffer()
        b.writeInteger(Int32(0))
        b.writeInteger(Int32.max)  // brokers count
        var r = KafkaReader(b, context: "Metadata response")
        #expect { try MetadataRequest.decodeResponse(&r, version: 8) } throws: { error in
            guard let e = error as? KafkaError, case .protocolError = e.code else { return false }
            return e.message.contains("Metadata response") && e.message.contains("2147483647")
        }
    }
}
