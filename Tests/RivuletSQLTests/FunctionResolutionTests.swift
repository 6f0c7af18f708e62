import Testing
import RivuletCore
@testable import RivuletSQL

// Result types and messages come from Apache Spark 4 via scripts/golden/check_functions.py.
@Suite struct FunctionResolutionTests {
    func resolve(_ fn: String, _ args: [Expression], distinct: Bool = false) throws(RivuletError) -> Expression {
        guard let d = FunctionRegistry.builtin.lookup(fn) else { throw .internal("missing \(fn)") }
        return try d.resolve(args, distinct)
    }
    func col(_ name: String, _ t: DataType, nullable: Bool = true) -> Expression {
        .attribute(AttributeReference(name: name, dataType: t, nullable: nullable))
    }
    let lit1: Expression = .literal(.int(1), .integer)
    let dec = DataType.decimal(precision: 10, scale: 2)

    @Test func scalarResultTypes() throws {
        #expect(try resolve("split", [col("v", .string), .literal(.string(" "), .string)]).dataType == .array(.string, containsNull: false))
        if case .scalarFunction(let f) = try resolve("split", [col("v", .string), .literal(.string(" "), .string)]) {
            #expect(f.arguments.count == 3)
            #expect(f.arguments[2] == .literal(.int(-1), .integer))
        } else { Issue.record("split should resolve to a scalar call") }
        #expect(try resolve("floor", [col("d", .double)]).dataType == .long)
        #expect(try resolve("ceil", [col("x", .decimal(precision: 2, scale: 1))]).dataType == .decimal(precision: 2, scale: 0))
        #expect(try resolve("floor", [col("x", dec)]).dataType == .decimal(precision: 9, scale: 0))
        #expect(try resolve("round", [col("x", .decimal(precision: 5, scale: 4)), .literal(.int(2), .integer)]).dataType == .decimal(precision: 4, scale: 2))
        #expect(try resolve("round", [col("x", .decimal(precision: 6, scale: 3)), .literal(.int(-1), .integer)]).dataType == .decimal(precision: 4, scale: 0))
        #expect(try resolve("round", [col("x", .string)]).dataType == .double)
        #expect(try resolve("greatest", [lit1, .literal(.decimal(DecimalValue(unscaled: 25, scale: 1)), .decimal(precision: 2, scale: 1))]).dataType == .decimal(precision: 11, scale: 1))
        #expect(try resolve("pmod", [.literal(.decimal(DecimalValue(unscaled: 75, scale: 1)), .decimal(precision: 2, scale: 1)), .literal(.int(2), .integer)]).dataType == .decimal(precision: 2, scale: 1))
        #expect(try resolve("coalesce", [.literal(.null, .null), lit1, .literal(.long(2), .long)]).dataType == .long)
        #expect(try resolve("array", [lit1, .literal(.long(2), .long)]).dataType == .array(.long, containsNull: false))
        #expect(try resolve("array_position", [col("a", .array(.integer)), lit1]).dataType == .long)
        #expect(try resolve("struct", [col("x", .integer), lit1]).dataType == .struct(StructType([StructField("x", .integer), StructField("col2", .integer, nullable: false)])))
        #expect(try resolve("hash", [col("v", .string)]).dataType == .integer)
        #expect(try resolve("length", [lit1]).dataType == .integer)
        #expect(try resolve("upper", [lit1]).dataType == .string)
        #expect(try resolve("year", [.literal(.string("2024-01-01"), .string)]).dataType == .integer)
    }

    @Test func rewrites() throws {
        guard case .caseWhen = try resolve("if", [.literal(.boolean(true), .boolean), lit1, .literal(.long(2), .long)]) else {
            Issue.record("if should become CASE WHEN"); return
        }
        #expect(try resolve("if", [.literal(.boolean(true), .boolean), lit1, .literal(.long(2), .long)]).dataType == .long)
        guard case .scalarFunction(let f) = try resolve("nvl", [col("a", .string), .literal(.string("x"), .string)]) else { Issue.record("nvl"); return }
        #expect(f.name == "coalesce")
        guard case .isNull = try resolve("isnull", [col("a", .string)]) else { Issue.record("isnull"); return }
    }

    @Test func typeErrorsLikeSpark() {
        do { _ = try resolve("year", [lit1]); Issue.record("expected error") } catch {
            #expect(error.errorClass == "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
            #expect(error.message == "Cannot resolve \"year(1)\" due to data type mismatch: The first parameter requires the \"DATE\" type, however \"1\" has the type \"INT\".")
        }
        do { _ = try resolve("size", [lit1]); Issue.record("expected error") } catch {
            #expect(error.message == "Cannot resolve \"size(1)\" due to data type mismatch: The first parameter requires the (\"ARRAY\" or \"MAP\") type, however \"1\" has the type \"INT\".")
        }
        do {
            _ = try resolve("date_add", [.literal(.string("2024-01-01"), .string), .literal(.decimal(DecimalValue(unscaled: 15, scale: 1)), .decimal(precision: 2, scale: 1))])
            Issue.record("expected error")
        } catch {
            #expect(error.message == "Cannot resolve \"date_add(2024-01-01, 1.5)\" due to data type mismatch: The second parameter requires the (\"INT\" or \"SMALLINT\" or \"TINYINT\") type, however \"1.5\" has the type \"DECIMAL(2,1)\".")
        }
        do { _ = try resolve("least", [lit1, .literal(.string("2"), .string)]); Issue.record("expected error") } catch {
            #expect(error.errorClass == "DATATYPE_MISMATCH.DATA_DIFF_TYPES")
        }
        do { _ = try resolve("lower", [.literal(.array([.int(1)]), .array(.integer))]); Issue.record("expected error") } catch {
            #expect(error.errorClass == "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE")
        }
        do { _ = try resolve("hash", [.literal(.map([]), .map(.integer, .string))]); Issue.record("expected error") } catch {
            #expect(error.errorClass == "DATATYPE_MISMATCH.HASH_MAP_TYPE")
        }
    }

    @Test func aggregates() throws {
        func agg(_ fn: String, _ t: DataType, distinct: Bool = false, extra: [Expression] = []) throws -> AggregateCall {
            guard case .aggregateFunction(let a) = try resolve(fn, [col("x", t)] + extra, distinct: distinct) else { throw RivuletError.internal("not agg") }
            return a
        }
        #expect(try agg("count", .integer).dataType == .long)
        #expect(try agg("count", .integer).nullable == false)
        #expect(try agg("sum", .integer).dataType == .long)
        #expect(try agg("sum", .double).dataType == .double)
        #expect(try agg("sum", .float).dataType == .double)
        #expect(try agg("sum", dec).dataType == .decimal(precision: 20, scale: 2))
        #expect(try agg("sum", .decimal(precision: 38, scale: 10)).dataType == .decimal(precision: 38, scale: 10))
        #expect(try agg("sum", .string).dataType == .double)
        #expect(try agg("avg", .integer).dataType == .double)
        #expect(try agg("avg", dec).dataType == .decimal(precision: 14, scale: 6))
        #expect(try agg("avg", .decimal(precision: 38, scale: 10)).dataType == .decimal(precision: 38, scale: 14))
        #expect(try agg("collect_list", .integer).dataType == .array(.integer, containsNull: false))
        #expect(try agg("collect_set", .string).nullable == false)
        #expect(try agg("stddev", .integer).dataType == .double)
        #expect(try agg("approx_count_distinct", .integer).dataType == .long)
        #expect(try agg("count_if", .boolean).nullable == false)
        #expect(try agg("last", .integer, extra: [.literal(.boolean(true), .boolean)]).ignoreNulls == true)
        #expect(try agg("every", .boolean).name == "bool_and")
        #expect(try agg("count", .integer, distinct: true).isDistinct)
        guard case .aggregateFunction(let c) = try resolve("count", [.star]) else { Issue.record("count(*)"); return }
        #expect(c.arguments == [.literal(.int(1), .integer)])
    }

    @Test func generators() throws {
        guard case .generator(let g) = try resolve("explode", [col("a", .array(.integer, containsNull: false))]) else { Issue.record("explode"); return }
        #expect(g.elementSchema == [StructField("col", .integer, nullable: false)])
        guard case .generator(let m) = try resolve("posexplode", [col("m", .map(.integer, .string, valueContainsNull: false))]) else { Issue.record("posexplode"); return }
        #expect(m.elementSchema.map(\.name) == ["pos", "key", "value"])
        guard case .generator(let o) = try resolve("explode_outer", [col("a", .array(.integer, containsNull: false))]) else { Issue.record("outer"); return }
        #expect(o.outer && o.elementSchema[0].nullable)
    }

    @Test func castMatrix() {
        #expect(TypeCoercion.canAnsiCast(.string, .integer))
        #expect(TypeCoercion.canAnsiCast(.integer, .timestamp))
        #expect(!TypeCoercion.canAnsiCast(.date, .integer))
        #expect(TypeCoercion.canAnsiCast(.array(.integer), .array(.string)))
    }
}
