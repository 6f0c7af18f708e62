/// One column of a ``RecordBatch``: values in contiguous typed buffers plus a validity bitmap.
///
/// Storage by type:
/// - boolean → `[Bool]`; byte/short/int/long → `[Int8]`/`[Int16]`/`[Int32]`/`[Int64]`
/// - float/double → `[Float]`/`[Double]`; decimal → `[Int128]` unscaled values
/// - date → `[Int32]` days; timestamp → `[Int64]` microseconds
/// - interval day to second → `[Int64]` microseconds; interval year to month → `[Int32]` months
/// - string/binary → ``ByteArray`` (UTF-8 bytes + `count + 1` offsets)
/// - array → offsets + one child vector; map → offsets + key and value vectors; struct → child vectors
///
/// A slot whose validity bit is clear is null; its buffer value is unspecified (usually zero).
///
/// ```swift
/// let v = ColumnVector(int64: [1, 2, 3])
/// v.value(at: 1)   // .long(2)
/// ```
public struct ColumnVector: Sendable {
    public let dataType: DataType
    public let count: Int
    /// `nil` when no value is null.
    public let validity: Bitmap?
    public let storage: Storage

    public enum Storage: Sendable {
        case none
        case bool([Bool])
        case int8([Int8])
        case int16([Int16])
        case int32([Int32])
        case int64([Int64])
        case float32([Float])
        case float64([Double])
        case decimal([Int128])
        case bytes(ByteArray)
        indirect case list(offsets: [Int32], values: ColumnVector)
        indirect case map(offsets: [Int32], keys: ColumnVector, values: ColumnVector)
        case structure([ColumnVector])
    }

    public init(dataType: DataType, count: Int, validity: Bitmap?, storage: Storage) {
        self.dataType = dataType
        self.count = count
        // Normalise "all valid" to nil so fast paths can test `validity == nil`.
        if let v = validity, v.popCount == count { self.validity = nil } else { self.validity = validity }
        self.storage = storage
    }

    @inlinable public func isNull(_ i: Int) -> Bool {
        if case .none = storage { return true }
        guard let v = validity else { return false }
        return !v[i]
    }

    @inlinable public func isValid(_ i: Int) -> Bool { !isNull(i) }

    public var nullCount: Int {
        if case .none = storage { return count }
        return validity.map { count - $0.popCount } ?? 0
    }

    // MARK: typed constructors

    public init(bool v: [Bool], validity: Bitmap? = nil) { self.init(dataType: .boolean, count: v.count, validity: validity, storage: .bool(v)) }
    public init(int32 v: [Int32], validity: Bitmap? = nil) { self.init(dataType: .integer, count: v.count, validity: validity, storage: .int32(v)) }
    public init(int64 v: [Int64], validity: Bitmap? = nil) { self.init(dataType: .long, count: v.count, validity: validity, storage: .int64(v)) }
    public init(double v: [Double], validity: Bitmap? = nil) { self.init(dataType: .double, count: v.count, validity: validity, storage: .float64(v)) }
    public init(strings: ByteArray, validity: Bitmap? = nil) { self.init(dataType: .string, count: strings.count, validity: validity, storage: .bytes(strings)) }
    public init(strings: [String?]) {
        var b = ByteArrayBuilder(capacity: strings.count)
        var valid = Bitmap(count: strings.count, value: true)
        for (i, s) in strings.enumerated() {
            if let s { b.append(s) } else { b.appendEmpty(); valid.clear(i) }
        }
        self.init(dataType: .string, count: strings.count, validity: valid, storage: .bytes(b.finish()))
    }
    /// A vector of `count` nulls of `type`.
    public static func nulls(_ type: DataType, count: Int) -> ColumnVector {
        var b = ColumnBuilder(type: type, capacity: count)
        for _ in 0..<count { b.appendNull() }
        return b.finish()
    }

    /// `count` copies of one value.
    public static func repeating(_ value: Value, type: DataType, count: Int) -> ColumnVector {
        if value.isNull { return nulls(type, count: count) }
        switch (type, value) {
        case (.long, .long(let x)): return ColumnVector(int64: [Int64](repeating: x, count: count))
        case (.integer, .int(let x)): return ColumnVector(int32: [Int32](repeating: x, count: count))
        case (.double, .double(let x)): return ColumnVector(double: [Double](repeating: x, count: count))
        case (.boolean, .boolean(let x)): return ColumnVector(bool: [Bool](repeating: x, count: count))
        default:
            var b = ColumnBuilder(type: type, capacity: count)
            for _ in 0..<count { b.append(value) }
            return b.finish()
        }
    }

    // MARK: typed access (fast paths check the storage case once, then loop)

    public var int64Values: [Int64]? { if case .int64(let a) = storage { return a } else { return nil } }
    public var int32Values: [Int32]? { if case .int32(let a) = storage { return a } else { return nil } }
    public var doubleValues: [Double]? { if case .float64(let a) = storage { return a } else { return nil } }
    public var boolValues: [Bool]? { if case .bool(let a) = storage { return a } else { return nil } }
    public var byteArray: ByteArray? { if case .bytes(let a) = storage { return a } else { return nil } }

    /// The string at `i` (nil if null or not a string column).
    public func string(at i: Int) -> String? {
        guard !isNull(i), case .bytes(let b) = storage else { return nil }
        return b.string(at: i)
    }

    /// The value at row `i` as a boxed ``Value`` (slow path).
    public func value(at i: Int) -> Value {
        if isNull(i) { return .null }
        switch storage {
        case .none: return .null
        case .bool(let a): return .boolean(a[i])
        case .int8(let a): return .byte(a[i])
        case .int16(let a): return .short(a[i])
        case .int32(let a):
            switch dataType {
            case .date: return .date(a[i])
            case .yearMonthInterval: return .yearMonthInterval(a[i])
            default: return .int(a[i])
            }
        case .int64(let a):
            switch dataType {
            case .timestamp: return .timestamp(a[i])
            case .dayTimeInterval: return .dayTimeInterval(a[i])
            default: return .long(a[i])
            }
        case .float32(let a): return .float(a[i])
        case .float64(let a): return .double(a[i])
        case .decimal(let a):
            if case .decimal(_, let s) = dataType { return .decimal(DecimalValue(unscaled: a[i], scale: s)) }
            return .decimal(DecimalValue(unscaled: a[i], scale: 0))
        case .bytes(let b):
            return dataType == .binary ? .binary(b.bytes(at: i)) : .string(b.string(at: i))
        case .list(let offsets, let values):
            return .array((Int(offsets[i])..<Int(offsets[i + 1])).map { values.value(at: $0) })
        case .map(let offsets, let keys, let values):
            return .map((Int(offsets[i])..<Int(offsets[i + 1])).map { MapEntry(keys.value(at: $0), values.value(at: $0)) })
        case .structure(let children):
            return .struct(children.map { $0.value(at: i) })
        }
    }

    /// All values boxed (tests and slow paths).
    public var values: [Value] { (0..<count).map { value(at: $0) } }

    /// Builds a vector of `type` from boxed values (values must match the type; mismatches become null).
    public init(values: [Value], type: DataType) {
        var b = ColumnBuilder(type: type, capacity: values.count)
        for v in values { b.append(v) }
        self = b.finish()
    }
}
