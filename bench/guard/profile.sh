#!/bin/bash
# Where a relayed connection's CPU time goes, jwrap guard against haproxy (c=8 echo connections
# after a warm-up): system calls per connection (strace -f -c over NS connections), then a
# perf profile over NP connections with each sample charged to the system call on its stack, or
# to the user-space part it ran in (JIT'd Java via jcmd Compiler.perfmap, libjvm, libc, ...).
# perf's own overhead inflates the microseconds of both relays alike; compare the shares.
#
#   bench/guard/profile.sh            # JAR=jwrap-cli/target/jwrap.jar WARM=25000 NS=2000 NP=8000
#
# Output: $RESULTS_DIR/profile.txt. Needs perf, strace, gcc, haproxy, JDK 25 (with jcmd); root.
# Every process is a child of this script, stopped by its PID (lib.sh).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
W=${WORK:-/tmp/guard-profile}
RESULTS_DIR=${RESULTS_DIR:-$HERE/results}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JCMD=${JCMD:-$(dirname "$JAVA")/jcmd}
JAR=${JAR:-$ROOT/jwrap-cli/target/jwrap.jar}
LOADGEN_SRC=${LOADGEN_SRC:-/work/shared/bench/superserver/loadgen.c}
WARM=${WARM:-25000}
NS=${NS:-2000}
NP=${NP:-8000}
ECHO_PORT=19640
declare -A PORT=([jwrap]=19641 [haproxy]=19642)
declare -A PID=()
. "$HERE/lib.sh"
haproxy_config

start "$W/relaybench" echo $ECHO_PORT
start "$JAVA" -XX:+PreserveFramePointer --enable-native-access=ALL-UNNAMED -jar "$JAR" guard \
    --allow "$W/hosts.allow" --deny "$W/hosts.deny" --per-source 0 --max-connections 0 \
    --listen 127.0.0.1:${PORT[jwrap]} --to 127.0.0.1:$ECHO_PORT --daemon echo
PID[jwrap]=$!
start haproxy -db -f "$W/haproxy.cfg"
PID[haproxy]=$!
for p in $ECHO_PORT "${PORT[@]}"; do wait_port "$p"; done

OUT="$RESULTS_DIR/profile.txt"
: >"$OUT"
for r in jwrap haproxy; do
    pid=${PID[$r]} port=${PORT[$r]}
    "$W/loadgen" -p "$port" -m echo -c 8 -n "$WARM" -T 120 >/dev/null
    strace -f -c -o "$W/strace-$r.txt" -p "$pid" 2>/dev/null &
    tracer=$!
    # strace attaches to each thread: wait until it reports the process as traced
    for _ in $(seq 50); do grep -q "^TracerPid:[[:space:]]*[1-9]" "/proc/$pid/status" && break; sleep 0.1; done
    "$W/loadgen" -p "$port" -m echo -c 8 -n "$NS" -T 120 >/dev/null
    kill -INT "$tracer"; wait "$tracer"
    [[ $r == jwrap ]] && "$JCMD" "$pid" Compiler.perfmap >/dev/null
    before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    perf record -q -F 2999 -g -o "$W/perf-$r.data" -p "$pid" -- "$W/loadgen" -p "$port" -m echo -c 8 -n "$NP" -T 120 >/dev/null 2>&1
    after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    [[ $r == jwrap ]] && "$JCMD" "$pid" Compiler.perfmap >/dev/null
    us=$(( (after - before) * 1000000 / $(getconf CLK_TCK) / NP ))
    {
        echo "== $r: system calls per connection (strace -f -c, $NS connections)"
        awk -v n="$NS" 'NR > 2 && $4 ~ /^[0-9]+$/ && $NF != "total" { printf "  %-16s %6.2f\n", $NF, $4 / n; t += $4 } END { printf "  %-16s %6.2f\n", "total", t / n }' "$W/strace-$r.txt" \
            | sort -k2 -nr | awk '$2 >= 0.01'
        echo "== $r: CPU per connection under perf: $us µs, by where the sample ran ($NP connections)"
        perf script -i "$W/perf-$r.data" 2>/dev/null | python3 "$HERE/profile_by_syscall.py" "$us"
    } | tee -a "$OUT"
done
