#!/usr/bin/env python3
"""CPU accounting helpers for the benchmarks (Linux /proc), shared by spark_wordcount.py and
run_wordcount.sh.  The machine the project runs on has 2 cores shared by other work, so every run
first waits until the machine is idle and then records how much CPU other processes took while it ran.

As a command: `machine.py wait-idle [--max-wait S] [--busy-max F]` blocks until the machine's CPU use
(sampled over 2 s) is below F of all cores (default 0.15), or until S seconds passed (default 300,
env IDLE_MAX_WAIT), and prints the last measured share."""
import argparse, os, sys, time

TICKS = os.sysconf("SC_CLK_TCK")
CPUS = os.cpu_count() or 1


def machine_busy_ticks():
    """Ticks all cores spent on anything but idle/iowait since boot (first line of /proc/stat)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return sum(v) - v[3] - (v[4] if len(v) > 4 else 0)


def process_ticks(pid):
    """utime + stime of a process in ticks (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
        return int(rest[11]) + int(rest[12])
    except OSError:
        return 0


def peak_rss_mib(pid):
    """VmHWM (peak resident set size) of a process in MiB, one decimal; None if unreadable."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def busy_share(seconds=2.0):
    """Fraction of all cores busy over the next `seconds`."""
    b0, t0 = machine_busy_ticks(), time.time()
    time.sleep(seconds)
    return (machine_busy_ticks() - b0) / TICKS / ((time.time() - t0) * CPUS)


def wait_idle(max_wait=float(os.environ.get("IDLE_MAX_WAIT", 300)), busy_max=0.15):
    """Block until the machine is idle (share < busy_max) or max_wait passed; return the last share."""
    deadline = time.time() + max_wait
    while True:
        share = busy_share()
        if share < busy_max or time.time() > deadline:
            return round(share, 3)


class CpuWindow:
    """CPU used by a watched process (e.g. the JVM), by this Python process, and by everything else."""

    def __init__(self, pid):
        self.pid = pid
        self.t0, self.m0, self.p0 = time.time(), machine_busy_ticks(), process_ticks(pid)
        t = os.times()
        self.own0 = t.user + t.system

    def close(self, wall):
        machine = (machine_busy_ticks() - self.m0) / TICKS
        watched = (process_ticks(self.pid) - self.p0) / TICKS
        t = os.times()
        own = t.user + t.system - self.own0
        other = max(0.0, machine - watched - own)
        return {"cpu_s": round(watched, 1), "driver_cpu_s": round(own, 1), "other_procs_cpu_s": round(other, 1),
                "other_procs_core_share": round(other / (wall * CPUS), 3) if wall > 0 else None}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["wait-idle"])
    ap.add_argument("--max-wait", type=float, default=float(os.environ.get("IDLE_MAX_WAIT", 300)))
    ap.add_argument("--busy-max", type=float, default=0.15)
    a = ap.parse_args()
    share = wait_idle(a.max_wait, a.busy_max)
    print(f"machine busy share before run: {share}" + ("" if share < a.busy_max else " (gave up waiting)"),
          file=sys.stderr)


if __name__ == "__main__":
    main()
