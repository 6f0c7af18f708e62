import RivuletCore
import RivuletSQL

/// Applies `explode`, `explode_outer`, `posexplode`, `posexplode_outer` (arrays and maps) or
/// `inline` / `inline_outer` (arrays of structs) or `stack` to every row, repeating the kept
/// child columns.
///
/// When no row needs a null stand-in the generated column is the array's child vector itself
/// (sliced if needed) — for `explode(split(value, ' '))` that is the words buffer, emitted with
/// no per-element copy.
public final class GenerateExec: PhysicalOperator {
    let generator: GeneratorCall
    let requiredChildOutput: [AttributeReference]
    let generatorOutput: [AttributeReference]
    let child: any PhysicalOperator
    let argument: ExpressionEvaluator
    let keptOrdinals: [Int]
    let kind: Kind
    /// `stack`: the value arguments (after the row count).
    let stackValues: [ExpressionEvaluator]
    let stackRows: Int

    enum Kind { case explode, posexplode, inline, stack }

    init(_ node: GenerateNode, child: any PhysicalOperator) throws(RivuletError) {
        generator = node.generator
        requiredChildOutput = node.requiredChildOutput
        generatorOutput = node.generatorOutput
        self.child = child
        guard let arg = generator.arguments.first else { throw .internal("generator \(generator.name) has no argument") }
        argument = try ExpressionEvaluator(arg, input: child.output)
        var ords: [Int] = []
        for a in requiredChildOutput {
            guard let i = child.output.firstIndex(where: { $0.exprId == a.exprId }) else {
                throw .internal("Couldn't find \(a) in \(child.output)")
            }
            ords.append(i)
        }
        keptOrdinals = ords
        switch generator.name.lowercased() {
        case "explode", "explode_outer": kind = .explode
        case "posexplode", "posexplode_outer": kind = .posexplode
        case "inline", "inline_outer": kind = .inline
        case "stack": kind = .stack
        default: throw RivuletError(.unsupportedOperation, "generator '\(generator.name)' is not implemented")
        }
        var values: [ExpressionEvaluator] = []
        var rows = 0
        if kind == .stack {
            guard case .literal(let v, _) = arg, let n = v.int64Value, n > 0, n <= Int64(Int32.max) else {
                throw .internal("stack needs a positive constant row count")
            }
            rows = Int(n)
            for a in generator.arguments.dropFirst() { values.append(try ExpressionEvaluator(a, input: child.output)) }
        }
        stackValues = values
        stackRows = rows
    }

    public var output: [AttributeReference] { requiredChildOutput + generatorOutput }
    public var children: [any PhysicalOperator] { [child] }
    public var supportsCodegen: Bool { true }
    public var explainString: String {
        "Generate \(ExplainFormat.expr(.generator(generator))), \(ExplainFormat.attrs(requiredChildOutput)), \(generator.outer), \(ExplainFormat.attrs(generatorOutput))"
    }
    public func prepare(_ ctx: ExecutionContext) throws(RivuletError) { try prepareChildren(ctx) }
    public func partitionCount() -> Int { child.partitionCount() }

    public func execute(partition: Int, _ ctx: ExecutionContext, _ emit: BatchSink) throws(RivuletError) {
        let schema = self.schema
        try child.execute(partition: partition, ctx) { b throws(RivuletError) in
            let out = kind == .stack ? try stack(b) : try generate(try argument.evaluate(b), b)
            if out.numRows > 0 { try emit(RecordBatch(unchecked: schema, columns: out.columns, numRows: out.numRows)) }
        }
    }

    /// `stack`: input row `i` gives output rows `i * n ..< (i + 1) * n`; value `r * width + c`
    /// fills row `r`, column `c`.
    private func stack(_ b: RecordBatch) throws(RivuletError) -> RecordBatch {
        let n = b.numRows, rows = stackRows, width = generatorOutput.count
        var values: [ColumnVector] = []
        for e in stackValues { values.append(try e.evaluate(b)) }
        var parentIdx: [Int32] = []
        parentIdx.reserveCapacity(n * rows)
        for i in 0..<n { for _ in 0..<rows { parentIdx.append(Int32(i)) } }
        var cols: [ColumnVector] = keptOrdinals.map { b.columns[$0].take(parentIdx) }
        // Output row (i, r) reads position r * n + i of the column's values laid end to end.
        var take: [Int32] = []
        take.reserveCapacity(n * rows)
        for i in 0..<n { for r in 0..<rows { take.append(Int32(r * n + i)) } }
        for (c, attr) in generatorOutput.enumerated() {
            var parts: [ColumnVector] = []
            for r in 0..<rows {
                let k = r * width + c
                parts.append(k < values.count ? values[k] : VectorOps.nulls(attr.dataType, count: n))
            }
            cols.append(ColumnVector.concat(parts, type: attr.dataType).take(take))
        }
        return RecordBatch(unchecked: schema, columns: cols, numRows: n * rows)
    }

    private func generate(_ v: ColumnVector, _ b: RecordBatch) throws(RivuletError) -> RecordBatch {
        let n = b.numRows
        let offsets: [Int32]
        var elementColumns: [ColumnVector]
        switch v.storage {
        case .list(let o, let values):
            offsets = o
            if kind == .inline {
                guard case .structure(let fields) = values.storage else { throw .internal("inline expects an array of structs") }
                elementColumns = fields.map { f in
                    values.validity == nil ? f : VectorOps.withValidity(f, VectorOps.and(values.validity, f.validity ?? Bitmap(count: f.count, value: true)))
                }
            } else {
                elementColumns = [values]
            }
        case .map(let o, let keys, let values):
            offsets = o
            elementColumns = [keys, values]
        case .none:
            offsets = [Int32](repeating: 0, count: n + 1)
            elementColumns = generatorOutput.suffix(kind == .posexplode ? generatorOutput.count - 1 : generatorOutput.count)
                .map { VectorOps.nulls($0.dataType, count: 0) }
        default:
            throw .internal("\(generator.name) expects an array or map, got \(v.dataType.simpleString)")
        }
        // Rows per input row; outer variants emit one null row for null/empty input.
        var needsPadding = false
        var counts = [Int32](repeating: 0, count: n)
        var total = 0
        for i in 0..<n {
            let c = v.isNull(i) ? 0 : offsets[i + 1] - offsets[i]
            if c == 0 && generator.outer { needsPadding = true; counts[i] = 1 } else { counts[i] = c }
            total += Int(counts[i])
        }
        // Child-row index per output row (only needed when child columns are kept or padding).
        var parentIdx: [Int32] = []
        if !keptOrdinals.isEmpty || needsPadding || kind == .posexplode {
            parentIdx.reserveCapacity(total)
            for i in 0..<n { for _ in 0..<counts[i] { parentIdx.append(Int32(i)) } }
        }
        var cols: [ColumnVector] = keptOrdinals.map { b.columns[$0].take(parentIdx) }
        if kind == .posexplode {
            var pos = [Int32](repeating: 0, count: total)
            var valid = needsPadding ? Bitmap(count: total, value: true) : nil
            var k = 0
            for i in 0..<n {
                let empty = v.isNull(i) || offsets[i + 1] == offsets[i]
                for j in 0..<Int(counts[i]) {
                    pos[k] = Int32(j)
                    if empty { valid?.clear(k) }
                    k += 1
                }
            }
            cols.append(ColumnVector(dataType: .integer, count: total, validity: valid, storage: .int32(pos)))
        }
        let lo = Int(offsets.first ?? 0), hi = Int(offsets.last ?? 0)
        let contiguous = !needsPadding && hi - lo == total
        if contiguous {
            for e in elementColumns { cols.append(lo == 0 && hi == e.count ? e : e.slice(lo..<hi)) }
        } else {
            var take: [Int32] = []
            take.reserveCapacity(total)
            for i in 0..<n {
                let empty = v.isNull(i) || offsets[i + 1] == offsets[i]
                if empty {
                    if generator.outer { take.append(-1) }
                } else {
                    for j in offsets[i]..<offsets[i + 1] { take.append(j) }
                }
            }
            for e in elementColumns { cols.append(e.take(take)) }
        }
        let schema = self.schema
        guard cols.count == schema.count else {
            throw .internal("\(generator.name) produced \(cols.count) columns, expected \(schema.count)")
        }
        return RecordBatch(unchecked: schema, columns: cols, numRows: total)
    }
}
