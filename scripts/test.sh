#!/usr/bin/env bash
# Runs the whole test suite. This is the README's test command and what CI runs.
# It installs the test peers (scripts/peers/install.sh), starts a Kafka-protocol broker on
# 127.0.0.1 for the run and stops it afterwards. Tests that need a peer that could not be set up
# are skipped with a message, or fail when CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
export RIVULET_KAFKA_PORT="${RIVULET_KAFKA_PORT:-19092}"
if out="$(./scripts/peers/install.sh)"; then export "${out##*$'\n'}"; fi
if out="$(./scripts/peers/kafka-broker.sh start "$RIVULET_KAFKA_PORT")"; then
  export "$out"
  trap './scripts/peers/kafka-broker.sh stop "$RIVULET_KAFKA_PORT"' EXIT
else
  echo "[test] no Kafka broker: Kafka tests will skip (or fail under CI=true)" >&2
fi
swift build --build-tests
if [ $# -gt 0 ]; then exec swift test --skip-build "$@"; fi
# The Kafka client's tests assert timeouts and backoff in wall time, so they run on their own:
# beside the CPU-heavy corruption loops and the Python peers of the other targets, their async
# tasks wait for the 2-thread cooperative pool and the measured times stretch.
swift test --skip-build --skip RivuletKafkaTests
swift test --skip-build --filter RivuletKafkaTests
