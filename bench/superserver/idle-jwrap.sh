#!/usr/bin/env bash
# Idle-connection memory of `jwrap inetd` side by side with openbsd-inetd and xinetd
# (/work/shared/bench/superserver/idle_memory.sh; run as root), N=10000 by default.
#
#   bench/superserver/idle-jwrap.sh                   # N=10000 REPS=1 TAG=-jwrap
#   ONLY_EXTRA=1 N=2000 bench/superserver/idle-jwrap.sh
#   SERVICES=echo ONLY_EXTRA=1 bench/superserver/idle-jwrap.sh   # jwrap's echo only
# At N=10000 a run of a forking server takes 10+ minutes on 2 loaded cores (10 000 processes
# to start and to measure); jwrap's echo run takes about one.
#
# jwrap: 19307 internal echo, 19300 /bin/cat, limits raised (nowait.1000000). The open-file
# limit is raised for the harness, its client and the servers (N sockets each, plus slack).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/jwrap-candidate.sh"
[ "${SKIP_BUILD:-0}" = 1 ] || jwrap_build

export N=${N:-10000} REPS=${REPS:-1} TAG=${TAG:--jwrap}
ulimit -n $((N + 2000))
jwrap_services "$JW_WORK/idle-services" echo=19307
printf '127.0.0.1:\necho\tstream\ttcp4\tnowait.1000000\troot\tinternal\n19300\tstream\ttcp4\tnowait.1000000\troot\t/bin/cat\tcat\n' \
    > "$JW_WORK/idle.conf"
specs=""
case " ${SERVICES:-cat echo} " in *" cat "*) specs+="19300:cat " ;; esac
case " ${SERVICES:-cat echo} " in *" echo "*) specs+="19307:echo" ;; esac
export EXTRA_SERVERS="jwrap|$(jwrap_command "$JW_WORK/idle.conf" "$JW_WORK/idle-services")|$specs"
echo "load before the run: $(uptime)" >&2
exec "$SHARED_BENCH/superserver/idle_memory.sh"
