import Foundation
import Testing
@testable import RivuletCore
@testable import RivuletState

@Suite struct StateStoreTests {
    func tempRoot() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rivulet-state-\(UUID().uuidString)").path
    }

    func key(_ s: String) -> StateKey { StateKey(Array(s.utf8)) }

    @Test func versionsAreRecoveredFromDeltasAndSnapshots() throws {
        let id = StateStoreId(checkpointRoot: tempRoot(), operatorId: 0, partitionId: 3)
        let provider = StateStoreProvider(id: id, minDeltasForSnapshot: 3, minVersionsToRetain: 100)
        var expected: [Int64: [String: [UInt8]]] = [0: [:]]
        var model: [String: [UInt8]] = [:]
        for batch in Int64(0)..<8 {
            var store = try provider.getStore(version: batch)
            store.put(key("k\(batch)"), [UInt8(batch)])
            model["k\(batch)"] = [UInt8(batch)]
            if batch % 2 == 1 {
                store.remove(key("k\(batch - 1)"))
                model.removeValue(forKey: "k\(batch - 1)")
            }
            #expect(try provider.commit(store) == batch + 1)
            expected[batch + 1] = model
        }
        #expect(FileManager.default.fileExists(atPath: "\(id.directory)/3.snapshot"))
        #expect(FileManager.default.fileExists(atPath: "\(id.directory)/6.snapshot"))
        // A fresh provider (a restarted query) sees exactly the committed versions.
        let fresh = StateStoreProvider(id: id, minDeltasForSnapshot: 3)
        for v in Int64(0)...8 {
            let s = try fresh.getStore(version: v)
            let got = Dictionary(uniqueKeysWithValues: s.map.map { (String(decoding: $0.key.bytes, as: UTF8.self), $0.value) })
            #expect(got == expected[v], "version \(v)")
        }
        #expect(fresh.latestVersion() == 8)
    }

    @Test func corruptOrMissingFilesAreReportedByName() throws {
        let id = StateStoreId(checkpointRoot: tempRoot(), operatorId: 1, partitionId: 0)
        let provider = StateStoreProvider(id: id)
        var s = try provider.getStore(version: 0)
        s.put(key("a"), [1, 2, 3])
        try provider.commit(s)
        var s2 = try provider.getStore(version: 1)
        s2.put(key("b"), [4])
        try provider.commit(s2)

        let delta2 = "\(id.directory)/2.delta"
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: delta2)))
        bytes[bytes.count / 2] ^= 0x55
        try Data(bytes).write(to: URL(fileURLWithPath: delta2))
        do {
            _ = try StateStoreProvider(id: id).getStore(version: 2)
            Issue.record("corruption went unnoticed")
        } catch {
            #expect(error.code == .checkpoint)
            #expect(error.message.contains("2.delta"))
        }
        try Data(bytes.prefix(10)).write(to: URL(fileURLWithPath: delta2))
        #expect(throws: RivuletError.self) { try StateStoreProvider(id: id).getStore(version: 2) }
        try FileManager.default.removeItem(atPath: "\(id.directory)/1.delta")
        do {
            _ = try StateStoreProvider(id: id).getStore(version: 1)
            Issue.record("missing file went unnoticed")
        } catch {
            #expect(error.message.contains("1.delta"))
        }
    }

    @Test func oldFilesAreCleanedUpButRetainedVersionsStayLoadable() throws {
        let id = StateStoreId(checkpointRoot: tempRoot(), operatorId: 0, partitionId: 0)
        let provider = StateStoreProvider(id: id, minDeltasForSnapshot: 2, minVersionsToRetain: 3)
        for v in Int64(0)..<12 {
            var s = try provider.getStore(version: v)
            s.put(key("n"), [UInt8(v)])
            try provider.commit(s)
        }
        let files = CheckpointFiles.list(id.directory)
        #expect(!files.contains("1.delta"))
        #expect(!files.contains("2.snapshot"))
        for v in Int64(10)...12 {
            #expect(try StateStoreProvider(id: id, minDeltasForSnapshot: 2).getStore(version: v).get(key("n")) == [UInt8(v - 1)])
        }
    }

    @Test func atomicWriteRefusesToOverwriteWhenAsked() throws {
        let path = tempRoot() + "/offsets/0"
        try CheckpointFiles.writeAtomically("v1\n{}", to: path, overwrite: false)
        #expect(try CheckpointFiles.readText(path) == "v1\n{}")
        do {
            try CheckpointFiles.writeAtomically("v1\n{x}", to: path, overwrite: false)
            Issue.record("second exclusive write succeeded")
        } catch {
            #expect(error.code == .checkpoint)
        }
        #expect(try CheckpointFiles.readText(path) == "v1\n{}")
        #expect(CheckpointFiles.list(CheckpointFiles.parent(of: path)) == ["0"])
    }
}

@Suite struct ValueCodecTests {
    @Test func roundTripsEveryValueKind() throws {
        let rows: [[Value]] = [
            [], [.null], [.boolean(true), .byte(-3), .short(300), .int(-70000), .long(Int64.min), .float(1.5), .double(-0.25)],
            [.decimal(DecimalValue(unscaled: -123456789012345678, scale: 4)), .string("héllo"), .binary([0, 255]), .date(-5),
             .timestamp(1_700_000_000_000_000), .dayTimeInterval(-1), .yearMonthInterval(14)],
            [.array([.int(1), .null]), .map([MapEntry(.string("k"), .array([]))]), .struct([.null, .struct([.long(1)])])],
        ]
        for r in rows {
            #expect(try ValueCodec.decode(ValueCodec.encode(r)) == r)
        }
        #expect(ValueCodec.encode([.string("a"), .long(1)]) == ValueCodec.encode([.string("a"), .long(1)]))
        #expect(ValueCodec.encode([.string("a")]) != ValueCodec.encode([.string("b")]))
    }

    @Test func garbageIsAnErrorNotACrash() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let n = Int.random(in: 0..<24, using: &rng)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? ValueCodec.decode(bytes)
        }
        #expect(throws: RivuletError.self) { try ValueCodec.decode([5]) }
        #expect(throws: RivuletError.self) { try ValueCodec.decode([1, 9, 200]) }
    }
}
