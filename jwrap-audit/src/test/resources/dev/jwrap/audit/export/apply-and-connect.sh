#!/bin/sh
# Runs inside `unshare -n`: a private network namespace with only a loopback interface, so the
# ruleset touches nothing of the host. Loads the ruleset $1, listens on the ports $2..., then for
# every "SOURCE:PORT" in $PROBES prints "SOURCE:PORT open" or "SOURCE:PORT closed".
set -u
rules=$1; shift
ip link set lo up || exit 3
nft -f "$rules" || exit 4
pids=""
for port in "$@"; do
  nc -lk 127.0.0.1 "$port" >/dev/null 2>&1 &
  pids="$pids $!"
done
trap 'kill $pids 2>/dev/null' EXIT
# wait (bounded) until every listener is in LISTEN state
tries=0
for port in "$@"; do
  until ss -Hltn "sport = :$port" | grep -q LISTEN; do
    tries=$((tries + 1))
    [ "$tries" -gt 500 ] && { echo "listener $port never came up"; exit 5; }
    sleep 0.01
  done
done
for probe in $PROBES; do
  src=${probe%:*}; port=${probe#*:}
  if nc -z -w 3 -s "$src" 127.0.0.1 "$port" 2>/dev/null; then
    echo "$probe open"
  else
    echo "$probe closed"
  fi
done
nft list chain inet jwrap input_jwrap >/dev/null || exit 6
