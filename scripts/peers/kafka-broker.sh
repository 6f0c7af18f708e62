#!/usr/bin/env bash
# Starts or stops the test Kafka-protocol broker (noida-db, a single-binary broker speaking Kafka
# 3.8's protocol), bound to 127.0.0.1 with a fresh data folder on every start.
#   scripts/peers/kafka-broker.sh start [port]   prints RIVULET_KAFKA_BOOTSTRAP=127.0.0.1:<port>
#   scripts/peers/kafka-broker.sh stop  [port]
# RIVULET_KAFKA_KEEP_DATA=1 keeps the data folder on start (a restart: noida reloads the topics it
# saved when it was stopped).
set -euo pipefail
ACTION="${1:-}"; PORT="${2:-${RIVULET_KAFKA_PORT:-19092}}"
VENV="${RIVULET_PEERS_VENV:-$HOME/.cache/rivulet-peers-venv}"
STATE="${TMPDIR:-/tmp}/rivulet-kafka-$PORT"
PIDFILE="$STATE/pid"
log() { echo "[kafka-broker] $*" >&2; }

# True when something answers a Kafka ApiVersions request on the port.
answers() {
  "$VENV/bin/python" - "$PORT" <<'PYEOF'
import socket, struct, sys
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
    body = struct.pack(">hhih", 18, 0, 1, 4) + b"ping"
    s.sendall(struct.pack(">i", len(body)) + body)
    head = s.recv(10)
    sys.exit(0 if len(head) >= 10 and struct.unpack(">ih", head[4:10]) == (1, 0) else 1)
except Exception:
    sys.exit(1)
PYEOF
}
# A stopped broker whose parent has not reaped it yet (a zombie) counts as gone.
alive() {
  [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null \
    && ! grep -qs '^State:[[:space:]]*Z' "/proc/$(cat "$PIDFILE")/status"
}

case "$ACTION" in
  start)
    BIN="$("$VENV/bin/python" -c 'import noida_db, os; print(os.path.join(os.path.dirname(noida_db.__file__), "noida-db"))' 2>/dev/null)" \
      || { log "noida-db is not installed; run scripts/peers/install.sh"; exit 1; }
    chmod +x "$BIN"
    if alive; then "$0" stop "$PORT"; fi
    if answers; then log "port $PORT already answers Kafka requests from another process"; exit 1; fi
    if [[ "${RIVULET_KAFKA_KEEP_DATA:-0}" == "1" && -d "$STATE/data" ]]; then
      rm -f "$PIDFILE"
    else
      rm -rf "$STATE"; mkdir -p "$STATE/data"
    fi
    setsid "$BIN" start --host 127.0.0.1 --only kafka --kafka-port "$PORT" --data-dir "$STATE/data" \
      >"$STATE/broker.log" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    for _ in $(seq 1 100); do
      if answers; then echo "RIVULET_KAFKA_BOOTSTRAP=127.0.0.1:$PORT"; exit 0; fi
      alive || { log "broker exited at start:"; cat "$STATE/broker.log" >&2; exit 1; }
      sleep 0.1
    done
    log "broker did not answer within 10 s:"; cat "$STATE/broker.log" >&2; exit 1 ;;
  stop)
    alive || { rm -f "$PIDFILE"; exit 0; }
    PID="$(cat "$PIDFILE")"
    kill -TERM "$PID" 2>/dev/null || true
    # noida saves its topics on SIGTERM; give it time on a loaded machine before SIGKILL.
    for _ in $(seq 1 300); do alive || { rm -f "$PIDFILE"; exit 0; }; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true; rm -f "$PIDFILE" ;;
  *) echo "usage: $0 start|stop [port]" >&2; exit 2 ;;
esac
