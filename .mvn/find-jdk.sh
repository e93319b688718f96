# Sourced (POSIX sh) by ./mvnw and ./jwrap: sets JWRAP_JAVA_HOME to a JDK whose feature
# version is >= 25. Tried in order: $JWRAP_JAVA (a java binary), $JAVA_HOME, `java` on PATH,
# then /usr/lib/jvm/* and /opt/java/*. The version comes from the JDK's `release` file, so
# the probe starts no JVM unless that file is missing.

jwrap_jdk_feature() { # $1 = JDK home; prints its feature version, or nothing
    _v=""
    if [ -r "$1/release" ]; then
        _v=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$1/release")
    elif [ -x "$1/bin/java" ]; then
        _v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    fi
    _v=${_v#1.}
    _v=${_v%%[.+-]*}
    case $_v in '' | *[!0-9]*) return 0 ;; esac
    printf '%s\n' "$_v"
}

jwrap_try_jdk() { # $1 = JDK home; succeeds and sets JWRAP_JAVA_HOME if it is new enough
    [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
    _f=$(jwrap_jdk_feature "$1")
    _seen="$_seen $1(${_f:-?})"
    [ -n "$_f" ] && [ "$_f" -ge 25 ] || return 1
    JWRAP_JAVA_HOME=$1
}

jwrap_home_of() { # $1 = a java binary; prints the JDK home holding it
    dirname "$(dirname "$(readlink -f "$1")")"
}

jwrap_find_jdk() {
    _seen=""
    if [ -n "${JWRAP_JAVA:-}" ] && jwrap_try_jdk "$(jwrap_home_of "$JWRAP_JAVA")"; then return 0; fi
    if [ -n "${JAVA_HOME:-}" ] && jwrap_try_jdk "$JAVA_HOME"; then return 0; fi
    if _j=$(command -v java 2>/dev/null) && jwrap_try_jdk "$(jwrap_home_of "$_j")"; then return 0; fi
    for _h in /usr/lib/jvm/* /opt/java/*; do
        [ -d "$_h" ] && jwrap_try_jdk "$_h" && return 0
    done
    echo "jwrap: a JDK 25 or newer is needed (install one, e.g. Temurin 25, under /usr/lib/jvm, or set JAVA_HOME or JWRAP_JAVA). Found:${_seen:- no JDK}" >&2
    return 1
}
