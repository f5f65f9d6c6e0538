#!/bin/sh
# valgrind.sh - the unit tests and a set of CLI conversions under valgrind
# (memcheck: no errors, no definite or indirect leaks).  Not part of
# `make check` (slow); .ci/run calls it after building:
#
#   make && sh tests/valgrind.sh
#
# Prints PASS:/FAIL:/SKIP: lines and ends with the counts; exit 1 on any
# failure.  test_nomem skips itself here (it replaces malloc, which
# valgrind does too).  VALGRIND_QUICK=1 runs only the CLI conversions.
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh

LOG=$TMP/vg.log
VG="valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --track-fds=no --num-callers=30"
TESTBIN=${TESTBIN:-$ROOT/build/rel/tests}
npass=0 nfail=0

if ! command -v valgrind >/dev/null 2>&1; then
    skip "valgrind" "valgrind is not installed (Debian package valgrind)"
    exit 0
fi
if [ ! -x "$FEEDCONV" ]; then
    fail "valgrind" "no feedconv at $FEEDCONV (run make first)"
    exit 1
fi

# vg NAME CMD...: CMD under valgrind; a valgrind error (exit 99) fails,
# whatever CMD's own status.
vg() {
    _n=$1
    shift
    # shellcheck disable=SC2086
    $VG --log-file="$LOG" "$@" >"$TMP/vg.out" 2>"$TMP/vg.err" </dev/null
    _s=$?
    if [ $_s = 99 ] || grep -q 'ERROR SUMMARY: [1-9]\|definitely lost\|indirectly lost' "$LOG"; then
        fail "valgrind: $_n" "$(grep -v '^==[0-9]*== *$' "$LOG" | head -40)"
        nfail=$((nfail + 1))
    else
        pass "valgrind: $_n (exit $_s)"
        npass=$((npass + 1))
    fi
}

# ---- unit tests ---------------------------------------------------------------
FC_NOMEM_SKIP=1
export FC_NOMEM_SKIP
if [ -z "${VALGRIND_QUICK:-}" ]; then
    for t in "$TESTBIN"/test_*; do
        [ -x "$t" ] || continue
        # test_golden runs the same conversions as test_stream
        case $t in */test_golden) continue ;; esac
        vg "$(basename "$t")" "$t"
        # the test's own failures are reported by make check, not here
    done
fi

# ---- CLI conversions ------------------------------------------------------------
# the WordPress fixture, and the seed beside the project when it is there
in_seed=
have_seed && in_seed=$SEED
for input in "$WORDPRESS" $in_seed fixtures/hostile-rss-repairs/input.xml \
    fixtures/hostile-billion-laughs/input.xml fixtures/hostile-xxe-file/input.xml \
    fixtures/hostile-invalid-utf8-xml/input.xml fixtures/hostile-encoding-windows-1252/input.xml \
    fixtures/hostile-encoding-utf16le-bom/input.xml fixtures/hostile-truncated/input.xml \
    fixtures/hostile-junk-before-root/input.xml fixtures/hostile-html-entities-atom/input.xml \
    fixtures/hostile-nul-byte-json/input.json fixtures/hostile-json-syntax-error/input.json; do
    [ -f "$input" ] || continue
    short=$(basename "$(dirname "$input")")
    [ "$input" = "$SEED" ] && short=seed
    for to in rss atom jsonfeed; do
        vg "$short -> $to" "$FEEDCONV" -t "$to" "$input"
    done
    rm -rf "$TMP/site"
    vg "$short -> markdown" "$FEEDCONV" -t markdown --site hugo -o "$TMP/site" "$input"
    if [ -d "$TMP/site" ]; then
        vg "$short -> markdown -> jsonfeed" "$FEEDCONV" -t jsonfeed "$TMP/site"
    fi
done
for d in fixtures/hostile-yaml-*/input; do
    [ -d "$d" ] || continue
    vg "$(basename "$(dirname "$d")") -> jsonfeed" "$FEEDCONV" -f markdown -t jsonfeed "$d"
done

echo "valgrind: $npass passed, $nfail failed"
[ $nfail = 0 ]
