#!/bin/bash
# CPU time per relayed connection: jwrap guard against haproxy (and, with JAR_B, a second jwrap
# jar for an A/B), relaying the same short echo connections on loopback. The figure is the
# relay process's utime+stime (/proc/PID/stat, all threads) over a fixed count of connections,
# which survives a machine loaded by other work far better than connections per second does.
# Runs are interleaved (for each repeat, for each relay) after one unrecorded warm-up round of
# WARM connections.
#
#   bench/guard/cpu_per_conn.sh                     # REPS=5 N=4000 C=8
#   JAR_B=/tmp/old/jwrap.jar bench/guard/cpu_per_conn.sh   # adds relay "jwrapB" (A/B of two builds)
#   JAR_B=$PWD/jwrap-cli/target/jwrap.jar JAVA_OPTS_B=-Dx=y ...   # A/B of JVM options (JWRAP_JAVA_OPTS for A)
#
# Beside the relay's CPU, each run records that of the echo backend and of loadgen over the same
# connections (backend_us, loadgen_us): the kernel does part of one socket's work in the context of
# whichever process happens to send the packet that triggers it (a wake-up, an ACK piggy-backed on
# data), so work can move between the relay and its peers; at c=8 all three share the 2 CPUs, so
# their sum is what the connection rate follows.
#
# Output: per run "rep relay cpu_us_per_conn cps", then medians, on stdout and in
# $RESULTS_DIR/cpu_per_conn.txt. Needs gcc, haproxy, JDK 25 (JAVA), jwrap-cli/target/jwrap.jar.
# Every process is a child of this script, stopped by its PID and waited for.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
W=${WORK:-/tmp/guard-cpu-bench}
RESULTS_DIR=${RESULTS_DIR:-$HERE/results}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$ROOT/jwrap-cli/target/jwrap.jar}
JAR_B=${JAR_B:-}
LOADGEN_SRC=${LOADGEN_SRC:-/work/shared/bench/superserver/loadgen.c}
REPS=${REPS:-5}
N=${N:-4000}
C=${C:-8}
TMAX=${TMAX:-60}
WARM=${WARM:-20000}   # unrecorded connections first: the JIT's compiler threads count in the process's CPU
ECHO_PORT=19600
declare -A PORT=([jwrap]=19610 [jwrapB]=19620 [haproxy]=19630)
declare -A PID=()
RELAYS=(jwrap haproxy)
[[ -n $JAR_B ]] && RELAYS=(jwrap jwrapB haproxy)
TICK_US=$((1000000 / $(getconf CLK_TCK)))

. "$HERE/lib.sh"

# utime + stime of a process and all its threads, in clock ticks (fields 14 and 15; the command
# name in field 2 has no spaces here)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# CHILDREN_US := CPU time of this shell's reaped children (the loadgen runs) in microseconds, from the
# second line of `times`; not in a $(...), whose subshell would have no children of its own
children_us() {
    times >"$W/times.txt"
    CHILDREN_US=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } printf "%d", t * 1000000 }' "$W/times.txt")
}
# voluntary + involuntary context switches of all its threads: each hand-off between threads
# (and each wait) shows here, and the count does not depend on how loaded the machine is
ctx_switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { s += $2 } END { print s }'; }

haproxy_config

start_jwrap() {
    local name=$1 jar=$2 opts=$3
    start "$JAVA" --enable-native-access=ALL-UNNAMED $opts -jar "$jar" guard \
        --allow "$W/hosts.allow" --deny "$W/hosts.deny" --per-source 0 --max-connections 0 \
        --listen 127.0.0.1:${PORT[$name]} --to 127.0.0.1:$ECHO_PORT --daemon echo
    PID[$name]=$!
}

start "$W/relaybench" echo $ECHO_PORT
ECHO_PID=$!
start_jwrap jwrap "$JAR" "${JWRAP_JAVA_OPTS:-}"
[[ -n $JAR_B ]] && start_jwrap jwrapB "$JAR_B" "${JAVA_OPTS_B:-${JWRAP_JAVA_OPTS:-}}"
start haproxy -db -f "$W/haproxy.cfg"
PID[haproxy]=$!
wait_port $ECHO_PORT
for r in "${RELAYS[@]}"; do wait_port "${PORT[$r]}"; done

for r in "${RELAYS[@]}"; do
    "$W/loadgen" -p "${PORT[$r]}" -m echo -c "$C" -n "$WARM" -T "$TMAX" >/dev/null
done

OUT="$RESULTS_DIR/cpu_per_conn.txt"
{
    echo "cpu per connection: loadgen -m echo -c $C -n $N, $REPS interleaved runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    for rep in $(seq 1 "$REPS"); do
        for r in "${RELAYS[@]}"; do
            before=$(cpu_ticks "${PID[$r]}") switches_before=$(ctx_switches "${PID[$r]}")
            children_us
            backend_before=$(cpu_ticks "$ECHO_PID") loadgen_before=$CHILDREN_US
            "$W/loadgen" -p "${PORT[$r]}" -m echo -c "$C" -n "$N" -T "$TMAX" >"$W/loadgen.out"
            result=$(cat "$W/loadgen.out")
            after=$(cpu_ticks "${PID[$r]}") switches_after=$(ctx_switches "${PID[$r]}")
            children_us
            backend_after=$(cpu_ticks "$ECHO_PID") loadgen_after=$CHILDREN_US
            ok=$(sed -n 's/.*\bok=\([0-9]*\).*/\1/p' <<<"$result")
            cps=$(sed -n 's/.*\bcps=\([0-9.]*\).*/\1/p' <<<"$result")
            errs=$(awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] ~ /^(refused|reset|timeout|other|bad)$/) e += kv[2] } } END { print e + 0 }' <<<"$result")
            n=$((ok > 0 ? ok : 1))
            printf 'run %s %-8s cpu_us_per_conn=%s ctxsw_per_conn=%s cps=%s errors=%s backend_us=%s loadgen_us=%s\n' "$rep" "$r" \
                "$(( (after - before) * TICK_US / n ))" \
                "$(awk -v d=$((switches_after - switches_before)) -v n="$ok" 'BEGIN { printf "%.2f", d / (n > 0 ? n : 1) }')" \
                "$cps" "$errs" "$(( (backend_after - backend_before) * TICK_US / n ))" \
                "$(( (loadgen_after - loadgen_before) / n ))"
        done
    done
} | tee "$W/runs.txt"
python3 - "$W/runs.txt" <<'PY' | tee -a "$W/runs.txt"
import sys, statistics, collections
cpu, cps, ctx, total = (collections.defaultdict(list) for _ in range(4))
for line in open(sys.argv[1]):
    if not line.startswith('run '):
        continue
    f = line.split()
    kv = dict(p.split('=') for p in f[3:])
    cpu[f[2]].append(int(kv['cpu_us_per_conn']))
    cps[f[2]].append(float(kv['cps']))
    ctx[f[2]].append(float(kv['ctxsw_per_conn']))
    total[f[2]].append(int(kv['cpu_us_per_conn']) + int(kv['backend_us']) + int(kv['loadgen_us']))
for r in cpu:
    print(f"median {r:8} cpu_us_per_conn={statistics.median(cpu[r]):.0f} "
          f"ctxsw_per_conn={statistics.median(ctx[r]):.2f} cps={statistics.median(cps[r]):.0f} "
          f"relay+backend+loadgen_us={statistics.median(total[r]):.0f}")
if 'haproxy' in cpu:
    h = statistics.median(cpu['haproxy'])
    for r in cpu:
        if r != 'haproxy':
            print(f"ratio cpu {r}/haproxy = {statistics.median(cpu[r]) / h:.2f}")
PY
cp "$W/runs.txt" "$OUT"
