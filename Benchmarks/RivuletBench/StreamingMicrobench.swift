import Foundation
import Rivulet

/// Micro-benchmarks of the micro-batch loop itself: the cost of a trigger that finds no data, of a
/// one-row batch, and the end-to-end latency from a socket write to the row reaching the sink.
enum StreamingMicrobench {
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func nowNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Median and p99 (ms) of `processAllAvailable` on an idle query, and of a one-row batch.
    static func emptyBatch(iterations: Int) throws -> [(String, JSONValue)] {
        let spark = SparkSession.builder.appName("rivulet-bench-empty").create()
        let input = MemoryStream(schema: try StructType.fromDDL("value STRING"))
        let q = try input.toDF(spark).select(upper(col("value")).alias("v")).writeStream.format("noop").start()
        defer { q.stop() }
        _ = input.addData([[.string("warm")]])
        try q.processAllAvailable()
        var idle: [Double] = [], tiny: [Double] = []
        for _ in 0..<iterations {
            let t0 = nowNanos()
            try q.processAllAvailable()
            idle.append(Double(nowNanos() - t0) / 1e6)
        }
        for i in 0..<(iterations / 4) {
            let t0 = nowNanos()
            _ = input.addData([[.string("row \(i)")]])
            try q.processAllAvailable()
            tiny.append(Double(nowNanos() - t0) / 1e6)
        }
        idle.sort(); tiny.sort()
        let batches = q.recentProgress.last?.batchId ?? -1
        return [("empty_trigger_p50_ms", .number(percentile(idle, 0.5))), ("empty_trigger_p99_ms", .number(percentile(idle, 0.99))),
                ("one_row_batch_p50_ms", .number(percentile(tiny, 0.5))), ("one_row_batch_p99_ms", .number(percentile(tiny, 0.99))),
                ("iterations", .int(iterations)), ("last_batch_id", .int(Int(batches)))]
    }

    /// Lines carrying their send time are written to a local socket at `rate` lines/s for `seconds`;
    /// the query hands each micro-batch to foreachBatch, which records each line's latency.
    static func latency(rate: Int, seconds: Double) throws -> [(String, JSONValue)] {
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard server >= 0 else { throw RivuletError.io("socket() failed") }
        var one: Int32 = 1
        setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(server, $0, len) } }
        guard bound == 0, listen(server, 1) == 0 else { throw RivuletError.io("bind/listen failed") }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(server, $0, &len) } }
        let port = Int(UInt16(bigEndian: addr.sin_port))

        let latencies = LatencyLog()
        let spark = SparkSession.builder.appName("rivulet-bench-latency").create()
        let lines = try spark.readStream.format("socket").option("host", "127.0.0.1").option("port", port).load()
        // The source connects in start(); accept on another thread meanwhile.
        let acceptor = AcceptThread(server: server)
        acceptor.start()
        let q = try lines.writeStream.foreachBatch { df, _ in
            let rows = try df.collect()
            let now = StreamingMicrobench.nowNanos()
            latencies.add(rows.compactMap { $0.getString(0).flatMap { UInt64($0) } }.map { Double(now &- $0) / 1e6 })
        }.start()
        defer { q.stop() }
        let client = acceptor.waitForClient()
        guard client >= 0 else { throw RivuletError.io("the socket source did not connect") }
        // Send `rate` lines per second in 1 ms ticks.
        let perTick = max(1, rate / 1000)
        let ticks = Int(seconds * 1000)
        let start = nowNanos()
        var sent = 0
        for t in 0..<ticks {
            var text = ""
            for _ in 0..<perTick { text += String(nowNanos()) + "\n" }
            sent += perTick
            _ = text.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            let next = start + UInt64(t + 1) * 1_000_000
            let now = nowNanos()
            if next > now { usleep(UInt32((next - now) / 1000)) }
        }
        let deadline = Date().addingTimeInterval(5)
        while latencies.count < sent && Date() < deadline { usleep(1000) }
        close(client)
        close(server)
        let sorted = latencies.sorted
        return [("lines_sent", .int(sent)), ("lines_received", .int(sorted.count)), ("rate_lines_per_s", .int(rate)),
                ("latency_p50_ms", .number(percentile(sorted, 0.5))), ("latency_p99_ms", .number(percentile(sorted, 0.99))),
                ("latency_max_ms", .number(sorted.last ?? .nan)), ("batches", .int(q.recentProgress.count)),
                ("peak_rss_mib", ProcessStats.peakRSSMiB().map { .number($0) } ?? .null)]
    }
}

/// Latencies recorded by the foreachBatch function.
final class LatencyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    func add(_ v: [Double]) { lock.lock(); values += v; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return values.count }
    var sorted: [Double] { lock.lock(); defer { lock.unlock() }; return values.sorted() }
}

/// Accepts the socket source's connection on a background thread.
final class AcceptThread: @unchecked Sendable {
    private let server: Int32
    private let done = DispatchSemaphore(value: 0)
    private var client: Int32 = -1
    init(server: Int32) { self.server = server }
    func start() {
        Thread { [self] in
            client = accept(server, nil, nil)
            done.signal()
        }.start()
    }
    func waitForClient() -> Int32 {
        _ = done.wait(timeout: .now() + 10)
        return client
    }
}
