#!/usr/bin/env bash
# Word-count benchmark, side by side in one run: Apache Spark 4.3 (local[2]), Rivulet (release build)
# and a hand-written single-threaded Swift loop, on the same generated files.  See BENCHMARKS.md.
#
#   scripts/bench/run_wordcount.sh
#
# Environment (all optional):
#   DATA=~/.cache/rivulet-bench/words   data set directory (generated if DATA.MANIFEST.json is missing)
#   GEN_ARGS="--files 200 --lines 50000" extra arguments for `rivulet-bench gen-words`
#   ENGINES="spark rivulet handloop"     which engines to run, in this order
#   REPEAT=1                             query runs per process (run 1 is cold; all are recorded)
#   RUN_ID=<UTC timestamp>  TAG=         stored with every record
#   RESULTS=Benchmarks/results/wordcount.jsonl
#   SPARK_VENV=~/.cache/rivulet-spark-venv   venv with pyspark 4.3.0 (installed when missing)
#   SKIP_BUILD=1                         use the existing release binary
#   IDLE_MAX_WAIT=300                    max seconds to wait for an idle machine before each engine
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DATA=${DATA:-$HOME/.cache/rivulet-bench/words}
DATA=${DATA%/}
ENGINES=${ENGINES:-"spark rivulet handloop"}
REPEAT=${REPEAT:-1}
RUN_ID=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)}
TAG=${TAG:-}
RESULTS=${RESULTS:-$ROOT/Benchmarks/results/wordcount.jsonl}
SPARK_VENV=${SPARK_VENV:-$HOME/.cache/rivulet-spark-venv}
LOGS=${LOGS:-${TMPDIR:-/tmp}/rivulet-bench-logs/$RUN_ID}
mkdir -p "$(dirname "$RESULTS")" "$LOGS"

step() { echo ">>> $*" >&2; }

# 1. Spark (only if it is going to run)
if [[ " $ENGINES " == *" spark "* ]]; then
  if ! "$SPARK_VENV/bin/python" -c 'import pyspark, sys; sys.exit(pyspark.__version__ != "4.3.0")' 2>/dev/null; then
    if [ -x scripts/install-spark.sh ]; then
      step "installing pyspark 4.3.0 with scripts/install-spark.sh"
      scripts/install-spark.sh
    else
      step "installing pyspark 4.3.0 into $SPARK_VENV"
      python3 -m venv "$SPARK_VENV"
      "$SPARK_VENV/bin/pip" install "pyspark==4.3.0" "pandas>=2.2,<3" pyarrow
    fi
  fi
  command -v java >/dev/null || { echo "run_wordcount.sh: Spark needs a Java 17/21 runtime on PATH" >&2; exit 1; }
fi

# 2. Release build of rivulet-bench
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "swift build -c release --product rivulet-bench"
  swift build -c release --product rivulet-bench >&2
fi
BIN="$(swift build -c release --show-bin-path)/rivulet-bench"
[ -x "$BIN" ] || { echo "run_wordcount.sh: $BIN not found (build failed or SKIP_BUILD=1 without a build)" >&2; exit 1; }
"$BIN" selftest >&2   # SHA-256, generator and hand loop against reference values

# 3. Data set
if [ ! -f "$DATA.MANIFEST.json" ]; then
  step "generating the data set into $DATA"
  # shellcheck disable=SC2086
  "$BIN" gen-words --out "$DATA" ${GEN_ARGS:-} >&2
fi
# All engines read from the page cache: warm it once so the first engine does not pay for the disk.
cat "$DATA"/* >/dev/null

# 4. The three engines, one after another, each after the machine went idle
failed=""
run_engine() {
  local engine=$1; shift
  python3 scripts/bench/machine.py wait-idle
  step "$engine: $*"
  local start=$SECONDS
  if "$@" 2>"$LOGS/$engine.err" | grep '^{' | tee -a "$RESULTS" >"$LOGS/$engine.jsonl" && [ -s "$LOGS/$engine.jsonl" ]; then
    echo "    $engine done in $((SECONDS - start)) s (process wall time; log $LOGS/$engine.err)" >&2
  else
    echo "    $engine FAILED: $(tail -3 "$LOGS/$engine.err")" >&2
    failed="$failed $engine"
  fi
}
for engine in $ENGINES; do
  case $engine in
    spark)    run_engine spark "$SPARK_VENV/bin/python" scripts/bench/spark_wordcount.py --input "$DATA" \
                --repeat "$REPEAT" --run-id "$RUN_ID" --tag "$TAG" ;;
    rivulet)  run_engine rivulet "$BIN" wordcount --input "$DATA" --repeat "$REPEAT" --run-id "$RUN_ID" --tag "$TAG" ;;
    handloop) run_engine handloop "$BIN" handloop --input "$DATA" --repeat "$REPEAT" --run-id "$RUN_ID" --tag "$TAG" ;;
    *) echo "run_wordcount.sh: unknown engine '$engine' (spark, rivulet, handloop)" >&2; exit 2 ;;
  esac
done

# 5. Table
echo
python3 scripts/bench/summarize.py --results "$RESULTS" --run-id "$RUN_ID"
[ -z "$failed" ] || { echo "failed engines:$failed" >&2; exit 1; }
