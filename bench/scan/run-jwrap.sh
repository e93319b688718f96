#!/bin/bash
# jwrap scan and jwrap audit side by side with nmap and ss (issue 6), through the shared harness
# /work/shared/bench/scan/run_scan.sh, which starts its own listeners and times every candidate in the
# same hyperfine run as `nmap -sT -p- -T5 -n 127.0.0.1` (ss -tlnp in a second run).
#
#   bench/scan/run-jwrap.sh                      # RUNS=5, results in bench/out/scan-jwrap.txt
#   RUNS=3 HARNESS=/path/run_scan.sh bench/scan/run-jwrap.sh
#
# The jar is not rebuilt (JWRAP_NO_BUILD=1): build first, then run this alone on the machine.
# Every port is scanned by both tools (EXCLUDE_PORTS=none), so nmap and jwrap probe the same 65 535.
# Besides the two jwrap commands it times a bare JVM hello world with the launcher's flags: the floor
# any JVM tool starts from. jwrap audit exits 1 when it has findings (the harness wants 0): it runs
# under sh -c, which adds one small fork to its time.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
harness=${HARNESS:-/work/shared/bench/scan/run_scan.sh}
java=${JWRAP_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
    > "$work/hello/Hello.java"
"${java%/java}/javac" -d "$work/hello" "$work/hello/Hello.java"
[ -f "$root/jwrap-cli/target/jwrap.jar" ] || { echo "build jwrap first (./mvnw -B -q package -DskipTests)" >&2; exit 1; }
export JWRAP_NO_BUILD=1
uptime
EXCLUDE_PORTS=none RESULTS_DIR=${RESULTS_DIR:-$root/bench/out} TAG=${TAG:--jwrap} RUNS=${RUNS:-5} \
EXTRA_CMDS="jwrap scan -p -|$root/jwrap scan 127.0.0.1 -p -
jwrap audit --format json|sh -c '$root/jwrap audit --format json -o $work/audit.json; [ \$? -le 1 ]'
java Hello (C1, SerialGC)|$java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp $work/hello Hello" \
    "$harness"
uptime
