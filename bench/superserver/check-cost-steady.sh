#!/bin/bash
# The cost of `-l` (the in-process hosts.allow/deny check and its log line) in steady state:
# two jwrap inetd JVMs serve the same /bin/cat line, one with -l and one without; after WARM
# connections each (the JIT has settled), PAIRS interleaved runs of N connections at each
# concurrency alternate between them, and the medians are compared. The harness rows of
# run-jwrap.sh use 3 short runs per server, which still include each JVM's warm-up.
#   bench/superserver/check-cost-steady.sh            # WARM=6000 PAIRS=6 N=2000 CONCS="1 8"
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/jwrap-candidate.sh"
WARM=${WARM:-6000} PAIRS=${PAIRS:-6} N=${N:-2000} CONCS=${CONCS:-"1 8"}
[ "${SKIP_BUILD:-0}" = 1 ] || jwrap_build
gcc -O2 -o "$JW_WORK/loadgen" "$SHARED_BENCH/superserver/loadgen.c" -lpthread
printf 'ALL: ALL\n' > "$JW_WORK/steady.allow"
: > "$JW_WORK/steady.deny"
printf 'cat-checked 29200/tcp\ncat-plain 29300/tcp\n' > "$JW_WORK/steady.services"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for port in 29200 29300; do
    printf '127.0.0.1:\n%s\tstream\ttcp4\tnowait.1000000\troot\t/bin/cat\tcat\n' "$port" > "$JW_WORK/steady-$port.conf"
    flags=""
    [ "$port" = 29200 ] && flags="-l"
    JWRAP_NO_BUILD=1 "$repo/jwrap" inetd -i $flags --allow "$JW_WORK/steady.allow" --deny "$JW_WORK/steady.deny" \
        --services "$JW_WORK/steady.services" "$JW_WORK/steady-$port.conf" > "$JW_WORK/steady-$port.log" 2>&1 &
    pids+=($!)
done
for port in 29200 29300; do
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    "$JW_WORK/loadgen" -p "$port" -c 8 -n "$WARM" -m echo > /dev/null
done
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg); WARM=$WARM PAIRS=$PAIRS N=$N"
for c in $CONCS; do
    checked=() plain=()
    for _ in $(seq 1 "$PAIRS"); do
        checked+=("$("$JW_WORK/loadgen" -p 29200 -c "$c" -n "$N" -m echo | tail -1 | sed -E 's/.*cps=([0-9.]+).*/\1/')")
        plain+=("$("$JW_WORK/loadgen" -p 29300 -c "$c" -n "$N" -m echo | tail -1 | sed -E 's/.*cps=([0-9.]+).*/\1/')")
    done
    median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
    mc=$(median "${checked[@]}") mp=$(median "${plain[@]}")
    printf 'c=%s  -l %s cps  unchecked %s cps  cost %s %%   (runs: -l %s | unchecked %s)\n' "$c" "$mc" "$mp" \
        "$(awk -v a="$mc" -v b="$mp" 'BEGIN {printf "%.1f", (b - a) / b * 100}')" "${checked[*]}" "${plain[*]}"
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
