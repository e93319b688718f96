#!/usr/bin/env bash
# Builds jwrap_VERSION_ARCH.deb from a built source tree (jwrap-cli/target: jwrap.jar, the man
# pages and the completion script, which `./mvnw package` makes). Run by the jwrap-dist module in
# the package phase, and by `./jwrap package`.
#   build-deb.sh ROOT JDK_HOME MAVEN_VERSION OUT_DIR
# What goes where:
#   /usr/lib/jwrap/runtime        a Java runtime jlink'ed with the modules jdeps finds in jwrap.jar
#   /usr/lib/jwrap/jwrap.jar      the application; jwrap-*.aot its AOT caches, trained with that runtime;
#                                 *.args the launchers' JVM flags (jwrap-cli/src/main/launcher);
#                                 libjwrap.so its JNI functions (jwrap-core/src/main/c), found beside the jar
#   /usr/bin/jwrap, /usr/sbin/jwrap-tcpd   launchers (dist/debian/jwrap, dist/debian/jwrap-tcpd)
#   /usr/share/man/man1, man5     the generated pages, gzipped
#   /usr/share/bash-completion/completions/jwrap
#   /usr/lib/systemd/system       dist/systemd/*.service, *.socket
#   /etc/jwrap/guard.conf         an example guard configuration (a conffile: dpkg -r keeps it)
# Nothing outside OUT_DIR is written. No network, no root needed (dpkg-deb --root-owner-group).
set -euo pipefail

if [ $# -ne 4 ]; then
    echo "usage: build-deb.sh ROOT JDK_HOME MAVEN_VERSION OUT_DIR" >&2
    exit 2
fi
root=$(readlink -f "$1")
jdk=$2
out=$(mkdir -p "$4" && readlink -f "$4")
here=$root/dist/debian
cli=$root/jwrap-cli/target

# 0.1.0-SNAPSHOT -> 0.1.0~snapshot-1: "~" sorts before the release, "-1" is the package revision
version=$(printf '%s' "$3" | tr '[:upper:]' '[:lower:]' | tr '-' '~')-1
arch=$(dpkg --print-architecture)

for input in "$cli/jwrap.jar" "$cli/libjwrap.so" "$cli/completion/jwrap" "$cli/man/man1/jwrap.1" "$cli/man/man5"; do
    if [ ! -e "$input" ]; then
        echo "build-deb.sh: $input is missing: build it with ./mvnw package (without -Djwrap.docs.skip)" >&2
        exit 1
    fi
done
for tool in "$jdk/bin/jlink" "$jdk/bin/jdeps"; do
    [ -x "$tool" ] || { echo "build-deb.sh: $tool is missing: JDK_HOME must be a JDK 25 or newer" >&2; exit 1; }
done

# Timestamps: every file of the package gets the time of the last commit (reproducible builds). This
# is set before the AOT training, because a cache records the jar's and the runtime's mtime and dpkg
# restores exactly these on install.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}

stage=$out/stage
rm -rf "$stage"
lib=$stage/usr/lib/jwrap
mkdir -p "$lib" "$stage/usr/bin" "$stage/usr/sbin" "$stage/usr/share/man/man1" "$stage/usr/share/man/man5" \
    "$stage/usr/share/bash-completion/completions" "$stage/usr/lib/systemd/system" "$stage/etc/jwrap" \
    "$stage/usr/share/doc/jwrap" "$stage/DEBIAN"

# --- the runtime ---------------------------------------------------------------------------
# The modules jwrap.jar's classes refer to, as jdeps finds them, less two that only optional parts
# of Jackson use: java.desktop (java.beans annotations) and java.sql (java.sql date types). Jackson
# looks for both at run time and does without them; jwrap serialises neither. java.desktop alone
# would add 20 MB and native libraries that need X11 and ALSA.
not_needed='java.desktop java.sql'
found=$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps "$cli/jwrap.jar")
modules=$(printf '%s\n' "${found//,/$'\n'}" | grep -vxF -f <(printf '%s\n' $not_needed) | paste -sd, -)
printf '%s\n' "$modules" > "$out/runtime-modules.txt"

# jlink takes ~20 s: the runtime (and the Depends computed from it) is kept next to the package and
# made again only when the JDK or the module list change.
key="$(cat "$jdk/release") modules=$modules stripped libjwrap=$(sha256sum < "$cli/libjwrap.so" | cut -c1-16)"
if [ ! -s "$out/runtime.depends" ] || [ "$(cat "$out/runtime.key" 2>/dev/null)" != "$key" ]; then
    rm -rf "$out/runtime" "$out/runtime.key" "$out/runtime.depends"
    "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
        --compress=zip-9 --output "$out/runtime"
    # the launchers of tools jwrap never runs (keytool from java.base, jwebserver from jdk.httpserver)
    rm -f "$out/runtime/bin/keytool" "$out/runtime/bin/jwebserver"
    # jlink keeps the native symbol tables of the JDK's libraries; nothing at run time reads them
    find "$out/runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) \
        -exec strip --strip-unneeded --remove-section=.comment --remove-section=.note {} +
    # Depends from the libraries the runtime's ELF files need (dpkg-shlibdeps reads Debian's symbols
    # files): libc6 with the lowest version that has every symbol used, by the runtime and by
    # libjwrap.so. Libraries of the runtime itself (libjvm.so, ...) are private and resolved from
    # its own directories.
    rm -rf "$out/shlibdeps"
    mkdir -p "$out/shlibdeps/debian"
    printf 'Source: jwrap\n\nPackage: jwrap\nArchitecture: any\n' > "$out/shlibdeps/debian/control"
    mapfile -t elves < <(find "$out/runtime" -type f -exec sh -c 'head -c 4 "$1" | grep -q ELF && echo "$1"' elf {} \;)
    elves+=("$cli/libjwrap.so")
    (cd "$out/shlibdeps" && dpkg-shlibdeps -O -l"$out/runtime/lib" -l"$out/runtime/lib/server" "${elves[@]}" 2>/dev/null) |
        sed -n 's/^shlibs:Depends=//p' > "$out/runtime.depends"
    [ -s "$out/runtime.depends" ] || { echo "build-deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
    printf '%s' "$key" > "$out/runtime.key"
fi
cp -a "$out/runtime" "$lib/runtime"
cp "$cli/jwrap.jar" "$lib/jwrap.jar"
cp "$cli/libjwrap.so" "$lib/libjwrap.so"
strip --strip-unneeded --remove-section=.comment "$lib/libjwrap.so"
cp "$root"/jwrap-cli/src/main/launcher/*.args "$lib/"

# --- launchers, documentation, units, configuration ---------------------------------------
install -m 0755 "$here/jwrap" "$stage/usr/bin/jwrap"
install -m 0755 "$here/jwrap-tcpd" "$stage/usr/sbin/jwrap-tcpd"
for section in 1 5; do
    for page in "$cli/man/man$section"/*."$section"; do
        gzip -9n < "$page" > "$stage/usr/share/man/man$section/${page##*/}.gz"
    done
done
# a completion file is sourced, not run: no #! line
sed '1{/^#!/d}' "$cli/completion/jwrap" > "$stage/usr/share/bash-completion/completions/jwrap"
cp "$root"/dist/systemd/*.service "$root"/dist/systemd/*.socket "$stage/usr/lib/systemd/system/"
cp "$here/guard.conf" "$stage/etc/jwrap/guard.conf"
printf '/etc/jwrap/guard.conf\n' > "$stage/DEBIAN/conffiles"
cp "$here/copyright" "$stage/usr/share/doc/jwrap/copyright"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(date -R -u -d "@$SOURCE_DATE_EPOCH")/" "$here/changelog" |
    gzip -9n > "$stage/usr/share/doc/jwrap/changelog.Debian.gz"
mkdir -p "$stage/usr/share/lintian/overrides"
cp "$here/lintian-overrides" "$stage/usr/share/lintian/overrides/jwrap"

# Ownership comes from dpkg-deb (root); modes are made plain here: directories and programs 0755,
# everything else (shared libraries included) 0644.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/usr/bin/jwrap" "$stage/usr/sbin/jwrap-tcpd" "$lib/runtime/bin/"* "$lib/runtime/lib/jspawnhelper" \
    "$lib/runtime/lib/jexec"
find "$stage" -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

# --- AOT caches -----------------------------------------------------------------------------
# A cache only serves the exact runtime and jar it was trained with: train with the staged ones
# (a cache survives the move to /usr/lib/jwrap, as long as the files keep their size and mtime).
# The training scripts are jwrap-cli's, the ones the build runs for ./jwrap with the build's JDK.
for cache in match check tcpd audit; do
    sh "$root/jwrap-cli/src/aot/train-$cache.sh" "$lib/runtime/bin/java" "$lib/jwrap.jar" "$lib/jwrap-$cache.aot"
    [ -s "$lib/jwrap-$cache.aot" ] || { echo "build-deb.sh: the AOT training of $cache failed" >&2; exit 1; }
done
# train.sh notes the java it trained with for the source tree's launchers; the package's know theirs
rm -f "$lib"/*.java
chmod 0644 "$lib"/*.aot 2>/dev/null || true
find "$stage" -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

# --- control files --------------------------------------------------------------------------
depends=$(cat "$out/runtime.depends")
installed=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed/" -e "s/@DEPENDS@/$depends/" \
    "$here/control" > "$stage/DEBIAN/control"
(cd "$stage" && find usr etc -type f ! -path 'etc/*' -print0 | sort -z | xargs -0 md5sum) > "$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/"*

deb=$out/jwrap_${version}_${arch}.deb
rm -f "$out"/jwrap_*.deb
# gzip -6: -9 saves 3 % and takes five times as long (the AOT caches), xz 10 % and twenty times
dpkg-deb --root-owner-group -Zgzip -z6 --build "$stage" "$deb" >/dev/null
printf 'jwrap package: %s (%s KiB; installed %s KiB, runtime %s KiB with %s)\n' "$deb" \
    "$(( $(stat -c %s "$deb") / 1024 ))" "$installed" "$(du -sk "$lib/runtime" | cut -f1)" "$modules"
