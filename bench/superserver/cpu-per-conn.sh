#!/usr/bin/env bash
# CPU time per connection of super-servers, interleaved A/B (the measure for decisions on a
# shared machine: wall-clock rates swing with other load, a server's own CPU time much less).
#
#   bench/superserver/cpu-per-conn.sh                  # jwrap: daytime, echo, cat, tcpd-cat, -l cat, solo cat
#   WITH_INETD=1 bench/superserver/cpu-per-conn.sh     # + openbsd-inetd's daytime/echo/cat rows
#   B_OPTS=-XX:TieredStopAtLevel=1 bench/superserver/cpu-per-conn.sh   # + the same jwrap rows with
#                                                      #   these JVM flags (jwrap-B), same run
#   REPS=5 N=2000 C=1 WARMUP=0 bench/superserver/cpu-per-conn.sh
#
# Each jwrap set is three JVMs started as run-jwrap.sh starts them: one serving daytime, echo,
# /bin/cat and `/usr/sbin/tcpd /bin/cat` (checked in-process), one with -l serving /bin/cat
# (row cat-l), and its control without -l serving /bin/cat (row cat-solo).
# For each rep and each row (row order rotated every rep): N connections (N_INTERNAL for the
# built-ins) with the shared harness's loadgen at concurrency C, and Δ(utime+stime) of the
# server process from /proc/PID/stat (its own CPU: accept, check, log, spawn, JIT, GC; not the
# spawned children's) divided by the connections. Prints per row the median, min and max µs per
# connection and the user/system split, then each JVM's JIT compile time (jstat).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/jwrap-candidate.sh"
[ "${SKIP_BUILD:-0}" = 1 ] || jwrap_build
REPS=${REPS:-5} N=${N:-2000} N_INTERNAL=${N_INTERNAL:-10000} C=${C:-1} WITH_INETD=${WITH_INETD:-0}
B_OPTS=${B_OPTS:-}
# the JIT compiles a per-connection path only after thousands of connections: WARMUP
# connections per row first (0: measure from the start, as the shared harness does)
WARMUP=${WARMUP:-0}
LG=${WORK:-/tmp/tcpw-bench}/loadgen
gcc -O2 -Wall -o "$LG" "$SHARED_BENCH/superserver/loadgen.c"
tick=$(getconf CLK_TCK)

pids=()
stop() { local p; for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
         for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
trap stop EXIT
start() { # name command -> pid in $started
    bash -c "exec $2" > "$JW_WORK/$1.out" 2>&1 &
    started=$!; pids+=("$started")
}
rows=() ports="" jvms=()
jwrap_set() { # name base-port jvm-flags
    local name=$1 b=$2 saved=${JWRAP_JAVA_OPTS:-}
    jwrap_services "$JW_WORK/$name-services" daytime=$((b + 13)) echo=$((b + 7))
    printf '127.0.0.1:\n%s\n%s\n%s\n%s\n' 'daytime	stream	tcp4	nowait.1000000	root	internal' \
        'echo	stream	tcp4	nowait.1000000	root	internal' \
        "$((b + 100))	stream	tcp4	nowait.1000000	root	/bin/cat	cat" \
        "$((b + 101))	stream	tcp4	nowait.1000000	root	/usr/sbin/tcpd	/bin/cat" > "$JW_WORK/$name.conf"
    printf '127.0.0.1:\n%s\tstream\ttcp4\tnowait.1000000\troot\t/bin/cat\tcat\n' $((b + 200)) > "$JW_WORK/$name-l.conf"
    printf '127.0.0.1:\n%s\tstream\ttcp4\tnowait.1000000\troot\t/bin/cat\tcat\n' $((b + 300)) > "$JW_WORK/$name-solo.conf"
    export JWRAP_JAVA_OPTS="$saved $3"
    start "$name" "$(jwrap_command "$JW_WORK/$name.conf" "$JW_WORK/$name-services")"; local main=$started
    start "$name-l" "$(jwrap_command "$JW_WORK/$name-l.conf" "$JW_WORK/$name-services" -l)"; local l=$started
    start "$name-solo" "$(jwrap_command "$JW_WORK/$name-solo.conf" "$JW_WORK/$name-services")"; local solo=$started
    export JWRAP_JAVA_OPTS="$saved"
    rows+=("$name daytime $main $((b + 13)) read $N_INTERNAL" "$name echo $main $((b + 7)) echo $N_INTERNAL"
           "$name cat $main $((b + 100)) echo $N" "$name tcpd-cat $main $((b + 101)) echo $N"
           "$name cat-l $l $((b + 200)) echo $N" "$name cat-solo $solo $((b + 300)) echo $N")
    ports+=" $((b + 13)) $((b + 7)) $((b + 100)) $((b + 101)) $((b + 200)) $((b + 300))"
    jvms+=("$name:$main" "$name-l:$l" "$name-solo:$solo")
}
jwrap_set jwrap 19000 ""
[ -z "$B_OPTS" ] || jwrap_set jwrap-B 20000 "$B_OPTS"
if [ "$WITH_INETD" = 1 ]; then
    sed -E 's/^(echo\s+)7\//\117007\//; s/^(daytime\s+)13\//\117013\//' /etc/services > "$JW_WORK/inetd-services"
    printf '127.0.0.1:\n%s\n%s\n%s\n' 'daytime	stream	tcp4	nowait.1000000	root	internal' \
        'echo	stream	tcp4	nowait.1000000	root	internal' '17100	stream	tcp4	nowait.1000000	root	/bin/cat	cat' \
        > "$JW_WORK/inetd-cpu.conf"
    # unshare and sh exec into inetd: the pid stays inetd's
    start inetd "unshare -m sh -c \"mount --bind '$JW_WORK/inetd-services' /etc/services && mount -t tmpfs tmpfs /run && exec /usr/sbin/inetd -i '$JW_WORK/inetd-cpu.conf'\""
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
usr() { awk '{print $14}' "/proc/$1/stat"; }
for r in "${rows[@]}"; do set -- $r; [ "$WARMUP" = 0 ] || "$LG" -p "$4" -m "$5" -c "$C" -n "$WARMUP" -T 120 > /dev/null; done
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') REPS=$REPS N=$N N_INTERNAL=$N_INTERNAL C=$C WARMUP=$WARMUP B_OPTS=$B_OPTS; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A samples user
count=${#rows[@]}
for rep in $(seq 1 "$REPS"); do
    for k in $(seq 0 $((count - 1))); do
        set -- ${rows[$(( (k + rep - 1) % count ))]}
        before=$(cpu "$3"); ubefore=$(usr "$3")
        out=$("$LG" -p "$4" -m "$5" -c "$C" -n "$6" -T 60)
        after=$(cpu "$3"); uafter=$(usr "$3")
        us=$(( (after - before) * 1000000 / tick / $6 ))
        samples["$1 $2"]+="$us "
        user["$1 $2"]=$(( ${user["$1 $2"]:-0} + uafter - ubefore )); user["$1 $2 all"]=$(( ${user["$1 $2 all"]:-0} + after - before ))
        echo "rep $rep $1 $2: $us µs/conn ($out)" >&2
    done
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-9s %8s %8s %8s %7s   (server CPU µs per connection, %s reps)\n' server row median min max user% "$REPS"
for r in "${rows[@]}"; do
    set -- $r
    all=${user["$1 $2 all"]}; [ "$all" -gt 0 ] || all=1
    tr ' ' '\n' <<<"${samples["$1 $2"]}" | grep . | sort -n | awk -v s="$1" -v l="$2" -v u=$(( ${user["$1 $2"]} * 100 / all )) \
        '{v[NR]=$1} END {printf "%-8s %-9s %8d %8d %8d %6d%%\n", s, l, v[int((NR+1)/2)], v[1], v[NR], u}'
done
# what the JIT cost each JVM in the whole run (HotSpot's count: methods compiled, seconds compiling)
for j in "${jvms[@]}"; do
    p=${j#*:}
    jit=$("$(dirname "$(readlink -f "/proc/$p/exe")")/jstat" -compiler "$p" | awk 'NR == 2 {print $1 " methods, " $4 " s"}')
    echo "# JIT of ${j%%:*} (pid $p): $jit; its CPU in total $(( $(cpu "$p") * 1000 / tick )) ms"
done
