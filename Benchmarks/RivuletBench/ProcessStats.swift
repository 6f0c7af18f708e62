import Foundation

/// Memory and CPU figures of this process and of the whole machine, read from Linux `/proc`.
/// On other systems the readers return nil and the JSON fields are written as null.
enum ProcessStats {
    /// Peak resident set size (VmHWM) of this process in MiB, the same figure the Spark script reads for the JVM.
    static func peakRSSMiB() -> Double? {
        guard let kib = statusField("VmHWM") else { return nil }
        return (Double(kib) / 1024 * 10).rounded() / 10
    }

    /// A `kB` field of /proc/self/status, e.g. "VmHWM".
    static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2, let v = Int(parts[1]) { return v }
        }
        return nil
    }

    /// Clock ticks per second used by /proc/stat (USER_HZ).
    static let ticksPerSecond: Double = {
        let t = sysconf(Int32(_SC_CLK_TCK))
        return t > 0 ? Double(t) : 100
    }()

    /// CPU seconds the whole machine spent busy (all cores, excluding idle and iowait), from /proc/stat.
    static func machineBusySeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let first = text.split(separator: "\n").first else { return nil }
        let v = first.split(separator: " ").dropFirst().compactMap { Int($0) }
        guard v.count >= 4 else { return nil }
        let idle = v[3] + (v.count > 4 ? v[4] : 0)
        return Double(v.reduce(0, +) - idle) / ticksPerSecond
    }

    /// CPU seconds (user + system) used by this process so far.
    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Measures one timed section: wall time, this process's CPU, and the CPU other processes took
/// meanwhile (`other_procs_core_share`, as in the Spark anchor: runs at >= 0.10 are not trustworthy).
struct CPUWindow {
    private let wallStart = DispatchTime.now().uptimeNanoseconds
    private let machineStart = ProcessStats.machineBusySeconds()
    private let ownStart = ProcessStats.ownCPUSeconds()

    /// Wall seconds since the window opened.
    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9 }

    /// Fields for the result line: own CPU seconds, other processes' CPU seconds and their share of all cores.
    func close(wall: Double) -> [(String, JSONValue)] {
        let own = ProcessStats.ownCPUSeconds() - ownStart
        var out: [(String, JSONValue)] = [("cpu_s", .number(round1(own)))]
        if let m0 = machineStart, let m1 = ProcessStats.machineBusySeconds() {
            let other = max(0, (m1 - m0) - own)
            let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
            out.append(("other_procs_cpu_s", .number(round1(other))))
            out.append(("other_procs_core_share", wall > 0 ? .number((other / (wall * cores) * 1000).rounded() / 1000) : .null))
        }
        return out
    }
}

/// Rounds to one decimal for JSON output.
func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
