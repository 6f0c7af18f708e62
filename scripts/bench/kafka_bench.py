#!/usr/bin/env python3
"""librdkafka's side of the Kafka benchmark (confluent-kafka), one JSON line per run.

  kafka_bench.py create  --bootstrap H:P --topic T --partitions 4
  kafka_bench.py produce --bootstrap H:P --topic T --records 5000000 --size 100 --codec none
                         [--linger-ms 5 --batch-size 1048576 --acks 1]
  kafka_bench.py consume --bootstrap H:P --topic T --records 5000000

Values are `size` bytes: the record number in decimal, left-padded with '0' (the same bytes
rivulet-bench kafka-produce writes), keys are null, records go round robin over the partitions.
"""
import argparse, json, resource, sys, time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def create(a):
    admin = AdminClient({"bootstrap.servers": a.bootstrap})
    fs = admin.create_topics([NewTopic(a.topic, num_partitions=a.partitions, replication_factor=1)])
    for f in fs.values():
        f.result(30)
    print(json.dumps({"created": a.topic, "partitions": a.partitions}))


def produce(a):
    p = Producer({
        "bootstrap.servers": a.bootstrap, "linger.ms": a.linger_ms, "batch.size": a.batch_size,
        "compression.type": a.codec, "acks": str(a.acks), "queue.buffering.max.messages": 2_000_000,
        "queue.buffering.max.kbytes": 2_000_000, "enable.idempotence": False,
    })
    md = p.list_topics(a.topic, timeout=10).topics[a.topic]
    partitions = len(md.partitions)
    values = [str(i).zfill(a.size).encode() for i in range(min(a.records, 100_000))]
    failures = []

    def on_delivery(err, _msg):
        if err is not None:
            failures.append(err)

    start = time.perf_counter()
    for i in range(a.records):
        v = values[i % len(values)] if a.records > len(values) else values[i]
        while True:
            try:
                p.produce(a.topic, v, partition=i % partitions, on_delivery=on_delivery)
                break
            except BufferError:
                p.poll(0.001)
        if i % 10_000 == 0:
            p.poll(0)
    remaining = p.flush(120)
    wall = time.perf_counter() - start
    if remaining or failures:
        sys.exit(f"produce failed: {remaining} undelivered, {len(failures)} errors: {failures[:3]}")
    report("produce", a, wall, a.records, a.records * a.size)


def consume(a):
    c = Consumer({
        "bootstrap.servers": a.bootstrap, "group.id": f"bench-{time.time_ns()}",
        "enable.auto.commit": False, "auto.offset.reset": "earliest",
        "fetch.max.bytes": 52428800, "max.partition.fetch.bytes": 10485760,
        # noida-db ignores the fetch size limits and may answer with a whole partition.
        "receive.message.max.bytes": 1_000_000_000,
    })
    md = c.list_topics(a.topic, timeout=10).topics[a.topic]
    c.assign([TopicPartition(a.topic, p, 0) for p in md.partitions])
    count = nbytes = 0
    start = time.perf_counter()
    deadline = start + 600
    while count < a.records and time.perf_counter() < deadline:
        for m in c.consume(num_messages=10_000, timeout=1.0):
            if m.error():
                continue
            count += 1
            nbytes += len(m.value())
    wall = time.perf_counter() - start
    c.close()
    if count < a.records:
        sys.exit(f"consume read {count} of {a.records} records")
    report("consume", a, wall, count, nbytes)


def report(mode, a, wall, records, nbytes):
    print(json.dumps({
        "bench": f"kafka-{mode}", "engine": "librdkafka (confluent-kafka)", "run_id": a.run_id,
        "codec": getattr(a, "codec", None), "records": records, "bytes": nbytes, "wall_s": round(wall, 3),
        "records_per_s": round(records / wall), "mb_per_s": round(nbytes / wall / 1e6, 1),
        "peak_rss_mib": round(rss_mib(), 1),
    }), flush=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["create", "produce", "consume"])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--records", type=int, default=5_000_000)
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--codec", default="none")
    ap.add_argument("--linger-ms", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=1_048_576)
    ap.add_argument("--acks", default="1")
    ap.add_argument("--run-id", default="")
    a = ap.parse_args()
    {"create": create, "produce": produce, "consume": consume}[a.mode](a)
