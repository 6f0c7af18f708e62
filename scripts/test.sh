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
swift test --skip-build "$@"
