#!/usr/bin/env bash
# Stops what up.sh started in <state-dir> and removes its namespaces, veth pairs and rules.
#   sudo infra/topology/down.sh <state-dir> [--keep]     # --keep leaves the state dir (logs)
set -uo pipefail
STATE="${1:?usage: down.sh <state-dir> [--keep]}"
[ -f "$STATE/namespaces" ] || exit 0
read -r SRV CAND REC <"$STATE/namespaces"
N="$(awk -F= '/TOPOLOGY_APP_IP/ {split($2, a, "."); print a[2]}' "$STATE/env" 2>/dev/null)"
N="${N:-77}"

stop_pid() {
  local file="$STATE/$1.pid"
  [ -f "$file" ] || return 0
  local pid
  pid="$(cat "$file")"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -9 "$pid" 2>/dev/null || true
}
for name in nginx app-1 app-2 turn redis; do stop_pid "$name"; done
PG_BIN="$(dirname "$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)")"
[ -d "$STATE/pg" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$STATE/pg" -m immediate stop >/dev/null 2>&1

index=1
for ns in "$SRV" "$CAND" "$REC"; do
  # Whatever still runs inside (a browser a test left) goes with its namespace.
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  ip link del "$ns-h" 2>/dev/null
  ip netns del "$ns" 2>/dev/null
  iptables -D FORWARD -s "10.$N.$index.0/24" -j ACCEPT 2>/dev/null
  iptables -D FORWARD -d "10.$N.$index.0/24" -j ACCEPT 2>/dev/null
  rm -rf "/etc/netns/$ns"
  index=$((index + 1))
done
[ "${2:-}" = "--keep" ] || rm -rf "$STATE"
exit 0
