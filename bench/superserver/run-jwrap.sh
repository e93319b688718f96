#!/usr/bin/env bash
# Throughput of `jwrap inetd` side by side with openbsd-inetd and xinetd, in one interleaved
# run of the shared harness (/work/shared/bench/superserver/run_superserver.sh; run as root).
#
#   bench/superserver/run-jwrap.sh                    # PHASES=raised REPS=3 CONCS="1 8" TAG=-jwrap
#   ONLY_EXTRA=1 REPS=1 bench/superserver/run-jwrap.sh   # quick, jwrap alone
#
# jwrap serves on 127.0.0.1, limits raised (nowait.1000000), the same services as the
# baselines: 19013 internal daytime, 19007 internal echo, 19100 /bin/cat, 19101
# /usr/sbin/tcpd /bin/cat (jwrap recognises tcpd and checks in-process instead of exec'ing
# it), and a second instance with -l (as inetd -l): 19200 /bin/cat. A third instance, jwrap-cat,
# serves 19300 /bin/cat unchecked: the control of the -l instance, a JVM with the same start-up
# (class loading, JIT) charged to the same number of connections, so "jwrap-l cat-libwrap" against
# "jwrap-cat cat" is the cost of the check alone (docs/PERFORMANCE.md §7). With PHASES containing
# "limits", jwrap also runs with its default limits (256/min).
# Results: $RESULTS_DIR/superserver$TAG.txt (default: bench/superserver/results/ of this repo).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/jwrap-candidate.sh"
[ "${SKIP_BUILD:-0}" = 1 ] || jwrap_build

jwrap_services "$JW_WORK/services" daytime=19013 echo=19007
conf() { # $1 = file, $2 = "" or ".N"
    printf '127.0.0.1:\n' > "$1"
    printf '%s\tstream\ttcp4\tnowait%s\troot\t%s\n' daytime "$2" internal echo "$2" internal \
        19100 "$2" '/bin/cat	cat' 19101 "$2" '/usr/sbin/tcpd	/bin/cat' >> "$1"
}
conf "$JW_WORK/raised.conf" .1000000
conf "$JW_WORK/default.conf" ""
printf '127.0.0.1:\n19200\tstream\ttcp4\tnowait.1000000\troot\t/bin/cat\tcat\n' > "$JW_WORK/l-raised.conf"
printf '127.0.0.1:\n19300\tstream\ttcp4\tnowait.1000000\troot\t/bin/cat\tcat\n' > "$JW_WORK/cat-raised.conf"

export EXTRA_SERVERS="jwrap|$(jwrap_command "$JW_WORK/raised.conf" "$JW_WORK/services")|19013:read:daytime 19007:echo:echo 19100:echo:cat 19101:echo:tcpd-cat
jwrap-l|$(jwrap_command "$JW_WORK/l-raised.conf" "$JW_WORK/services" -l)|19200:echo:cat-libwrap
jwrap-cat|$(jwrap_command "$JW_WORK/cat-raised.conf" "$JW_WORK/services")|19300:echo:cat"
export EXTRA_LIMIT_SERVERS="jwrap-default|$(jwrap_command "$JW_WORK/default.conf" "$JW_WORK/services")|19013:read:daytime 19007:echo:echo 19100:echo:cat 19101:echo:tcpd-cat"
export PHASES=${PHASES:-raised} REPS=${REPS:-3} CONCS=${CONCS:-"1 8"} TAG=${TAG:--jwrap}
echo "load before the run: $(uptime)" >&2
exec "$SHARED_BENCH/superserver/run_superserver.sh"
