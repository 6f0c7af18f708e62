/// Identifies one state store: a stateful operator's state for one partition, under a checkpoint.
///
/// Files live in `<checkpoint>/state/<operatorId>/<partitionId>/` like Spark's default provider
/// (plus `/<storeName>` for named stores other than `default`).
public struct StateStoreId: Sendable, Hashable, CustomStringConvertible {
    public var checkpointRoot: String
    public var operatorId: Int
    public var partitionId: Int
    public var storeName: String

    public init(checkpointRoot: String, operatorId: Int, partitionId: Int, storeName: String = "default") {
        self.checkpointRoot = checkpointRoot
        self.operatorId = operatorId
        self.partitionId = partitionId
        self.storeName = storeName
    }

    /// The folder holding this store's delta and snapshot files.
    public var directory: String {
        let base = "\(checkpointRoot)/state/\(operatorId)/\(partitionId)"
        return storeName == "default" ? base : base + "/" + storeName
    }

    public var description: String { "StateStoreId(op=\(operatorId), part=\(partitionId), name=\(storeName))" }
}
