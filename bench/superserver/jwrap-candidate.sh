# Sourced by run-jwrap.sh and idle-jwrap.sh: builds jwrap once and defines how the shared
# super-server harnesses start `jwrap inetd` as a candidate.
#
# The server is started the way a user starts it: through the ./jwrap launcher, which execs
# the JVM (so the PID the harness stops is the JVM's). JWRAP_NO_BUILD=1 keeps the launcher
# from rebuilding in the middle of a run; the jar is built here, once.
# Env: SHARED_BENCH (default /work/shared/bench), WORK (default /tmp/tcpw-bench),
#      JWRAP_JAVA_OPTS (extra JVM flags, passed on to the launcher).
repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
SHARED_BENCH=${SHARED_BENCH:-/work/shared/bench}
JW_WORK=${WORK:-/tmp/tcpw-bench}/jwrap
export RESULTS_DIR=${RESULTS_DIR:-$repo/bench/superserver/results}
mkdir -p "$JW_WORK"

jwrap_build() {
    echo "building jwrap.jar once ..." >&2
    (cd "$repo" && ./mvnw -B -q package -DskipTests -Djwrap.docs.skip=true -pl jwrap-cli -am) >&2 || exit 1
}

# jwrap_services FILE NAME=PORT ...: a copy of /etc/services with the named TCP services moved
jwrap_services() {
    local file=$1 sed_args=() kv
    shift
    for kv in "$@"; do
        sed_args+=(-e "s/^(${kv%%=*}\\s+)[0-9]+\\/tcp/\\1${kv#*=}\\/tcp/")
    done
    sed -E "${sed_args[@]}" /etc/services > "$file"
}

# jwrap_command CONF SERVICES [FLAGS]: the command line the harness runs (empty hosts tables
# of the host, as for the C servers; /dev/log is absent there, so logs go to stderr)
jwrap_command() {
    printf 'env JWRAP_NO_BUILD=1 JWRAP_JAVA_OPTS=%q %q inetd -i %s--services %q %q' \
        "${JWRAP_JAVA_OPTS:-}" "$repo/jwrap" "${3:+$3 }" "$2" "$1"
}
