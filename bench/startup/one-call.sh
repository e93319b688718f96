#!/bin/bash
# One C call at start-up, JNI (libjwrap.so) against FFM, with and without an AOT cache
# (docs/PERFORMANCE.md §9):   bench/startup/one-call.sh     (build first: ./mvnw -B -q package -DskipTests)
# Compiles probe/OneCall.java against jwrap-core, trains one AOT cache per mode, then times the six
# variants with hyperfine (-N, interleaved by hyperfine's own order, RUNS each) and prints the table
# with user+sys CPU; the load average is printed around it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jdk=${JWRAP_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
core=$(ls "$root"/jwrap-core/target/jwrap-core-*.jar | grep -v tests | head -1)
[ -f "$root/jwrap-core/target/libjwrap.so" ] || { echo "build first: jwrap-core/target/libjwrap.so is missing" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$core" "$work/core.jar"
cp "$root/jwrap-core/target/libjwrap.so" "$work/"   # NativeLibc looks next to core.jar
"$jdk/bin/javac" -cp "$work/core.jar" -d "$work/classes" "$root/bench/startup/probe/OneCall.java"
"$jdk/bin/jar" cf "$work/probe.jar" -C "$work/classes" .
run="$jdk/bin/java --enable-native-access=ALL-UNNAMED -cp $work/probe.jar:$work/core.jar"
for mode in none jni ffm; do
    $run -XX:AOTCacheOutput="$work/$mode.aot" OneCall "$mode" >/dev/null 2>&1
done
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
args=()
for mode in none jni ffm; do
    args+=(-n "$mode" "$run OneCall $mode" -n "$mode, AOT cache" "$run -XX:AOTCache=$work/$mode.aot OneCall $mode")
done
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$work/raw.json" "${args[@]}" >/dev/null
python3 - "$work/raw.json" <<'PY'
import json, statistics, sys
print("%-16s %9s %9s" % ("variant", "wall_ms", "cpu_ms"))
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-16s %9.1f %9.1f" % (r["command"], statistics.median(r["times"]) * 1e3, (r["user"] + r["system"]) * 1e3))
PY
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
