#!/bin/bash
# Start-up of `jwrap match`, `jwrap check` and `jwrap-tcpd` side by side with the C tools and a bare
# JVM (issue 7), through the shared harness /work/shared/bench/startup/run_startup.sh: it times
# tcpdmatch and a JVM hello world on the same JDK (default CDS, AOT cache, ...) and every candidate
# below in the same hyperfine runs, rounds interleaved, from a directory holding its small
# hosts.allow/hosts.deny (so `-d` reads the same tables for tcpdmatch and jwrap match).
#
#   bench/startup/run-jwrap.sh          # build first (./mvnw -B -q package -DskipTests -Djwrap.docs.skip=true)
#   RUNS=10 ROUNDS=3 bench/startup/run-jwrap.sh
#   DEB=jwrap-dist/target/deb/jwrap_*.deb bench/startup/run-jwrap.sh   # plus the installed commands
#
# Results: bench/startup/results/startup-jwrap.txt (table), startup-jwrap-raw.json (hyperfine), and
# startup-jwrap-ratios.txt (each jwrap row against the bare JVM hello world and the C tool, wall
# and user+sys CPU). Candidates, each as the installed launcher runs it (java @tool.args, the
# command's AOT cache, -cp jwrap.jar) and, for match, through the ./jwrap dev launcher too (which
# looks for a JDK and for changed sources with find(1) before it starts the JVM):
#   tcpdchk -d / jwrap check -d      the same tables; jwrap check exits 1 on findings (a name that
#                                    does not resolve), which hyperfine would take for a failure:
#                                    both run under sh -c, which adds one small fork to each
#   jwrap match -d                   against tcpdmatch -d in the harness's own row
#   tcpd / jwrap-tcpd                one TCP connection on fds 0/1/2 (bash /dev/tcp to a local
#                                    listener this script starts), check, exec /bin/true; the bash
#                                    line alone is timed as their common baseline
#   with DEB=PACKAGE.deb             the package unpacked (dpkg-deb -x, nothing installed) and its
#                                    /usr/bin/jwrap match, check and /usr/sbin/jwrap-tcpd launchers
#                                    (their shell script, the jlink'ed runtime, its own AOT caches)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
harness=${HARNESS:-/work/shared/bench/startup/run_startup.sh}
java=${JWRAP_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
target=$root/jwrap-cli/target
jar=$target/jwrap.jar
args=$root/jwrap-cli/src/main/launcher
for f in "$jar" "$target/jwrap-match.aot" "$target/jwrap-check.aot" "$target/jwrap-tcpd.aot"; do
    [ -f "$f" ] || { echo "missing $f: build first (./mvnw -B -q package -DskipTests -Djwrap.docs.skip=true)" >&2; exit 1; }
done
results=${RESULTS_DIR:-$root/bench/startup/results}
port=${PORT:-47999}

# a listener that accepts and drains connections (not timed), for the wrapper rows
python3 -c 'import socket, sys, threading
s = socket.create_server(("127.0.0.1", int(sys.argv[1])), backlog=128)
def drain(c):
    with c:
        try:
            while c.recv(4096): pass
        except OSError:
            pass  # a wrapper that exits resets the connection
while True:
    c, _ = s.accept()
    threading.Thread(target=drain, args=(c,), daemon=True).start()' "$port" &
listener=$!
unpacked=""
trap 'kill "$listener" 2>/dev/null; [ -z "$unpacked" ] || rm -rf "$unpacked"' EXIT
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

tool="$java @$args/tool.args"
connect="exec 0<>/dev/tcp/127.0.0.1/$port 1>&0 2>&0"
installed_cmds=""
if [ -n "${DEB:-}" ]; then
    unpacked=$(mktemp -d)
    dpkg-deb -x "$DEB" "$unpacked"
    pkg=$unpacked/usr
    installed_cmds="
installed jwrap match -d in.telnetd 127.0.0.1|$pkg/bin/jwrap match -d in.telnetd 127.0.0.1
installed jwrap check -d, under sh|sh -c '$pkg/bin/jwrap check -d; [ \$? -le 1 ]'
installed jwrap-tcpd: connect, check, exec|bash -c '$connect; exec $pkg/sbin/jwrap-tcpd /bin/true'"
fi
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS_DIR=$results TAG=${TAG:--jwrap} RUNS=${RUNS:-10} ROUNDS=${ROUNDS:-3} WARMUP=${WARMUP:-2} \
EXTRA_CMDS="jwrap match -d in.telnetd 127.0.0.1|$tool -XX:AOTCache=$target/jwrap-match.aot -cp $jar dev.jwrap.cli.Main match -d in.telnetd 127.0.0.1
jwrap match, ./jwrap launcher|$root/jwrap match -d in.telnetd 127.0.0.1
tcpdchk -d (C), under sh|sh -c 'tcpdchk -d'
jwrap check -d, under sh|sh -c '$tool -XX:AOTCache=$target/jwrap-check.aot -cp $jar dev.jwrap.cli.Main check -d; [ \$? -le 1 ]'
bash: connect + exec /bin/true (baseline)|bash -c '$connect; exec /bin/true'
tcpd (C): connect, check, exec /bin/true|bash -c '$connect; exec -a /bin/true /usr/sbin/tcpd'
jwrap-tcpd: connect, check, exec /bin/true|bash -c '$connect; exec $root/jwrap-tcpd /bin/true'$installed_cmds" \
    "$harness"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results/startup${TAG:--jwrap}-raw.json" <<'EOF' | tee "$results/startup${TAG:--jwrap}-ratios.txt"
import json, statistics, sys
rows = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
def wall(name): return statistics.median(rows[name]["times"]) * 1e3
def cpu(name): return (rows[name]["user"] + rows[name]["system"]) * 1e3
hello = "java25 -cp hello.jar Hello"
pairs = [("jwrap match -d in.telnetd 127.0.0.1", "tcpdmatch -d in.telnetd 127.0.0.1", 0),
         ("jwrap match, ./jwrap launcher", "tcpdmatch -d in.telnetd 127.0.0.1", 0),
         ("jwrap check -d, under sh", "tcpdchk -d (C), under sh", 0),
         # the wrappers: the bash connect line is subtracted from both before the ratios
         ("jwrap-tcpd: connect, check, exec /bin/true", "tcpd (C): connect, check, exec /bin/true",
          "bash: connect + exec /bin/true (baseline)"),
         ("installed jwrap match -d in.telnetd 127.0.0.1", "tcpdmatch -d in.telnetd 127.0.0.1", 0),
         ("installed jwrap check -d, under sh", "tcpdchk -d (C), under sh", 0),
         ("installed jwrap-tcpd: connect, check, exec", "tcpd (C): connect, check, exec /bin/true",
          "bash: connect + exec /bin/true (baseline)")]
pairs = [p for p in pairs if p[0] in rows]
print("%-46s %9s %9s %9s %9s %9s %9s" % ("candidate", "wall_ms", "cpu_ms", "÷hello w", "÷hello c", "÷C wall", "÷C cpu"))
print("%-46s %9.1f %9.1f" % (hello, wall(hello), cpu(hello)))
for name, c_tool, base in pairs:
    bw, bc = (wall(base), cpu(base)) if base else (0, 0)
    w, c = wall(name) - bw, cpu(name) - bc
    print("%-46s %9.1f %9.1f %9.2f %9.2f %9.1f %9.1f" % (name, w, c, w / wall(hello), c / cpu(hello),
          w / (wall(c_tool) - bw), c / max(cpu(c_tool) - bc, 0.1)))
EOF
