import Foundation
import Rivulet

// rivulet-bench: the word-count benchmark side of the Spark comparison (see BENCHMARKS.md).
//   gen-words  writes the data set (byte-identical to the Spark anchor's generator)
//   wordcount  runs the query through Rivulet's DataFrame API
//   handloop   counts the same words with a single-threaded hand-written loop (no engine)
//   selftest   checks SHA-256, the generator and the hand loop against independently computed values
// Each run prints one JSON line; scripts/bench/run_wordcount.sh runs all three plus Spark.

let usage = """
    usage: rivulet-bench gen-words --out DIR [--files 200 --lines 50000 --vocab 10000 --wmin 5 --wmax 15 --seed 42]
           rivulet-bench wordcount --input DIR [--repeat 1 --partitions 4 --run-id ID --tag TEXT]
           rivulet-bench handloop  --input DIR [--repeat 1 --run-id ID --tag TEXT]
           rivulet-bench stream-wordcount --input DIR [--max-files-per-trigger 0 --repeat 1 --partitions 4 --run-id ID --tag TEXT]
           rivulet-bench empty-batch [--iterations 2000]
           rivulet-bench latency [--rate 10000 --seconds 10]
           rivulet-bench parquet --dir DIR [--rows 10000000 --codec snappy --repeat 3]   (write + read the Parquet bench table)
           rivulet-bench parquet-read --file F [--repeat 3]
           rivulet-bench kafka-produce --bootstrap H:P --topic T [--records 5000000 --size 100 --codec none --linger-ms 5 --batch-size 1048576 --acks 1]
           rivulet-bench kafka-consume --bootstrap H:P --topic T [--records 5000000]   (Kafka source -> noop sink, availableNow)
           rivulet-bench selftest   (checks SHA-256, the generator and the hand loop against reference values)
    """

/// Absolute form of a path given on the command line (the manifest records absolute paths).
func absolute(_ path: String) -> String {
    var p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
    return p
}

func generate(_ o: Options) throws -> Void {
    var g = WordsGenerator()
    g.seed = try o.int("--seed", default: 42, minimum: Int.min)
    g.files = try o.int("--files", default: 200, minimum: 1)
    g.linesPerFile = try o.int("--lines", default: 50_000, minimum: 1)
    g.vocabSize = try o.int("--vocab", default: 10_000, minimum: 1)
    g.minWords = try o.int("--wmin", default: 5, minimum: 1)
    g.maxWords = try o.int("--wmax", default: 15, minimum: 1)
    guard g.maxWords >= g.minWords else { throw UsageError("--wmax (\(g.maxWords)) must be >= --wmin (\(g.minWords))") }
    guard g.vocabSize <= 10_000_000 else { throw UsageError("--vocab must be <= 10000000, got \(g.vocabSize)") }
    print(try g.write(to: absolute(try o.required("--out"))).text)
}

func wordcount(_ o: Options, engine: String) throws -> Void {
    let input = absolute(try o.required("--input"))
    let repeats = try o.int("--repeat", default: 1, minimum: 1)
    let partitions = try o.int("--partitions", default: 4, minimum: 1)
    let manifest = DatasetManifest.load(dataDirectory: input)
    let query = engine == "rivulet" ? RivuletWordCount(shufflePartitions: partitions) : nil
    for run in 1...repeats {
        let window = CPUWindow()
        let counts: WordCounts
        var lines = manifest.lines
        var extra: [(String, JSONValue)] = []
        if let query {
            counts = try query.run(directory: input)
            extra = [("shuffle_partitions", .int(partitions))]
        } else {
            let r = try HandLoopWordCount.run(directory: input)
            counts = r.counts
            lines = r.lines
            extra = [("bytes", .int(r.bytes)), ("files", .int(r.files))]
        }
        let wall = window.elapsed
        printWordCountRecord(engine: engine, options: o, input: input, run: run, wall: wall, lines: lines,
                             counts: counts, cpu: window.close(wall: wall), extra: extra)
    }
}

let arguments = CommandLine.arguments
let command = arguments.count > 1 ? arguments[1] : ""
do {
    let rest = arguments.dropFirst(2)
    switch command {
    case "gen-words":
        try generate(Options(rest, allowed: ["--out", "--files", "--lines", "--vocab", "--wmin", "--wmax", "--seed"]))
    case "wordcount":
        try wordcount(Options(rest, allowed: ["--input", "--repeat", "--partitions", "--run-id", "--tag"]), engine: "rivulet")
    case "handloop":
        try wordcount(Options(rest, allowed: ["--input", "--repeat", "--run-id", "--tag"]), engine: "handloop")
    case "stream-wordcount":
        let o = try Options(rest, allowed: ["--input", "--max-files-per-trigger", "--repeat", "--partitions", "--run-id", "--tag"])
        let input = absolute(try o.required("--input"))
        let perTrigger = try o.int("--max-files-per-trigger", default: 0, minimum: 0)
        let query = RivuletStreamWordCount(shufflePartitions: try o.int("--partitions", default: 4, minimum: 1))
        let manifest = DatasetManifest.load(dataDirectory: input)
        for run in 1...(try o.int("--repeat", default: 1, minimum: 1)) {
            let window = CPUWindow()
            let (counts, batches) = try query.run(directory: input, maxFilesPerTrigger: perTrigger, run: run)
            let wall = window.elapsed
            printWordCountRecord(engine: "rivulet", options: o, input: input, run: run, wall: wall, lines: manifest.lines,
                                 counts: counts, cpu: window.close(wall: wall),
                                 extra: [("max_files_per_trigger", .int(perTrigger)), ("batches", .int(batches))], bench: "stream-wordcount")
        }
    case "empty-batch":
        let o = try Options(rest, allowed: ["--iterations", "--run-id", "--tag"])
        let fields = try StreamingMicrobench.emptyBatch(iterations: try o.int("--iterations", default: 2000, minimum: 10))
        print(JSONValue.object([("bench", .string("empty-batch")), ("engine", .string("rivulet")),
                                ("run_id", o.value("--run-id").map { .string($0) } ?? .null), ("tag", .string(o.value("--tag") ?? ""))] + fields).text)
    case "latency":
        let o = try Options(rest, allowed: ["--rate", "--seconds", "--run-id", "--tag"])
        let seconds = Double(o.value("--seconds") ?? "10") ?? 10
        let fields = try StreamingMicrobench.latency(rate: try o.int("--rate", default: 10_000, minimum: 1000), seconds: seconds)
        print(JSONValue.object([("bench", .string("latency")), ("engine", .string("rivulet")),
                                ("run_id", o.value("--run-id").map { .string($0) } ?? .null), ("tag", .string(o.value("--tag") ?? ""))] + fields).text)
    case "parquet":
        try ParquetBench.run(Options(rest, allowed: ["--rows", "--dir", "--codec", "--repeat", "--run-id", "--tag"]))
    case "parquet-read":
        let o = try Options(rest, allowed: ["--file", "--repeat", "--run-id", "--tag"])
        try ParquetBench.read(o, path: absolute(try o.required("--file")), rows: nil, repeats: try o.int("--repeat", default: 3, minimum: 1))
    case "kafka-produce":
        try KafkaBench.produce(Options(rest, allowed: ["--bootstrap", "--topic", "--records", "--size", "--codec", "--linger-ms", "--batch-size", "--acks", "--run-id", "--tag"]))
    case "kafka-consume":
        try KafkaBench.consume(Options(rest, allowed: ["--bootstrap", "--topic", "--records", "--size", "--run-id", "--tag"]))
    case "selftest":
        let failures = SelfTest.run()
        for f in failures { FileHandle.standardError.write(Data("selftest FAILED: \(f)\n".utf8)) }
        print(failures.isEmpty ? "selftest passed" : "selftest: \(failures.count) check(s) failed")
        if !failures.isEmpty { exit(1) }
    case "-h", "--help", "help":
        print(usage)
    default:
        throw UsageError(command.isEmpty ? "missing subcommand" : "unknown subcommand '\(command)'")
    }
} catch let e as UsageError {
    FileHandle.standardError.write(Data("rivulet-bench: \(e.message)\n\(usage)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("rivulet-bench: \(error)\n".utf8))
    exit(1)
}
