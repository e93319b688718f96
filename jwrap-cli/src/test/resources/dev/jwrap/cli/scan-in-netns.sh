#!/bin/sh
# Runs as PID 1 of `unshare -n -p -f --kill-child`: a private network namespace with only a
# loopback interface, which also gets the address 192.0.2.1 (the host's firewall and ports are
# never touched), and a private PID namespace (when this shell ends, the kernel ends the server too).
# Loads the nft ruleset $1, starts the super-server command $2 (a shell command line) in the
# background, waits (bounded: 30 s) until it listens on port 7 over TCP and UDP, then runs the rest
# of the arguments as a command and exits with its status.
set -u
rules=$1; server=$2; shift 2
ip link set lo up || exit 3
ip addr add 192.0.2.1/32 dev lo || exit 3
nft -f "$rules" || exit 4
sh -c "$server" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
tries=0
until ss -Hltn 'sport = :7' | grep -q LISTEN && ss -Huln 'sport = :7' | grep -q .; do
  tries=$((tries + 1))
  [ "$tries" -gt 3000 ] && { echo "the server never listened on port 7"; exit 5; }
  kill -0 "$pid" 2>/dev/null || { echo "the server exited"; exit 6; }
  sleep 0.01
done
"$@"
