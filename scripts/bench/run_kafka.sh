#!/usr/bin/env bash
# Kafka benchmark, side by side in one run on the same broker (noida-db on 127.0.0.1): produce
# RECORDS records of SIZE bytes to a 4-partition topic with librdkafka (confluent-kafka) and with
# Rivulet's producer (same linger/batch size/codec/acks), then consume each topic: librdkafka's
# consumer, and a Rivulet streaming query (Kafka source -> noop sink, availableNow).
# Results: Benchmarks/results/kafka.jsonl. See BENCHMARKS.md.
#
#   scripts/bench/run_kafka.sh     (RECORDS=5000000 SIZE=100 CODEC=none PORT=19290 SKIP_BUILD=1 RUN_ID=...)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
RECORDS=${RECORDS:-5000000}; SIZE=${SIZE:-100}; CODEC=${CODEC:-none}; PORT=${PORT:-19290}
RUN_ID=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)}
RESULTS=${RESULTS:-$ROOT/Benchmarks/results/kafka.jsonl}
mkdir -p "$(dirname "$RESULTS")"
step() { echo ">>> $*" >&2; }
PY=$(./scripts/peers/install.sh | sed -n 's/^RIVULET_PEERS_PYTHON=//p')
if [ -z "${SKIP_BUILD:-}" ]; then step "building rivulet-bench (release)"; swift build -c release --product rivulet-bench >&2; fi
BENCH=$(swift build -c release --show-bin-path)/rivulet-bench
./scripts/peers/kafka-broker.sh start "$PORT" >/dev/null
trap './scripts/peers/kafka-broker.sh stop "$PORT"' EXIT
B=127.0.0.1:$PORT
COMMON=(--bootstrap "$B" --records "$RECORDS" --run-id "$RUN_ID")
"$PY" scripts/bench/kafka_bench.py create --bootstrap "$B" --topic bench-rdkafka --partitions 4 >/dev/null
"$PY" scripts/bench/kafka_bench.py create --bootstrap "$B" --topic bench-rivulet --partitions 4 >/dev/null
step "librdkafka produce"
"$PY" scripts/bench/kafka_bench.py produce "${COMMON[@]}" --topic bench-rdkafka --size "$SIZE" --codec "$CODEC" | tee -a "$RESULTS"
step "Rivulet produce"
"$BENCH" kafka-produce "${COMMON[@]}" --topic bench-rivulet --size "$SIZE" --codec "$CODEC" | tee -a "$RESULTS"
step "librdkafka consume (librdkafka's records)"
"$PY" scripts/bench/kafka_bench.py consume "${COMMON[@]}" --topic bench-rdkafka | tee -a "$RESULTS"
step "Rivulet consume (librdkafka's records), Kafka source -> noop sink"
"$BENCH" kafka-consume "${COMMON[@]}" --topic bench-rdkafka | tee -a "$RESULTS"
step "librdkafka consume (Rivulet's records)"
"$PY" scripts/bench/kafka_bench.py consume "${COMMON[@]}" --topic bench-rivulet | tee -a "$RESULTS"
