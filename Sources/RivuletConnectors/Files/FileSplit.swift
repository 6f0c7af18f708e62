import RivuletCore

/// A byte range of one file that one partition reads: it owns the lines that *start* inside
/// `start ..< end` (a line crossing `end` is read to its end; a split starting mid-line skips to
/// the next line), as Hadoop's `LineRecordReader` does.
public struct FileSplit: Sendable, Hashable {
    public let path: String
    public let start: Int
    public let end: Int
    public let fileSize: Int

    /// Whether the split covers the whole file.
    public var isWholeFile: Bool { start == 0 && end >= fileSize }

    /// One split per file, or byte ranges of at most `maxBytes` for splittable formats.
    public static func plan(_ files: [FileIndex.File], maxBytes: Int, splittable: Bool) -> [FileSplit] {
        var out: [FileSplit] = []
        for f in files {
            if !splittable || f.size <= maxBytes || maxBytes <= 0 {
                out.append(FileSplit(path: f.path, start: 0, end: f.size, fileSize: f.size))
                continue
            }
            var s = 0
            while s < f.size {
                let e = min(f.size, s + maxBytes)
                out.append(FileSplit(path: f.path, start: s, end: e, fileSize: f.size))
                s = e
            }
        }
        return out
    }

    /// Spark's `spark.sql.files.maxPartitionBytes` default (128 MB); the non-Spark option
    /// `maxPartitionBytes` overrides it per read.
    public static let defaultMaxBytes = 128 << 20
}

/// Streams the lines of a ``FileSplit`` with `pread` into a reusable buffer: no per-line
/// allocation, lines are handed out as views of the buffer (valid only during the callback).
///
/// Line terminators are `\n`, `\r\n` and `\r` (Spark's default), or one custom separator.
struct LineReader {
    static let chunkSize = 4 << 20

    /// Calls `body` for every line the split owns, without its terminator, with the 1-based line
    /// number when it is known (splits that start at offset 0).
    static func forEachLine(
        _ split: FileSplit, lineSep: [UInt8]? = nil,
        _ body: (UnsafeBufferPointer<UInt8>, Int?) throws(RivuletError) -> Void
    ) throws(RivuletError) {
        let file = try POSIX.ReadFile(split.path)
        if let sep = lineSep, !sep.isEmpty {
            try forEachLineCustom(file, split: split, sep: sep, body)
            return
        }
        var capacity = max(chunkSize, 64)
        var buf = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buf.deallocate() }
        // `base` is the file offset of buf[0]; buf[0 ..< valid] holds file bytes.
        var base = max(0, split.start - 1)
        var valid = 0
        var eof = false

        /// Makes sure buf holds the byte at file offset `off` (reading more, keeping bytes from `keep`).
        func ensure(_ off: Int, keep: Int) throws(RivuletError) -> Bool {
            while off >= base + valid {
                if eof { return false }
                // Drop consumed bytes before `keep`.
                let drop = keep - base
                if drop > 0 {
                    let rest = valid - drop
                    if rest > 0, let dst = buf.baseAddress { dst.update(from: dst + drop, count: rest) }
                    valid = rest
                    base = keep
                }
                if valid == capacity {
                    let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity * 2)
                    if let dst = bigger.baseAddress, let src = buf.baseAddress { dst.update(from: src, count: valid) }
                    buf.deallocate()
                    buf = bigger
                    capacity *= 2
                }
                guard let dst = buf.baseAddress else { return false }
                let n = try file.read(into: dst + valid, count: capacity - valid, offset: base + valid)
                if n == 0 { eof = true }
                valid += n
            }
            return true
        }

        // Find the first line start the split owns.
        var pos = split.start
        if split.start > 0 {
            guard try ensure(split.start - 1, keep: base) else { return }
            var p = split.start - 1
            // Skip the rest of the line in progress: stop after the first terminator at or after start-1.
            while true {
                guard try ensure(p, keep: base) else { return }
                let c = buf[p - base]
                if c == 0x0A { pos = p + 1; break }
                if c == 0x0D {
                    if try ensure(p + 1, keep: base), buf[p + 1 - base] == 0x0A { pos = p + 2 } else { pos = p + 1 }
                    break
                }
                p += 1
            }
        }
        var lineNumber: Int? = split.start == 0 ? 1 : nil
        while pos < split.end {
            // Scan for the terminator.
            var p = pos
            var found = false
            while true {
                if p >= base + valid {
                    guard try ensure(p, keep: pos) else { break }
                }
                let limit = base + valid
                let found1: Bool = buf.withMemoryRebound(to: UInt8.self) { b in
                    var i = p - base
                    let n = limit - base
                    // Eight bytes at a time: the lowest byte equal to \n or \r (SWAR zero-byte test).
                    if let start = b.baseAddress {
                        let raw = UnsafeRawPointer(start)
                        while i + 8 <= n {
                            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                            let x = w ^ 0x0A0A_0A0A_0A0A_0A0A, y = w ^ 0x0D0D_0D0D_0D0D_0D0D
                            let t = (((x &- 0x0101_0101_0101_0101) & ~x) | ((y &- 0x0101_0101_0101_0101) & ~y)) & 0x8080_8080_8080_8080
                            if t != 0 { p = base + i + t.trailingZeroBitCount >> 3; return true }
                            i += 8
                        }
                    }
                    while i < n {
                        let c = b[i]
                        if c <= 0x0D && (c == 0x0A || c == 0x0D) { p = base + i; return true }
                        i += 1
                    }
                    p = limit
                    return false
                }
                if found1 { found = true; break }
            }
            let lineEnd = p
            let line = UnsafeBufferPointer(rebasing: buf[(pos - base)..<(lineEnd - base)])
            if !found {
                if lineEnd > pos { try body(line, lineNumber) }
                return
            }
            try body(line, lineNumber)
            if let n = lineNumber { lineNumber = n + 1 }
            let c = buf[lineEnd - base]
            if c == 0x0D, try ensure(lineEnd + 1, keep: lineEnd), buf[lineEnd + 1 - base] == 0x0A {
                pos = lineEnd + 2
            } else {
                pos = lineEnd + 1
            }
        }
    }

    private static func forEachLineCustom(
        _ file: POSIX.ReadFile, split: FileSplit, sep: [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>, Int?) throws(RivuletError) -> Void
    ) throws(RivuletError) {
        let data = try file.readAll()
        try data.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(RivuletError) in
            var start = 0
            var i = 0
            var line = 1
            let n = all.count, m = sep.count
            while i + m <= n {
                var match = true
                for k in 0..<m where all[i + k] != sep[k] { match = false; break }
                if match {
                    try body(UnsafeBufferPointer(rebasing: all[start..<i]), line)
                    line += 1
                    i += m
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n { try body(UnsafeBufferPointer(rebasing: all[start..<n]), line) }
        }
    }
}
