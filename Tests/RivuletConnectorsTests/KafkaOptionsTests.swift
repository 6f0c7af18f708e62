import Testing
@testable import RivuletConnectors
import RivuletCore

/// The Kafka source's option validation, with Spark's messages.
@Suite struct KafkaOptionsTests {
    let base = ["kafka.bootstrap.servers": "127.0.0.1:9092"]

    func options(_ extra: [String: String], batch: Bool = false) throws(RivuletError) -> KafkaSourceOptions {
        try KafkaSourceOptions(base.merging(extra) { $1 }, batch: batch)
    }

    func message(_ extra: [String: String], batch: Bool = false, withBootstrap: Bool = true) -> String {
        do {
            _ = try KafkaSourceOptions(withBootstrap ? base.merging(extra) { $1 } : extra, batch: batch)
            return "no error"
        } catch {
            return error.message
        }
    }

    @Test func defaultsForStreamsAndBatches() throws {
        let s = try options(["subscribe": "a, b ,,c"])
        #expect(s.subscription == .subscribe(["a", "b", "c"]))
        #expect(s.startingOffsets == .latest)
        #expect(s.failOnDataLoss)
        #expect(!s.includeHeaders)
        #expect(s.maxTriggerDelayMs == 15 * 60 * 1000)
        #expect(s.groupId.hasPrefix("spark-kafka-source-"))
        #expect(s.kafkaParams == ["bootstrap.servers": "127.0.0.1:9092"])
        let b = try options(["subscribe": "a"], batch: true)
        #expect(b.startingOffsets == .earliest)
        #expect(b.endingOffsets == .latest)
        #expect(b.groupId.hasPrefix("spark-kafka-relation-"))
    }

    @Test func optionNamesAreCaseInsensitive() throws {
        let s = try KafkaSourceOptions(["KAFKA.bootstrap.servers": "h:1", "SubscribePattern": "ev.*", "StartingOffsets": "EARLIEST",
                                        "maxOffsetsPerTrigger": "10", "INCLUDEHEADERS": "True", "groupIdPrefix": "mine"], batch: false)
        #expect(s.subscription == .subscribePattern("ev.*"))
        #expect(s.startingOffsets == .earliest)
        #expect(s.maxOffsetsPerTrigger == 10)
        #expect(s.includeHeaders)
        #expect(s.groupId.hasPrefix("mine-"))
    }

    @Test func exactlyOneStrategy() {
        #expect(message([:]) == "One of the following options must be specified for Kafka source: subscribe, subscribepattern, assign. See the docs for more details.")
        #expect(message(["subscribe": "a", "assign": "{\"a\":[0]}"]).hasPrefix("Only one of the following options can be specified for Kafka source"))
        #expect(message(["subscribe": " , "]) == "No topics to subscribe to as specified value for option 'subscribe' is ' , '")
        #expect(message(["assign": "a:0"]) == "No topicpartitions to assign as specified value for option 'assign' is 'a:0'")
        #expect(message(["assign": "{\"a\":\"x\"}"]) == "Invalid value for option 'assign': Expected e.g. {\"topicA\":[0,1],\"topicB\":[0,1]}, got {\"a\":\"x\"}")
        #expect(message(["subscribePattern": "  "]) == "Pattern to subscribe is empty as specified value for option 'subscribePattern' is '  '")
        #expect(message(["subscribePattern": "(a"]).contains("'subscribePattern'"))
    }

    @Test func assignParsesPartitions() throws {
        let s = try options(["assign": "{\"b\":[1,0],\"a\":[2]}"])
        #expect(s.subscription == .assign([KafkaTopicPartition("a", 2), KafkaTopicPartition("b", 0), KafkaTopicPartition("b", 1)]))
    }

    @Test func kafkaPropertiesTheSourceManages() {
        #expect(message(["subscribe": "a"], withBootstrap: false) == "Option 'kafka.bootstrap.servers' must be specified for configuring Kafka consumer")
        #expect(message(["subscribe": "a", "kafka.auto.offset.reset": "earliest"]).contains("Kafka option 'auto.offset.reset' is not supported."))
        #expect(message(["subscribe": "a", "kafka.key.deserializer": "x"]).hasPrefix("Kafka option 'key.deserializer' is not supported as keys are deserialized as byte arrays"))
        #expect(message(["subscribe": "a", "kafka.value.deserializer": "x"]).hasPrefix("Kafka option 'value.deserializer' is not supported as values"))
        #expect(message(["subscribe": "a", "kafka.enable.auto.commit": "true"]) == "Kafka option 'enable.auto.commit' is not supported")
        #expect(message(["subscribe": "a", "kafka.interceptor.classes": "x"]) == "Kafka option 'interceptor.classes' is not supported")
    }

    @Test func unknownOptionsAreNamed() {
        let m = message(["subscribe": "a", "startingOffset": "earliest"])
        #expect(m.hasPrefix("Unknown option 'startingoffset' for the Kafka source (did you mean 'startingoffsets'?)"))
        // The engine's own settings pass.
        #expect(message(["subscribe": "a", "spark.sql.streaming.schemaInference": "true"]) == "no error")
    }

    @Test func offsetsOptions() throws {
        let s = try options(["subscribe": "t", "startingOffsets": "{\"t\":{\"0\":23,\"1\":-2}}"])
        #expect(s.startingOffsets == .specific([KafkaTopicPartition("t", 0): 23, KafkaTopicPartition("t", 1): -2]))
        #expect(message(["subscribe": "t", "startingOffsets": "{\"t\":[0]}"])
                == "Invalid value for option 'startingOffsets': Expected e.g. {\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}, got {\"t\":[0]}")
        #expect(message(["subscribe": "t", "startingOffsets": "{\"t\":{\"0\":-7}}"]).contains("Invalid offset -7 for t-0"))
        #expect(message(["subscribe": "t", "endingOffsets": "latest"]) == "ending offset not valid in streaming queries")
        #expect(message(["subscribe": "t", "endingOffsetsByTimestamp": "{}"]) == "ending timestamp not valid in streaming queries")
        #expect(message(["subscribe": "t", "startingOffsets": "latest"], batch: true) == "starting offset can't be latest for batch queries on Kafka")
        #expect(message(["subscribe": "t", "endingOffsets": "earliest"], batch: true) == "ending offset can't be earliest for batch queries on Kafka")
        #expect(message(["subscribe": "t", "startingOffsets": "{\"t\":{\"0\":-1}}"], batch: true) == "startingOffsets for t-0 can't be latest for batch queries on Kafka")
        #expect(message(["subscribe": "t", "endingOffsets": "{\"t\":{\"0\":-2}}"], batch: true) == "ending offset for t-0 can't be earliest for batch queries on Kafka")
    }

    @Test func timestampOptions() throws {
        let g = try options(["subscribe": "t", "startingTimestamp": " 1700000000000 ", "startingOffsetsByTimestampStrategy": "LATEST"])
        #expect(g.startingOffsets == .globalTimestamp(1_700_000_000_000, .latest))
        let p = try options(["subscribe": "t", "startingOffsetsByTimestamp": "{\"t\":{\"0\":5}}", "startingOffsets": "earliest"])
        #expect(p.startingOffsets == .specificTimestamp([KafkaTopicPartition("t", 0): 5], .error))
        #expect(message(["subscribe": "t", "startingTimestamp": "soon"]) == "Invalid value for option 'startingTimestamp': Expected a single long value, got soon")
        #expect(message(["subscribe": "t", "startingTimestamp": "1", "startingOffsetsByTimestampStrategy": "maybe"])
                == "Invalid value 'maybe' for option 'startingOffsetsByTimestampStrategy': expected 'error' or 'latest'")
    }

    @Test func numericOptions() {
        #expect(message(["subscribe": "t", "minPartitions": "0"]) == "minPartitions must be positive")
        #expect(message(["subscribe": "t", "minPartitions": "many"]) == "Invalid value 'many' for option 'minPartitions': expected an integer")
        #expect(message(["subscribe": "t", "maxOffsetsPerTrigger": "-5"]) == "Invalid value '-5' for option 'maxOffsetsPerTrigger': must be positive")
        #expect(message(["subscribe": "t", "minOffsetsPerTrigger": "10", "maxOffsetsPerTrigger": "5"])
                == "The value of minOffsetPerTrigger(10) is higher than the maxOffsetsPerTrigger(5).")
        #expect(message(["subscribe": "t", "maxTriggerDelay": "soon"]).contains("'maxTriggerDelay'"))
        #expect(message(["subscribe": "t", "failOnDataLoss": "yes"]) == "Invalid value 'yes' for option 'failOnDataLoss': expected 'true' or 'false'")
        #expect(message(["subscribe": "t", "includeHeaders": "1"]).contains("'includeHeaders'"))
    }

    @Test func groupIdOption() throws {
        let s = try options(["subscribe": "t", "kafka.group.id": "g1"])
        #expect(s.groupId == "g1")
        #expect(s.customGroupId)
    }
}

/// Offsets JSON as Spark writes it into the checkpoint.
@Suite struct KafkaOffsetJSONTests {
    @Test func serializesSorted() {
        let o: KafkaPartitionOffsets = [KafkaTopicPartition("b", 10): 5, KafkaTopicPartition("b", 2): 7, KafkaTopicPartition("a", 0): 23]
        #expect(KafkaOffsetJSON.serialize(o) == "{\"a\":{\"0\":23},\"b\":{\"2\":7,\"10\":5}}")
        #expect(KafkaOffsetJSON.serialize([:]) == "{}")
        #expect(KafkaOffsetJSON.parseOffsets(KafkaOffsetJSON.serialize(o)) == o)
    }

    @Test func rejectsMalformed() {
        #expect(KafkaOffsetJSON.parseOffsets("{\"a\":{\"x\":1}}") == nil)
        #expect(KafkaOffsetJSON.parseOffsets("{\"a\":{\"0\":1.5}}") == nil)
        #expect(KafkaOffsetJSON.parseOffsets("[1]") == nil)
        #expect(KafkaOffsetJSON.parsePartitions("{\"a\":[0,\"1\"]}") == nil)
        #expect(KafkaOffsetJSON.parseOffsets("{\"a\":{\"0\":9223372036854775807}}") == [KafkaTopicPartition("a", 0): Int64.max])
    }

    @Test func topicPartitionPrintsLikeKafka() {
        #expect(KafkaTopicPartition("events", 3).description == "events-3")
        #expect(KafkaOffsetJSON.list([KafkaTopicPartition("b", 0), KafkaTopicPartition("a", 1)]) == "Set(a-1, b-0)")
    }
}
