/// Levenshtein distance between two strings (over Unicode scalars), for "did you mean" hints on
/// unresolved columns and unknown options.
///
/// ```swift
/// EditDistance.levenshtein("wrod", "word")   // 2
/// ```
public enum EditDistance {
    /// The number of single-scalar insertions, deletions and substitutions turning `a` into `b`.
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
