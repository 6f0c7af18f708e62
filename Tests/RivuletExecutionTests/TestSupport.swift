import RivuletCore
import RivuletSQL
@testable import RivuletExecution

/// Helpers for building resolved plans by hand and running them.
enum T {
    static func attr(_ name: String, _ type: DataType, nullable: Bool = true) -> AttributeReference {
        AttributeReference(name: name, dataType: type, nullable: nullable)
    }

    static func local(_ attrs: [AttributeReference], _ rows: [[Value]]) -> LogicalPlan {
        let schema = StructType(attrs.map(\.field))
        return .localRelation(LocalRelation(output: attrs, batches: rows.isEmpty ? [] : [RecordBatch(schema: schema, rows: rows)]))
    }

    /// A local relation split over several batches (exercises multi-batch paths).
    static func localChunks(_ attrs: [AttributeReference], _ rows: [[Value]], chunk: Int) -> LogicalPlan {
        let schema = StructType(attrs.map(\.field))
        var batches: [RecordBatch] = []
        var i = 0
        while i < rows.count {
            batches.append(RecordBatch(schema: schema, rows: Array(rows[i..<min(rows.count, i + chunk)])))
            i += chunk
        }
        return .localRelation(LocalRelation(output: attrs, batches: batches))
    }

    static func col(_ a: AttributeReference) -> Expression { .attribute(a) }
    static func int(_ v: Int32) -> Expression { .literal(.int(v), .integer) }
    static func long(_ v: Int64) -> Expression { .literal(.long(v), .long) }
    static func str(_ s: String) -> Expression { .literal(.string(s), .string) }
    static func bool(_ b: Bool?) -> Expression { .literal(b.map { .boolean($0) } ?? .null, .boolean) }
    static func alias(_ e: Expression, _ name: String) -> Expression { .alias(e, name: name, exprId: .next()) }

    static func run(_ plan: LogicalPlan, shuffle: Int = 3, parallelism: Int = 2, batchSize: Int = 8192) throws -> [[Value]] {
        let engine = QueryEngine(config: ExecutionConfig(shufflePartitions: shuffle, parallelism: parallelism, batchSize: batchSize))
        return try engine.execute(plan).flatMap { b in b.rows.map(\.values) }
    }

    /// Rows in a canonical order, for order-insensitive comparison.
    static func sorted(_ rows: [[Value]]) -> [[Value]] {
        rows.sorted { a, b in
            for (x, y) in zip(a, b) {
                let c = ValueOrdering.compare(x, y)
                if c != 0 { return c < 0 }
            }
            return a.count < b.count
        }
    }

    /// Evaluates `e` over one batch of `rows` with columns `attrs`.
    static func eval(_ e: Expression, _ attrs: [AttributeReference], _ rows: [[Value]]) throws -> [Value] {
        let batch = RecordBatch(schema: StructType(attrs.map(\.field)), rows: rows)
        return try ExpressionEvaluator(e, input: attrs).evaluate(batch).values
    }

    /// Evaluates a constant expression on a one-row batch with no columns.
    static func evalConst(_ e: Expression) throws -> Value {
        let batch = RecordBatch(unchecked: StructType(), columns: [], numRows: 1)
        return try ExpressionEvaluator(e, input: []).evaluate(batch).value(at: 0)
    }

    /// Deterministic pseudo-random numbers (SplitMix64).
    struct Rng {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }
}

/// A test connector: fixed batches per partition; counts how many batches were read.
struct TestScanSource: ScanSource {
    let schema: StructType
    let parts: [[RecordBatch]]
    var formatName: String { "test" }
    var explainDetail: String { "Location: [memory]" }

    func partitions(requiredColumns: [Int]?) throws(RivuletError) -> [any ScanPartition] {
        parts.map { batches in
            TestScanPartition(batches: requiredColumns.map { cols in batches.map { $0.project(cols) } } ?? batches)
        }
    }
}

struct TestScanPartition: ScanPartition {
    let batches: [RecordBatch]
    func read(_ emit: (RecordBatch) throws(RivuletError) -> Void) throws(RivuletError) {
        for b in batches { try emit(b) }
    }
}

/// `expect(throws:)` for typed RivuletErrors: returns the error (nil if none was thrown).
func rivuletError(_ body: () throws -> Void) -> RivuletError? {
    do { try body() } catch let e as RivuletError { return e } catch { return nil }
    return nil
}
