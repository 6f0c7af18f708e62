import RivuletCore

/// A leaf column chunk decoded: its levels (empty when the maximum level is 0) and its non-null
/// values, densely.
struct LeafData: Sendable {
    var def: [UInt8] = []
    var rep: [UInt8] = []
    /// Number of level entries (values including nulls and empty lists).
    var entries = 0
    var values: ValueBuffer

    init(kind: ValueKind) { values = ValueBuffer(kind: kind) }
}

/// Decodes the pages of one column chunk (dictionary page, v1 and v2 data pages) into
/// ``LeafData``. Every size read from the file is checked against the bytes present.
struct ColumnChunkDecoder {
    let leaf: LeafPlan
    let meta: ColumnMetaData
    let file: String
    let rowGroup: Int
    /// Most level entries the chunk may claim (guards allocations against corrupt counts).
    let maxEntries: Int

    /// Decodes the chunk stored at `buffer[range]`.
    func decode(_ buffer: [UInt8], range: Range<Int>) throws(RivuletError) -> LeafData {
        do {
            return try decodePages(buffer, range: range)
        } catch {
            var e = error
            e.message = "Parquet file '\(file)', column '\(leaf.path)', row group \(rowGroup): \(error.message)"
            throw e
        }
    }

    private func decodePages(_ buffer: [UInt8], range: Range<Int>) throws(RivuletError) -> LeafData {
        guard meta.type == leaf.physical else {
            throw corruptPage("the column chunk has physical type \(meta.type) but the schema says \(leaf.physical)")
        }
        guard meta.numValues >= 0, meta.numValues <= Int64(maxEntries) else {
            throw corruptPage("the column chunk claims \(meta.numValues) values")
        }
        let total = Int(meta.numValues)
        let decompressor = try PageDecompressor(meta.codec)
        var data = LeafData(kind: leaf.kind)
        if leaf.maxDef > 0 { data.def.reserveCapacity(total) }
        if leaf.maxRep > 0 { data.rep.reserveCapacity(total) }
        var dictionary: ValueBuffer?
        var pos = range.lowerBound
        var pageIndex = 0
        while data.entries < total {
            guard pos < range.upperBound else {
                throw corruptPage("the column chunk ends after \(data.entries) of its \(total) values")
            }
            var r = ThriftCompactReader(bytes: buffer, range: pos..<range.upperBound, source: file)
            let header = try PageHeader.read(from: &r)
            let size = Int(header.compressedPageSize)
            guard size >= 0, size <= range.upperBound - r.position else {
                throw corruptPage("page \(pageIndex) claims \(header.compressedPageSize) bytes but \(range.upperBound - r.position) remain in the chunk")
            }
            guard header.uncompressedPageSize >= 0 else { throw corruptPage("page \(pageIndex) has a negative uncompressed size") }
            let body = r.position..<(r.position + size)
            pos = body.upperBound
            switch header.type {
            case .dictionaryPage:
                guard dictionary == nil, data.entries == 0, let dh = header.dictionaryPageHeader else {
                    throw corruptPage("unexpected dictionary page \(pageIndex)")
                }
                dictionary = try decodeDictionary(dh, header, buffer, body, decompressor)
            case .dataPage:
                guard let dh = header.dataPageHeader else { throw corruptPage("data page \(pageIndex) has no data page header") }
                try decodeV1(dh, header, buffer, body, decompressor, dictionary, &data, remaining: total - data.entries)
            case .dataPageV2:
                guard let dh = header.dataPageHeaderV2 else { throw corruptPage("data page \(pageIndex) has no v2 header") }
                try decodeV2(dh, header, buffer, body, decompressor, dictionary, &data, remaining: total - data.entries)
            default:
                break  // index pages and unknown page types carry no values
            }
            pageIndex += 1
        }
        return data
    }

    // MARK: pages

    /// Runs `body` over the page's bytes after decompression.
    private func withPageBytes<R>(
        _ buffer: [UInt8], _ range: Range<Int>, _ decompressor: PageDecompressor, uncompressedSize: Int, compressed: Bool,
        _ body: (UnsafeBufferPointer<UInt8>) throws(RivuletError) -> R
    ) throws(RivuletError) -> R {
        if decompressor.isUncompressed || !compressed {
            return try buffer.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(RivuletError) -> R in
                try body(UnsafeBufferPointer(rebasing: all[range]))
            }
        }
        let bytes = try buffer.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(RivuletError) -> [UInt8] in
            try decompressor.decompress(UnsafeBufferPointer(rebasing: all[range]), size: uncompressedSize)
        }
        return try bytes.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(RivuletError) -> R in try body(p) }
    }

    private func decodeDictionary(
        _ dh: DictionaryPageHeader, _ header: PageHeader, _ buffer: [UInt8], _ body: Range<Int>, _ decompressor: PageDecompressor
    ) throws(RivuletError) -> ValueBuffer {
        guard dh.encoding == .plain || dh.encoding == .plainDictionary else {
            throw RivuletError.unsupported("dictionary page encoding \(dh.encoding) is not supported")
        }
        let n = Int(dh.numValues)
        guard n >= 0 else { throw corruptPage("dictionary page with \(n) values") }
        var dict = ValueBuffer(kind: leaf.kind)
        try withPageBytes(buffer, body, decompressor, uncompressedSize: Int(header.uncompressedPageSize), compressed: true) {
            (p: UnsafeBufferPointer<UInt8>) throws(RivuletError) in
            // Every PLAIN value takes at least one bit, so the count is bounded by the bytes.
            guard n <= p.count * 8 else { throw corruptPage("dictionary page claims \(n) values in \(p.count) bytes") }
            try PlainDecoder.decode(p, count: n, into: &dict)
        }
        return dict
    }

    private func decodeV1(
        _ dh: DataPageHeader, _ header: PageHeader, _ buffer: [UInt8], _ body: Range<Int>, _ decompressor: PageDecompressor,
        _ dictionary: ValueBuffer?, _ data: inout LeafData, remaining: Int
    ) throws(RivuletError) {
        let n = Int(dh.numValues)
        guard n >= 0, n <= remaining else { throw corruptPage("data page claims \(dh.numValues) values, \(remaining) remain in the chunk") }
        try withPageBytes(buffer, body, decompressor, uncompressedSize: Int(header.uncompressedPageSize), compressed: true) {
            (p: UnsafeBufferPointer<UInt8>) throws(RivuletError) in
            var c = DecoderCursor(p)
            if leaf.maxRep > 0 {
                try checkLevelEncoding(dh.repetitionLevelEncoding, "repetition")
                let len = Int(try c.u32())
                var d = try RLEHybridDecoder(try c.take(len), bitWidth: bitWidth(leaf.maxRep))
                try d.appendLevels(&data.rep, count: n, maxLevel: leaf.maxRep)
            }
            if leaf.maxDef > 0 {
                try checkLevelEncoding(dh.definitionLevelEncoding, "definition")
                let len = Int(try c.u32())
                var d = try RLEHybridDecoder(try c.take(len), bitWidth: bitWidth(leaf.maxDef))
                try d.appendLevels(&data.def, count: n, maxLevel: leaf.maxDef)
            }
            let present = presentCount(data, from: data.entries, count: n)
            try decodeValues(dh.encoding, c.rest, count: present, dictionary: dictionary, into: &data.values)
        }
        data.entries += n
    }

    private func decodeV2(
        _ dh: DataPageHeaderV2, _ header: PageHeader, _ buffer: [UInt8], _ body: Range<Int>, _ decompressor: PageDecompressor,
        _ dictionary: ValueBuffer?, _ data: inout LeafData, remaining: Int
    ) throws(RivuletError) {
        let n = Int(dh.numValues)
        guard n >= 0, n <= remaining else { throw corruptPage("data page claims \(dh.numValues) values, \(remaining) remain in the chunk") }
        let repLen = Int(dh.repetitionLevelsByteLength), defLen = Int(dh.definitionLevelsByteLength)
        guard repLen >= 0, defLen >= 0, repLen + defLen <= body.count else {
            throw corruptPage("v2 page level lengths \(repLen) + \(defLen) exceed the page's \(body.count) bytes")
        }
        try buffer.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(RivuletError) in
            let levels = UnsafeBufferPointer(rebasing: all[body])
            if leaf.maxRep > 0 {
                var d = try RLEHybridDecoder(UnsafeBufferPointer(rebasing: levels[0..<repLen]), bitWidth: bitWidth(leaf.maxRep))
                try d.appendLevels(&data.rep, count: n, maxLevel: leaf.maxRep)
            }
            if leaf.maxDef > 0 {
                var d = try RLEHybridDecoder(UnsafeBufferPointer(rebasing: levels[repLen..<(repLen + defLen)]), bitWidth: bitWidth(leaf.maxDef))
                try d.appendLevels(&data.def, count: n, maxLevel: leaf.maxDef)
            }
        }
        let present = presentCount(data, from: data.entries, count: n)
        let valuesRange = (body.lowerBound + repLen + defLen)..<body.upperBound
        let valuesSize = Int(header.uncompressedPageSize) - repLen - defLen
        guard valuesSize >= 0 else { throw corruptPage("v2 page uncompressed size is smaller than its levels") }
        try withPageBytes(buffer, valuesRange, decompressor, uncompressedSize: valuesSize, compressed: dh.isCompressed ?? true) {
            (p: UnsafeBufferPointer<UInt8>) throws(RivuletError) in
            try decodeValues(dh.encoding, p, count: present, dictionary: dictionary, into: &data.values)
        }
        data.entries += n
    }

    // MARK: values

    private func checkLevelEncoding(_ e: ParquetEncoding, _ which: String) throws(RivuletError) {
        guard e == .rle else { throw RivuletError.unsupported("\(which) level encoding \(e) is not supported") }
    }

    /// Values present (definition level at its maximum) among `count` entries from `start`.
    private func presentCount(_ data: LeafData, from start: Int, count: Int) -> Int {
        if leaf.maxDef == 0 { return count }
        let maxDef = UInt8(leaf.maxDef)
        return data.def.withUnsafeBufferPointer { d in
            var n = 0
            for i in start..<(start + count) where d[i] == maxDef { n += 1 }
            return n
        }
    }

    private func decodeValues(
        _ encoding: ParquetEncoding, _ p: UnsafeBufferPointer<UInt8>, count: Int, dictionary: ValueBuffer?, into values: inout ValueBuffer
    ) throws(RivuletError) {
        if count == 0 { return }
        switch encoding {
        case .plain:
            try PlainDecoder.decode(p, count: count, into: &values)
        case .rleDictionary, .plainDictionary:
            guard let dictionary else { throw corruptPage("a dictionary-encoded page without a dictionary page") }
            var c = DecoderCursor(p)
            let width = Int(try c.byte())
            var d = try RLEHybridDecoder(c.rest, bitWidth: width)
            let indices = try d.indices(count: count, limit: dictionary.count)
            values.appendGathering(from: dictionary, indices)
        case .rle:
            guard values.kind == .bool else { throw unsupportedEncoding(encoding) }
            var c = DecoderCursor(p)
            let len = Int(try c.u32())
            var d = try RLEHybridDecoder(try c.take(len), bitWidth: 1)
            var bits: [UInt8] = []
            try d.appendLevels(&bits, count: count, maxLevel: 1)
            values.bools.append(contentsOf: bits.lazy.map { $0 == 1 })
        case .deltaBinaryPacked:
            var d = try DeltaBinaryPackedDecoder(p)
            let v = try d.decode(count: count)
            switch values.kind {
            case .int32: values.int32s.append(contentsOf: v.lazy.map { Int32(truncatingIfNeeded: $0) })
            case .int64: values.int64s.append(contentsOf: v)
            default: throw unsupportedEncoding(encoding)
            }
        case .deltaLengthByteArray:
            guard values.kind == .byteArray else { throw unsupportedEncoding(encoding) }
            try DeltaByteArrayDecoder.decodeLengthPrefixed(p, count: count, into: &values.bytes)
        case .deltaByteArray:
            switch values.kind {
            case .byteArray: try DeltaByteArrayDecoder.decodeIncremental(p, count: count, fixedWidth: nil, into: &values.bytes)
            case .fixed(let w): try DeltaByteArrayDecoder.decodeIncremental(p, count: count, fixedWidth: w, into: &values.bytes)
            default: throw unsupportedEncoding(encoding)
            }
        case .byteStreamSplit:
            try ByteStreamSplitDecoder.decode(p, count: count, into: &values)
        default:
            throw unsupportedEncoding(encoding)
        }
    }

    private func unsupportedEncoding(_ e: ParquetEncoding) -> RivuletError {
        RivuletError.unsupported("encoding \(e) is not supported for \(leaf.physical) values")
    }
}

/// Bits needed for levels up to `max`.
func bitWidth(_ max: Int) -> Int { max == 0 ? 0 : Int.bitWidth - max.leadingZeroBitCount }
