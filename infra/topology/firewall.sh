#!/usr/bin/env bash
# The candidate network's firewall in a running topology:
#   firewall.sh <state-dir> https-only   # only TCP to port 443 gets out: TURN over TLS or nothing
#   firewall.sh <state-dir> open         # everything gets out (UDP media, ICE-TCP)
set -euo pipefail
STATE="${1:?usage: firewall.sh <state-dir> open|https-only}"
read -r _ CAND _ <"$STATE/namespaces"
in_cand() { ip netns exec "$CAND" "$@"; }
in_cand iptables -F OUTPUT
case "${2:?open or https-only}" in
  open) ;;
  https-only)
    in_cand iptables -A OUTPUT -o lo -j ACCEPT
    in_cand iptables -A OUTPUT -p tcp --dport 443 -j ACCEPT
    in_cand iptables -A OUTPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
    in_cand iptables -A OUTPUT -j DROP
    ;;
  *)
    echo "firewall.sh: open or https-only" >&2
    exit 2
    ;;
esac
