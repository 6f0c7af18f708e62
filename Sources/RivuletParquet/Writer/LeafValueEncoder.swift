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
}

/// Values of INT32, INT64, FLOAT or DOUBLE columns.
final class FixedWidthValueEncoder<T: ParquetFixedWidthValue>: LeafValueEncoder {
    private var source: [T] = []
    private var plain: [UInt8] = []
    private var dictionary = FixedWidthDictionary<T>()
    private var dict: DictionaryState
    private var stats = FixedWidthStatistics<T>()
    private let extract: (PhysicalValues) -> [T]?
    private let path: String
    private let dictionaryEnabled: Bool

    init(path: String, dictionaryEnabled: Bool, dictionaryLimit: Int, extract: @escaping (PhysicalValues) -> [T]?) {
        self.path = path
        self.extract = extract
        self.dictionaryEnabled = dictionaryEnabled
        self.dict = DictionaryState(enabled: dictionaryEnabled, limit: dictionaryLimit)
    }

    func bind(_ values: PhysicalValues) throws(RivuletError) {
        if case .none = values {
            source = []
            return
        }
        guard let a = extract(values) else { throw .internal("Parquet writer: unexpected values for column `\(path)`") }
        source = a
    }

    func encode(range: Range<Int>) {
        guard !range.isEmpty else { return }
        if dict.active {
            for i in range { add(source[i]) }
            checkDictionaryLimit()
        } else {
            PlainEncoder.appendFixedWidth(source, range: range, to: &plain)
            source.withUnsafeBufferPointer { stats.update(UnsafeBufferPointer(rebasing: $0[range])) }
        }
    }

    func encode(indices: ArraySlice<Int32>) {
        guard !indices.isEmpty else { return }
        if dict.active {
            for i in indices { add(source[Int(i)]) }
            checkDictionaryLimit()
        } else {
            PlainEncoder.appendFixedWidth(source, indices: indices, to: &plain)
            for i in indices { stats.update(source[Int(i)]) }
        }
    }

    @inline(__always) private func add(_ v: T) {
        let (index, isNew) = dictionary.index(of: v)
        if isNew { stats.update(v) }
        dict.indices.append(index)
    }

    private func checkDictionaryLimit() {
        guard dictionary.plainSize > dict.limit else { return }
        // Fall back: the page being filled becomes PLAIN; the dictionary keeps what cut pages use.
        let values = dictionary.values
        plain.reserveCapacity(plain.count + dict.indices.count * MemoryLayout<T>.size)
        for i in dict.indices { withUnsafeBytes(of: values[Int(i)]) { plain.append(contentsOf: $0) } }
        dict.indices = []
        dict.active = false
        dictionary.truncate(to: dict.entriesInCutPages)
    }

    var pageBytesEstimate: Int {
        dict.active ? dict.estimate(dictionaryCount: dictionary.count) : plain.count
    }

    var bytesPerValueEstimate: Int { dict.active ? 1 : MemoryLayout<T>.size }

    func takePage() -> (bytes: [UInt8], encoding: PageValueEncoding) {
        if dict.active { return (dict.takeIndices(dictionaryCount: dictionary.count), .dictionary) }
        let out = plain
        plain = []
        plain.reserveCapacity(out.count)
        return (out, .plain)
    }

    func dictionaryPage() -> (bytes: [UInt8], count: Int)? {
        guard dict.hasDictionaryPages else { return nil }
        var out: [UInt8] = []
        dictionary.appendPlain(to: &out)
        return (out, dictionary.count)
    }

    func statistics() -> (min: [UInt8], max: [UInt8])? { stats.encoded() }

    func resetChunk() {
        dictionary = FixedWidthDictionary<T>()
        dict = DictionaryState(enabled: dictionaryEnabled, limit: dict.limit)
        stats.reset()
        plain.removeAll(keepingCapacity: true)
    }
}
