#!/bin/bash
# TCP segments per relayed connection, jwrap guard against haproxy, counted by direction and kind
# in a private network namespace (nothing else's traffic on its loopback): a data segment and a
# separate FIN, or both in one, and the pure ACKs the peers send back. Run as root:
#
#   bench/guard/segments.sh                  # JAR=jwrap-cli/target/jwrap.jar N=4000 C=8 WARM=20000
#   JAR=/tmp/old/jwrap.jar bench/guard/segments.sh
#
# Output: per relay, segments per connection for client->relay, relay->client, relay->backend and
# backend->relay, split into pure ACK / data / SYN / FIN alone / FIN with data, and the total.
# Needs unshare (util-linux), nft, gcc, haproxy, JDK 25. Every process lives in the namespace and
# is stopped by its PID (lib.sh).
set -uo pipefail
if [[ ${1:-} != --inside ]]; then
    exec unshare -n "$0" --inside
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
W=${WORK:-/tmp/guard-segments}
RESULTS_DIR=${RESULTS_DIR:-$HERE/results}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$ROOT/jwrap-cli/target/jwrap.jar}
LOADGEN_SRC=${LOADGEN_SRC:-/work/shared/bench/superserver/loadgen.c}
N=${N:-4000}
C=${C:-8}
WARM=${WARM:-20000}
ECHO_PORT=19700
declare -A PORT=([jwrap]=19701 [haproxy]=19702)
ip link set lo up
. "$HERE/lib.sh"
haproxy_config

start "$W/relaybench" echo $ECHO_PORT
start "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" guard --allow "$W/hosts.allow" --deny "$W/hosts.deny" \
    --per-source 0 --max-connections 0 --listen 127.0.0.1:${PORT[jwrap]} --to 127.0.0.1:$ECHO_PORT --daemon echo
start haproxy -db -f "$W/haproxy.cfg"
for p in $ECHO_PORT "${PORT[@]}"; do wait_port "$p"; done
for r in jwrap haproxy; do "$W/loadgen" -p "${PORT[$r]}" -m echo -c "$C" -n "$WARM" -T 60 >/dev/null; done

KINDS=("pure ACK|tcp flags & (syn|fin|rst) == 0 ip length 52" "data|tcp flags & (syn|fin|rst) == 0 ip length > 52"
    "SYN|tcp flags & syn == syn" "FIN alone|tcp flags & fin == fin ip length 52" "FIN with data|tcp flags & fin == fin ip length > 52"
    "RST|tcp flags & rst == rst")
OUT="$RESULTS_DIR/segments.txt"
{
    echo "TCP segments per relayed connection (loadgen -m echo -c $C -n $N after $WARM, private namespace; pure ACK = 52-byte IPv4 packet with timestamps)"
    for r in jwrap haproxy; do
        p=${PORT[$r]}
        declare -A SIDE=(["dport $p"]="client->relay" ["sport $p"]="relay->client" ["dport $ECHO_PORT"]="relay->backend" ["sport $ECHO_PORT"]="backend->relay")
        nft flush ruleset
        {
            echo "table ip segments {"
            echo "chain out { type filter hook output priority 0;"
            for d in "dport $p" "sport $p" "dport $ECHO_PORT" "sport $ECHO_PORT"; do
                for k in "${KINDS[@]}"; do echo "tcp $d ${k#*|} counter comment \"${SIDE[$d]}|${k%%|*}\""; done
            done
            echo "}"
            echo "}"
        } | nft -f - || exit 1
        "$W/loadgen" -p "$p" -m echo -c "$C" -n "$N" -T 60 >/dev/null
        echo "== $r"
        nft list ruleset | sed -n 's/.*packets \([0-9]*\) .*comment "\(.*\)".*/\1|\2/p' \
            | awk -F'|' -v n="$N" '{ printf "  %-15s %-14s %5.2f\n", $2, $3, $1 / n; t += $1 } END { printf "  total           %5.2f\n", t / n }'
    done
    nft flush ruleset
} | tee "$OUT"
