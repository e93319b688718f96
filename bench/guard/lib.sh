# Sourced by run_guard.sh and cpu_per_conn.sh: the parts both need. Expects HERE, W, LOADGEN_SRC
# and the associative array PORT (relay -> listening port, with PORT[haproxy]) to be set.

mkdir -p "$W" "$RESULTS_DIR"
gcc -O2 -Wall -o "$W/relaybench" "$HERE/relaybench.c" || exit 1
gcc -O2 -Wall -o "$W/loadgen" "$LOADGEN_SRC" || exit 1

# every process this script starts, stopped by its PID and waited for on exit
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
}
trap cleanup EXIT

start() { "$@" & PIDS+=($!); }

wait_port() {
    local port=$1 deadline=$((SECONDS + 30))
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        ((SECONDS > deadline)) && { echo "port $port not listening after 30 s" >&2; exit 1; }
        sleep 0.1
    done
}

# empty tables: every connection through jwrap guard is checked and granted
: >"$W/hosts.allow"
: >"$W/hosts.deny"

# haproxy_config [EXTRA]: mode tcp, the "echo" listener on PORT[haproxy] to ECHO_PORT, then EXTRA
haproxy_config() {
    cat >"$W/haproxy.cfg" <<CFG
global
    maxconn 4000
defaults
    mode tcp
    timeout connect 5s
    timeout client 60s
    timeout server 60s
listen echo
    bind 127.0.0.1:${PORT[haproxy]}
    server backend 127.0.0.1:$ECHO_PORT
${1:-}
CFG
}
