import RivuletCore

/// Values of BYTE_ARRAY (string, binary) or FIXED_LEN_BYTE_ARRAY (wide decimal) columns: a class
/// around ``ByteArrayValueCore`` (so its loops touch struct state, not class properties).
final class ByteArrayValueEncoder: LeafValueEncoder {
    private var core: ByteArrayValueCore

    init(path: String, fixedWidth: Int?, signedOrder: Bool, dictionaryEnabled: Bool, dictionaryLimit: Int) {
        core = ByteArrayValueCore(
            path: path, fixedWidth: fixedWidth, signedOrder: signedOrder, dictionaryEnabled: dictionaryEnabled,
            dictionaryLimit: dictionaryLimit)
    }

    func bind(_ values: PhysicalValues) throws(RivuletError) { try core.bind(values) }
    func encode(range: Range<Int>) { core.encode(range: range) }
    func encode(indices: ArraySlice<Int32>) { core.encode(indices: indices) }
    var pageBytesEstimate: Int { core.pageBytesEstimate }
    var bytesPerValueEstimate: Int { core.bytesPerValueEstimate }
    func takePage() -> (bytes: [UInt8], encoding: PageValueEncoding) { core.takePage() }
    func dictionaryPage() -> (bytes: [UInt8], count: Int)? { core.dictionaryPage() }
    func statistics() -> (min: [UInt8], max: [UInt8])? { core.statistics() }
    func resetChunk() { core.resetChunk() }
}

/// The logic of ``ByteArrayValueEncoder``.
struct ByteArrayValueCore {
    private var source = ByteArrayView(fixed: [], width: 0)
    private var plain: [UInt8] = []
    private var dictionary: ByteArrayDictionary
    private var dict: DictionaryState
    private var stats: ByteArrayStatistics
    private let path: String
    private let fixedWidth: Int?
    private let dictionaryEnabled: Bool
    /// Running totals for ``bytesPerValueEstimate``.
    private var seenValues = 0
    private var seenBytes = 0

    /// Statistics bounds longer than this are dropped (parquet-mr's limit).
    static let statisticsSizeLimit = 4096

    init(path: String, fixedWidth: Int?, signedOrder: Bool, dictionaryEnabled: Bool, dictionaryLimit: Int) {
        self.path = path
        self.fixedWidth = fixedWidth
        self.dictionaryEnabled = dictionaryEnabled
        self.dictionary = ByteArrayDictionary(fixedWidth: fixedWidth)
        self.dict = DictionaryState(enabled: dictionaryEnabled, limit: dictionaryLimit)
        self.stats = ByteArrayStatistics(signed: signedOrder)
    }

    mutating func bind(_ values: PhysicalValues) throws(RivuletError) {
        switch values {
        case .none: source = ByteArrayView(fixed: [], width: fixedWidth ?? 0)
        case .bytes(let v) where v.fixedWidth == fixedWidth: source = v
        default: throw .internal("Parquet writer: unexpected values for column `\(path)`")
        }
    }

    mutating func encode(range: Range<Int>) {
        guard !range.isEmpty else { return }
        seenValues += range.count
        seenBytes += source.byteRange(range).count
        if dict.active {
            let source = self.source
            source.data.withUnsafeBytes { data in
                for i in range { add(UnsafeRawBufferPointer(rebasing: data[source.range(at: i)])) }
            }
            checkDictionaryLimit()
        } else {
            PlainEncoder.appendByteArrays(source, range: range, to: &plain)
            source.data.withUnsafeBytes { data in
                for i in range { stats.update(UnsafeRawBufferPointer(rebasing: data[source.range(at: i)])) }
            }
        }
    }

    mutating func encode(indices: ArraySlice<Int32>) {
        guard !indices.isEmpty else { return }
        let source = self.source
        source.data.withUnsafeBytes { data in
            for i in indices {
                let v = UnsafeRawBufferPointer(rebasing: data[source.range(at: Int(i))])
                seenBytes += v.count
                if dict.active {
                    add(v)
                } else {
                    if fixedWidth == nil { plain.appendLittleEndian(UInt32(truncatingIfNeeded: v.count)) }
                    plain.append(contentsOf: v)
                    stats.update(v)
                }
            }
        }
        seenValues += indices.count
        if dict.active { checkDictionaryLimit() }
    }

    @inline(__always) private mutating func add(_ v: UnsafeRawBufferPointer) {
        let (index, isNew) = dictionary.index(of: v)
        if isNew { stats.update(v) }
        dict.indices.append(index)
    }

    private mutating func checkDictionaryLimit() {
        guard dictionary.plainSize > dict.limit else { return }
        for i in dict.indices {
            dictionary.withEntry(Int(i)) { v in
                if fixedWidth == nil { plain.appendLittleEndian(UInt32(truncatingIfNeeded: v.count)) }
                plain.append(contentsOf: v)
            }
        }
        dict.indices = []
        dict.active = false
        dictionary.freeze(keeping: dict.entriesInCutPages)
    }

    var pageBytesEstimate: Int {
        dict.active ? dict.estimate(dictionaryCount: dictionary.count) : plain.count
    }

    var bytesPerValueEstimate: Int {
        if dict.active { return 1 }
        let perValue = seenValues == 0 ? 16 : seenBytes / seenValues
        return max(1, perValue + (fixedWidth == nil ? 4 : 0))
    }

    mutating func takePage() -> (bytes: [UInt8], encoding: PageValueEncoding) {
        dict.takePage(plain: &plain, dictionaryCount: dictionary.count)
    }

    func dictionaryPage() -> (bytes: [UInt8], count: Int)? { dict.dictionaryPage(of: dictionary) }

    func statistics() -> (min: [UInt8], max: [UInt8])? { stats.encoded(sizeLimit: Self.statisticsSizeLimit) }

    mutating func resetChunk() {
        dictionary = ByteArrayDictionary(fixedWidth: fixedWidth)
        dict = DictionaryState(enabled: dictionaryEnabled, limit: dict.limit)
        stats.reset()
        plain.removeAll(keepingCapacity: true)
    }
}

/// Values of BOOLEAN columns: PLAIN, one bit each (never dictionary-encoded, like parquet-mr).
final class BooleanValueEncoder: LeafValueEncoder {
    private var source: [Bool] = []
    private var bits = BitWriter()
    private var stats = BooleanStatistics()
    private let path: String

    init(path: String) { self.path = path }

    func bind(_ values: PhysicalValues) throws(RivuletError) {
        switch values {
        case .none: source = []
        case .boolean(let a): source = a
        default: throw .internal("Parquet writer: unexpected values for column `\(path)`")
        }
    }

    func encode(range: Range<Int>) {
        Self.append(source, range, to: &bits, &stats)
    }

    func encode(indices: ArraySlice<Int32>) {
        Self.append(source, indices.lazy.map { Int($0) }, to: &bits, &stats)
    }

    /// One exclusive access to the writer state for the whole run, not one per value.
    private static func append<S: Sequence<Int>>(_ source: [Bool], _ positions: S, to bits: inout BitWriter, _ stats: inout BooleanStatistics) {
        for i in positions {
            bits.append(source[i])
            stats.update(source[i])
        }
    }

    var pageBytesEstimate: Int { (bits.count + 7) / 8 }
    var bytesPerValueEstimate: Int { 1 }
    func takePage() -> (bytes: [UInt8], encoding: PageValueEncoding) { (bits.finish(), .plain) }
    func dictionaryPage() -> (bytes: [UInt8], count: Int)? { nil }
    func statistics() -> (min: [UInt8], max: [UInt8])? { stats.encoded() }
    func resetChunk() { stats.reset() }
}
