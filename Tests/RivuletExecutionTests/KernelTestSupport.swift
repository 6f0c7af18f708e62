import RivuletCore
import RivuletSQL
@testable import RivuletExecution

/// Evaluates a function over literal or column arguments through the real registries:
/// resolves with the SQL descriptor, then runs the kernel (casts inserted by the resolver are
/// evaluated with the cast kernel).
enum KernelHarness {
    static func eval(_ e: Expression, _ columns: [ColumnVector], rows: Int) throws(RivuletError) -> ColumnVector {
        switch e {
        case .literal(let v, let t): return .repeating(v, type: t, count: rows)
        case .attribute(let a):
            guard let i = Int(a.name.dropFirst()), i < columns.count else { throw .internal("bad column \(a.name)") }
            return columns[i]
        case .cast(let inner, let t):
            return try CastKernel.cast(try eval(inner, columns, rows: rows), to: t, ansi: true)
        case .scalarFunction(let f):
            var args: [ColumnVector] = []
            for a in f.arguments { args.append(try eval(a, columns, rows: rows)) }
            guard let k = ScalarKernelRegistry.kernel(for: f.name) else { throw .internal("no kernel \(f.name)") }
            let out = try k(f, args, rows)
            guard out.count == rows else { throw .internal("\(f.name) returned \(out.count) rows, expected \(rows)") }
            return out
        default:
            throw .internal("harness cannot evaluate \(e)")
        }
    }

    /// `fn(args...)` on one row of literals; returns the single result value.
    static func call(_ fn: String, _ args: Expression...) throws(RivuletError) -> Value {
        guard let d = FunctionRegistry.builtin.lookup(fn) else { throw .internal("no function \(fn)") }
        let e = try d.resolve(args, false)
        return try eval(e, [], rows: 1).value(at: 0)
    }

    /// `fn(column)` over a whole column.
    static func column(_ fn: String, _ cols: [ColumnVector], extra: [Expression] = []) throws(RivuletError) -> ColumnVector {
        guard let d = FunctionRegistry.builtin.lookup(fn) else { throw .internal("no function \(fn)") }
        let attrs: [Expression] = cols.enumerated().map { .attribute(AttributeReference(name: "c\($0.offset)", dataType: $0.element.dataType)) }
        let e = try d.resolve(attrs + extra, false)
        return try eval(e, cols, rows: cols.first?.count ?? 1)
    }
}

func s(_ x: String) -> Expression { .literal(.string(x), .string) }
func i(_ x: Int32) -> Expression { .literal(.int(x), .integer) }
func l(_ x: Int64) -> Expression { .literal(.long(x), .long) }
func d(_ x: Double) -> Expression { .literal(.double(x), .double) }
func dec(_ text: String, _ p: Int, _ sc: Int) -> Expression {
    .literal(.decimal(DecimalValue(parsing: text)!.rescaled(to: sc)!), .decimal(precision: p, scale: sc))
}
func date(_ y: Int, _ m: Int, _ dd: Int) -> Expression { .literal(.date(Int32(DateTimeUtils.daysFromCivil(y, m, dd))), .date) }
func ts(_ text: String) -> Expression { .literal(.timestamp(DateTimeUtils.parseTimestamp(text)!), .timestamp) }
let nullLit: Expression = .literal(.null, .null)
