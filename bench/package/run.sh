#!/usr/bin/env bash
# The Debian package's size and the start-up of what it installs, in one command:
#   bench/package/run.sh [DEB]     (default: the one ./jwrap package built, jwrap-dist/target/deb)
# Prints the package's size, its installed size, the runtime's (with its modules), the jar's and each
# AOT cache's; then times `jwrap match` from the unpacked package against the C tcpdmatch and the
# source tree's ./jwrap (same tables, same question) with hyperfine, and the load average around it.
# Unpacks with dpkg-deb -x into a temporary directory (the launchers find their files from their own
# place), so nothing is installed on this machine.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
deb=${1:-$(ls "$here"/jwrap-dist/target/deb/jwrap_*.deb)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
lib=$work/root/usr/lib/jwrap

kib() { du -sk "$1" | cut -f1; }
echo "package:   $(( $(stat -c %s "$deb") / 1024 )) KiB  $(basename "$deb")"
echo "installed: $(dpkg-deb -f "$deb" Installed-Size) KiB (Installed-Size)"
echo "runtime:   $(kib "$lib/runtime") KiB  modules: $("$lib/runtime/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -)"
echo "  libjvm.so $(kib "$lib/runtime/lib/server/libjvm.so") KiB, lib/modules $(kib "$lib/runtime/lib/modules") KiB"
echo "jwrap.jar: $(kib "$lib/jwrap.jar") KiB"
for cache in "$lib"/*.aot; do echo "AOT cache: $(kib "$cache") KiB  $(basename "$cache")"; done
echo "Depends:   $(dpkg-deb -f "$deb" Depends)"

command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine): no timings" >&2; exit 0; }
command -v tcpdmatch >/dev/null || { echo "tcpdmatch is not installed (apt-get install tcpd): no timings" >&2; exit 0; }
mkdir "$work/tables"
printf 'sshd: 192.168.1.0/24\nin.ftpd: LOCAL\n' > "$work/tables/hosts.allow"
printf 'ALL: ALL\n' > "$work/tables/hosts.deny"
cd "$work/tables"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-markdown "$work/times.md" \
    -n "tcpdmatch (C)" "tcpdmatch -d sshd 192.168.1.7" \
    -n "jwrap match (package)" "$work/root/usr/bin/jwrap match -d sshd 192.168.1.7" \
    -n "./jwrap match (source tree, JDK)" "env JWRAP_NO_BUILD=1 $here/jwrap match -d sshd 192.168.1.7" >/dev/null
cat "$work/times.md"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
