import RivuletCore
import RivuletSQL

/// A vectorized implementation of one scalar function: evaluates the call for a whole batch.
///
/// `arguments` are the evaluated argument columns (each `rowCount` long; a foldable argument is
/// still passed as a full column, its constant value is also available via `call.arguments`).
public typealias ScalarKernel = @Sendable (_ call: ScalarFunctionCall, _ arguments: [ColumnVector], _ rowCount: Int) throws(RivuletError) -> ColumnVector

/// Scalar function kernels by lower-case function name; the executor looks calls up here.
public enum ScalarKernelRegistry {
    public static let kernels: [String: ScalarKernel] = {
        var map: [String: ScalarKernel] = [:]
        for family in families { for (name, k) in family { map[name] = k } }
        return map
    }()

    /// Kernel families; each family file adds its table here.
    static var families: [[(String, ScalarKernel)]] {
        [CastKernel.kernels, LikeKernel.kernels, StringKernels.kernels, RegexKernels.kernels, MathKernels.kernels,
         ConditionalKernels.kernels, HashKernels.kernels, DateTimeKernels.kernels, CollectionKernels.kernels, JSONKernels.family,
         LazyFunctions.kernels, NumberBaseKernels.kernels, MoreCollectionKernels.kernels,
         JSONFieldKernels.kernels]
    }

    public static func kernel(for name: String) -> ScalarKernel? { kernels[name] }
}
