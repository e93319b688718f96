#!/bin/bash
# jwrap guard vs socat vs haproxy, side by side in one run on loopback: each relays to the same
# backend (bench/guard/relaybench.c), and the runs are interleaved (for each repeat, for each
# relay) so drift of the machine hits all alike.
#
#   ./run_guard.sh                       # REPS=3 BYTES=1073741824 N1=3000 N8=12000 WARM=20000
#
# Measures
#   throughput: one connection, BYTES sent through the relay to a sink that counts them (MB/s)
#   conn rate : short connections through the relay to an echo backend, loadgen -m echo at c=1
#               and c=8 (connections per second, p50/p99 latency), bounded by count and time, and
#               the relay's CPU time per connection over the same run (/proc/PID/stat)
# Relays
#   jwrap   : java -jar jwrap.jar guard (empty hosts tables: every connection is checked and
#             granted, one "connect from" line per connection to /dev/log as tcpd would log)
#   socat   : socat TCP-LISTEN:PORT,fork,reuseaddr TCP:backend   (one process per connection)
#   haproxy : haproxy -db, mode tcp, default threads
# Needs: gcc, socat, haproxy, a JDK 25 (JAVA) and jwrap-cli/target/jwrap.jar (./mvnw package).
# Every process is a child of this script, stopped by its PID and waited for.
# Output: a table on stdout and in $RESULTS_DIR/guard.txt (default bench/guard/results).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
W=${WORK:-/tmp/guard-bench}
RESULTS_DIR=${RESULTS_DIR:-$HERE/results}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$ROOT/jwrap-cli/target/jwrap.jar}
LOADGEN_SRC=${LOADGEN_SRC:-/work/shared/bench/superserver/loadgen.c}
REPS=${REPS:-3}
BYTES=${BYTES:-1073741824}
N1=${N1:-3000}
N8=${N8:-12000}
TMAX=${TMAX:-30}
WARM=${WARM:-20000}
ECHO_PORT=19500 SINK_PORT=19501
declare -A PORT=([jwrap]=19510 [socat]=19520 [haproxy]=19530)
declare -A SINKPORT=([jwrap]=19511 [socat]=19521 [haproxy]=19531)
RELAYS=(jwrap socat haproxy)
declare -A RELAY_PID=()
. "$HERE/lib.sh"

# CPU time of a relay in microseconds: utime + stime of the process and all its threads, plus
# that of its reaped children (socat forks one per connection); fields 14-17 of /proc/PID/stat
cpu_us() { awk -v tick="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15 + $16 + $17) * 1000000 / tick }' "/proc/$1/stat"; }

# one loadgen run against a relay, its result line with cpu_us_per_conn= (the relay's CPU time
# over the run divided by the connections completed) appended
conn_run() {
    local relay=$1 c=$2 n=$3 before after result ok
    before=$(cpu_us "${RELAY_PID[$relay]}")
    result=$("$W/loadgen" -p "${PORT[$relay]}" -m echo -c "$c" -n "$n" -T "$TMAX")
    after=$(cpu_us "${RELAY_PID[$relay]}")
    ok=$(sed -n 's/.*\bok=\([0-9]*\).*/\1/p' <<<"$result")
    echo "$result cpu_us_per_conn=$(( (after - before) / (${ok:-0} > 0 ? ok : 1) ))"
}

haproxy_config "listen sink
    bind 127.0.0.1:${SINKPORT[haproxy]}
    server backend 127.0.0.1:$SINK_PORT"

start "$W/relaybench" echo $ECHO_PORT
start "$W/relaybench" sink $SINK_PORT
start "$JAVA" --enable-native-access=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED ${JWRAP_JAVA_OPTS:-} \
    -jar "$JAR" guard --allow "$W/hosts.allow" --deny "$W/hosts.deny" --per-source 0 --max-connections 0 \
    --listen 127.0.0.1:${PORT[jwrap]} --to 127.0.0.1:$ECHO_PORT --daemon echo \
    --listen 127.0.0.1:${SINKPORT[jwrap]} --to 127.0.0.1:$SINK_PORT --daemon sink
RELAY_PID[jwrap]=$!
start socat TCP-LISTEN:${PORT[socat]},bind=127.0.0.1,fork,reuseaddr,backlog=1024 TCP:127.0.0.1:$ECHO_PORT
RELAY_PID[socat]=$!
start socat TCP-LISTEN:${SINKPORT[socat]},bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:$SINK_PORT
start haproxy -db -f "$W/haproxy.cfg"
RELAY_PID[haproxy]=$!
for p in $ECHO_PORT $SINK_PORT "${PORT[@]}" "${SINKPORT[@]}"; do wait_port "$p"; done

# the JIT compiles the relay during the first connections: one unrecorded round for everyone.
# WARM connections: jwrap's CPU per connection is still falling after 3000 (C2 compiling the
# per-connection path, its compiler threads counted in the process) and steady after ~20000
for r in "${RELAYS[@]}"; do
    "$W/loadgen" -p "${PORT[$r]}" -m echo -c 8 -n "$WARM" -T "$TMAX" >/dev/null
    "$W/relaybench" send "${SINKPORT[$r]}" $((BYTES / 4)) >/dev/null
done

RAW="$RESULTS_DIR/guard-raw.tsv"
printf 'rep\trelay\ttest\tresult\n' >"$RAW"
for rep in $(seq 1 "$REPS"); do
    for r in "${RELAYS[@]}"; do
        printf '%s\t%s\tthroughput\t%s\n' "$rep" "$r" "$("$W/relaybench" send "${SINKPORT[$r]}" "$BYTES")" >>"$RAW"
        printf '%s\t%s\tc1\t%s\n' "$rep" "$r" "$(conn_run "$r" 1 "$N1")" >>"$RAW"
        printf '%s\t%s\tc8\t%s\n' "$rep" "$r" "$(conn_run "$r" 8 "$N8")" >>"$RAW"
    done
done

python3 - "$RAW" "$BYTES" "$N1" "$N8" <<'PY' | tee "$RESULTS_DIR/guard.txt"
import sys, statistics, collections
raw, size, n1, n8 = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = collections.defaultdict(list)
for line in open(raw).read().splitlines()[1:]:
    rep, relay, test, result = line.split('\t', 3)
    kv = dict(p.split('=', 1) for p in result.split())
    rows[(relay, test)].append(kv)
def med(relay, test, key):
    vals = [float(kv[key]) for kv in rows[(relay, test)] if key in kv]
    return statistics.median(vals) if vals else float('nan')
def errors(relay, test):
    keys = ('refused', 'reset', 'timeout', 'other', 'bad', 'unfinished')
    return sum(int(kv.get(k, 0)) for kv in rows[(relay, test)] for k in keys)
relays = ['jwrap', 'socat', 'haproxy']
print(f"guard relay benchmark: medians of {len(rows[('jwrap', 'c1')])} interleaved runs; "
      f"throughput = {size} bytes through one connection; conn rate = loadgen -m echo, n={n1} (c=1) / n={n8} (c=8)")
print(f"{'relay':8} {'MB/s':>8} {'c1 cps':>8} {'c1 p50':>7} {'c1 p99':>7} {'c8 cps':>8} {'c8 p50':>7} {'c8 p99':>7} "
      f"{'c1 cpu':>7} {'c8 cpu':>7} {'errors':>6}")
for r in relays:
    print(f"{r:8} {med(r,'throughput','mbps'):8.0f} {med(r,'c1','cps'):8.0f} {med(r,'c1','p50_ms'):7.2f} "
          f"{med(r,'c1','p99_ms'):7.2f} {med(r,'c8','cps'):8.0f} {med(r,'c8','p50_ms'):7.2f} "
          f"{med(r,'c8','p99_ms'):7.2f} {med(r,'c1','cpu_us_per_conn'):7.0f} {med(r,'c8','cpu_us_per_conn'):7.0f} "
          f"{errors(r,'c1') + errors(r,'c8'):6d}")
print("cpu = the relay's CPU time per connection in microseconds (utime+stime of its process, threads and "
      "reaped children)")
j = lambda t, k: med('jwrap', t, k)
print(f"ratios jwrap/socat  : throughput {j('throughput','mbps')/med('socat','throughput','mbps'):.2f}, "
      f"c1 {j('c1','cps')/med('socat','c1','cps'):.2f}, c8 {j('c8','cps')/med('socat','c8','cps'):.2f}")
print(f"ratios jwrap/haproxy: throughput {j('throughput','mbps')/med('haproxy','throughput','mbps'):.2f}, "
      f"c1 {j('c1','cps')/med('haproxy','c1','cps'):.2f}, c8 {j('c8','cps')/med('haproxy','c8','cps'):.2f}; "
      f"cpu per connection c1 {j('c1','cpu_us_per_conn')/med('haproxy','c1','cpu_us_per_conn'):.2f}, "
      f"c8 {j('c8','cpu_us_per_conn')/med('haproxy','c8','cpu_us_per_conn'):.2f}")
PY
