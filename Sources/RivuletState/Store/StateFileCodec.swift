import RivuletCore

/// Encoding of state delta and snapshot files.
///
/// Layout: a magic line (`RIVULET-STATE-DELTA v1\n` or `RIVULET-STATE-SNAPSHOT v1\n`), then records
/// `[op u8: 1 put, 2 remove][key length u32][key][value length u32][value]` (no value for removes),
/// then a trailer `[0xFF][record count u32][CRC-32 of all preceding bytes u32]`. The trailer makes
/// a torn or corrupted file detectable; the error names the file.
enum StateFileCodec {
    static let deltaMagic = Array("RIVULET-STATE-DELTA v1\n".utf8)
    static let snapshotMagic = Array("RIVULET-STATE-SNAPSHOT v1\n".utf8)

    enum Record {
        case put([UInt8], [UInt8])
        case remove([UInt8])
    }

    static func encode(magic: [UInt8], records: some Sequence<Record>) -> [UInt8] {
        var out = magic
        var count: UInt32 = 0
        for r in records {
            switch r {
            case .put(let k, let v):
                out.append(1); appendU32(&out, UInt32(k.count)); out += k; appendU32(&out, UInt32(v.count)); out += v
            case .remove(let k):
                out.append(2); appendU32(&out, UInt32(k.count)); out += k
            }
            count += 1
        }
        out.append(0xFF)
        appendU32(&out, count)
        appendU32(&out, CRC32.checksum(out))
        return out
    }

    static func decode(_ bytes: [UInt8], magic: [UInt8], path: String) throws(RivuletError) -> [Record] {
        func corrupt(_ why: String) -> RivuletError {
            RivuletError(.checkpoint, "State file \(path) is corrupt or truncated: \(why)", errorClass: "CANNOT_LOAD_STATE_STORE")
        }
        guard bytes.count >= magic.count + 9, Array(bytes[0..<magic.count]) == magic else { throw corrupt("bad header") }
        let crcAt = bytes.count - 4
        guard readU32(bytes, crcAt) == CRC32.checksum(bytes[0..<crcAt]) else { throw corrupt("checksum mismatch") }
        let expected = readU32(bytes, crcAt - 4)
        guard bytes[crcAt - 5] == 0xFF else { throw corrupt("missing trailer") }
        let end = crcAt - 5
        var i = magic.count
        var records: [Record] = []
        func take(_ n: Int) throws(RivuletError) -> [UInt8] {
            guard n >= 0, i + n <= end else { throw corrupt("record runs past the end") }
            defer { i += n }
            return Array(bytes[i..<(i + n)])
        }
        while i < end {
            let op = bytes[i]
            i += 1
            guard i + 4 <= end else { throw corrupt("record runs past the end") }
            let klen = Int(readU32(bytes, i)); i += 4
            let key = try take(klen)
            switch op {
            case 1:
                guard i + 4 <= end else { throw corrupt("record runs past the end") }
                let vlen = Int(readU32(bytes, i)); i += 4
                records.append(.put(key, try take(vlen)))
            case 2:
                records.append(.remove(key))
            default:
                throw corrupt("unknown record type \(op)")
            }
        }
        guard records.count == Int(expected) else { throw corrupt("expected \(expected) records, found \(records.count)") }
        return records
    }

    private static func appendU32(_ out: inout [UInt8], _ v: UInt32) {
        out.append(UInt8(v >> 24)); out.append(UInt8((v >> 16) & 0xFF)); out.append(UInt8((v >> 8) & 0xFF)); out.append(UInt8(v & 0xFF))
    }

    private static func readU32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
}
