#!/bin/sh
# The build's AOT training run of jwrap-tcpd (JEP 483/514): runs the launcher once as inetd
# would, with -XX:AOTCacheOutput, so the JVM records the classes of the wrapper's whole path
# (arguments, fd 0, tables, decision, syslog, options, exec) and writes the cache at exit. The
# daemon does not exist, so the exec fails and the JVM exits normally (a successful exec would
# replace it before it could write anything). The launcher then runs with -XX:AOTCache.
# fd 0 is a connected UDP socket (bash's /dev/udp: connecting needs no listener), so the wrapper
# finds both ends and takes the path of a real check; with no socket it would give up at once.
#   train-tcpd.sh ROOT JAVA OUTPUT
set -u
root=$1
out=$3
rm -f "$out"
JWRAP_JAVA=$2 JWRAP_TCPD_AOT_OUTPUT=$out bash -c 'exec 0<>/dev/udp/127.0.0.1/9 "$@"' train "$root/jwrap-tcpd" \
    --allow "$root/jwrap-cli/src/aot/hosts.allow" --deny "$root/jwrap-cli/src/aot/hosts.deny" \
    --refusal-delay 0 /nonexistent/jwrap-aot-training >/dev/null 2>&1
if [ -s "$out" ]; then
    # the launcher runs this JDK, the only one the cache is valid for, without searching for one
    printf '%s\n' "$2" > "${out%.aot}.java"
else
    echo "warning: the AOT training run wrote no cache ($out); jwrap-tcpd starts without one" >&2
fi
exit 0
