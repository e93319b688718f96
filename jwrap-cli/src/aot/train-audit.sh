#!/bin/sh
# The build's AOT training run for the audit commands (JEP 483/514): runs `jwrap audit` once on this
# host with -XX:AOTCacheOutput and the launcher's flags, so the JVM records the classes of the
# inventory, the knowledge base, the review and the JSON report (and the JDK and picocli classes every
# command loads) and writes the cache at exit. ./jwrap starts audit, scan and harden with it.
# A failed run only costs the speed-up: the launcher then falls back to the tcpd cache or none.
#   train-audit.sh ROOT JAVA OUTPUT
set -u
root=$1
out=$3
rm -f "$out"
"$2" -XX:AOTCacheOutput="$out" -Xlog:aot=off -Xlog:cds=off \
    --enable-native-access=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    -Djava.net.preferIPv6Addresses=system -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -jar "$root/jwrap-cli/target/jwrap.jar" audit --format json -o /dev/null >/dev/null 2>&1
[ -s "$out" ] || echo "warning: the AOT training run wrote no cache ($out); jwrap audit starts without one" >&2
exit 0
