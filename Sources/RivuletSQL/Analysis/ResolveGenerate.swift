import RivuletCore

/// Generators in a select list (`explode(split(value, ' ')) AS word`) become `Generate` nodes
/// under a `Project`, one per generator (Spark 4 allows several; they stack).
extension Analyzer {
    func buildGenerate(_ items: [Expression], _ child: LogicalPlan) throws(RivuletError) -> LogicalPlan {
        var plan = child
        var out: [Expression] = []
        for item in items {
            let call: GeneratorCall
            var names: [String]? = nil
            switch item {
            case .generator(let g): call = g
            case .alias(.generator(let g), let n, _): call = g; names = [n]
            case .multiAlias(.generator(let g), let ns): call = g; names = ns
            case .multiAlias(let e, _):
                throw .analysis("The expression \"\(e.sql)\" is not a generator; a multi-name alias `AS (...)` only applies to generators.",
                                errorClass: "MULTI_ALIAS_WITHOUT_GENERATOR")
            default:
                if item.containsGenerator {
                    throw .analysis("The generator is not supported: nested in expressions \"\(item.unaliased.sql)\"",
                                    errorClass: "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS")
                }
                if item.containsAggregate {
                    throw .analysis("The generator is not supported: an aggregate function \"\(item.unaliased.sql)\" cannot be combined with a generator in one SELECT",
                                    errorClass: "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT")
                }
                out.append(item)
                continue
            }
            if call.arguments.contains(where: \.containsAggregate) {
                throw .analysis("The generator is not supported: aggregate functions inside \"\(Expression.generator(call).sql)\"",
                                errorClass: "UNSUPPORTED_GENERATOR.OUTSIDE_SELECT")
            }
            let schema = call.elementSchema
            if let names, names.count != schema.count {
                throw .analysis("The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected \(schema.count) aliases, but got \(names.joined(separator: ", ")).",
                                errorClass: "UDTF_ALIAS_NUMBER_MISMATCH")
            }
            let attrs = schema.enumerated().map { i, f in
                AttributeReference(name: names?[i] ?? f.name, dataType: f.dataType, nullable: f.nullable || call.outer)
            }
            plan = .generate(GenerateNode(generator: call, requiredChildOutput: plan.output, generatorOutput: attrs, child: plan))
            out.append(contentsOf: attrs.map { .attribute($0) })
        }
        return .project(out, plan)
    }
}
