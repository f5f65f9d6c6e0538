# tests/lib.sh - the shell test kit, sourced by tests/cli_*.sh.
# Prints "PASS: name" / "FAIL: name: why" / "SKIP: name: why" like check.h.
# FEEDCONV is the binary under test, ROOT the project, SHARED ../shared,
# TMP a scratch directory removed at exit.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
FEEDCONV=${FEEDCONV:-$ROOT/feedconv}
SHARED=${SHARED:-$ROOT/../shared}
SEED=$SHARED/seeds/000_fadef919b9fcc116.txt
VALIDATORS=$SHARED/validators
TMP=$(mktemp -d "${TMPDIR:-/tmp}/feedconv-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

pass() { printf 'PASS: %s\n' "$1"; }
fail() { printf 'FAIL: %s: %s\n' "$1" "$2"; }
skip() { printf 'SKIP: %s: %s\n' "$1" "$2"; }

# check NAME CMD...: pass when CMD exits 0
check() {
    _n=$1; shift
    if "$@" >"$TMP/.out" 2>&1; then pass "$_n"; else fail "$_n" "$(head -c 300 "$TMP/.out")"; fi
}
# check_eq NAME GOT WANT
check_eq() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', want '$3'"; fi
}
# check_status NAME WANT CMD...: the exit status of CMD is WANT
check_status() {
    _n=$1; _w=$2; shift 2
    "$@" >"$TMP/.out" 2>"$TMP/.err"; _s=$?
    if [ "$_s" = "$_w" ]; then pass "$_n"; else fail "$_n" "exit $_s, want $_w: $(head -c 300 "$TMP/.err")"; fi
}
have_seed() { [ -r "$SEED" ]; }
# A validator runs when it is there and its interpreter / tools are installed
# (it exits 2 on a setup error; callers treat 2 as "cannot check").
have_validator() {
    [ -x "$VALIDATORS/$1" ] && [ -x "${VALIDATORS_PYTHON:-/usr/bin/python3}" ] || return 1
    case $1 in validate-atom) command -v xmllint >/dev/null ;; esac
}
