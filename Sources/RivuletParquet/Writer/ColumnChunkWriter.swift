import RivuletCore

/// Writes one leaf column of the current row group: encodes levels, hands values to its
/// ``LeafValueEncoder``, cuts pages by size and row count, and assembles the column chunk
/// (dictionary page first, then data pages v1 or v2) with its metadata.
final class ColumnChunkWriter {
    let spec: LeafColumnSpec
    private let options: ParquetWriteOptions
    private let values: any LeafValueEncoder
    private var definition: RLEHybridEncoder
    private var repetition: RLEHybridEncoder

    // The page being filled.
    private var pageLevels = 0
    private var pageRows = 0
    private var pageNulls = 0

    // The chunk so far: data pages (headers and bodies) and totals.
    private var dataPages: [UInt8] = []
    private var chunkLevels: Int64 = 0
    private var chunkNulls: Int64 = 0
    private var chunkUncompressed: Int64 = 0
    private var pageCounts: [PageEncodingKey: Int32] = [:]

    // The batch being written.
    private var leaf: ShreddedLeaf?
    private var levelCursor = 0
    private var valueCursor = 0
    private var scratch: [Int32] = []

    private struct PageEncodingKey: Hashable {
        var type: PageType
        var encoding: ParquetEncoding
    }

    init(spec: LeafColumnSpec, options: ParquetWriteOptions) {
        self.spec = spec
        self.options = options
        definition = RLEHybridEncoder(bitWidth: BitPacking.bitWidth(forMax: UInt64(spec.maxDefinition)))
        repetition = RLEHybridEncoder(bitWidth: BitPacking.bitWidth(forMax: UInt64(spec.maxRepetition)))
        let dictionary = options.dictionaryEnabled && options.dictionaryPageSizeLimit > 0
        let limit = options.dictionaryPageSizeLimit
        let path = spec.dottedPath
        switch spec.kind {
        case .none:
            values = FixedWidthValueEncoder<Int32>(path: path, dictionaryEnabled: false, dictionaryLimit: 0) { _ in nil }
        case .boolean:
            values = BooleanValueEncoder(path: path)
        case .int32:
            values = FixedWidthValueEncoder<Int32>(path: path, dictionaryEnabled: dictionary, dictionaryLimit: limit) {
                if case .int32(let a) = $0 { a } else { nil }
            }
        case .int64:
            values = FixedWidthValueEncoder<Int64>(path: path, dictionaryEnabled: dictionary, dictionaryLimit: limit) {
                if case .int64(let a) = $0 { a } else { nil }
            }
        case .float:
            values = FixedWidthValueEncoder<Float>(path: path, dictionaryEnabled: dictionary, dictionaryLimit: limit) {
                if case .float(let a) = $0 { a } else { nil }
            }
        case .double:
            values = FixedWidthValueEncoder<Double>(path: path, dictionaryEnabled: dictionary, dictionaryLimit: limit) {
                if case .double(let a) = $0 { a } else { nil }
            }
        case .byteArray:
            values = ByteArrayValueEncoder(
                path: path, fixedWidth: nil, signedOrder: false, dictionaryEnabled: dictionary, dictionaryLimit: limit)
        case .fixedLenByteArray(let width):
            values = ByteArrayValueEncoder(
                path: path, fixedWidth: width, signedOrder: spec.signedOrder, dictionaryEnabled: dictionary,
                dictionaryLimit: limit)
        }
    }

    /// Bytes buffered for this chunk: cut pages (compressed) plus the page being filled.
    var bufferedBytes: Int { dataPages.count + pageEstimate }

    private var pageEstimate: Int {
        definition.estimatedSize + repetition.estimatedSize + values.pageBytesEstimate
    }

    /// Starts writing one batch's shredded leaf.
    func bind(_ leaf: ShreddedLeaf) throws(RivuletError) {
        try values.bind(PhysicalValues.from(leaf.vector, type: spec.sparkType, kind: spec.kind, path: spec.dottedPath))
        self.leaf = leaf
        levelCursor = 0
        valueCursor = 0
    }

    /// Writes rows `rows` of the bound batch (consecutive calls continue where the last stopped).
    func write(rows: Range<Int>) throws(RivuletError) {
        guard let leaf, !rows.isEmpty else { return }
        let end = leaf.levelStart(ofRow: rows.upperBound)
        var li = leaf.levelStart(ofRow: rows.lowerBound)
        while li < end {
            let byBytes = max(options.pageSize - pageEstimate, 0) / max(values.bytesPerValueEstimate, 1) + 1
            let byRows = max(options.pageRowCountLimit - pageRows, 1)
            var stop = li + min(end - li, byBytes, byRows)
            if let rep = leaf.repetition {
                while stop < end && rep[stop] != 0 { stop += 1 }
            }
            encode(leaf, levels: li..<stop)
            li = stop
            if pageEstimate >= options.pageSize || pageRows >= options.pageRowCountLimit {
                try cutPage()
            }
        }
        levelCursor = end
    }

    /// Encodes the levels `range` and their present values into the page being filled.
    private func encode(_ leaf: ShreddedLeaf, levels range: Range<Int>) {
        let n = range.count
        let maxDef = leaf.maxDefinition
        var present = n
        switch leaf.definition {
        case .none:
            break
        case .constant(let d):
            definition.put(UInt32(d), repeating: n)
            if d < maxDef { present = 0 }
        case .array(let defs):
            present = 0
            for k in range {
                let d = defs[k]
                definition.put(UInt32(d))
                if d == maxDef { present += 1 }
            }
        }
        if let rep = leaf.repetition {
            for k in range {
                let r = rep[k]
                repetition.put(UInt32(r))
                if r == 0 { pageRows += 1 }
            }
        } else {
            pageRows += n
        }
        pageLevels += n
        pageNulls += n - present

        if present > 0 {
            if let positions = leaf.positions {
                values.encode(indices: positions[valueCursor..<valueCursor + present])
            } else if present == n {
                values.encode(range: range)
            } else if case .array(let defs) = leaf.definition {
                scratch.removeAll(keepingCapacity: true)
                for k in range where defs[k] == maxDef { scratch.append(Int32(k)) }
                values.encode(indices: scratch[...])
            }
        }
        valueCursor += present
    }

    /// Closes the page being filled and appends it (header and body) to the chunk.
    private func cutPage() throws(RivuletError) {
        guard pageLevels > 0 else { return }
        let (valueBytes, valueEncoding) = values.takePage()
        let encoding: ParquetEncoding = valueEncoding == .dictionary ? .rleDictionary : .plain
        let defBytes = spec.maxDefinition > 0 ? definition.finish() : []
        let repBytes = spec.maxRepetition > 0 ? repetition.finish() : []
        let column = spec.dottedPath
        let header: PageHeader
        var body: [UInt8]
        let uncompressedSize: Int
        if options.dataPageVersion == 2 {
            let compressed = try options.compression.compress(valueBytes, column: column)
            uncompressedSize = repBytes.count + defBytes.count + valueBytes.count
            body = repBytes
            body.append(contentsOf: defBytes)
            body.append(contentsOf: compressed)
            header = PageHeader(
                type: .dataPageV2, uncompressedPageSize: try int32(uncompressedSize), compressedPageSize: try int32(body.count),
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: try int32(pageLevels), numNulls: try int32(pageNulls), numRows: try int32(pageRows),
                    encoding: encoding, definitionLevelsByteLength: try int32(defBytes.count),
                    repetitionLevelsByteLength: try int32(repBytes.count),
                    isCompressed: options.compression != .uncompressed))
        } else {
            var raw: [UInt8] = []
            raw.reserveCapacity(8 + repBytes.count + defBytes.count + valueBytes.count)
            if spec.maxRepetition > 0 {
                raw.appendLittleEndian(UInt32(repBytes.count))
                raw.append(contentsOf: repBytes)
            }
            if spec.maxDefinition > 0 {
                raw.appendLittleEndian(UInt32(defBytes.count))
                raw.append(contentsOf: defBytes)
            }
            raw.append(contentsOf: valueBytes)
            uncompressedSize = raw.count
            body = try options.compression.compress(raw, column: column)
            header = PageHeader(
                type: .dataPage, uncompressedPageSize: try int32(uncompressedSize), compressedPageSize: try int32(body.count),
                dataPageHeader: DataPageHeader(numValues: try int32(pageLevels), encoding: encoding))
        }
        var w = ThriftCompactWriter(capacity: 64)
        header.write(to: &w)
        dataPages.append(contentsOf: w.bytes)
        dataPages.append(contentsOf: body)
        chunkUncompressed += Int64(w.bytes.count + uncompressedSize)
        chunkLevels += Int64(pageLevels)
        chunkNulls += Int64(pageNulls)
        pageCounts[PageEncodingKey(type: header.type, encoding: encoding), default: 0] += 1
        pageLevels = 0
        pageRows = 0
        pageNulls = 0
    }

    /// The finished chunk, to be written at `offset` in the file: its bytes (dictionary page,
    /// then data pages) and its metadata. Resets the writer for the next row group.
    func finishChunk(at offset: Int64) throws(RivuletError) -> (bytes: [[UInt8]], chunk: ColumnChunk) {
        try cutPage()
        var parts: [[UInt8]] = []
        var dictionarySize = 0
        var uncompressed = chunkUncompressed
        var counts = pageCounts.map { PageEncodingStats(pageType: $0.key.type, encoding: $0.key.encoding, count: $0.value) }
        counts.sort { ($0.pageType.rawValue, $0.encoding.rawValue) < ($1.pageType.rawValue, $1.encoding.rawValue) }
        var encodings: Set<ParquetEncoding> = Set(pageCounts.keys.map(\.encoding))
        if spec.maxDefinition > 0 || spec.maxRepetition > 0 { encodings.insert(.rle) }
        if let (dict, count) = values.dictionaryPage() {
            let body = try options.compression.compress(dict, column: spec.dottedPath)
            let header = PageHeader(
                type: .dictionaryPage, uncompressedPageSize: try int32(dict.count), compressedPageSize: try int32(body.count),
                dictionaryPageHeader: DictionaryPageHeader(numValues: try int32(count), encoding: .plain))
            var w = ThriftCompactWriter(capacity: 32)
            header.write(to: &w)
            parts.append(w.bytes + body)
            dictionarySize = w.bytes.count + body.count
            uncompressed += Int64(w.bytes.count + dict.count)
            encodings.insert(.plain)
            counts.insert(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1), at: 0)
        }
        parts.append(dataPages)
        var statistics: Statistics? = nil
        if options.writeStatistics {
            var s = Statistics(nullCount: chunkNulls)
            if let (lo, hi) = values.statistics() {
                s.minValue = lo
                s.maxValue = hi
                if spec.signedOrder {
                    s.min = lo
                    s.max = hi
                }
            }
            statistics = s
        }
        let meta = ColumnMetaData(
            type: spec.physicalType, encodings: encodings.sorted { $0.rawValue < $1.rawValue }, pathInSchema: spec.path,
            codec: options.compression.codec, numValues: chunkLevels, totalUncompressedSize: uncompressed,
            totalCompressedSize: Int64(dictionarySize + dataPages.count), dataPageOffset: offset + Int64(dictionarySize),
            dictionaryPageOffset: dictionarySize > 0 ? offset : nil, statistics: statistics, encodingStats: counts)
        // Reset for the next row group.
        dataPages = []
        chunkLevels = 0
        chunkNulls = 0
        chunkUncompressed = 0
        pageCounts = [:]
        values.resetChunk()
        return (parts, ColumnChunk(fileOffset: offset, metaData: meta))
    }

    private func int32(_ v: Int) throws(RivuletError) -> Int32 {
        guard let x = Int32(exactly: v) else {
            throw .execution("Parquet writer: a page of column `\(spec.dottedPath)` exceeds 2 GiB (\(v) bytes or values)")
        }
        return x
    }
}
