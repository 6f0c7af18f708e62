import RivuletCore

/// How a data page's values are encoded.
enum PageValueEncoding: Sendable, Equatable {
    case plain
    /// RLE_DICTIONARY: a bit-width byte, then RLE/bit-packed indices into the chunk's dictionary.
    case dictionary
}

/// The value side of one leaf column: encodes the values of the page being filled, and owns the
/// column chunk's dictionary and statistics.
///
/// Dictionary columns fall back to PLAIN when the dictionary outgrows its limit (as parquet-mr
/// and Arrow do): pages already cut keep their indices and the dictionary page keeps only the
/// entries they use; the page being filled is re-encoded as PLAIN, and so is the rest of the chunk.
protocol LeafValueEncoder: AnyObject {
    /// Makes `values` (one batch's leaf values) the source the next `encode` calls read.
    func bind(_ values: PhysicalValues) throws(RivuletError)
    /// Encodes the source values at the consecutive positions `range`.
    func encode(range: Range<Int>)
    /// Encodes the source values at `indices`.
    func encode(indices: ArraySlice<Int32>)
    /// Estimated encoded size of the page being filled.
    var pageBytesEstimate: Int { get }
    /// Estimated bytes one more value adds (to size the next run before a page is full).
    var bytesPerValueEstimate: Int { get }
    /// The page's encoded values and their encoding; starts a new page.
    func takePage() -> (bytes: [UInt8], encoding: PageValueEncoding)
    /// The PLAIN dictionary page body and its entry count, if the chunk has dictionary pages.
    func dictionaryPage() -> (bytes: [UInt8], count: Int)?
    /// Min / max of the chunk's values (PLAIN bytes), if any were seen and statistics apply.
    func statistics() -> (min: [UInt8], max: [UInt8])?
    /// Clears the chunk state (dictionary, statistics) for the next row group.
    func resetChunk()
}

/// State every dictionary-capable encoder keeps.
struct DictionaryState {
    /// Whether the chunk still encodes with its dictionary.
    var active: Bool
    let limit: Int
    /// Dictionary entries the already-cut pages refer to.
    var entriesInCutPages = 0
    /// Whether any page was cut dictionary-encoded (then the dictionary page is written).
    var hasDictionaryPages = false
    /// Indices of the page being filled.
    var indices: [UInt32] = []

    init(enabled: Bool, limit: Int) {
        self.active = enabled
        self.limit = limit
    }

    /// RLE_DICTIONARY page body for the buffered indices, given the dictionary's size.
    mutating func takeIndices(dictionaryCount: Int) -> [UInt8] {
        let width = BitPacking.bitWidth(forMax: UInt64(max(dictionaryCount - 1, 0)))
        var rle = RLEHybridEncoder(bitWidth: width)
        for i in indices { rle.put(i) }
        var out: [UInt8] = [UInt8(width)]
        out.append(contentsOf: rle.finish())
        indices.removeAll(keepingCapacity: true)
        entriesInCutPages = dictionaryCount
        hasDictionaryPages = true
        return out
    }

    /// Estimated size of the buffered indices.
    func estimate(dictionaryCount: Int) -> Int {
        let width = max(BitPacking.bitWidth(forMax: UInt64(max(dictionaryCount - 1, 0))), 1)
        return 1 + (indices.count * width + 7) / 8
    }

    /// The page being filled: its dictionary indices while the dictionary is active, else the
    /// PLAIN bytes buffered in `plain` (which starts the next page empty, with the same capacity).
    mutating func takePage(plain: inout [UInt8], dictionaryCount: Int) -> (bytes: [UInt8], encoding: PageValueEncoding) {
        if active { return (takeIndices(dictionaryCount: dictionaryCount), .dictionary) }
        let out = plain
        plain = []
        plain.reserveCapacity(out.count)
        return (out, .plain)
    }

    /// The dictionary page (PLAIN values and their count), if any page was cut dictionary-encoded.
    func dictionaryPage(of dictionary: some PlainEncodedDictionary) -> (bytes: [UInt8], count: Int)? {
        guard hasDictionaryPages else { return nil }
        var out: [UInt8] = []
        dictionary.appendPlain(to: &out)
        return (out, dictionary.count)
    }
}

/// A column chunk's dictionary as its dictionary page writes it.
protocol PlainEncodedDictionary {
    /// The number of distinct values.
    var count: Int { get }
    /// Appends the values, PLAIN-encoded in index order.
    func appendPlain(to out: inout [UInt8])
}

/// Values of INT32, INT64, FLOAT or DOUBLE columns (the logic; ``FixedWidthEncoderHolder``
/// classes wrap it per concrete type so the loops are specialised).
struct FixedWidthValueEncoder<T: ParquetFixedWidthValue> {
    private var source: [T] = []
    private var plain: [UInt8] = []
    private var dictionary = FixedWidthDictionary<T>()
    private var dict: DictionaryState
    private var stats = FixedWidthStatistics<T>()
    private let path: String
    private let dictionaryEnabled: Bool

    init(path: String, dictionaryEnabled: Bool, dictionaryLimit: Int) {
        self.path = path
        self.dictionaryEnabled = dictionaryEnabled
        self.dict = DictionaryState(enabled: dictionaryEnabled, limit: dictionaryLimit)
    }

    mutating func bind(_ values: [T]) { source = values }

    mutating func encode(range: Range<Int>) {
        guard !range.isEmpty else { return }
        if dict.active {
            let source = self.source
            dict.indices.reserve(adding: range.count)
            source.withUnsafeBufferPointer { src in
                for i in range { add(src[i]) }
            }
            checkDictionaryLimit()
        } else {
            PlainEncoder.appendFixedWidth(source, range: range, to: &plain)
            source.withUnsafeBufferPointer { stats.update(UnsafeBufferPointer(rebasing: $0[range])) }
        }
    }

    mutating func encode(indices: ArraySlice<Int32>) {
        guard !indices.isEmpty else { return }
        if dict.active {
            let source = self.source
            source.withUnsafeBufferPointer { src in
                for i in indices { add(src[Int(i)]) }
            }
            checkDictionaryLimit()
        } else {
            PlainEncoder.appendFixedWidth(source, indices: indices, to: &plain)
            source.withUnsafeBufferPointer { src in
                for i in indices { stats.update(src[Int(i)]) }
            }
        }
    }

    @inline(__always) private mutating func add(_ v: T) {
        let (index, isNew) = dictionary.index(of: v)
        if isNew { stats.update(v) }
        dict.indices.append(index)
    }

    private mutating func checkDictionaryLimit() {
        guard dictionary.plainSize > dict.limit else { return }
        // Fall back: the page being filled becomes PLAIN; the dictionary keeps what cut pages use.
        let values = dictionary.values
        plain.reserve(adding: dict.indices.count * MemoryLayout<T>.size)
        for i in dict.indices { withUnsafeBytes(of: values[Int(i)]) { plain.append(contentsOf: $0) } }
        dict.indices = []
        dict.active = false
        dictionary.freeze(keeping: dict.entriesInCutPages)
    }

    var pageBytesEstimate: Int {
        dict.active ? dict.estimate(dictionaryCount: dictionary.count) : plain.count
    }

    var bytesPerValueEstimate: Int { dict.active ? 1 : MemoryLayout<T>.size }

    mutating func takePage() -> (bytes: [UInt8], encoding: PageValueEncoding) {
        dict.takePage(plain: &plain, dictionaryCount: dictionary.count)
    }

    func dictionaryPage() -> (bytes: [UInt8], count: Int)? { dict.dictionaryPage(of: dictionary) }

    func statistics() -> (min: [UInt8], max: [UInt8])? { stats.encoded() }

    mutating func resetChunk() {
        dictionary = FixedWidthDictionary<T>()
        dict = DictionaryState(enabled: dictionaryEnabled, limit: dict.limit)
        stats.reset()
        plain.removeAll(keepingCapacity: true)
    }
}

/// A ``LeafValueEncoder`` class around a ``FixedWidthValueEncoder`` of one concrete type: the
/// witness methods below are specialised per conforming class, so the per-value loops run on
/// concrete types (a generic class would run them through value witnesses).
protocol FixedWidthEncoderHolder: LeafValueEncoder {
    associatedtype Element: ParquetFixedWidthValue
    var core: FixedWidthValueEncoder<Element> { get set }
    /// The column path, for messages.
    var path: String { get }
    /// The holder's values in `values`, if they are of its type.
    static func extract(_ values: PhysicalValues) -> [Element]?
}

extension FixedWidthEncoderHolder {
    func bind(_ values: PhysicalValues) throws(RivuletError) {
        if case .none = values {
            core.bind([])
            return
        }
        guard let a = Self.extract(values) else { throw .internal("Parquet writer: unexpected values for column `\(path)`") }
        core.bind(a)
    }

    func encode(range: Range<Int>) { core.encode(range: range) }
    func encode(indices: ArraySlice<Int32>) { core.encode(indices: indices) }
    var pageBytesEstimate: Int { core.pageBytesEstimate }
    var bytesPerValueEstimate: Int { core.bytesPerValueEstimate }
    func takePage() -> (bytes: [UInt8], encoding: PageValueEncoding) { core.takePage() }
    func dictionaryPage() -> (bytes: [UInt8], count: Int)? { core.dictionaryPage() }
    func statistics() -> (min: [UInt8], max: [UInt8])? { core.statistics() }
    func resetChunk() { core.resetChunk() }
}

/// INT32 values (int, byte, short, date, small decimals, year-month intervals; NullType columns).
final class Int32ValueEncoder: FixedWidthEncoderHolder {
    var core: FixedWidthValueEncoder<Int32>
    let path: String
    init(path: String, dictionaryEnabled: Bool, dictionaryLimit: Int) {
        self.path = path
        core = FixedWidthValueEncoder(path: path, dictionaryEnabled: dictionaryEnabled, dictionaryLimit: dictionaryLimit)
    }
    static func extract(_ values: PhysicalValues) -> [Int32]? { if case .int32(let a) = values { a } else { nil } }
}

/// INT64 values (long, timestamp, decimals up to 18 digits, day-time intervals).
final class Int64ValueEncoder: FixedWidthEncoderHolder {
    var core: FixedWidthValueEncoder<Int64>
    let path: String
    init(path: String, dictionaryEnabled: Bool, dictionaryLimit: Int) {
        self.path = path
        core = FixedWidthValueEncoder(path: path, dictionaryEnabled: dictionaryEnabled, dictionaryLimit: dictionaryLimit)
    }
    static func extract(_ values: PhysicalValues) -> [Int64]? { if case .int64(let a) = values { a } else { nil } }
}

/// FLOAT values.
final class FloatValueEncoder: FixedWidthEncoderHolder {
    var core: FixedWidthValueEncoder<Float>
    let path: String
    init(path: String, dictionaryEnabled: Bool, dictionaryLimit: Int) {
        self.path = path
        core = FixedWidthValueEncoder(path: path, dictionaryEnabled: dictionaryEnabled, dictionaryLimit: dictionaryLimit)
    }
    static func extract(_ values: PhysicalValues) -> [Float]? { if case .float(let a) = values { a } else { nil } }
}

/// DOUBLE values.
final class DoubleValueEncoder: FixedWidthEncoderHolder {
    var core: FixedWidthValueEncoder<Double>
    let path: String
    init(path: String, dictionaryEnabled: Bool, dictionaryLimit: Int) {
        self.path = path
        core = FixedWidthValueEncoder(path: path, dictionaryEnabled: dictionaryEnabled, dictionaryLimit: dictionaryLimit)
    }
    static func extract(_ values: PhysicalValues) -> [Double]? { if case .double(let a) = values { a } else { nil } }
}
