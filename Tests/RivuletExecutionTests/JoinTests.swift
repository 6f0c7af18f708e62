import Testing
import RivuletCore
import RivuletSQL
@testable import RivuletExecution

@Suite("Joins")
struct JoinTests {
    let lk = T.attr("lk", .integer), lv = T.attr("lv", .integer), ls = T.attr("ls", .string)
    let rk = T.attr("rk", .integer), rv = T.attr("rv", .integer), rs = T.attr("rs", .string)

    func side(_ n: Int, seed: UInt64) -> [[Value]] {
        var rng = T.Rng(seed)
        return (0..<n).map { i in
            [rng.int(6) == 0 ? .null : .int(Int32(rng.int(12))), .int(Int32(i)), rng.int(5) == 0 ? .null : .string("s\(rng.int(4))")]
        }
    }

    /// Naive nested-loop reference for every join type. `cond` is evaluated in SQL 3-valued logic
    /// (nil = null); keys are compared by the condition itself.
    func reference(_ l: [[Value]], _ r: [[Value]], _ type: JoinType, _ cond: ([Value], [Value]) -> Bool?) -> [[Value]] {
        let nullL = [Value](repeating: .null, count: 3), nullR = [Value](repeating: .null, count: 3)
        var out: [[Value]] = []
        var rightMatched = [Bool](repeating: false, count: r.count)
        for a in l {
            var matched = false
            for (j, bRow) in r.enumerated() where cond(a, bRow) == true {
                matched = true
                rightMatched[j] = true
                if type != .leftSemi && type != .leftAnti { out.append(a + bRow) }
            }
            switch type {
            case .leftSemi: if matched { out.append(a) }
            case .leftAnti: if !matched { out.append(a) }
            case .leftOuter, .fullOuter: if !matched { out.append(a + nullR) }
            default: break
            }
        }
        if type == .rightOuter || type == .fullOuter {
            for (j, bRow) in r.enumerated() where !rightMatched[j] { out.append(nullL + bRow) }
        }
        return out
    }

    static let types: [JoinType] = [.inner, .leftOuter, .rightOuter, .fullOuter, .leftSemi, .leftAnti, .cross]

    func eq(_ x: Value, _ y: Value) -> Bool? { x.isNull || y.isNull ? nil : x == y }

    @Test(arguments: types)
    func equiJoinMatchesNestedLoopReference(type: JoinType) throws {
        let l = side(300, seed: 1), r = side(200, seed: 2)
        let left = T.localChunks([lk, lv, ls], l, chunk: 64), right = T.localChunks([rk, rv, rs], r, chunk: 50)
        let cond = Expression.binary(.equal, T.col(lk), T.col(rk))
        let expected = reference(l, r, type == .cross ? .inner : type) { a, b in eq(a[0], b[0]) }
        for (shuffle, par) in [(1, 1), (4, 2), (9, 3)] {
            let out = try T.run(.join(JoinNode(left: left, right: right, joinType: type, condition: cond)), shuffle: shuffle, parallelism: par)
            #expect(T.sorted(out) == T.sorted(expected), "\(type) shuffle=\(shuffle)")
        }
    }

    @Test(arguments: types)
    func compositeKeysWithResidualCondition(type: JoinType) throws {
        let l = side(250, seed: 3), r = side(250, seed: 4)
        let left = T.localChunks([lk, lv, ls], l, chunk: 100), right = T.local([rk, rv, rs], r)
        // rs = ls AND rk = lk AND lv < rv  (keys written both ways round)
        let cond = Expression.binary(.and, .binary(.and, .binary(.equal, T.col(rs), T.col(ls)), .binary(.equal, T.col(rk), T.col(lk))),
                                     .binary(.lessThan, T.col(lv), T.col(rv)))
        let expected = reference(l, r, type == .cross ? .inner : type) { a, b in
            guard let e1 = eq(a[2], b[2]), let e2 = eq(a[0], b[0]) else { return nil }
            guard case .int(let x) = a[1], case .int(let y) = b[1] else { return nil }
            return e1 && e2 && x < y
        }
        let out = try T.run(.join(JoinNode(left: left, right: right, joinType: type, condition: cond)), shuffle: 5, parallelism: 3)
        #expect(T.sorted(out) == T.sorted(expected), "\(type)")
        let plan = try QueryEngine(config: ExecutionConfig(shufflePartitions: 5)).explainPhysical(.join(JoinNode(left: left, right: right, joinType: type, condition: cond)))
        #expect(plan.contains("ShuffledHashJoin"))
    }

    @Test(arguments: types)
    func nonEquiJoinUsesNestedLoop(type: JoinType) throws {
        let l = side(60, seed: 5), r = side(40, seed: 6)
        let left = T.localChunks([lk, lv, ls], l, chunk: 16), right = T.local([rk, rv, rs], r)
        let cond = Expression.binary(.lessThan, T.col(lk), T.col(rk))
        let expected = reference(l, r, type == .cross ? .inner : type) { a, b in
            guard case .int(let x) = a[0], case .int(let y) = b[0] else { return nil }
            return x < y
        }
        let plan = LogicalPlan.join(JoinNode(left: left, right: right, joinType: type, condition: cond))
        #expect(T.sorted(try T.run(plan, shuffle: 3, parallelism: 2)) == T.sorted(expected), "\(type)")
        #expect(try QueryEngine(config: ExecutionConfig()).explainPhysical(plan).contains("BroadcastNestedLoopJoin"))
    }

    @Test func crossJoinWithoutCondition() throws {
        let l = side(7, seed: 8), r = side(5, seed: 9)
        let plan = LogicalPlan.join(JoinNode(left: T.local([lk, lv, ls], l), right: T.local([rk, rv, rs], r), joinType: .cross, condition: nil))
        #expect(T.sorted(try T.run(plan)) == T.sorted(reference(l, r, .inner) { _, _ in true }))
        #expect(try QueryEngine(config: ExecutionConfig()).explainPhysical(plan).hasPrefix("CartesianProduct"))
    }
}
