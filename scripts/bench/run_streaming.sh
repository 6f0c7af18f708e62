#!/usr/bin/env bash
# Streaming benchmarks, side by side in one run: the Structured Streaming word count (Apache Spark 4.3
# local[2] vs Rivulet, all files in one micro-batch and 20 files per trigger), then Rivulet's
# micro-batch loop costs (empty trigger, one-row batch) and socket-to-sink latency at 10,000 lines/s.
# Results: Benchmarks/results/streaming.jsonl.  See BENCHMARKS.md.
#
#   scripts/bench/run_streaming.sh            (DATA, SPARK_VENV, SKIP_BUILD, RUN_ID as in run_wordcount.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DATA=${DATA:-$HOME/.cache/rivulet-bench/words}
DATA=${DATA%/}
SPARK_VENV=${SPARK_VENV:-$HOME/.cache/rivulet-spark-venv}
RUN_ID=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)}
RESULTS=${RESULTS:-$ROOT/Benchmarks/results/streaming.jsonl}
mkdir -p "$(dirname "$RESULTS")"
step() { echo ">>> $*" >&2; }

if ! "$SPARK_VENV/bin/python" -c 'import pyspark, sys; sys.exit(pyspark.__version__ != "4.3.0")' 2>/dev/null; then
  step "installing pyspark 4.3.0"; scripts/install-spark.sh
fi
if [ -z "${SKIP_BUILD:-}" ]; then step "building rivulet-bench (release)"; swift build -c release --product rivulet-bench >&2; fi
BENCH=$(swift build -c release --show-bin-path)/rivulet-bench
if [ ! -f "$DATA.MANIFEST.json" ]; then step "generating $DATA"; "$BENCH" gen-words --out "$DATA" >&2; fi
cat "$DATA"/*.txt > /dev/null   # every engine reads from the page cache

for per in 0 20; do
  step "Spark stream word count (maxFilesPerTrigger=$per)"
  "$SPARK_VENV/bin/python" scripts/bench/spark_wordcount.py --mode stream --max-files-per-trigger "$per" \
      --input "$DATA" --run-id "$RUN_ID" | tee -a "$RESULTS"
  step "Rivulet stream word count (maxFilesPerTrigger=$per)"
  "$BENCH" stream-wordcount --input "$DATA" --max-files-per-trigger "$per" --run-id "$RUN_ID" | tee -a "$RESULTS"
done
step "Rivulet empty trigger and one-row batch"
"$BENCH" empty-batch --iterations 2000 --run-id "$RUN_ID" | tee -a "$RESULTS"
step "Rivulet socket-to-sink latency at 10,000 lines/s"
"$BENCH" latency --rate 10000 --seconds 10 --run-id "$RUN_ID" | tee -a "$RESULTS"
