import Testing
import Foundation
import RivuletCore
@testable import RivuletSQL

@Suite struct ExplainTests {
    typealias F = Fixtures

    @Test func unresolvedPlanUsesQuotesAndBranches() {
        let p = LogicalPlan.project([F.col("word")], .filter(.binary(.greaterThan, F.col("a"), F.int(1)), F.rel("words")))
        #expect(p.treeString() == """
        'Project ['word]
        +- 'Filter ('a > 1)
           +- 'UnresolvedRelation [words], [], false

        """)
    }

    @Test func resolvedNodesMatchSparkFormat() {
        let a = AttributeReference(name: "a", dataType: .integer, exprId: ExprId(1))
        let id = AttributeReference(name: "id", dataType: .long, exprId: ExprId(7))
        let cnt = RivuletSQL.Expression.alias(.aggregateFunction(AggregateCall(name: "count", arguments: [F.int(1)], dataType: .long)), name: "count", exprId: ExprId(5))
        let union = LogicalPlan.union([
            .aggregate(groupings: [.attribute(a)], aggregates: [.attribute(a), cnt],
                       .localRelation(LocalRelation(output: [a], batches: []))),
            .limit(10, .sort([.sortOrder(.attribute(id), .ascending, .nullsFirst)], global: true,
                            .range(RangeRelation(start: 0, end: 10, step: 1, numPartitions: 2, output: id)))),
        ], byName: false, allowMissingColumns: false)
        #expect(union.treeString() == """
        Union false, false
        :- Aggregate [a#1], [a#1, count(1) AS count#5L]
        :  +- LocalRelation <empty>, [a#1]
        +- GlobalLimit 10
           +- LocalLimit 10
              +- Sort [id#7L ASC NULLS FIRST], true
                 +- Range (0, 10, step=1, splits=Some(2))

        """)
    }

    @Test func analyzedWordCountPlan() throws {
        let plan = try F.analyzer.analyze(.aggregate(groupings: [F.col("word")], aggregates: [F.col("word"), F.fn("count", .star)],
            .project([.alias(F.fn("explode", F.fn("split", F.col("value"), F.str(" "))), name: "word", exprId: .next())], F.rel("words"))))
        let lines = plan.treeString().split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].range(of: #"^Aggregate \[word#\d+\], \[word#\d+, count\(1\) AS count\(1\)#\d+L\]$"#, options: .regularExpression) != nil)
        #expect(lines[1].range(of: #"^\+- Project \[word#\d+\]$"#, options: .regularExpression) != nil)
        #expect(lines[2].range(of: #"^   \+- Generate explode\(split\(value#\d+,  , -1\)\), false, \[word#\d+\]$"#, options: .regularExpression) != nil)
        #expect(lines[3] == "      +- SubqueryAlias words")
        #expect(lines[4].range(of: #"^         \+- Relation \[value#\d+, n#\d+\] text$"#, options: .regularExpression) != nil)
        // Analyzing an analyzed plan (DataFrame layering) changes nothing.
        #expect(try F.analyzer.analyze(plan).treeString() == plan.treeString())
    }

    @Test func joinAndExpressionStrings() {
        let l = AttributeReference(name: "id", dataType: .integer, exprId: ExprId(1))
        let r = AttributeReference(name: "id", dataType: .integer, exprId: ExprId(2))
        let j = LogicalPlan.join(JoinNode(left: .localRelation(LocalRelation(output: [l], batches: [])),
                                          right: .localRelation(LocalRelation(output: [r], batches: [])),
                                          joinType: .inner, condition: .binary(.equal, .attribute(l), .attribute(r))))
        #expect(j.treeString().hasPrefix("Join Inner, (id#1 = id#2)\n:- LocalRelation <empty>, [id#1]\n+- LocalRelation"))
        #expect(RivuletSQL.Expression.cast(.attribute(l), .long).explainString == "cast(id#1 as bigint)")
        #expect(RivuletSQL.Expression.isNotNull(.attribute(l)).explainString == "isnotnull(id#1)")
        #expect(RivuletSQL.Expression.inList(.attribute(l), [F.int(1), F.int(2)]).explainString == "id#1 IN (1,2)")
        #expect(RivuletSQL.Expression.cast(.attribute(l), .integer).sql == "CAST(id AS INT)")
    }
}
