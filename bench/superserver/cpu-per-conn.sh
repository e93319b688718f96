#!/usr/bin/env bash
# CPU time per connection of super-servers, interleaved A/B (the measure for decisions on a
# shared machine: wall-clock rates swing with other load, a server's own CPU time much less).
#
#   bench/superserver/cpu-per-conn.sh                 # jwrap: cat, tcpd-cat, -l cat, daytime, echo
#   WITH_INETD=1 bench/superserver/cpu-per-conn.sh    # + openbsd-inetd's daytime/echo/cat rows
#   REPS=5 N=2000 C=1 bench/superserver/cpu-per-conn.sh
#
# For each rep and each row: N connections with the shared harness's loadgen at concurrency C,
# and Δ(utime+stime) of the server process from /proc/PID/stat (its own CPU: accept, check,
# log, spawn; not the spawned children's) divided by N. Rows are interleaved, so drift of the
# machine hits all alike. Prints one line per row: median, min, max µs per connection.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/jwrap-candidate.sh"
[ "${SKIP_BUILD:-0}" = 1 ] || jwrap_build
REPS=${REPS:-5} N=${N:-2000} N_INTERNAL=${N_INTERNAL:-10000} C=${C:-1} WITH_INETD=${WITH_INETD:-0}
# a JVM compiles a per-connection path with C2 only after thousands of connections: WARMUP
# connections per row first (0: measure the start-up phase, JIT compiles included)
WARMUP=${WARMUP:-10000}
LG=${WORK:-/tmp/tcpw-bench}/loadgen
gcc -O2 -Wall -o "$LG" "$SHARED_BENCH/superserver/loadgen.c"
tick=$(getconf CLK_TCK)

jwrap_services "$JW_WORK/services" daytime=19013 echo=19007
printf '127.0.0.1:\n%s\n%s\n%s\n%s\n' 'daytime	stream	tcp4	nowait.1000000	root	internal' \
    'echo	stream	tcp4	nowait.1000000	root	internal' '19100	stream	tcp4	nowait.1000000	root	/bin/cat	cat' \
    '19101	stream	tcp4	nowait.1000000	root	/usr/sbin/tcpd	/bin/cat' > "$JW_WORK/cpu.conf"
printf '127.0.0.1:\n19200\tstream\ttcp4\tnowait.1000000\troot\t/bin/cat\tcat\n' > "$JW_WORK/cpu-l.conf"

pids=()
stop() { local p; for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
         for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
trap stop EXIT
start() { # name command -> pid in $started
    bash -c "exec $2" > "$JW_WORK/$1.out" 2>&1 &
    started=$!; pids+=("$started")
}
start jwrap "$(jwrap_command "$JW_WORK/cpu.conf" "$JW_WORK/services")"; jw=$started
start jwrap-l "$(jwrap_command "$JW_WORK/cpu-l.conf" "$JW_WORK/services" -l)"; jwl=$started
rows=("jwrap daytime $jw 19013 read $N_INTERNAL" "jwrap echo $jw 19007 echo $N_INTERNAL"
      "jwrap cat $jw 19100 echo $N" "jwrap tcpd-cat $jw 19101 echo $N" "jwrap cat-l $jwl 19200 echo $N")
ports="19013 19007 19100 19101 19200"
if [ "$WITH_INETD" = 1 ]; then
    sed -E 's/^(echo\s+)7\//\117007\//; s/^(daytime\s+)13\//\117013\//' /etc/services > "$JW_WORK/inetd-services"
    printf '127.0.0.1:\n%s\n%s\n%s\n' 'daytime	stream	tcp4	nowait.1000000	root	internal' \
        'echo	stream	tcp4	nowait.1000000	root	internal' '17100	stream	tcp4	nowait.1000000	root	/bin/cat	cat' \
        > "$JW_WORK/inetd-cpu.conf"
    start inetd "unshare -m sh -c \"mount --bind '$JW_WORK/inetd-services' /etc/services && mount -t tmpfs tmpfs /run && exec /usr/sbin/inetd -i '$JW_WORK/inetd-cpu.conf'\""
    sleep 0.2  # unshare forks nothing: exec chain keeps the pid
    rows+=("inetd daytime $started 17013 read $N_INTERNAL" "inetd echo $started 17007 echo $N_INTERNAL"
           "inetd cat $started 17100 echo $N")
    ports+=" 17013 17007 17100"
fi
for i in $(seq 1 300); do
    missing=0; for p in $ports; do ss -Hltn "sport = :$p" | grep -q LISTEN || missing=1; done
    [ $missing = 0 ] && break; sleep 0.1
done
[ $missing = 0 ] || { echo "servers did not listen" >&2; exit 1; }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for r in "${rows[@]}"; do set -- $r; [ "$WARMUP" = 0 ] || "$LG" -p "$4" -m "$5" -c "$C" -n "$WARMUP" -T 120 > /dev/null; done
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') REPS=$REPS N=$N N_INTERNAL=$N_INTERNAL C=$C WARMUP=$WARMUP; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A samples
for rep in $(seq 1 "$REPS"); do
    for r in "${rows[@]}"; do
        set -- $r
        before=$(cpu "$3"); out=$("$LG" -p "$4" -m "$5" -c "$C" -n "$6" -T 60); after=$(cpu "$3")
        us=$(( (after - before) * 1000000 / tick / $6 ))
        samples["$1 $2"]+="$us "
        echo "rep $rep $1 $2: $us µs/conn ($out)" >&2
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-9s %8s %8s %8s   (server CPU µs per connection, %s reps)\n' server row median min max "$REPS"
for r in "${rows[@]}"; do
    set -- $r
    tr ' ' '\n' <<<"${samples["$1 $2"]}" | grep . | sort -n | awk -v s="$1" -v l="$2" \
        '{v[NR]=$1} END {printf "%-8s %-9s %8d %8d %8d\n", s, l, v[int((NR+1)/2)], v[1], v[NR]}'
done
