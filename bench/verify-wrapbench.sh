#!/usr/bin/env bash
# Oracle check: jwrap's decisions equal libwrap's for the generated benchmark tables.
#
#   bench/verify-wrapbench.sh            # NS="10 1000 10000"
#   NS="10 100000" bench/verify-wrapbench.sh
#
# For every N: generate hosts.allow/hosts.deny/queries.tsv with gen_rules.py (seed 42, 1000
# queries: 500 hit, 500 miss) unless they exist, run libwrap's wrapbench -v and
# bench/wrapbench-jwrap -v on all queries and compare the two outputs byte for byte
# (allow|deny<TAB>daemon<TAB>name<TAB>addr per query). On a difference the mismatching
# lines are printed with jwrap's deciding rule (and libwrap's verdict), and the exit status is 1.
# Env: NS, SEED, WORK (default /tmp/tcpw-bench), LIBWRAP_BENCH (default /tmp/tcpw-bench/wrapbench),
#      BENCH_DIR (wrapbench.c + gen_rules.py; default /work/shared/bench/libwrap).
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
NS=${NS:-"10 1000 10000"}
SEED=${SEED:-42}
WORK=${WORK:-/tmp/tcpw-bench}
BENCH_DIR=${BENCH_DIR:-/work/shared/bench/libwrap}
LIBWRAP_BENCH=${LIBWRAP_BENCH:-$WORK/wrapbench}
mkdir -p "$WORK"
if [ ! -x "$LIBWRAP_BENCH" ]; then
    gcc -O2 -Wall -o "$LIBWRAP_BENCH" "$BENCH_DIR/wrapbench.c" -lwrap
fi
status=0
for N in $NS; do
    d="$WORK/rules-n$N"
    [ -f "$d/queries.tsv" ] || python3 "$BENCH_DIR/gen_rules.py" --rules "$N" --seed "$SEED" --out "$d"
    args=(-a "$d/hosts.allow" -d "$d/hosts.deny" -q "$d/queries.tsv" -k all -v)
    "$LIBWRAP_BENCH" "${args[@]}" > "$d/verify-libwrap.txt"
    WRAPBENCH_RULES=1 "$here/wrapbench-jwrap" "${args[@]}" > "$d/verify-jwrap.txt" 2> "$d/verify-jwrap-rules.txt"
    queries=$(wc -l < "$d/verify-libwrap.txt")
    allowed=$(grep -c '^allow' "$d/verify-libwrap.txt" || true)
    if cmp -s "$d/verify-libwrap.txt" "$d/verify-jwrap.txt"; then
        echo "N=$N: identical ($queries queries, $allowed allowed by both; $(tail -1 "$d/verify-jwrap-rules.txt"))"
    else
        status=1
        echo "N=$N: MISMATCH (libwrap < > jwrap); jwrap's deciding rule follows each pair:"
        diff "$d/verify-libwrap.txt" "$d/verify-jwrap.txt" | grep '^>' | cut -c3- | cut -f2- | while IFS= read -r q; do
            grep -F -m1 "$q" "$d/verify-libwrap.txt" | sed 's/^/  libwrap: /'
            grep -F -m1 "$q" "$d/verify-jwrap-rules.txt" | sed 's/^/  jwrap:   /'
        done
        if [ "$(wc -l < "$d/verify-jwrap.txt")" != "$queries" ]; then
            echo "  line counts differ: libwrap $queries, jwrap $(wc -l < "$d/verify-jwrap.txt")"
        fi
    fi
    grep -q 'INDEX/LINEAR DISAGREE' "$d/verify-jwrap-rules.txt" && { status=1; grep -B1 'INDEX/LINEAR DISAGREE' "$d/verify-jwrap-rules.txt"; }
done
exit $status
