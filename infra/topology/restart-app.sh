#!/usr/bin/env bash
# Starts one server process of a running topology again (after a crash or a kill):
#   restart-app.sh <state-dir> app-1|app-2
set -euo pipefail
STATE="${1:?usage: restart-app.sh <state-dir> app-1|app-2}"
NAME="${2:?app-1 or app-2}"
read -r SRV _ _ <"$STATE/namespaces"
if [ -f "$STATE/$NAME.pid" ] && kill -0 "$(cat "$STATE/$NAME.pid")" 2>/dev/null; then
  echo "$NAME is running" >&2
  exit 0
fi
PORT="$(grep -o 'PORT="[0-9]*"' "$STATE/$NAME.start" | head -1 | tr -dc 0-9)"
"$STATE/$NAME.start" >>"$STATE/$NAME.log" 2>&1 &
echo $! >"$STATE/$NAME.pid"
for _ in $(seq 1 240); do
  if ip netns exec "$SRV" bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; then exit 0; fi
  sleep 0.25
done
echo "$NAME did not listen on $PORT" >&2
exit 1
