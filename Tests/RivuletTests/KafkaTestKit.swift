import Foundation
import Rivulet
import RivuletTestPeers

/// The independent side of the Kafka tests: topics are created, filled and read back with
/// confluent-kafka (librdkafka) in the peers' Python, never with Rivulet's own client.
enum KafkaKit {
    static let script = #"""
import sys, json, time, uuid
from confluent_kafka import Producer, Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic, NewPartitions
bs = sys.argv[1]
cmd = json.load(sys.stdin)
op = cmd["op"]
def enc(v):
    return None if v is None else v.encode("utf-8")
if op in ("create", "partitions", "delete"):
    a = AdminClient({"bootstrap.servers": bs})
    if op == "create":
        fs = a.create_topics([NewTopic(cmd["topic"], cmd.get("partitions", 1), 1)])
    elif op == "partitions":
        fs = a.create_partitions([NewPartitions(cmd["topic"], cmd["total"])])
    else:
        fs = a.delete_topics([cmd["topic"]])
    for f in fs.values():
        f.result(10)
    deadline = time.time() + 10
    while time.time() < deadline:
        md = a.list_topics(timeout=5).topics
        t = md.get(cmd["topic"])
        if op == "delete" and (t is None or t.error is not None):
            break
        if op == "create" and t is not None and len(t.partitions) == cmd.get("partitions", 1):
            break
        if op == "partitions" and t is not None and len(t.partitions) == cmd["total"]:
            break
        time.sleep(0.05)
elif op == "produce":
    def total_end():
        c = Consumer({"bootstrap.servers": bs, "group.id": "kit-wm"})
        try:
            md = c.list_topics(cmd["topic"], timeout=5).topics.get(cmd["topic"])
            if md is None or md.error is not None:
                return 0
            return sum(c.get_watermark_offsets(TopicPartition(cmd["topic"], p), timeout=5)[1] for p in md.partitions)
        finally:
            c.close()
    before = total_end()
    failed = []
    def delivered(err, msg):
        if err is not None:
            failed.append(str(err))
    p = Producer({"bootstrap.servers": bs, "linger.ms": 5, "on_delivery": delivered})
    for r in cmd["records"]:
        kw = {}
        if "partition" in r:
            kw["partition"] = r["partition"]
        if "timestamp" in r:
            kw["timestamp"] = r["timestamp"]
        if "headers" in r:
            kw["headers"] = [(k, enc(v)) for k, v in r["headers"]]
        p.produce(cmd["topic"], value=enc(r.get("value")), key=enc(r.get("key")), **kw)
    if p.flush(15) != 0:
        sys.exit("produce did not finish")
    if failed:
        sys.exit("produce failed: " + failed[0])
    # Under load the broker may answer ListOffsets with an older end for a moment: wait until the
    # records are visible, so a test reading right after this sees them.
    deadline = time.time() + 10
    while total_end() < before + len(cmd["records"]):
        if time.time() > deadline:
            sys.exit("produced records are not visible after 10 s")
        time.sleep(0.02)
elif op == "dangle":
    # A transactional producer that "crashes" with its transaction open.
    import os
    p = Producer({"bootstrap.servers": bs, "transactional.id": cmd["txid"]})
    p.init_transactions(10)
    p.begin_transaction()
    for v in cmd["values"]:
        p.produce(cmd["topic"], value=enc(v), partition=0)
    p.flush(10)
    sys.stdout.flush()
    os._exit(0)
elif op == "consume":
    c = Consumer({"bootstrap.servers": bs, "group.id": "kit-" + str(uuid.uuid4()), "enable.auto.commit": False,
                  "auto.offset.reset": "earliest", "isolation.level": cmd.get("isolation", "read_uncommitted")})
    md = c.list_topics(cmd["topic"], timeout=5).topics[cmd["topic"]]
    tps = [TopicPartition(cmd["topic"], p, 0) for p in sorted(md.partitions)]
    ends = {tp.partition: c.get_watermark_offsets(tp, timeout=5)[1] for tp in tps}
    c.assign(tps)
    out = []
    deadline = time.time() + cmd.get("timeout", 10)
    idle = 0
    while time.time() < deadline:
        m = c.poll(0.1)
        if m is None:
            idle += 1
            pos = {tp.partition: tp.offset for tp in c.position(tps)}
            if all(pos[p] >= ends[p] or ends[p] == 0 for p in ends) or idle > 15:
                break
            continue
        if m.error():
            continue
        idle = 0
        out.append({"p": m.partition(), "o": m.offset(), "k": None if m.key() is None else m.key().decode("utf-8", "replace"),
                    "v": None if m.value() is None else m.value().decode("utf-8", "replace"),
                    "h": [[k, None if v is None else v.decode("utf-8", "replace")] for k, v in (m.headers() or [])]})
    c.close()
    print(json.dumps(out))
"""#

    static func bootstrap() throws -> String { try TestPeers.kafkaBootstrap() }

    /// A topic name no other test uses.
    static func topic(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    @discardableResult
    static func run(_ command: [String: Any], bootstrap servers: String? = nil) throws -> String {
        let input = try JSONSerialization.data(withJSONObject: command)
        return try TestPeers.runPython(script, arguments: [try servers ?? bootstrap()], stdin: input)
    }

    static func create(_ topic: String, partitions: Int = 1, bootstrap servers: String? = nil) throws {
        try run(["op": "create", "topic": topic, "partitions": partitions], bootstrap: servers)
    }

    static func addPartitions(_ topic: String, total: Int) throws {
        try run(["op": "partitions", "topic": topic, "total": total])
    }

    static func delete(_ topic: String) throws {
        try run(["op": "delete", "topic": topic])
    }

    /// Produces records given as dictionaries with `value`, and optionally `key`, `partition`,
    /// `timestamp` (ms) and `headers` (`[[key, value]]`).
    static func produce(_ topic: String, _ records: [[String: Any]], bootstrap servers: String? = nil) throws {
        try run(["op": "produce", "topic": topic, "records": records], bootstrap: servers)
    }

    /// Leaves a transaction of `values` open under `txid`, as a crashed producer would.
    static func dangle(_ topic: String, txid: String, values: [String]) throws {
        try run(["op": "dangle", "topic": topic, "txid": txid, "values": values])
    }

    /// One consumed record.
    struct Consumed: Equatable {
        var partition: Int
        var offset: Int
        var key: String?
        var value: String?
    }

    /// Every record of `topic`, per partition in offset order.
    static func consume(_ topic: String, isolation: String = "read_uncommitted") throws -> [Consumed] {
        let text = try run(["op": "consume", "topic": topic, "isolation": isolation])
        let rows = (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
        return rows.map {
            Consumed(partition: $0["p"] as? Int ?? -1, offset: $0["o"] as? Int ?? -1, key: $0["k"] as? String, value: $0["v"] as? String)
        }
    }
}

/// A broker of the test's own on `port`, started and stopped with `scripts/peers/kafka-broker.sh`.
struct OwnBroker {
    let port: Int
    var bootstrap: String { "127.0.0.1:\(port)" }
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/peers/kafka-broker.sh").path

    /// Starts it; `keepData` restarts it with the topics it saved when stopped.
    func start(keepData: Bool = false) throws {
        try Self.shell((keepData ? "RIVULET_KAFKA_KEEP_DATA=1 " : "") + "bash '\(Self.script)' start \(port)")
    }

    func stop() throws {
        try Self.shell("bash '\(Self.script)' stop \(port)")
    }

    /// Runs a shell command with `system` (fork, exec, waitpid on this thread): the broker it
    /// starts lives on, detached, after the script returns.
    static func shell(_ command: String) throws {
        let status = system(command + " >/dev/null 2>&1")
        guard status == 0 else { throw ShellFailed(command: command, status: status) }
    }
}

/// A shell command exited with a non-zero status.
struct ShellFailed: Error, CustomStringConvertible {
    var command: String
    var status: Int32
    var description: String { "\(command) exited with \(status) (see the broker log under /tmp/rivulet-kafka-<port>)" }
}

/// Runs blocking test code on a thread of its own, so the test does not hold one of Swift's few
/// cooperative threads while it waits (the Kafka client needs that pool to open connections).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
        let t = Thread { c.resume(with: Result { try body() }) }
        t.stackSize = 8 << 20
        t.start()
    }
}

// Blocking calls that use Rivulet's Kafka client, run off the cooperative pool; the test's own
// expectations stay on the test task (so failures are attributed to the test).
extension DataFrame {
    func collectOff() async throws -> [Row] {
        let df = self
        return try await offPool { try df.collect() }
    }

    func countOff() async throws -> Int {
        let df = self
        return try await offPool { try df.count() }
    }
}

extension StreamingQuery {
    func processAllAvailableOff() async throws {
        try await offPool { try self.processAllAvailable() }
    }

    func awaitTerminationOff() async throws {
        try await offPool { try self.awaitTerminationBlocking() }
    }
}

/// The error `body` throws, as text ("no error" if none), with `body` run off the cooperative pool.
func failureOff(_ body: @escaping @Sendable () throws -> Void) async -> String {
    do {
        try await offPool(body)
        return "no error"
    } catch let e as RivuletError {
        return e.description
    } catch {
        return "\(error)"
    }
}
