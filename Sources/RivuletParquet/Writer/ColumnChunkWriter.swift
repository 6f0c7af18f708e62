import RivuletCore

/// Writes one leaf column of the current row group: encodes levels, hands values to its
/// ``LeafValueEncoder``, cuts pages by size and row count, and assembles the column chunk
/// (dictionary page first, then data pages v1 or v2) with its metadata.
final class ColumnChunkWriter {
    let spec: LeafColumnSpec
    private let options: ParquetWriteOptions
    private let values: any LeafValueEncoder
    /// Levels of the page being filled.
    private var page: PageLevels

    // The chunk so far: data pages (headers and bodies, as separate segments so that nothing is
    // copied into one growing buffer) and totals.
    private var dataPages: [[UInt8]] = []
    private var dataPagesSize = 0
    private var chunkLevels: Int64 = 0
    private var chunkNulls: Int64 = 0
    private var chunkUncompressed: Int64 = 0
    private var pageCounts: [PageEncodingKey: Int32] = [:]

    // The batch being written.
    private var leaf: ShreddedLeaf?
    private var valueCursor = 0
    private var scratch: [Int32] = []

    private struct PageEncodingKey: Hashable {
        var type: PageType
        var encoding: ParquetEncoding
    }

    init(spec: LeafColumnSpec, options: ParquetWriteOptions) {
        self.spec = spec
        self.options = options
        page = PageLevels(maxDefinition: spec.maxDefinition, maxRepetition: spec.maxRepetition)
        let dictionary = options.dictionaryEnabled && options.dictionaryPageSizeLimit > 0
        let limit = options.dictionaryPageSizeLimit
        let path = spec.dottedPath
        switch spec.kind {
        case .none:
            values = Int32ValueEncoder(path: path, dictionaryEnabled: false, dictionaryLimit: 0)
        case .boolean:
            values = BooleanValueEncoder(path: path)
        case .int32:
            values = Int32ValueEncoder(path: path, dictionaryEnabled: dictionary, dictionaryLimit: limit)
        case .int64:
            values = Int64ValueEncoder(path: path, dictionaryEnabled: dictionary, dictionaryLimit: limit)
        case .float:
            values = FloatValueEncoder(path: path, dictionaryEnabled: dictionary, dictionaryLimit: limit)
        case .double:
            values = DoubleValueEncoder(path: path, dictionaryEnabled: dictionary, dictionaryLimit: limit)
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
    var bufferedBytes: Int { dataPagesSize + pageEstimate }

    private var pageEstimate: Int { page.estimatedSize + values.pageBytesEstimate }

    /// Starts writing one batch's shredded leaf.
    func bind(_ leaf: ShreddedLeaf) throws(RivuletError) {
        try values.bind(PhysicalValues.from(leaf.vector, type: spec.sparkType, kind: spec.kind, path: spec.dottedPath))
        self.leaf = leaf
        valueCursor = 0
    }

    /// Writes rows `rows` of the bound batch (consecutive calls continue where the last stopped).
    func write(rows: Range<Int>) throws(RivuletError) {
        guard let leaf, !rows.isEmpty else { return }
        let end = leaf.levelStart(ofRow: rows.upperBound)
        var li = leaf.levelStart(ofRow: rows.lowerBound)
        while li < end {
            let byBytes = max(options.pageSize - pageEstimate, 0) / max(values.bytesPerValueEstimate, 1) + 1
            let byRows = max(options.pageRowCountLimit - page.rows, 1)
            var stop = li + min(end - li, byBytes, byRows)
            if let rep = leaf.repetition {
                while stop < end && rep[stop] != 0 { stop += 1 }
            }
            encode(leaf, levels: li..<stop)
            li = stop
            if pageEstimate >= options.pageSize || page.rows >= options.pageRowCountLimit {
                try cutPage()
            }
        }
    }

    /// Encodes the levels `range` and their present values into the page being filled.
    private func encode(_ leaf: ShreddedLeaf, levels range: Range<Int>) {
        let present = page.append(leaf, range: range)
        if present > 0 {
            if let positions = leaf.positions {
                values.encode(indices: positions[valueCursor..<valueCursor + present])
            } else if present == range.count {
                values.encode(range: range)
            } else if case .array(let defs) = leaf.definition {
                scratch.removeAll(keepingCapacity: true)
                let maxDef = leaf.maxDefinition
                for k in range where defs[k] == maxDef { scratch.append(Int32(k)) }
                values.encode(indices: scratch[...])
            }
        }
        valueCursor += present
    }

    /// Closes the page being filled and appends it (header and body) to the chunk.
    private func cutPage() throws(RivuletError) {
        guard page.levels > 0 else { return }
        let (pageLevels, pageRows, pageNulls) = (page.levels, page.rows, page.nulls)
        let (valueBytes, valueEncoding) = values.takePage()
        let encoding: ParquetEncoding = valueEncoding == .dictionary ? .rleDictionary : .plain
        let (defBytes, repBytes) = page.take(hasDefinition: spec.maxDefinition > 0, hasRepetition: spec.maxRepetition > 0)
        let column = spec.dottedPath
        let header: PageHeader
        var body: [[UInt8]]
        let uncompressedSize: Int
        if options.dataPageVersion == 2 {
            // v2: levels stay uncompressed in front of the (compressed) values.
            let compressed = try options.compression.compress(valueBytes, column: column)
            uncompressedSize = repBytes.count + defBytes.count + valueBytes.count
            body = [repBytes, defBytes, compressed]
            header = PageHeader(
                type: .dataPageV2, uncompressedPageSize: try int32(uncompressedSize),
                compressedPageSize: try int32(repBytes.count + defBytes.count + compressed.count),
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: try int32(pageLevels), numNulls: try int32(pageNulls), numRows: try int32(pageRows),
                    encoding: encoding, definitionLevelsByteLength: try int32(defBytes.count),
                    repetitionLevelsByteLength: try int32(repBytes.count),
                    isCompressed: options.compression != .uncompressed))
        } else {
            // v1: length-prefixed levels, then values, compressed together.
            var levels: [UInt8] = []
            if spec.maxRepetition > 0 {
                levels.appendLittleEndian(UInt32(repBytes.count))
                levels.append(contentsOf: repBytes)
            }
            if spec.maxDefinition > 0 {
                levels.appendLittleEndian(UInt32(defBytes.count))
                levels.append(contentsOf: defBytes)
            }
            uncompressedSize = levels.count + valueBytes.count
            if options.compression == .uncompressed {
                body = [levels, valueBytes]
            } else {
                var raw = levels
                raw.append(contentsOf: valueBytes)
                body = [try options.compression.compress(raw, column: column)]
            }
            header = PageHeader(
                type: .dataPage, uncompressedPageSize: try int32(uncompressedSize),
                compressedPageSize: try int32(body.reduce(0) { $0 + $1.count }),
                dataPageHeader: DataPageHeader(numValues: try int32(pageLevels), encoding: encoding))
        }
        var w = ThriftCompactWriter(capacity: 64)
        header.write(to: &w)
        dataPages.append(w.bytes)
        dataPagesSize += w.bytes.count
        for part in body where !part.isEmpty {
            dataPages.append(part)
            dataPagesSize += part.count
        }
        chunkUncompressed += Int64(w.bytes.count + uncompressedSize)
        chunkLevels += Int64(pageLevels)
        chunkNulls += Int64(pageNulls)
        pageCounts[PageEncodingKey(type: header.type, encoding: encoding), default: 0] += 1
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
        parts.append(contentsOf: dataPages)
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
            totalCompressedSize: Int64(dictionarySize + dataPagesSize), dataPageOffset: offset + Int64(dictionarySize),
            dictionaryPageOffset: dictionarySize > 0 ? offset : nil, statistics: statistics, encodingStats: counts)
        // Reset for the next row group.
        dataPages = []
        dataPagesSize = 0
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
