#!/bin/sh
# AOT training run of jwrap-tcpd: train-tcpd.sh JAVA JAR OUTPUT.aot [extra JVM flags...] (see train.sh).
# Runs the wrapper once as inetd would, so the cache holds its whole path (arguments, fd 0, tables,
# decision, syslog, options, exec). The daemon does not exist, so the exec fails and the JVM exits
# normally (a successful exec would replace it before it could write anything). fd 0 is a connected
# UDP socket (bash's /dev/udp: connecting needs no listener), so the wrapper finds both ends and
# takes the path of a real check; with no socket it would give up at once.
. "$(dirname "$0")/train.sh"
# shellcheck disable=SC2086 # extra flags are words
bash -c 'exec 0<>/dev/udp/127.0.0.1/9 "$@"' train "$java" @"$launcher_dir/tool.args" @"$launcher_dir/quiet.args" \
    $extra_flags -XX:AOTCacheOutput="$out" -cp "$jar" dev.jwrap.cli.TcpdMain \
    --allow "$aot_dir/hosts.allow" --deny "$aot_dir/hosts.deny" --refusal-delay 0 /nonexistent/jwrap-aot-training \
    >/dev/null 2>&1
train_done
