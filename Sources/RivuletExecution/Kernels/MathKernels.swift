import Foundation
import RivuletCore
import RivuletSQL
import Synchronization

/// Math kernels: typed loops over doubles/longs, Spark's null and overflow rules.
enum MathKernels {
    static let kernels: [(String, ScalarKernel)] = {
        var out: [(String, ScalarKernel)] = []
        let unary: [(String, @Sendable (Double) -> Double?)] = [
            ("sqrt", { Foundation.sqrt($0) }), ("exp", { Foundation.exp($0) }), ("expm1", { Foundation.expm1($0) }),
            ("ln", { $0 <= 0 ? nil : Foundation.log($0) }), ("log10", { $0 <= 0 ? nil : Foundation.log10($0) }),
            ("log2", { $0 <= 0 ? nil : Foundation.log2($0) }), ("log1p", { $0 <= -1 ? nil : Foundation.log1p($0) }),
            ("cbrt", { Foundation.cbrt($0) }), ("sin", { Foundation.sin($0) }), ("cos", { Foundation.cos($0) }),
            ("tan", { Foundation.tan($0) }), ("asin", { Foundation.asin($0) }), ("acos", { Foundation.acos($0) }),
            ("atan", { Foundation.atan($0) }), ("sinh", { Foundation.sinh($0) }), ("cosh", { Foundation.cosh($0) }),
            ("tanh", { Foundation.tanh($0) }), ("degrees", { $0 * 180 / Double.pi }), ("radians", { $0 * Double.pi / 180 }),
            ("signum", { $0.isNaN ? .nan : ($0 > 0 ? 1 : ($0 < 0 ? -1 : 0)) }), ("rint", { $0.rounded(.toNearestOrEven) }),
            ("cot", { 1 / Foundation.tan($0) }),
        ]
        for (name, f) in unary { out.append((name, { (c, a, n) throws(RivuletError) in mapDouble(a[0], n, f) })) }
        let binary: [(String, @Sendable (Double, Double) -> Double?)] = [
            ("pow", { Foundation.pow($0, $1) }), ("atan2", { Foundation.atan2($0, $1) }), ("hypot", { Foundation.hypot($0, $1) }),
            ("log", { b, x in b <= 0 || x <= 0 ? nil : Foundation.log(x) / Foundation.log(b) }),
        ]
        for (name, f) in binary {
            out.append((name, { (c, a, n) throws(RivuletError) in
                let x = KernelSupport.doubles(a[0]), y = KernelSupport.doubles(a[1])
                var valid = KernelSupport.intersectValidity(a, count: n) ?? Bitmap(count: n, value: true)
                var r = [Double](repeating: 0, count: n)
                for i in 0..<n where valid[i] { if let v = f(x[i], y[i]) { r[i] = v } else { valid.clear(i) } }
                return ColumnVector(double: r, validity: valid)
            }))
        }
        out.append(("abs", abs))
        out.append(("floor", { (c, a, n) throws(RivuletError) in try floorCeil(c, a, n, rule: .down) }))
        out.append(("ceil", { (c, a, n) throws(RivuletError) in try floorCeil(c, a, n, rule: .up) }))
        out.append(("round", { (c, a, n) throws(RivuletError) in try round(c, a, n, halfEven: false) }))
        out.append(("bround", { (c, a, n) throws(RivuletError) in try round(c, a, n, halfEven: true) }))
        out.append(("mod", { (c, a, n) throws(RivuletError) in try modulo(c, a, n, positive: false) }))
        out.append(("pmod", { (c, a, n) throws(RivuletError) in try modulo(c, a, n, positive: true) }))
        out.append(("greatest", { (c, a, n) throws(RivuletError) in extremum(c, a, n, sign: 1) }))
        out.append(("least", { (c, a, n) throws(RivuletError) in extremum(c, a, n, sign: -1) }))
        out.append(("rand", { (c, a, n) throws(RivuletError) in random(c, a, n, gaussian: false) }))
        out.append(("randn", { (c, a, n) throws(RivuletError) in random(c, a, n, gaussian: true) }))
        out.append(("factorial", { (c, a, n) throws(RivuletError) in
            try KernelSupport.rowwise(c, a, n) { v in
                guard let x = v[0].int64Value, x >= 0, x <= 20 else { return .null }
                var r: Int64 = 1
                if x > 1 { for k in 2...x { r *= k } }
                return .long(r)
            }
        }))
        return out
    }()

    static func mapDouble(_ col: ColumnVector, _ n: Int, _ f: (Double) -> Double?) -> ColumnVector {
        let x = KernelSupport.doubles(col)
        var valid = col.validity ?? Bitmap(count: n, value: true)
        if case .none = col.storage { valid = Bitmap(count: n, value: false) }
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n where valid[i] { if let v = f(x[i]) { r[i] = v } else { valid.clear(i) } }
        return ColumnVector(double: r, validity: valid)
    }

    static func overflow(_ what: String = "overflow") -> RivuletError {
        .execution("[ARITHMETIC_OVERFLOW] \(what). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
                   errorClass: "ARITHMETIC_OVERFLOW")
    }

    static func abs(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int) throws(RivuletError) -> ColumnVector {
        let c = a[0]
        func check<T: FixedWidthInteger & SignedInteger>(_ x: [T]) throws(RivuletError) -> [T] {
            var r = x
            for i in 0..<n where !c.isNull(i) {
                if x[i] == T.min { throw overflow() }
                r[i] = x[i] < 0 ? -x[i] : x[i]
            }
            return r
        }
        switch c.storage {
        case .int8(let x): return KernelSupport.make(call.dataType, n, c.validity, .int8(try check(x)))
        case .int16(let x): return KernelSupport.make(call.dataType, n, c.validity, .int16(try check(x)))
        case .int32(let x): return KernelSupport.make(call.dataType, n, c.validity, .int32(try check(x)))
        case .int64(let x): return KernelSupport.make(call.dataType, n, c.validity, .int64(try check(x)))
        case .float32(let x): return KernelSupport.make(call.dataType, n, c.validity, .float32(x.map { Swift.abs($0) }))
        case .float64(let x): return KernelSupport.make(call.dataType, n, c.validity, .float64(x.map { Swift.abs($0) }))
        case .decimal(let x): return KernelSupport.make(call.dataType, n, c.validity, .decimal(x.map { $0 < 0 ? -$0 : $0 }))
        default: return .nulls(call.dataType, count: n)
        }
    }

    /// Rounds `d` (a decimal) to `scale` digits with the given rule.
    static func roundDecimal(_ d: DecimalValue, _ scale: Int, _ rule: FloatingPointRoundingRule) -> DecimalValue {
        if scale >= d.scale { return d }
        let div = DecimalValue.pow10(d.scale - scale)
        let (q, r) = d.unscaled.quotientAndRemainder(dividingBy: div)
        var u = q
        if r != 0 {
            let twice = (r < 0 ? -r : r) * 2
            let neg = d.unscaled < 0
            switch rule {
            case .down: if neg { u -= 1 }
            case .up: if !neg { u += 1 }
            case .toNearestOrAwayFromZero: if twice >= div { u += neg ? -1 : 1 }
            case .toNearestOrEven: if twice > div || (twice == div && u % 2 != 0) { u += neg ? -1 : 1 }
            default: break
            }
        }
        return DecimalValue(unscaled: u, scale: scale)
    }

    /// A double as Spark's `BigDecimal(double)` sees it (its shortest decimal text).
    static func decimalOf(_ x: Double) -> DecimalValue? { DecimalValue(parsing: "\(x)") }

    static func round(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, halfEven: Bool) throws(RivuletError) -> ColumnVector {
        let scale = Int(KernelSupport.constant(call, a, 1)?.int64Value ?? 0)
        let rule: FloatingPointRoundingRule = halfEven ? .toNearestOrEven : .toNearestOrAwayFromZero
        let c = a[0]
        switch c.storage {
        case .float64, .float32:
            let x = KernelSupport.doubles(c)
            let r: [Double] = x.map { v in
                guard v.isFinite, let d = decimalOf(v) else { return v }
                if scale < 0 {
                    let p = Foundation.pow(10, Double(-scale))
                    // Spark rounds through BigDecimal, which has no negative zero.
                    return (v / p).rounded(rule) * p + 0.0
                }
                return roundDecimal(d, scale, rule).doubleValue + 0.0
            }
            if c.dataType == .float { return KernelSupport.make(.float, n, c.validity, .float32(r.map { Float($0) })) }
            return KernelSupport.make(.double, n, c.validity, .float64(r))
        case .decimal(let x):
            guard case .decimal(_, let s) = c.dataType, case .decimal(let rp, let rs) = call.dataType else { break }
            var valid = c.validity ?? Bitmap(count: n, value: true)
            var out = [Int128](repeating: 0, count: n)
            for i in 0..<n where valid[i] {
                let r = roundDecimal(DecimalValue(unscaled: x[i], scale: s), scale, rule)
                guard let fit = r.rescaled(to: rs, precision: rp) else { valid.clear(i); continue }
                out[i] = fit.unscaled
            }
            return KernelSupport.make(call.dataType, n, valid, .decimal(out))
        case .int8, .int16, .int32, .int64:
            let x = KernelSupport.int64s(c)
            if scale >= 0 { return c }
            var out = [Int64](repeating: 0, count: n)
            for i in 0..<n where !c.isNull(i) {
                let r = roundDecimal(DecimalValue(unscaled: Int128(x[i]), scale: 0), scale, rule)
                let v = r.unscaled * DecimalValue.pow10(-scale)
                guard let w = Int64(exactly: v) else { throw overflow() }
                out[i] = w
            }
            return KernelSupport.make(call.dataType, n, c.validity, Caster.narrow(out, to: call.dataType))
        default: break
        }
        return .nulls(call.dataType, count: n)
    }

    static func floorCeil(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, rule: FloatingPointRoundingRule) throws(RivuletError) -> ColumnVector {
        let c = a[0]
        let scale = a.count > 1 ? Int(KernelSupport.constant(call, a, 1)?.int64Value ?? 0) : 0
        switch call.dataType {
        case .long:
            switch c.storage {
            case .float64, .float32:
                let x = KernelSupport.doubles(c)
                return ColumnVector(int64: x.map { v in
                    let r = v.rounded(rule)
                    if r.isNaN { return 0 }
                    return r >= 0x1p63 ? Int64.max : (r < -0x1p63 ? Int64.min : Int64(r))
                }, validity: c.validity)
            default:
                return ColumnVector(int64: KernelSupport.int64s(c), validity: c.validity)
            }
        case .decimal(let rp, let rs):
            let src: [Value] = c.values
            var b = ColumnBuilder(type: call.dataType, capacity: n)
            for v in src {
                let d: DecimalValue?
                switch v {
                case .decimal(let x): d = x
                case .double(let x): d = decimalOf(x)
                case .float(let x): d = decimalOf(Double(x))
                default: d = v.int64Value.map { DecimalValue(unscaled: Int128($0), scale: 0) }
                }
                guard let d else { b.appendNull(); continue }
                var r = roundDecimal(d, scale, rule)
                if scale < 0 { r = DecimalValue(unscaled: r.unscaled * DecimalValue.pow10(-scale), scale: 0) }
                b.append(r.rescaled(to: rs, precision: rp).map { .decimal($0) } ?? .null)
            }
            return b.finish()
        default:
            return c
        }
    }

    static func remainderByZero() -> RivuletError { AnsiErrors.remainderByZero() }

    static func modulo(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, positive: Bool) throws(RivuletError) -> ColumnVector {
        let valid = KernelSupport.intersectValidity(a, count: n)
        let t = call.dataType
        if t.isIntegral {
            let x = KernelSupport.int64s(a[0]), y = KernelSupport.int64s(a[1])
            var r = [Int64](repeating: 0, count: n)
            for i in 0..<n where valid?[i] ?? true {
                if y[i] == 0 { throw remainderByZero() }
                if y[i] == -1 { r[i] = 0; continue }
                var m = x[i] % y[i]
                if positive && m < 0 { m = (m + y[i]) % y[i] }
                r[i] = m
            }
            return KernelSupport.make(t, n, valid, Caster.narrow(r, to: t))
        }
        if t.isFractional {
            let x = KernelSupport.doubles(a[0]), y = KernelSupport.doubles(a[1])
            var r = [Double](repeating: 0, count: n)
            for i in 0..<n where valid?[i] ?? true {
                if y[i] == 0 { throw remainderByZero() }
                var m = Foundation.fmod(x[i], y[i])
                if positive && m < 0 { m = Foundation.fmod(m + y[i], y[i]) }
                r[i] = m
            }
            if t == .float { return KernelSupport.make(t, n, valid, .float32(r.map { Float($0) })) }
            return KernelSupport.make(t, n, valid, .float64(r))
        }
        guard case .decimal(let p, let s) = t else { return .nulls(t, count: n) }
        return try KernelSupport.rowwise(call, a, n) { v throws(RivuletError) in
            guard case .decimal(let x) = v[0], case .decimal(let y) = v[1] else { return .null }
            let sc = max(x.scale, y.scale)
            let xu = x.unscaled * DecimalValue.pow10(sc - x.scale), yu = y.unscaled * DecimalValue.pow10(sc - y.scale)
            if yu == 0 { throw remainderByZero() }
            var m = xu % yu
            if positive && m < 0 { m = (m + yu) % yu }
            return DecimalValue(unscaled: m, scale: sc).rescaled(to: s, precision: p).map { .decimal($0) } ?? .null
        }
    }

    static func extremum(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, sign: Int) -> ColumnVector {
        if a.allSatisfy({ $0.doubleValues != nil }) {
            var r = [Double](repeating: 0, count: n)
            var valid = Bitmap(count: n, value: false)
            for i in 0..<n {
                var have = false
                for c in a where !c.isNull(i) {
                    let x = c.doubleValues?[i] ?? 0
                    if !have || ValueOrder.compare(.double(x), .double(r[i])) * sign > 0 { r[i] = x }
                    have = true
                }
                if have { valid.set(i) }
            }
            return ColumnVector(double: r, validity: valid)
        }
        var b = ColumnBuilder(type: call.dataType, capacity: n)
        for i in 0..<n {
            var best: Value = .null
            for c in a {
                let v = c.value(at: i)
                if v.isNull { continue }
                if best.isNull || ValueOrder.compare(v, best) * sign > 0 { best = v }
            }
            b.append(best)
        }
        return b.finish()
    }

    /// Varies the stream between batches that share a seed.
    static let batchCounter = Atomic<UInt64>(0)

    /// `rand(seed)`/`randn(seed)`: SplitMix64 seeded per batch (Spark's XORShift sequence is not reproduced).
    static func random(_ call: ScalarFunctionCall, _ a: [ColumnVector], _ n: Int, gaussian: Bool) -> ColumnVector {
        let seed = UInt64(bitPattern: KernelSupport.constant(call, a, 0)?.int64Value ?? 0)
        var state = seed &+ batchCounter.add(1, ordering: .relaxed).newValue &* 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53)
        }
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n {
            if gaussian {
                let u1 = max(next(), Double.leastNonzeroMagnitude), u2 = next()
                r[i] = Foundation.sqrt(-2 * Foundation.log(u1)) * Foundation.cos(2 * Double.pi * u2)
            } else {
                r[i] = next()
            }
        }
        return ColumnVector(double: r)
    }
}
