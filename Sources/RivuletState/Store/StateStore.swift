import RivuletCore

/// A key for state maps: the operator's encoding of its grouping key.
public struct StateKey: Sendable, Hashable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// One version of one partition's state, open for updates during a micro-batch.
///
/// Obtained from ``StateStoreProvider/getStore(version:)`` at version `batchId`; the batch reads and
/// updates it, then ``StateStoreProvider/commit(_:)`` writes version `batchId + 1` as a delta file.
///
/// ```swift
/// var store = try provider.getStore(version: batchId)
/// store.put(StateKey(key), value)
/// try provider.commit(store)
/// ```
public struct StateStore: Sendable {
    public let id: StateStoreId
    /// The version this store was loaded at; committing produces `version + 1`.
    public let version: Int64
    public private(set) var map: [StateKey: [UInt8]]
    private(set) var changes: [StateKey: [UInt8]?] = [:]

    init(id: StateStoreId, version: Int64, map: [StateKey: [UInt8]]) {
        self.id = id
        self.version = version
        self.map = map
    }

    public func get(_ key: StateKey) -> [UInt8]? { map[key] }

    public mutating func put(_ key: StateKey, _ value: [UInt8]) {
        map[key] = value
        changes[key] = .some(value)
    }

    public mutating func remove(_ key: StateKey) {
        guard map.removeValue(forKey: key) != nil || changes[key] != nil else { return }
        changes[key] = .some(nil)
    }

    /// Number of keys in this version.
    public var numKeys: Int { map.count }
    /// Number of keys changed since loading.
    public var numUpdates: Int { changes.count }
    /// Whether the store has uncommitted changes.
    public var hasChanges: Bool { !changes.isEmpty }
}
