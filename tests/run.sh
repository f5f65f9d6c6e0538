#!/bin/sh
# tests/run.sh - run every unit-test program (tests/bin/test_*) and CLI
# script (tests/cli_*.sh); print each failure and the closing count line.
cd "$(dirname "$0")/.." || exit 2
ROOT=$(pwd); export ROOT
FEEDCONV=${FEEDCONV:-$ROOT/feedconv}; export FEEDCONV
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
TESTBIN=${TESTBIN:-$ROOT/build/rel/tests}
for t in "$TESTBIN"/test_*; do
    [ -x "$t" ] || continue
    echo "== $t"
    "$t" >"$log.one" 2>&1; st=$?
    cat "$log.one" >>"$log"
    grep -E '^(FAIL|SKIP):' "$log.one"
    if [ $st -gt 1 ]; then echo "FAIL: $t: exited with status $st" | tee -a "$log"; fi
done
for t in tests/cli_*.sh; do
    [ -f "$t" ] || continue
    echo "== $t"
    sh "$t" >"$log.one" 2>&1; st=$?
    cat "$log.one" >>"$log"
    grep -E '^(FAIL|SKIP):' "$log.one"
    if [ $st -gt 1 ]; then echo "FAIL: $t: exited with status $st" | tee -a "$log"; fi
done
rm -f "$log.one"
p=$(grep -c '^PASS:' "$log"); f=$(grep -c '^FAIL:' "$log"); s=$(grep -c '^SKIP:' "$log")
if [ "$s" -gt 0 ]; then echo "$p passed, $f failed, $s skipped"; else echo "$p passed, $f failed"; fi
[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
