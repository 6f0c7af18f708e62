#!/usr/bin/env python3
"""Side-by-side table of one word-count run (Spark, Rivulet, hand loop) from Benchmarks/results/wordcount.jsonl.

usage: summarize.py [--run-id ID | --all] [--results FILE]
Default: the latest run_id in the file.  For each engine it shows every record of that run (with
--repeat there are several), then ratios built from each engine's best run (highest words/s) and a
correctness check: all engines must report the same distinct count, word total and result digest, and
for the default data set (seed 42, 200 files x 50,000 lines, vocab 10,000, 5-15 words per line) that is
10,000 words, 99,988,314 in total, digest 67283f88...51df28 (the Spark 4.3 anchor).
Exit status 1 when the check fails, 0 otherwise (also when an engine is missing: it is reported)."""
import argparse, json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_RESULTS = os.path.join(ROOT, "Benchmarks", "results", "wordcount.jsonl")
DEFAULT_PARAMS = {"seed": 42, "files": 200, "lines": 50000, "vocab": 10000, "wmin": 5, "wmax": 15}
REFERENCE = {"distinct": 10000, "words": 99988314,
             "digest": "67283f884996025d6caddc6eff46a92439b768171205dd656bdd4367e651df28"}
ENGINES = ["spark", "rivulet", "handloop"]


def load(path):
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line:
                try:
                    out.append(json.loads(line))
                except ValueError:
                    print(f"warning: {path}:{n} is not JSON, skipped", file=sys.stderr)
    return out


def fmt(v, spec=""):
    if v is None:
        return "-"
    return format(v, spec) if spec else str(v)


def expected_for(input_dir):
    """Reference result when input_dir is the default data set (judged by its manifest params)."""
    try:
        with open(input_dir.rstrip("/") + ".MANIFEST.json") as f:
            m = json.load(f)
    except (OSError, ValueError, AttributeError):
        return None, None
    params = m.get("params", {})
    same = all(params.get(k) == v for k, v in DEFAULT_PARAMS.items())
    return (REFERENCE if same else None), m.get("totals")


def ratio(a, b):
    return a / b if a and b else None


def summarize(recs, run_id):
    print(f"## word count, run {run_id}" + (f" ({recs[0].get('date', '')[:16]} UTC, input {recs[0].get('input')})" if recs else ""))
    print()
    print("| engine | run | wall s | words/s | lines/s | peak RSS MiB | CPU s | other CPU share | distinct | words | digest |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    order = {e: i for i, e in enumerate(ENGINES)}
    for r in sorted(recs, key=lambda r: (order.get(r.get("engine"), 99), r.get("run", 1))):
        other = r.get("other_procs_core_share")
        flag = fmt(other) + (" !" if other is not None and other >= 0.10 else "")
        print(f"| {r.get('engine')} | {r.get('run', 1)} | {fmt(r.get('wall_s'), '.2f')} | {fmt(r.get('words_per_s'), ',')} | "
              f"{fmt(r.get('lines_per_s'), ',')} | {fmt(r.get('peak_rss_mib'))} | {fmt(r.get('cpu_s'))} | {flag} | "
              f"{fmt(r.get('distinct'), ',')} | {fmt(r.get('words'), ',')} | {(r.get('digest') or '-')[:12]} |")
    best = {}
    for r in recs:
        e = r.get("engine")
        if e not in best or (r.get("words_per_s") or 0) > (best[e].get("words_per_s") or 0):
            best[e] = r
    print()
    print("Ratios from each engine's best run (highest words/s; throughput > 1 = first engine faster):")
    for a, b in (("rivulet", "spark"), ("rivulet", "handloop"), ("handloop", "spark")):
        if a in best and b in best:
            tp = ratio(best[a].get("words_per_s"), best[b].get("words_per_s"))
            mem = ratio(best[a].get("peak_rss_mib"), best[b].get("peak_rss_mib"))
            cpu = ratio(best[a].get("cpu_s"), best[b].get("cpu_s"))
            print(f"- {a} vs {b}: throughput x{fmt(tp and round(tp, 2))}, peak RSS x{fmt(mem and round(mem, 2))}, "
                  f"CPU time x{fmt(cpu and round(cpu, 2))}")
    missing = [e for e in ENGINES if e not in best]
    if missing:
        print(f"- not measured in this run: {', '.join(missing)}")
    if any((r.get("other_procs_core_share") or 0) >= 0.10 for r in recs):
        print("- '!': other processes used >= 10 % of the machine during that run; its timing is not trustworthy")

    # correctness: every record of the run against the first, and against the reference data set result
    ok = True
    keys = ("distinct", "words", "digest")
    first = recs[0] if recs else {}
    for r in recs:
        diff = [k for k in keys if r.get(k) != first.get(k)]
        if diff:
            ok = False
            print(f"- MISMATCH: {r.get('engine')} run {r.get('run')} differs from {first.get('engine')} in {', '.join(diff)}")
    ref, totals = expected_for(first.get("input")) if first else (None, None)
    if ref:
        bad = [k for k in keys if first.get(k) != ref[k]]
        if bad:
            ok = False
            print(f"- MISMATCH against the Spark 4.3 anchor's reference result in {', '.join(bad)}")
        else:
            print(f"- reference check: matches the Spark 4.3 anchor ({ref['distinct']:,} words, {ref['words']:,} total, digest {ref['digest'][:12]})")
    elif totals and first.get("words") is not None and totals.get("words") != first.get("words"):
        ok = False
        print(f"- MISMATCH: word total {first.get('words')} != manifest total {totals.get('words')}")
    if ok and recs:
        print(f"- correctness: all {len(recs)} records agree on {first.get('distinct'):,} distinct words, "
              f"{first.get('words'):,} words, digest {str(first.get('digest'))[:12]}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", default=DEFAULT_RESULTS)
    ap.add_argument("--run-id")
    ap.add_argument("--all", action="store_true", help="one table per run_id, oldest first")
    a = ap.parse_args()
    if not os.path.exists(a.results):
        sys.exit(f"summarize.py: no results file '{a.results}' (run scripts/bench/run_wordcount.sh)")
    recs = [r for r in load(a.results) if r.get("bench") == "wordcount"]
    ids = []
    for r in recs:
        if r.get("run_id") not in ids:
            ids.append(r.get("run_id"))
    if a.run_id:
        ids = [a.run_id]
    elif not a.all:
        ids = ids[-1:]
    ok = True
    for i, run_id in enumerate(ids):
        if i:
            print()
        sel = [r for r in recs if r.get("run_id") == run_id]
        if not sel:
            print(f"summarize.py: no records with run_id {run_id}", file=sys.stderr)
            ok = False
            continue
        ok = summarize(sel, run_id) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
