#!/usr/bin/env bash
# The access check of jwrap inetd by itself (GateCost.java): ConnectionGate.decide with the
# host's tables, with and without the verdict's syslog line, CPU ns per check.
#   bench/superserver/gate-cost.sh            # LOG=/dev/log ROUNDS=5 N=100000
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
. "$here/jwrap-candidate.sh"
[ "${SKIP_BUILD:-0}" = 1 ] || jwrap_build
. "$repo/.mvn/find-jdk.sh"
jwrap_find_jdk
exec "$JWRAP_JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \
    -cp "$repo/jwrap-cli/target/jwrap.jar" "$here/GateCost.java"
