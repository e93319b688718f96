#!/bin/sh
# Builds libjwrap.so (jwrap_libc.c, the JNI functions of dev.jwrap.core.sys.NativeLibc) with gcc:
#     build.sh JAVA_HOME OUTPUT.so
# Run by Maven in jwrap-core's compile phase; skipped when the library is newer than its source.
# Linux on amd64 is what is built and tested; gcc is required (Debian: apt-get install gcc).
set -eu
java_home=$1
out=$2
src=$(cd "$(dirname "$0")" && pwd)/jwrap_libc.c
if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$0" ]; then
    exit 0
fi
if ! command -v gcc >/dev/null 2>&1; then
    echo "jwrap-core: gcc is needed to build $out (Debian: apt-get install gcc)" >&2
    exit 1
fi
if [ ! -f "$java_home/include/jni.h" ]; then
    echo "jwrap-core: $java_home/include/jni.h is missing: build with a full JDK 25, not a runtime" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
gcc -std=c11 -O2 -fPIC -shared -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
    -Wl,-z,relro,-z,now -Wl,--as-needed \
    -I"$java_home/include" -I"$java_home/include/linux" -o "$out.tmp" "$src"
mv -f "$out.tmp" "$out"
