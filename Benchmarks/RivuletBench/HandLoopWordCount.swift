import Foundation
import Rivulet

/// The baseline: a single-threaded word count with no engine. It reads each file's bytes, scans for
/// separators and counts byte slices in an open-addressing hash table. Token rules match
/// `split(value, ' ')` over `spark.read.text` lines: words are separated by single spaces (two
/// spaces give an empty word, an empty line gives one empty word), lines end at "\n", "\r\n" or "\r",
/// and a last line without a terminator still counts.
struct HandLoopWordCount {
    /// Totals of a run.
    struct Result {
        var counts: WordCounts
        var lines: Int
        var bytes: Int
        var files: Int
    }

    /// Counts the words of every data file in `directory` (names starting with '.' or '_' are
    /// skipped, as Spark's file index does).
    static func run(directory: String) throws(RivuletError) -> Result {
        let files = try dataFiles(in: directory)
        var table = WordTable(capacity: 1 << 14)
        var buffer = ReadBuffer()
        defer { buffer.deallocate() }
        var lines = 0
        var bytes = 0
        for path in files {
            let n = try buffer.readWholeFile(path)
            bytes += n
            lines += scan(buffer.base, count: n, into: &table)
        }
        return Result(counts: table.wordCounts(), lines: lines, bytes: bytes, files: files.count)
    }

    /// Sorted paths of the data files of `directory`.
    static func dataFiles(in directory: String) throws(RivuletError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RivuletError.io("input directory '\(directory)' does not exist")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RivuletError.io("cannot list input directory '\(directory)'", cause: error)
        }
        return names.filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted().map { directory + "/" + $0 }
    }

    /// Adds the words of one file's bytes to `table`; returns the number of lines.
    /// `base` must have 8 readable bytes past `count` (the hash loads 8 bytes at a time).
    static func scan(_ base: UnsafeRawPointer, count n: Int, into table: inout WordTable) -> Int {
        let p = base.assumingMemoryBound(to: UInt8.self)
        var lines = 0
        var start = 0
        var i = 0
        while i < n {
            let b = p[i]
            // One compare per byte in the common case: letters are all above 0x20.
            if b <= 0x20 {
                if b == 0x20 {
                    table.add(base + start, length: i - start)
                    start = i + 1
                } else if b == 0x0a || b == 0x0d {
                    table.add(base + start, length: i - start)
                    lines += 1
                    if b == 0x0d && i + 1 < n && p[i + 1] == 0x0a { i += 1 }
                    start = i + 1
                }
            }
            i += 1
        }
        if start < n {
            table.add(base + start, length: n - start)
            lines += 1
        }
        return lines
    }
}

/// A growable read buffer that always keeps 8 spare bytes after the data for unaligned 8-byte loads.
struct ReadBuffer {
    private(set) var base: UnsafeMutableRawPointer
    private var capacity: Int

    init() {
        capacity = 1 << 22
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity + 8, alignment: 16)
    }

    func deallocate() { base.deallocate() }

    /// Reads the whole file at `path` into the buffer (growing it if needed); returns its size.
    mutating func readWholeFile(_ path: String) throws(RivuletError) -> Int {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw RivuletError.io("cannot open input file '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw RivuletError.io("cannot stat input file '\(path)'") }
        var size = Int(st.st_size)
        if size > capacity {
            base.deallocate()
            capacity = size
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity + 8, alignment: 16)
        }
        var done = 0
        while done < size {
            let r = read(fd, base + done, size - done)
            if r < 0 {
                if errno == EINTR { continue }
                throw RivuletError.io("cannot read input file '\(path)': \(String(cString: strerror(errno)))")
            }
            if r == 0 { size = done; break }  // file shrank while reading
            done += r
        }
        (base + size).storeBytes(of: UInt64(0), toByteOffset: 0, as: UInt64.self)
        return size
    }
}

/// Open-addressing hash table from byte slices to counts. The first 16 bytes of each word are kept
/// in the slot, so words of up to 16 bytes compare with integer compares; longer ones compare
/// their rest against the copy in `arena`.
struct WordTable {
    private struct Slot {
        var hash: UInt64 = 0  // 0 = empty (real hashes have the low bit set)
        var head: UInt64 = 0
        var head2: UInt64 = 0  // bytes 8..<16, zero-extended
        var length = 0
        var offset = 0
        var count = 0
    }

    private var slots: [Slot]
    private var mask: Int
    private var used = 0
    private var arena: [UInt8] = []

    init(capacity: Int) {
        var c = 16
        while c < capacity { c <<= 1 }
        slots = Array(repeating: Slot(), count: c)
        mask = c - 1
    }

    /// Number of distinct words.
    var count: Int { used }

    /// Bytes [0, n) of the 8 at `p`, zero-extended (n <= 8).
    @inline(__always) private static func load(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        let v = p.loadUnaligned(as: UInt64.self)
        return n >= 8 ? v : v & ((1 << UInt64(n * 8)) &- 1)
    }

    @inline(__always) private static func hash(_ p: UnsafeRawPointer, _ n: Int, head: UInt64) -> UInt64 {
        var h = (head ^ UInt64(n)) &* 0x9E37_79B9_7F4A_7C15
        var off = 8
        while off < n {
            h = (h ^ (h >> 29) ^ load(p + off, min(8, n - off))) &* 0xBF58_476D_1CE4_E5B9
            off += 8
        }
        h ^= h >> 32
        return h | 1
    }

    /// Counts one occurrence of the `length` bytes at `p` (8 bytes past them must be readable).
    @inline(__always) mutating func add(_ p: UnsafeRawPointer, length: Int) {
        let head = Self.load(p, length)
        let head2 = length > 8 ? Self.load(p + 8, min(8, length - 8)) : 0
        let h = Self.hash(p, length, head: head)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s.hash == 0 { break }
            if s.hash == h && s.head == head && s.head2 == head2 && s.length == length
                && (length <= 16 || restEquals(s.offset, p, length)) {
                slots[i].count += 1
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = Slot(hash: h, head: head, head2: head2, length: length, offset: arena.count, count: 1)
        arena.append(contentsOf: UnsafeRawBufferPointer(start: p, count: length))
        used += 1
        if used * 2 > slots.count { grow() }
    }

    private func restEquals(_ offset: Int, _ p: UnsafeRawPointer, _ length: Int) -> Bool {
        arena.withUnsafeBytes { a in
            guard let start = a.baseAddress else { return false }
            return memcmp(start + offset + 16, p + 16, length - 16) == 0
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.hash != 0 {
            var i = Int(truncatingIfNeeded: s.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = s
        }
    }

    /// The distinct words with their counts (table order).
    func wordCounts() -> WordCounts {
        var pairs: [(word: [UInt8], count: Int)] = []
        pairs.reserveCapacity(used)
        for s in slots where s.hash != 0 {
            pairs.append((Array(arena[s.offset..<(s.offset + s.length)]), s.count))
        }
        return WordCounts(pairs: pairs)
    }
}
