#!/usr/bin/env bash
# Installs the test peers (idempotent): a Python venv with the Kafka-protocol broker (noida-db),
# librdkafka's Python client (confluent-kafka), pyarrow, DuckDB and cramjam, and Debian's kcat.
# Prints nothing but progress; a peer that cannot be installed is reported and the matching tests
# skip (or fail under CI=true).
set -euo pipefail
VENV="${RIVULET_PEERS_VENV:-$HOME/.cache/rivulet-peers-venv}"
PY="${PYTHON:-python3}"
log() { echo "[peers] $*" >&2; }

PINS=(noida-db==0.2.3 confluent-kafka==2.16.1 pyarrow==26.0.1 duckdb==2.0.0 cramjam==2.14.0 numpy==2.4.6)
if [[ ! -x "$VENV/bin/python" ]]; then
  log "creating $VENV"
  "$PY" -m venv "$VENV"
fi
if ! "$VENV/bin/python" - "${PINS[@]}" <<'PYEOF'
import importlib.metadata as m, sys
for pin in sys.argv[1:]:
    name, version = pin.split("==")
    try:
        if m.version(name) != version: sys.exit(1)
    except m.PackageNotFoundError:
        sys.exit(1)
PYEOF
then
  log "pip install ${PINS[*]}"
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PINS[@]}" || log "WARNING: pip install failed; peer tests will skip (fail under CI=true)"
fi

if ! command -v kcat >/dev/null 2>&1; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    log "apt-get install kcat"
    (apt-get install -y -q kcat >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q kcat >/dev/null 2>&1; }) \
      || log "WARNING: could not install kcat; kcat tests will skip (fail under CI=true)"
  else
    log "WARNING: kcat missing and apt-get unavailable (not root); kcat tests will skip"
  fi
fi
echo "RIVULET_PEERS_PYTHON=$VENV/bin/python"
