#!/usr/bin/env bash
# A production-shaped Crossfair on this one machine, with network namespaces
# as hosts (needs root; Debian's nginx, coturn, redis-server and PostgreSQL):
#
#   cfx-srv   10.77.1.2  nginx (TLS, :443) → two Crossfair processes (:3001, :3002),
#                        their media on 10.77.1.2 (UDP and TCP), Redis (AOF), PostgreSQL
#             10.77.1.3  coturn: TURN on :3478 (UDP, TCP) and TURN over TLS on :443
#   cfx-cand  10.77.2.2  a candidate's network: every UDP packet out is dropped, so media
#                        only gets through over TCP (ICE-TCP, or TURN over TCP/TLS)
#   cfx-rec   10.77.3.3  a recruiter's open network
#
# The namespaces reach each other through veth pairs routed by the host. Names resolve
# through /etc/netns/<ns>/hosts: crossfair.test (the app) and turn.crossfair.test.
#
#   sudo infra/topology/up.sh [state-dir]     # prints the state dir; `down.sh <state-dir>` stops it
#
# Environment: TOPOLOGY_PREFIX (namespace name prefix, default cfx), TOPOLOGY_NET (second octet,
# default 77), TOPOLOGY_RELAY_ONLY=true (browsers relay through TURN only). The client must be
# built (`pnpm build`). Everything it starts is recorded in the state dir for down.sh.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE="${1:-$(mktemp -d /tmp/crossfair-topology.XXXXXX)}"
P="${TOPOLOGY_PREFIX:-cfx}"
N="${TOPOLOGY_NET:-77}"
mkdir -p "$STATE"
chmod 755 "$STATE"
log() { printf '[topology %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() {
  log "ERROR: $*"
  exit 1
}
# A start that fails half-way takes down what it started (the logs stay in the state dir).
trap 'status=$?; [ $status -eq 0 ] || { log "start failed; stopping what started (logs in $STATE)"; bash "$HERE/down.sh" "$STATE" --keep; }' EXIT

[ "$(id -u)" -eq 0 ] || fail "run as root (network namespaces)"
for tool in ip iptables nginx turnserver redis-server openssl runuser; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install iproute2 iptables nginx coturn redis-server openssl)"
done
PG_BIN="$(dirname "$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")"
[ -x "$PG_BIN/initdb" ] || fail "PostgreSQL's initdb is missing (apt-get install postgresql)"
[ -f "$REPO/client/dist/index.html" ] || fail "no client build: run \`pnpm build\` first"

SRV="$P-srv" CAND="$P-cand" REC="$P-rec"
APP_IP="10.$N.1.2" TURN_IP="10.$N.1.3"
echo "$P" >"$STATE/prefix"
echo "$SRV $CAND $REC" >"$STATE/namespaces"

# ---- hosts: one namespace each, a veth pair to the host, routed by the host ----------------
sysctl -qw net.ipv4.ip_forward=1
# The recruiter's host is .3: nginx's hash of client addresses then sends the recruiter and the
# candidate to different processes, so every interview here spans two processes.
declare -A HOST_ADDRESS=(["$SRV"]=2 ["$CAND"]=2 ["$REC"]=3)
host_index=1
for ns in "$SRV" "$CAND" "$REC"; do
  address="10.$N.$host_index.${HOST_ADDRESS[$ns]}"
  ip netns add "$ns"
  ip link add "$ns-h" type veth peer name "$ns-n"
  ip link set "$ns-n" netns "$ns"
  ip addr add "10.$N.$host_index.1/24" dev "$ns-h"
  ip link set "$ns-h" up
  ip -n "$ns" addr add "$address/24" dev "$ns-n"
  ip -n "$ns" link set "$ns-n" up
  ip -n "$ns" link set lo up
  ip -n "$ns" route add default via "10.$N.$host_index.1"
  iptables -I FORWARD -s "10.$N.$host_index.0/24" -j ACCEPT
  iptables -I FORWARD -d "10.$N.$host_index.0/24" -j ACCEPT
  mkdir -p "/etc/netns/$ns"
  printf '127.0.0.1 localhost\n%s crossfair.test\n%s turn.crossfair.test\n' "$APP_IP" "$TURN_IP" \
    >"/etc/netns/$ns/hosts"
  host_index=$((host_index + 1))
done
ip -n "$SRV" addr add "$TURN_IP/24" dev "$SRV-n"
# The candidate's network lets only HTTPS out (loopback aside): a guest network that blocks UDP
# and every other TCP port, so media gets through only as TURN over TLS on 443.
# `firewall.sh <state-dir> open|https-only` switches it.
bash "$HERE/firewall.sh" "$STATE" https-only
in_srv() { ip netns exec "$SRV" "$@"; }

# ---- a certificate for the app and the TURN server ------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=crossfair.test" \
  -addext "subjectAltName=DNS:crossfair.test,DNS:turn.crossfair.test,IP:$APP_IP,IP:$TURN_IP" \
  -keyout "$STATE/tls.key" -out "$STATE/tls.crt" 2>/dev/null
chmod 644 "$STATE/tls.key"

# ---- PostgreSQL and Redis (AOF), on the server host's loopback -------------------------------
mkdir -p "$STATE/pg" "$STATE/pg-run" "$STATE/redis"
chown postgres "$STATE/pg" "$STATE/pg-run"
runuser -u postgres -- "$PG_BIN/initdb" -D "$STATE/pg" -A trust -U postgres >"$STATE/pg-init.log"
in_srv runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$STATE/pg" -l "$STATE/pg-run/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=5432 -k $STATE/pg-run" start >/dev/null
in_srv redis-server --bind 127.0.0.1 --port 6379 --appendonly yes --dir "$STATE/redis" \
  --daemonize yes --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log"

# ---- coturn: TURN over UDP/TCP on 3478 and over TLS on 443, time-limited credentials ---------
TURN_SECRET="$(openssl rand -hex 24)"
echo "$TURN_SECRET" >"$STATE/turn-secret"
in_srv turnserver -c /dev/null --log-file="$STATE/turn.log" --simple-log --verbose \
  --listening-ip="$TURN_IP" --relay-ip="$TURN_IP" --listening-port=3478 --tls-listening-port=443 \
  --cert="$STATE/tls.crt" --pkey="$STATE/tls.key" --use-auth-secret \
  --static-auth-secret="$TURN_SECRET" --realm=crossfair.test --no-cli --no-dtls \
  --min-port=49160 --max-port=49260 >"$STATE/turn.out" 2>&1 &
echo $! >"$STATE/turn.pid"

# ---- two Crossfair processes sharing PostgreSQL and Redis ------------------------------------
# Each process gets a start script in the state dir, so restart-app.sh can start it again.
start_app() {
  local name="$1" port="$2" media_min="$3" seed="$4"
  cat >"$STATE/$name.start" <<START
#!/usr/bin/env bash
cd "$REPO/server"
exec ip netns exec "$SRV" env NODE_ENV=production HOST=127.0.0.1 PORT="$port" LOG_LEVEL=info \\
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres" REDIS_URL="redis://127.0.0.1:6379" \\
  SEED_DEMO="$seed" DATA_DIR="$STATE/$name-data" CLIENT_DIST="$REPO/client/dist" \\
  MEDIA_WORKERS="${TOPOLOGY_MEDIA_WORKERS:-1}" MEDIA_LISTEN_IP="$APP_IP" \\
  MEDIA_PORT_MIN="$media_min" MEDIA_PORT_MAX="$((media_min + 9))" TRUST_PROXY=127.0.0.1 \\
  TURN_URLS="turn:$TURN_IP:3478?transport=udp,turn:$TURN_IP:3478?transport=tcp,turns:turn.crossfair.test:443?transport=tcp" \\
  TURN_SECRET="$TURN_SECRET" TURN_RELAY_ONLY="${TOPOLOGY_RELAY_ONLY:-false}" \\
  SESSION_HEARTBEAT_MS="${TOPOLOGY_HEARTBEAT_MS:-1000}" SHUTDOWN_DRAIN_SECONDS=5 \\
  SIGN_IN_PER_MINUTE=1000 "$(command -v node)" --import tsx src/main.ts
START
  chmod +x "$STATE/$name.start"
  "$STATE/$name.start" >>"$STATE/$name.log" 2>&1 &
  echo $! >"$STATE/$name.pid"
}
wait_ready() {
  local name="$1" port="$2"
  for _ in $(seq 1 240); do
    if in_srv bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then return 0; fi
    kill -0 "$(cat "$STATE/$name.pid")" 2>/dev/null || fail "$name exited: $(tail -5 "$STATE/$name.log")"
    sleep 0.25
  done
  fail "$name did not listen on $port"
}
start_app app-1 3001 40000 true
wait_ready app-1 3001 # the first one migrates and seeds; the second starts on a ready database
start_app app-2 3002 40010 false
wait_ready app-2 3002

# ---- nginx: TLS on 443, both processes behind it ---------------------------------------------
mkdir -p "$STATE/nginx-tmp" && chmod 777 "$STATE/nginx-tmp"
sed -e "s#@STATE@#$STATE#g" -e "s#@APP_IP@#$APP_IP#g" "$HERE/nginx.conf" >"$STATE/nginx.conf"
in_srv nginx -c "$STATE/nginx.conf" -p "$STATE" -e "$STATE/nginx-error.log"

cat >"$STATE/env" <<EOF
TOPOLOGY_URL=https://crossfair.test
TOPOLOGY_APP_IP=$APP_IP
TOPOLOGY_TURN_IP=$TURN_IP
TOPOLOGY_SERVER_NS=$SRV
TOPOLOGY_CANDIDATE_NS=$CAND
TOPOLOGY_RECRUITER_NS=$REC
TOPOLOGY_CANDIDATE_IP=10.$N.2.${HOST_ADDRESS[$CAND]}
TOPOLOGY_RECRUITER_IP=10.$N.3.${HOST_ADDRESS[$REC]}
TOPOLOGY_STATE=$STATE
EOF
log "up: https://crossfair.test (from $CAND or $REC), state in $STATE"
echo "$STATE"
