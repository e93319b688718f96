# The common part of the build's AOT training runs (JEP 483/514), sourced by train-*.sh:
#   train-X.sh JAVA JAR OUTPUT.aot [extra JVM flags...]
# JAVA is the java the cache is for (a cache only works with the runtime and the class path it was
# trained with: the Debian package trains with its jlink'ed runtime), JAR the jwrap.jar the
# launcher puts on -cp, OUTPUT the cache to write. The JVM flags are the launchers' own
# (../main/launcher/tool.args), so the cache fits them; extra flags go after them.
# train_run MAIN ARGS... runs one training JVM; stdout and stderr are discarded. A failed run only
# costs the speed-up: the script warns and exits 0, and the launcher then starts without a cache.
set -u
if [ $# -lt 3 ]; then
    echo "usage: ${0##*/} JAVA JAR OUTPUT.aot [extra JVM flags...]" >&2
    exit 2
fi
aot_dir=$(cd "$(dirname "$0")" && pwd)
launcher_dir=$(cd "$aot_dir/../main/launcher" && pwd)
java=$1
jar=$(readlink -f "$2")
out=$3
shift 3
extra_flags="$*"
rm -f "$out"

train_run() {
    # shellcheck disable=SC2086 # extra flags are words
    "$java" @"$launcher_dir/tool.args" $extra_flags -XX:AOTCacheOutput="$out" -cp "$jar" "$@" >/dev/null 2>&1
}

train_done() {
    if [ -s "$out" ]; then
        # the launchers can run this java, the one the cache is valid for, without searching for one
        printf '%s\n' "$java" > "${out%.aot}.java"
    else
        echo "warning: the AOT training run wrote no cache ($out); the command starts without one" >&2
    fi
    exit 0
}
