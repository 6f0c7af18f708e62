import Testing
import Foundation
import RivuletCore
@testable import RivuletSQL

@Suite struct OptimizerTests {
    typealias F = Fixtures
    let a = AttributeReference(name: "a", dataType: .integer, exprId: ExprId(101))
    let b = AttributeReference(name: "b", dataType: .string, exprId: ExprId(102))
    let c = AttributeReference(name: "c", dataType: .integer, exprId: ExprId(103))
    var rel: LogicalPlan { .localRelation(LocalRelation(output: [a, b], batches: [])) }
    var rel2: LogicalPlan { .localRelation(LocalRelation(output: [c], batches: [])) }
    func gt(_ x: AttributeReference, _ v: Int32) -> RivuletSQL.Expression { .binary(.greaterThan, .attribute(x), F.int(v)) }

    @Test func constantFolding() throws {
        let before = LogicalPlan.project([.alias(.binary(.add, F.int(1), .binary(.multiply, F.int(2), F.int(3))), name: "x", exprId: ExprId(9)),
                                          .alias(.binary(.divide, F.int(1), F.int(0)), name: "y", exprId: ExprId(10)),
                                          .alias(.cast(F.str("2024-01-02"), .date), name: "z", exprId: ExprId(11))], rel)
        let after = try ConstantFolding().apply(before)
        #expect(after.treeString().hasPrefix("Project [7 AS x#9, (1 / 0) AS y#10, 2024-01-02 AS z#11]"))
    }

    @Test func booleanSimplification() throws {
        let t = Expression.literal(.boolean(true), .boolean)
        let before = LogicalPlan.filter(.binary(.and, t, .binary(.or, gt(a, 1), .literal(.boolean(false), .boolean))), rel)
        #expect(try BooleanSimplification().apply(before).treeString().hasPrefix("Filter (a#101 > 1)"))
    }

    @Test func combineFilters() throws {
        let before = LogicalPlan.filter(gt(a, 2), .filter(gt(a, 1), rel))
        #expect(try CombineFilters().apply(before).treeString().hasPrefix("Filter ((a#101 > 1) AND (a#101 > 2))\n+- LocalRelation"))
        let rand = RivuletSQL.Expression.scalarFunction(ScalarFunctionCall(name: "rand", arguments: [], dataType: .double, deterministic: false))
        let nd = LogicalPlan.filter(.binary(.greaterThan, rand, .literal(.double(0.5), .double)), .filter(gt(a, 1), rel))
        #expect(try CombineFilters().apply(nd).treeString().components(separatedBy: "Filter").count == 3)
    }

    @Test func pushDownThroughProjectJoinAggregateUnionGenerate() throws {
        let x = ExprId(200)
        let proj = LogicalPlan.filter(.binary(.greaterThan, .attribute(AttributeReference(name: "x", dataType: .integer, exprId: x)), F.int(1)),
                                      .project([.alias(.binary(.add, .attribute(a), F.int(1)), name: "x", exprId: x)], rel))
        #expect(try PushDownPredicates().apply(proj).treeString() == """
        Project [(a#101 + 1) AS x#200]
        +- Filter ((a#101 + 1) > 1)
           +- LocalRelation <empty>, [a#101, b#102]

        """)
        let join = LogicalPlan.filter(.binary(.and, gt(a, 1), .binary(.and, gt(c, 2), .binary(.equal, .attribute(a), .attribute(c)))),
                                      .join(JoinNode(left: rel, right: rel2, joinType: .inner, condition: nil)))
        #expect(try PushDownPredicates().apply(join).treeString() == """
        Join Inner, (a#101 = c#103)
        :- Filter (a#101 > 1)
        :  +- LocalRelation <empty>, [a#101, b#102]
        +- Filter (c#103 > 2)
           +- LocalRelation <empty>, [c#103]

        """)
        let outer = LogicalPlan.filter(.binary(.and, gt(a, 1), gt(c, 2)), .join(JoinNode(left: rel, right: rel2, joinType: .leftOuter, condition: nil)))
        let o = try PushDownPredicates().apply(outer).treeString()
        #expect(o.hasPrefix("Filter (c#103 > 2)\n+- Join LeftOuter\n   :- Filter (a#101 > 1)"))
        let cnt = ExprId(300)
        let agg = LogicalPlan.filter(.binary(.and, .binary(.equal, .attribute(b), F.str("x")),
                                             .binary(.greaterThan, .attribute(AttributeReference(name: "n", dataType: .long, exprId: cnt)), .literal(.long(1), .long))),
                                     .aggregate(groupings: [.attribute(b)], aggregates: [.attribute(b),
                                        .alias(.aggregateFunction(AggregateCall(name: "count", arguments: [F.int(1)], dataType: .long)), name: "n", exprId: cnt)], rel))
        #expect(try PushDownPredicates().apply(agg).treeString() == """
        Filter (n#300L > 1)
        +- Aggregate [b#102], [b#102, count(1) AS n#300L]
           +- Filter (b#102 = x)
              +- LocalRelation <empty>, [a#101, b#102]

        """)
        let union = LogicalPlan.filter(gt(a, 1), .union([.project([.attribute(a)], rel), rel2], byName: false, allowMissingColumns: false))
        let u = try PushDownPredicates().apply(union).treeString()
        #expect(u.contains("Filter (a#101 > 1)") && u.contains("Filter (c#103 > 1)"))
        let col = AttributeReference(name: "col", dataType: .string, exprId: ExprId(400))
        let gen = GenerateNode(generator: GeneratorCall(name: "explode", arguments: [.scalarFunction(ScalarFunctionCall(name: "split", arguments: [.attribute(b), F.str(" ")], dataType: .array(.string)))], outer: false, elementSchema: [StructField("col", .string)]),
                               requiredChildOutput: [a, b], generatorOutput: [col], child: rel)
        let g = LogicalPlan.filter(.binary(.and, gt(a, 1), .isNotNull(.attribute(col))), .generate(gen))
        #expect(try PushDownPredicates().apply(g).treeString().hasPrefix("Filter isnotnull(col#400)\n+- Generate explode(split(b#102,  )), false, [col#400]\n   +- Filter (a#101 > 1)"))
    }

    @Test func columnPruningReachesScanAndGenerate() throws {
        let plan = try F.analyzer.analyze(.project([F.col("word")],
            .project([.alias(F.fn("explode", F.fn("split", F.col("value"), F.str(" "))), name: "word", exprId: .next())], F.rel("words"))))
        let pruned = try ColumnPruning().apply(try EliminateSubqueryAliases().apply(plan))
        guard case .project(_, .project(_, .generate(let g))) = pruned, case .scan(let s) = g.child else {
            Issue.record("shape \(pruned.treeString())"); return
        }
        #expect(g.requiredChildOutput.isEmpty)
        #expect(s.requiredColumns == [0])
        #expect(s.output.map(\.name) == ["value"])
        #expect(pruned.treeString().contains("Generate explode(split(value#\(s.output[0].exprId.id),  , -1)), [0], false"))
    }

    @Test func collapseProjectAndNoops() throws {
        let x = ExprId(500)
        let before = LogicalPlan.project([.alias(.binary(.multiply, .attribute(AttributeReference(name: "x", dataType: .integer, exprId: x)), F.int(2)), name: "y", exprId: ExprId(501))],
                                         .project([.alias(.binary(.add, .attribute(a), F.int(1)), name: "x", exprId: x)], rel))
        #expect(try CollapseProject().apply(before).treeString().hasPrefix("Project [((a#101 + 1) * 2) AS y#501]\n+- LocalRelation"))
        let noop = LogicalPlan.limit(5, .limit(10, .project([.attribute(a), .attribute(b)], .subqueryAlias("t", rel))))
        let cleaned = try RemoveNoopOperators().apply(try EliminateSubqueryAliases().apply(noop))
        #expect(cleaned.treeString() == "GlobalLimit 5\n+- LocalLimit 5\n   +- LocalRelation <empty>, [a#101, b#102]\n")
        let empty = try RemoveNoopOperators().apply(.filter(.literal(.boolean(false), .boolean), rel))
        guard case .localRelation(let r) = empty else { Issue.record("expected empty relation"); return }
        #expect(r.output.count == 2 && r.batches.isEmpty)
    }

    @Test func fullOptimizeOfAnalyzedQuery() throws {
        // SELECT a + 1 AS x FROM t WHERE a > 1 + 1  → filter folded and pushed under the project, scan columns pruned.
        let analyzed = try F.analyzer.analyze(.filter(.binary(.greaterThan, F.col("x"), .binary(.add, F.int(1), F.int(1))),
                                                      .project([.alias(.binary(.add, F.col("n"), F.int(1)), name: "x", exprId: .next())], F.rel("words"))))
        let opt = try Optimizer().optimize(analyzed)
        let lines = opt.treeString().split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("Project [(n#") && lines[0].contains(" + 1) AS x#"))
        #expect(lines[1].range(of: #"^\+- Filter \(\(n#\d+ \+ 1\) > 2\)$"#, options: .regularExpression) != nil)
        #expect(lines[2].range(of: #"^   \+- Relation \[n#\d+\] text$"#, options: .regularExpression) != nil)
    }
}
