/// Builds a ``ColumnVector`` of any type one boxed ``Value`` at a time (the generic slow path).
///
/// Kernels on hot paths build typed arrays directly instead.
public struct ColumnBuilder: Sendable {
    public let type: DataType
    private var hasNull = false
    public private(set) var count = 0
    private var storage: Buffer

    private enum Buffer: Sendable {
        case none
        case bool([Bool])
        case int8([Int8]), int16([Int16]), int32([Int32]), int64([Int64])
        case float32([Float]), float64([Double]), decimal([Int128])
        case bytes(ByteArrayBuilder)
        indirect case list([Int32], ColumnBuilder)
        indirect case map([Int32], ColumnBuilder, ColumnBuilder)
        case structure([ColumnBuilder])
    }

    public init(type: DataType, capacity: Int = 0) {
        self.type = type
        switch type {
        case .null: storage = .none
        case .boolean: storage = .bool([])
        case .byte: storage = .int8([])
        case .short: storage = .int16([])
        case .integer, .date, .yearMonthInterval: storage = .int32([])
        case .long, .timestamp, .dayTimeInterval: storage = .int64([])
        case .float: storage = .float32([])
        case .double: storage = .float64([])
        case .decimal: storage = .decimal([])
        case .string, .binary: storage = .bytes(ByteArrayBuilder(capacity: capacity))
        case .array(let e, _): storage = .list([0], ColumnBuilder(type: e))
        case .map(let k, let v, _): storage = .map([0], ColumnBuilder(type: k), ColumnBuilder(type: v))
        case .struct(let s): storage = .structure(s.fields.map { ColumnBuilder(type: $0.dataType) })
        }
        validBits.reserveCapacity(capacity)
    }

    private var validBits: [Bool] = []

    public mutating func appendNull() {
        hasNull = true
        validBits.append(false)
        count += 1
        switch storage {
        case .none: break
        case .bool(var a): storage = .none; a.append(false); storage = .bool(a)
        case .int8(var a): storage = .none; a.append(0); storage = .int8(a)
        case .int16(var a): storage = .none; a.append(0); storage = .int16(a)
        case .int32(var a): storage = .none; a.append(0); storage = .int32(a)
        case .int64(var a): storage = .none; a.append(0); storage = .int64(a)
        case .float32(var a): storage = .none; a.append(0); storage = .float32(a)
        case .float64(var a): storage = .none; a.append(0); storage = .float64(a)
        case .decimal(var a): storage = .none; a.append(0); storage = .decimal(a)
        case .bytes(var b): storage = .none; b.appendEmpty(); storage = .bytes(b)
        case .list(var o, let c): storage = .none; o.append(o.last ?? 0); storage = .list(o, c)
        case .map(var o, let k, let v): storage = .none; o.append(o.last ?? 0); storage = .map(o, k, v)
        case .structure(var cs):
            storage = .none
            for i in cs.indices { cs[i].appendNull() }
            storage = .structure(cs)
        }
    }

    /// Appends `v`, converting between numeric representations where needed; a value that does
    /// not fit the type is appended as null.
    public mutating func append(_ v: Value) {
        if v.isNull { appendNull(); return }
        var ok = true
        switch storage {
        case .none: ok = false
        case .bool(var a):
            if case .boolean(let b) = v { storage = .none; a.append(b); storage = .bool(a) } else { ok = false }
        case .int8(var a):
            if let x = v.int64Value, let y = Int8(exactly: x) { storage = .none; a.append(y); storage = .int8(a) } else { ok = false }
        case .int16(var a):
            if let x = v.int64Value, let y = Int16(exactly: x) { storage = .none; a.append(y); storage = .int16(a) } else { ok = false }
        case .int32(var a):
            if let x = v.int64Value, let y = Int32(exactly: x) { storage = .none; a.append(y); storage = .int32(a) } else { ok = false }
        case .int64(var a):
            if let x = v.int64Value { storage = .none; a.append(x); storage = .int64(a) } else { ok = false }
        case .float32(var a):
            if let x = v.doubleValue { storage = .none; a.append(Float(x)); storage = .float32(a) } else { ok = false }
        case .float64(var a):
            if let x = v.doubleValue { storage = .none; a.append(x); storage = .float64(a) } else { ok = false }
        case .decimal(var a):
            let scale: Int
            if case .decimal(_, let s) = type { scale = s } else { scale = 0 }
            var d: DecimalValue?
            switch v {
            case .decimal(let x): d = x.rescaled(to: scale)
            default: if let i = v.int64Value { d = DecimalValue(unscaled: Int128(i), scale: 0).rescaled(to: scale) }
            }
            if let d { storage = .none; a.append(d.unscaled); storage = .decimal(a) } else { ok = false }
        case .bytes(var b):
            switch v {
            case .string(let s): storage = .none; b.append(s); storage = .bytes(b)
            case .binary(let x): storage = .none; b.append(bytes: x); storage = .bytes(b)
            default: ok = false
            }
        case .list(var o, var c):
            if case .array(let items) = v {
                storage = .none
                for x in items { c.append(x) }
                o.append(Int32(c.count))
                storage = .list(o, c)
            } else { ok = false }
        case .map(var o, var k, var vb):
            if case .map(let entries) = v {
                storage = .none
                for e in entries { k.append(e.key); vb.append(e.value) }
                o.append(Int32(k.count))
                storage = .map(o, k, vb)
            } else { ok = false }
        case .structure(var cs):
            if case .struct(let fields) = v, fields.count == cs.count {
                storage = .none
                for i in cs.indices { cs[i].append(fields[i]) }
                storage = .structure(cs)
            } else { ok = false }
        }
        if !ok { appendNull(); return }
        validBits.append(true)
        count += 1
    }

    public func finish() -> ColumnVector {
        let valid: Bitmap? = hasNull ? Bitmap(validBits) : nil
        let s: ColumnVector.Storage
        switch storage {
        case .none: s = .none
        case .bool(let a): s = .bool(a)
        case .int8(let a): s = .int8(a)
        case .int16(let a): s = .int16(a)
        case .int32(let a): s = .int32(a)
        case .int64(let a): s = .int64(a)
        case .float32(let a): s = .float32(a)
        case .float64(let a): s = .float64(a)
        case .decimal(let a): s = .decimal(a)
        case .bytes(let b): s = .bytes(b.finish())
        case .list(let o, let c): s = .list(offsets: o, values: c.finish())
        case .map(let o, let k, let v): s = .map(offsets: o, keys: k.finish(), values: v.finish())
        case .structure(let cs): s = .structure(cs.map { $0.finish() })
        }
        return ColumnVector(dataType: type, count: count, validity: valid, storage: s)
    }
}
