#!/bin/sh
# tests/run.sh - run every unit-test program ($TESTBIN/test_*) and CLI
# script (tests/cli_*.sh); print each failure and skip, the skips counted by
# reason, and the closing count line "N passed, N failed[, N skipped]".
#
# A check may SKIP only when a Debian package it needs is missing (its
# message names the package), or, in test_nomem, when a library mishandles
# an allocation failure ("... (a bug of that library, not feedconv's)").
# FC_NO_SKIPS=1 counts every other skip as a failure: CI runs the suite so,
# in a fresh clone with every package installed.
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd); export ROOT
FEEDCONV=${FEEDCONV:-$ROOT/feedconv}; export FEEDCONV
log=$(mktemp) || exit 2
trap 'rm -f "$log" "$log.one" "$log.skips"' EXIT
TESTBIN=${TESTBIN:-$ROOT/build/rel/tests}
LIBRARY_BUG="(a bug of that library, not feedconv's)"

for t in "$TESTBIN"/test_* tests/cli_*.sh; do
    case $t in
    *.sh) [ -f "$t" ] || continue ;;
    *) [ -x "$t" ] || continue ;;
    esac
    echo "== $t"
    case $t in *.sh) sh "$t" >"$log.one" 2>&1 ;; *) "$t" >"$log.one" 2>&1 ;; esac
    st=$?
    cat "$log.one" >>"$log"
    grep -E '^(FAIL|SKIP):' "$log.one"
    if [ $st -gt 1 ]; then echo "FAIL: $t: exited with status $st" | tee -a "$log"; fi
done

p=$(grep -c '^PASS:' "$log"); f=$(grep -c '^FAIL:' "$log"); s=$(grep -c '^SKIP:' "$log")

# Skips by reason: the Debian package named, a library's bug, or the text
# after the check's name (anything else: a skip the rules above forbid).
grep '^SKIP:' "$log" | sed \
    -e 's/.* \([^ ]* is not installed (Debian package [^)]*)\).*/\1/' \
    -e "s/.*(a bug of that library, not feedconv's)\$/a library's bug, not feedconv's (test_nomem; allowed)/" \
    -e 's/^SKIP: .*: \([^:]*\)$/\1/' >"$log.skips"
if [ "$s" -gt 0 ]; then
    echo "skipped, by reason:"
    sort "$log.skips" | uniq -c | sort -rn | sed 's/^ */  /'
fi
if [ "${FC_NO_SKIPS:-0}" = 1 ]; then
    bad=$(grep '^SKIP:' "$log" | grep -cvF "$LIBRARY_BUG")
    if [ "$bad" -gt 0 ]; then
        echo "FC_NO_SKIPS=1: $bad skip(s) counted as failures:"
        grep '^SKIP:' "$log" | grep -vF "$LIBRARY_BUG" | sed 's/^SKIP: /FAIL: (no skips) /'
        f=$((f + bad)) s=$((s - bad))
    fi
fi
if [ "$s" -gt 0 ]; then echo "$p passed, $f failed, $s skipped"; else echo "$p passed, $f failed"; fi
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
