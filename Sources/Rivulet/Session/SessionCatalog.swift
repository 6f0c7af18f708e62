import RivuletCore
import RivuletSQL
import Synchronization

/// Temporary views of one session (`createOrReplaceTempView`), looked up case-insensitively.
final class SessionCatalog: Catalog, Sendable {
    private let views = Mutex<[String: (name: String, plan: LogicalPlan)]>([:])

    func lookupRelation(_ name: [String]) -> LogicalPlan? {
        guard let last = name.last else { return nil }
        return views.withLock { $0[last.lowercased()]?.plan }
    }

    var relationNames: [String] { views.withLock { $0.values.map(\.name).sorted() } }

    func register(_ name: String, _ plan: LogicalPlan, replace: Bool) throws(RivuletError) {
        let key = name.lowercased()
        let exists = views.withLock { $0[key] != nil }
        if exists && !replace {
            throw .analysis("Cannot create the temporary view '\(name)' because it already exists", errorClass: "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS")
        }
        views.withLock { $0[key] = (name, plan) }
    }

    @discardableResult
    func drop(_ name: String) -> Bool { views.withLock { $0.removeValue(forKey: name.lowercased()) != nil } }
}
