# tests/lib.sh - the shell test kit, sourced by tests/cli_*.sh.
# Prints "PASS: name" / "FAIL: name: why" / "SKIP: name: why" like check.h.
# A check may SKIP only when a Debian package it needs is missing, and then
# says which: "... (Debian package NAME)" (tests/run.sh counts skips by
# reason, and FC_NO_SKIPS=1 makes them failures).
#
# FEEDCONV is the binary under test, ROOT the project, CHECKERS the
# project's external checkers (tests/checkers), WORDPRESS the hand-written
# WordPress feed most conversions start from, TMP a scratch directory
# removed at exit.  SHARED (../shared) is optional material beside the
# project: when it is there, tests may add checks with its seed feed (SEED)
# and validators, never require them.
set -u
ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
FEEDCONV=${FEEDCONV:-$ROOT/feedconv}
CHECKERS=$ROOT/tests/checkers
WORDPRESS=$ROOT/fixtures/wordpress-rss/input.xml
SHARED=${SHARED:-$ROOT/../shared}
SEED=$SHARED/seeds/000_fadef919b9fcc116.txt
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

# have_seed: the seed feed beside the project is readable (extra checks only)
have_seed() { [ -r "$SEED" ]; }
# have CMD: CMD is on PATH
have() { command -v "$1" >/dev/null 2>&1; }
# need NAME CMD PACKAGE: true when CMD is on PATH; else SKIP NAME naming PACKAGE
need() {
    have "$2" && return 0
    skip "$1" "$2 is not installed (Debian package $3)"
    return 1
}

# missing_package FILE: the "X is not installed (Debian package Y)" that a
# checker's output FILE holds, or nothing
missing_package() {
    grep -o '[^: ]* is not installed (Debian package [^)]*)' "$1" | head -1
}

# checked NAME CHECKER FILE: tests/checkers/CHECKER accepts FILE (validate-atom,
# validate-rss, validate-jsonfeed, parse-check).  Exit 1 is a FAIL with the checker's
# report; exit 2 a SKIP when it names a missing Debian package, else a FAIL.
# The validator of the same name in ../shared/validators, when it is there
# and set up, checks FILE too ("NAME (shared)").
checked() {
    "$CHECKERS/$2" "$3" >"$TMP/.chk" 2>&1; _s=$?
    case $_s in
    0) pass "$1" ;;
    2) if grep -q '(Debian package [^)]*)' "$TMP/.chk"; then
           skip "$1" "$(missing_package "$TMP/.chk")"
       else
           fail "$1" "$2: $(head -c 300 "$TMP/.chk")"
       fi ;;
    *) fail "$1" "$2 (exit $_s): $(grep -v 'fails to validate$' "$TMP/.chk" | head -c 400)" ;;
    esac
    if [ -x "$SHARED/validators/$2" ]; then
        "$SHARED/validators/$2" "$3" >"$TMP/.chk" 2>&1; _s=$?
        case $_s in
        0) pass "$1 (shared)" ;;
        1) fail "$1 (shared)" "$(head -c 300 "$TMP/.chk")" ;;
        esac
    fi
    return 0
}
