import Foundation
import Testing
import Rivulet
import RivuletTestPeers

/// Exactly-once from Kafka under SIGKILL: `rivulet stream` runs two queries over the same Kafka
/// topic of JSON events — a stateful aggregation written to Kafka by the exactly-once
/// (transactional) sink, and a stateless projection written to JSON files — and both are killed
/// at random moments 30 times each, restarted from their checkpoints, and finally run to the end.
/// A read_committed consumer must see exactly what an uninterrupted run of the stateful query
/// wrote, and the files must hold every event once.
@Suite(.serialized) struct KafkaCrashRestartTests {
    static let helper = #"""
import sys, json, time, uuid
from confluent_kafka import Producer, Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
bs, op = sys.argv[1], sys.argv[2]
if op == "setup":
    topics = json.loads(sys.argv[3])
    a = AdminClient({"bootstrap.servers": bs})
    for f in a.create_topics([NewTopic(t, n, 1) for t, n in topics.items()]).values():
        f.result(10)
    p = Producer({"bootstrap.servers": bs, "linger.ms": 5})
    src = sys.argv[4]
    for i in range(int(sys.argv[5])):
        p.produce(src, json.dumps({"user": "u%d" % (i * 7 % 11), "amount": i % 13}).encode(), partition=i % 3)
    if p.flush(15) != 0:
        sys.exit("produce did not finish")
elif op == "consume":
    t = sys.argv[3]
    c = Consumer({"bootstrap.servers": bs, "group.id": "crash-" + str(uuid.uuid4()), "enable.auto.commit": False,
                  "isolation.level": "read_committed"})
    md = c.list_topics(t, timeout=5).topics[t]
    tps = [TopicPartition(t, p, 0) for p in sorted(md.partitions)]
    ends = {tp.partition: c.get_watermark_offsets(tp, timeout=5)[1] for tp in tps}
    c.assign(tps)
    out, idle, deadline = [], 0, time.time() + 20
    while time.time() < deadline:
        m = c.poll(0.1)
        if m is None:
            idle += 1
            pos = {tp.partition: tp.offset for tp in c.position(tps)}
            if all(ends[p] == 0 or pos[p] >= ends[p] for p in ends) or idle > 20:
                break
            continue
        if m.error():
            continue
        idle = 0
        out.append([m.partition(), m.offset(), m.key().decode(), m.value().decode()])
    print(json.dumps(out))
"""#

    static let events = 2400

    static func python(_ args: [String]) throws -> String {
        try TestPeers.runPython(helper, arguments: [try TestPeers.kafkaBootstrap()] + args)
    }

    static func start(_ args: [String], log: URL) throws -> Process {
        let p = Process()
        p.executableURL = try CLITests.binary()
        p.arguments = args
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: log)
        try p.run()
        return p
    }

    /// (partition, offset, key, value) records of `topic` seen by a read_committed consumer.
    static func consume(_ topic: String) throws -> [(partition: Int, offset: Int, key: String, value: String)] {
        let rows = (try JSONSerialization.jsonObject(with: Data(try python(["consume", topic]).utf8)) as? [[Any]]) ?? []
        return rows.map { ($0[0] as? Int ?? -1, $0[1] as? Int ?? -1, $0[2] as? String ?? "", $0[3] as? String ?? "") }
    }

    /// What the scenario observed, checked on the test's task.
    struct Observations: Sendable {
        var statuses: [String: Int32] = [:]
        var logs: [String: String] = [:]
        var elapsed: Duration = .zero
        var committedBeforeFinal = 0
        var killedRecords: [String] = []
        var referenceRecords: [String] = []
        var lastPerKey: [String: String] = [:]
        var fileRows: [String] = []
        var lastOffsets = ""
        var input = ""
    }

    /// Sets up the topics, runs the reference query, the kill loop and the final runs, and reads
    /// everything back. Blocking: runs on a thread of its own.
    static func scenario() throws -> Observations {
        var o = Observations()
        let bs = try TestPeers.kafkaBootstrap()
        let tag = UUID().uuidString.prefix(8).lowercased()
        let input = "crash-in-\(tag)", killedOut = "crash-out-\(tag)", referenceOut = "crash-ref-\(tag)"
        o.input = input
        _ = try python(["setup", "{\"\(input)\":3,\"\(killedOut)\":2,\"\(referenceOut)\":2}", input, String(events)])
        let root = try CLITests.tempDir()
        let parsed = "SELECT from_json(CAST(value AS STRING), 'user STRING, amount INT') AS e, partition, offset FROM src"
        func source() -> [String] {
            ["--source", "src=kafka", "--option", "src.kafka.bootstrap.servers=\(bs)", "--option", "src.subscribe=\(input)",
             "--option", "src.startingOffsets=earliest", "--option", "src.maxOffsetsPerTrigger=6"]
        }
        func stateful(_ topic: String, _ ckpt: String) -> [String] {
            ["stream", "SELECT e.user AS key, to_json(named_struct('n', count(*), 'total', sum(e.amount))) AS value FROM (\(parsed)) GROUP BY e.user"]
                + source() + ["--sink", "kafka", "--sink-option", "kafka.bootstrap.servers=\(bs)", "--sink-option", "topic=\(topic)",
                              "--sink-option", "rivulet.exactlyOnce=true", "--output-mode", "update", "--checkpoint", ckpt,
                              "--conf", "spark.sql.shuffle.partitions=3"]
        }
        let filesOut = root.appendingPathComponent("files").path
        let files = ["stream", "SELECT e.user AS user, e.amount AS amount, partition, offset FROM (\(parsed))"] + source()
            + ["--sink", "json:\(filesOut)", "--checkpoint", root.appendingPathComponent("ckpt-files").path]
        let killed = stateful(killedOut, root.appendingPathComponent("ckpt-killed").path)

        // The uninterrupted run, alongside the kill loop.
        let reference = try start(stateful(referenceOut, root.appendingPathComponent("ckpt-ref").path) + ["--trigger", "available-now"],
                                  log: root.appendingPathComponent("reference.log"))
        let clock = ContinuousClock()
        let t0 = clock.now
        var rng = SystemRandomNumberGenerator()
        func committed(_ ckpt: String) -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(ckpt + "/commits").path))?
                .compactMap(Int.init).max() ?? -1
        }
        let batches = events / 6
        for i in 0..<30 {
            let before = (committed("ckpt-killed"), committed("ckpt-files"))
            let a = try start(killed, log: root.appendingPathComponent("killed-\(i).log"))
            let b = try start(files, log: root.appendingPathComponent("files-\(i).log"))
            // Let each run commit something (a loaded machine starts processes slowly), then kill
            // both at a random moment of their work.
            let deadline = clock.now + .seconds(3)
            while clock.now < deadline,
                  (committed("ckpt-killed") <= before.0 && before.0 < batches - 1) || (committed("ckpt-files") <= before.1 && before.1 < batches - 1) {
                usleep(5_000)
            }
            usleep(UInt32.random(in: 0...150_000, using: &rng))
            kill(a.processIdentifier, SIGKILL)
            kill(b.processIdentifier, SIGKILL)
            a.waitUntilExit()
            b.waitUntilExit()
        }
        o.committedBeforeFinal = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("ckpt-killed/commits").path))?
            .compactMap(Int.init).max() ?? -1) + 1
        let finalA = try start(killed + ["--trigger", "available-now"], log: root.appendingPathComponent("killed-final.log"))
        let finalB = try start(files + ["--trigger", "available-now"], log: root.appendingPathComponent("files-final.log"))
        finalA.waitUntilExit()
        finalB.waitUntilExit()
        reference.waitUntilExit()
        o.elapsed = clock.now - t0
        for (name, p) in [("killed-final.log", finalA), ("files-final.log", finalB), ("reference.log", reference)] {
            o.statuses[name] = p.terminationStatus
            o.logs[name] = (try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }

        let got = try consume(killedOut)
        o.killedRecords = got.map { "\($0.key)=\($0.value)" }.sorted()
        o.referenceRecords = try consume(referenceOut).map { "\($0.key)=\($0.value)" }.sorted()
        for r in got.sorted(by: { ($0.partition, $0.offset) < ($1.partition, $1.offset) }) { o.lastPerKey[r.key] = r.value }
        let spark = SparkSession.builder.create()
        let rows = try spark.read.schema("user STRING, amount INT, partition INT, offset BIGINT").json(filesOut).collect()
        o.fileRows = rows.map { "\($0.getInt(2) ?? -1)/\($0.values[3].sparkString())" }.sorted()
        let offsetLog = root.appendingPathComponent("ckpt-killed/offsets")
        let lastBatch = try FileManager.default.contentsOfDirectory(atPath: offsetLog.path).compactMap(Int.init).max() ?? -1
        o.lastOffsets = try String(contentsOf: offsetLog.appendingPathComponent(String(lastBatch)), encoding: .utf8)
        return o
    }

    @Test(.enabled(if: TestPeers.enabled(.kafka, .python)), .timeLimit(.minutes(3)))
    func kafkaQueriesAreExactlyOnceUnderSigkill() async throws {
        // The scenario blocks for a while: keep it off Swift's cooperative threads.
        let o = try await withCheckedThrowingContinuation { (c: CheckedContinuation<Observations, any Error>) in
            Thread { c.resume(with: Result { try Self.scenario() }) }.start()
        }
        for (name, status) in o.statuses.sorted(by: { $0.key < $1.key }) {
            #expect(status == 0, "\(name): \(o.logs[name] ?? "")")
        }
        print("Kafka crash test: 60 kills and the final runs took \(o.elapsed); \(o.committedBeforeFinal) of \(Self.events / 6) stateful batches were committed before the final run")
        #expect(o.committedBeforeFinal > 20, "the kill loop should interrupt a query that makes progress")

        // Stateful: the same updates as the uninterrupted run, each once.
        #expect(!o.referenceRecords.isEmpty)
        #expect(o.killedRecords == o.referenceRecords,
                "read_committed output after 30 kills: \(o.killedRecords.count) records, uninterrupted run: \(o.referenceRecords.count)")
        // The last update of each key is its final count and total.
        var expected: [String: (n: Int, total: Int)] = [:]
        for i in 0..<Self.events {
            let user = "u\(i * 7 % 11)"
            expected[user, default: (0, 0)].n += 1
            expected[user, default: (0, 0)].total += i % 13
        }
        #expect(o.lastPerKey == expected.mapValues { "{\"n\":\($0.n),\"total\":\($0.total)}" })

        // Stateless to files: every event exactly once.
        let all = (0..<Self.events).map { "\($0 % 3)/\($0 / 3)" }.sorted()
        #expect(o.fileRows == all, "file rows after 30 kills: \(o.fileRows.count), expected \(Self.events)")
        // Spark's offsets in the checkpoint.
        let perPartition = Self.events / 3
        #expect(o.lastOffsets.hasSuffix("{\"\(o.input)\":{\"0\":\(perPartition),\"1\":\(perPartition),\"2\":\(perPartition)}}"))
    }
}
