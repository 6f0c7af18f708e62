import NIOCore

/// Decodes the record batches (magic v2) of one partition's fetch response into records.
///
/// Works straight on the response bytes; only keys, values and header values are copied out.
/// Verifies each batch's CRC-32C, skips records before the fetch offset, control batches, and —
/// under read_committed — batches of aborted transactions. A trailing partial batch (the broker cuts
/// at the size limit) is ignored; a partial *first* batch and any inconsistency is a `corruptRecord` error.
struct RecordBatchDecoder {
    var topic: String
    var partition: Int32
    var fetchOffset: Int64
    var readCommitted: Bool
    var abortedTransactions: [FetchRequest.AbortedTransaction]
    var verifyChecksums = true

    /// What decoding produced.
    struct Output {
        var records: [KafkaRecord] = []
        /// After the last complete batch, or the fetch offset if there was none.
        var nextOffset: Int64
    }

    func decode(_ buffer: ByteBuffer) throws(KafkaError) -> Output {
        let result: Result<Output, KafkaError> = buffer.withUnsafeReadableBytes { raw in
            Result { () throws(KafkaError) -> Output in try decode(raw) }
        }
        return try result.get()
    }

    func decode(_ raw: UnsafeRawBufferPointer) throws(KafkaError) -> Output {
        var out = Output(nextOffset: fetchOffset)
        let aborted = abortedTransactions.sorted { $0.firstOffset < $1.firstOffset }
        var abortIndex = 0
        var abortedProducers = Set<Int64>()
        var position = 0
        var decodedBatches = 0
        while raw.count - position >= 12 {
            let batchLength = Int(Int32(bigEndian: raw.loadUnaligned(fromByteOffset: position + 8, as: Int32.self)))
            let baseOffsetPeek = Int64(bigEndian: raw.loadUnaligned(fromByteOffset: position, as: Int64.self))
            guard batchLength >= RecordBatchHeader.sizeAfterLength else {
                throw corrupt(baseOffsetPeek, "batch length \(batchLength) is smaller than a batch header")
            }
            guard batchLength <= raw.count - position - 12 else {
                if decodedBatches == 0 && position == 0 && raw.count >= RecordBatchHeader.size
                    && Int8(bitPattern: raw[16]) == 2
                {
                    // The broker always returns the first batch whole; a cut first batch is damage.
                    throw corrupt(baseOffsetPeek, "truncated record batch: \(raw.count) of \(batchLength + 12) bytes")
                }
                break
            }
            let header = RecordBatchHeader.load(raw, at: position)
            let batchEnd = position + 12 + batchLength
            defer { position = batchEnd }
            guard header.magic == 2 else {
                throw corrupt(header.baseOffset, "unsupported message format (magic \(header.magic)); only record batch v2 is read")
            }
            decodedBatches += 1
            guard header.lastOffsetDelta >= 0 else { throw corrupt(header.baseOffset, "negative last offset delta \(header.lastOffsetDelta)") }
            let lastOffset = header.lastOffset
            if lastOffset < fetchOffset { continue }
            // librdkafka's mock cluster writes transaction markers with a zero CRC: accept those.
            if verifyChecksums && !(header.isControl && header.crc == 0) {
                let covered = UnsafeRawBufferPointer(rebasing: raw[(position + RecordBatchHeader.attributesOffset)..<batchEnd])
                let computed = CRC32C.checksum(covered)
                guard computed == header.crc else {
                    throw corrupt(header.baseOffset, "CRC-32C mismatch (stored \(hex(header.crc)), computed \(hex(computed)))")
                }
            }
            out.nextOffset = max(out.nextOffset, lastOffset &+ 1)
            while abortIndex < aborted.count && aborted[abortIndex].firstOffset <= lastOffset {
                abortedProducers.insert(aborted[abortIndex].producerId)
                abortIndex += 1
            }
            let body = UnsafeRawBufferPointer(rebasing: raw[(position + RecordBatchHeader.size)..<batchEnd])
            if header.isControl {
                if readCommitted {
                    if try controlType(header, body) == .abort { abortedProducers.remove(header.producerId) }
                }
                continue
            }
            if readCommitted && header.isTransactional && abortedProducers.contains(header.producerId) { continue }
            try decodeRecords(header, body, into: &out.records)
        }
        return out
    }

    /// The marker type of a control batch (its single record's key: version int16, type int16).
    func controlType(_ header: RecordBatchHeader, _ body: UnsafeRawBufferPointer) throws(KafkaError) -> ControlRecordType? {
        var recs: [ControlRecordType?] = []
        try forEachRecord(header, body) { (c: inout ByteCursor, key: Range<Int>?, _) throws(KafkaError) in
            guard let key, key.count >= 4 else { throw corrupt(header.baseOffset, "control record without a 4-byte key") }
            let type = Int16(bigEndian: c.base.loadUnaligned(fromByteOffset: key.lowerBound + 2, as: Int16.self))
            recs.append(ControlRecordType(rawValue: type))
        }
        return recs.first ?? nil
    }

    func decodeRecords(_ header: RecordBatchHeader, _ body: UnsafeRawBufferPointer, into records: inout [KafkaRecord]) throws(KafkaError) {
        let baseOffset = header.baseOffset
        let baseTimestamp = header.baseTimestamp
        let logAppend = header.isLogAppendTime
        let maxTimestamp = header.maxTimestamp
        let topic = self.topic, partition = self.partition, fetchOffset = self.fetchOffset
        try forEachRecord(header, body) { (c: inout ByteCursor, keyRange: Range<Int>?, info: RecordInfo) throws(KafkaError) in
            let offset = baseOffset &+ Int64(info.offsetDelta)
            guard offset >= fetchOffset else { return }
            let key = keyRange.map { [UInt8](UnsafeRawBufferPointer(rebasing: c.base[$0])) }
            guard let valueLength = c.varint(), valueLength >= -1 else { throw corrupt(offset, "bad value length") }
            var value: [UInt8]? = nil
            if valueLength >= 0 {
                guard let v = c.bytes(Int(valueLength)) else { throw corrupt(offset, "value of \(valueLength) bytes overruns the record") }
                value = v
            }
            guard let headerCount = c.varint(), headerCount >= 0, Int(headerCount) <= c.end - c.position else {
                throw corrupt(offset, "bad header count")
            }
            var headers: [KafkaHeader] = []
            if headerCount > 0 {
                headers.reserveCapacity(Int(headerCount))
                for _ in 0..<headerCount {
                    guard let kl = c.varint(), kl >= 0, let k = c.string(Int(kl)) else { throw corrupt(offset, "bad header key") }
                    guard let vl = c.varint(), vl >= -1 else { throw corrupt(offset, "bad header value length") }
                    var hv: [UInt8]? = nil
                    if vl >= 0 {
                        guard let v = c.bytes(Int(vl)) else { throw corrupt(offset, "header value overruns the record") }
                        hv = v
                    }
                    headers.append(KafkaHeader(key: k, value: hv))
                }
            }
            records.append(
                KafkaRecord(
                    topic: topic, partition: partition, offset: offset,
                    timestamp: logAppend ? maxTimestamp : baseTimestamp &+ info.timestampDelta,
                    timestampType: logAppend ? 1 : 0, key: key, value: value, headers: headers))
        }
    }

    struct RecordInfo { var offsetDelta: Int32; var timestampDelta: Int64 }

    /// Walks the records of a batch (decompressing first if needed). `body` is called with the cursor
    /// positioned after the key, limited to the record; it may read the rest of the record.
    func forEachRecord(
        _ header: RecordBatchHeader, _ body: UnsafeRawBufferPointer,
        _ visit: (inout ByteCursor, Range<Int>?, RecordInfo) throws(KafkaError) -> Void
    ) throws(KafkaError) {
        guard let codec = KafkaCompression(rawValue: header.compression) else {
            throw corrupt(header.baseOffset, "unknown compression codec \(header.compression)")
        }
        if codec == .none {
            try walk(header, body, visit)
            return
        }
        let plain = try codec.decompress(body, context: "\(topic)-\(partition) batch at offset \(header.baseOffset)")
        let result: Result<Void, KafkaError> = plain.withUnsafeBytes { raw in
            Result { () throws(KafkaError) in try walk(header, raw, visit) }
        }
        try result.get()
    }

    private func walk(
        _ header: RecordBatchHeader, _ raw: UnsafeRawBufferPointer,
        _ visit: (inout ByteCursor, Range<Int>?, RecordInfo) throws(KafkaError) -> Void
    ) throws(KafkaError) {
        let count = Int(header.recordCount)
        // Every record takes at least 7 bytes, which bounds a corrupt count.
        guard count >= 0, count <= raw.count else {
            throw corrupt(header.baseOffset, "record count \(header.recordCount) does not fit the batch's \(raw.count) bytes")
        }
        var c = ByteCursor(raw)
        for _ in 0..<count {
            c.end = raw.count
            guard let length = c.varint(), length > 0, Int(length) <= raw.count - c.position else {
                throw corrupt(header.baseOffset, "bad record length at byte \(c.position) of the batch")
            }
            let recordEnd = c.position + Int(length)
            c.end = recordEnd
            guard c.int8() != nil, let tsDelta = c.varlong(), let offDelta = c.varint(),
                let keyLength = c.varint(), keyLength >= -1
            else { throw corrupt(header.baseOffset, "bad record header at byte \(c.position) of the batch") }
            var keyRange: Range<Int>? = nil
            if keyLength >= 0 {
                guard Int(keyLength) <= recordEnd - c.position else { throw corrupt(header.baseOffset, "key overruns the record") }
                keyRange = c.position..<(c.position + Int(keyLength))
                c.position += Int(keyLength)
            }
            try visit(&c, keyRange, RecordInfo(offsetDelta: offDelta, timestampDelta: tsDelta))
            c.position = recordEnd
        }
    }

    func corrupt(_ offset: Int64, _ what: String) -> KafkaError {
        KafkaError(.corruptRecord, "corrupt record batch in \(topic)-\(partition) at offset \(offset): \(what)")
    }
}

func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16) }
