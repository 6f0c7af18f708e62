@testable import RivuletKafka

/// The records both sides of the interop tests produce: record `i` has a key (null every 7th), a
/// value (null every 11th), headers every 3rd (one with a null value), partition `i % partitions`
/// and timestamp `base + i`. The Python scripts below build the same records.
enum InteropRecords {
    static func record(_ i: Int, topic: String, partitions: Int32, base: Int64) -> KafkaProducerRecord {
        let key: [UInt8]? = i % 7 == 3 ? nil : Array("key-\(i)".utf8)
        let value: [UInt8]? = i % 11 == 5 ? nil : Array(("value-\(i)-" + String(repeating: "x", count: i % 50)).utf8)
        let headers = i % 3 == 0 ? [KafkaHeader(key: "h1", value: Array("hv\(i)".utf8)), KafkaHeader(key: "nullh", value: nil)] : []
        return KafkaProducerRecord(
            topic: topic, partition: Int32(i) % partitions, key: key, value: value, headers: headers, timestamp: base + Int64(i))
    }
}

/// Python (confluent-kafka, i.e. librdkafka) helper scripts run by the interop tests.
enum PeerScripts {
    /// argv: bootstrap topic codec count partitions base_ts — produces the InteropRecords.
    static let produce = """
        import sys
        from confluent_kafka import Producer
        bootstrap, topic, codec = sys.argv[1], sys.argv[2], sys.argv[3]
        count, partitions, base = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
        p = Producer({"bootstrap.servers": bootstrap, "compression.type": codec, "linger.ms": 5})
        errors = []
        def cb(err, msg):
            if err is not None:
                errors.append(str(err))
        for i in range(count):
            key = None if i % 7 == 3 else ("key-%d" % i).encode()
            value = None if i % 11 == 5 else ("value-%d-" % i + "x" * (i % 50)).encode()
            headers = [("h1", ("hv%d" % i).encode()), ("nullh", None)] if i % 3 == 0 else None
            p.produce(topic, value=value, key=key, partition=i % partitions, timestamp=base + i, headers=headers, on_delivery=cb)
            p.poll(0)
        left = p.flush(30)
        if errors or left:
            sys.exit("delivery failed: %s (%d left)" % (errors[:1], left))
        """

    /// argv: bootstrap topic partitions count isolation — prints every record as a JSON line.
    static let consume = """
        import sys, json, time
        from confluent_kafka import Consumer, TopicPartition
        bootstrap, topic, partitions, count, isolation = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
        c = Consumer({"bootstrap.servers": bootstrap, "group.id": "g-" + topic, "enable.auto.commit": False,
                      "isolation.level": isolation, "auto.offset.reset": "earliest"})
        c.assign([TopicPartition(topic, p, 0) for p in range(partitions)])
        out = []
        deadline = time.time() + 30
        while len(out) < count and time.time() < deadline:
            m = c.poll(0.2)
            if m is None:
                continue
            if m.error():
                sys.exit(str(m.error()))
            h = lambda b: None if b is None else b.hex()
            out.append({"partition": m.partition(), "offset": m.offset(), "timestamp": m.timestamp()[1],
                        "key": h(m.key()), "value": h(m.value()),
                        "headers": [[k, h(v)] for k, v in (m.headers() or [])]})
        # Linger briefly to catch records beyond the expected count.
        end = time.time() + 0.5
        while time.time() < end:
            m = c.poll(0.1)
            if m is not None and not m.error():
                out.append({"partition": m.partition(), "offset": m.offset(), "timestamp": m.timestamp()[1],
                            "key": None, "value": "EXTRA", "headers": []})
        c.close()
        for r in out:
            print(json.dumps(r))
        """

    /// argv: bootstrap topic partitions keys... — produces with librdkafka's Java-compatible
    /// partitioner and prints `key partition` lines.
    static let partitioner = """
        import sys
        from confluent_kafka import Producer
        bootstrap, topic = sys.argv[1], sys.argv[2]
        p = Producer({"bootstrap.servers": bootstrap, "partitioner": "murmur2_random"})
        res = {}
        def cb(err, msg):
            if err is None:
                res[msg.key().decode()] = msg.partition()
        for k in sys.argv[3:]:
            p.produce(topic, value=b"v", key=k.encode(), on_delivery=cb)
        p.flush(30)
        for k in sys.argv[3:]:
            print(k, res.get(k, -1))
        """
}
