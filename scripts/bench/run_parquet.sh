#!/usr/bin/env bash
# Parquet benchmark, side by side in one run: pyarrow (C++) and Rivulet write and read the same
# 10M-row table (ids, ints, doubles, strings, timestamps; snappy), then read all ten columns and
# one column. Both check they hold the same values (per-column checksums). Results:
# Benchmarks/results/parquet.jsonl. See BENCHMARKS.md.
#
#   scripts/bench/run_parquet.sh        (ROWS=10000000 CODEC=snappy REPEAT=3 SKIP_BUILD=1 RUN_ID=...)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
ROWS=${ROWS:-10000000}; CODEC=${CODEC:-snappy}; REPEAT=${REPEAT:-3}
RUN_ID=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)}
RESULTS=${RESULTS:-$ROOT/Benchmarks/results/parquet.jsonl}
DIR=${DIR:-$HOME/.cache/rivulet-bench/parquet}
mkdir -p "$(dirname "$RESULTS")" "$DIR"
step() { echo ">>> $*" >&2; }
PY=$(./scripts/peers/install.sh | sed -n 's/^RIVULET_PEERS_PYTHON=//p')
if [ -z "${SKIP_BUILD:-}" ]; then step "building rivulet-bench (release)"; swift build -c release --product rivulet-bench >&2; fi
BENCH=$(swift build -c release --show-bin-path)/rivulet-bench
rm -f "$DIR"/*.parquet
step "Rivulet: write, read all, read one column ($ROWS rows, $CODEC)"
"$BENCH" parquet --rows "$ROWS" --dir "$DIR" --codec "$CODEC" --repeat "$REPEAT" --run-id "$RUN_ID" | tee -a "$RESULTS"
step "pyarrow: write, read all, read one column; reads Rivulet's file back"
"$PY" scripts/bench/parquet_bench.py --rows "$ROWS" --dir "$DIR" --codec "$CODEC" --repeat "$REPEAT" --run-id "$RUN_ID" | tee -a "$RESULTS"
step "Rivulet reads pyarrow's file"
"$BENCH" parquet-read --file "$DIR/pyarrow.parquet" --repeat "$REPEAT" --run-id "$RUN_ID" | tee -a "$RESULTS"
