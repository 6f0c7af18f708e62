#!/usr/bin/env bash
# Runs the whole test suite. This is the README's test command and what CI runs.
# Peers the tests need are installed and started here (none yet: the golden tests read expected
# results that Apache Spark produced and that are committed beside them).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
swift test --skip-build "$@"
