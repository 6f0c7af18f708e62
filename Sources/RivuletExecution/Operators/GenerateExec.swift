import RivuletCore
import RivuletSQL

/// Applies `explode`, `explode_outer`, `posexplode`, `posexplode_outer` (arrays and maps) or
/// `inline` / `inline_outer` (arrays of structs) to every row, repeating the kept child columns.
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

    enum Kind { case explode, posexplode, inline }

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
        default: throw RivuletError(.unsupportedOperation, "generator '\(generator.name)' is not implemented")
        }
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
            let v = try argument.evaluate(b)
            let out = try generate(v, b)
            if out.numRows > 0 { try emit(RecordBatch(unchecked: schema, columns: out.columns, numRows: out.numRows)) }
        }
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
