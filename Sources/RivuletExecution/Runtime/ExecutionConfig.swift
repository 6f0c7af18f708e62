import RivuletCore

/// Settings the embedded engine runs a plan with (derived from the session's `spark.*` config).
public struct ExecutionConfig: Sendable {
    /// `spark.sql.shuffle.partitions`: partitions after a shuffle (aggregation, join, distinct, sort).
    public var shufflePartitions: Int
    /// Worker threads; defaults to the number of cores.
    public var parallelism: Int
    /// Target rows per batch produced by scans and operators.
    public var batchSize: Int

    public init(shufflePartitions: Int? = nil, parallelism: Int? = nil, batchSize: Int = 8192) {
        let cores = max(1, ExecutionConfig.coreCount)
        self.parallelism = max(1, parallelism ?? cores)
        // Spark's 200 is tuned for clusters; on one machine a few partitions per core is enough.
        self.shufflePartitions = max(1, shufflePartitions ?? max(4, 2 * cores))
        self.batchSize = max(1, batchSize)
    }

    /// Number of online CPU cores.
    public static var coreCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 4
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
