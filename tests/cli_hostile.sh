#!/bin/sh
# cli_hostile.sh - every fixtures/hostile-*/ case through the CLI, each run
# bounded in time (a hang is killed by `timeout 10`; slower than 2 s fails)
# and in memory (`ulimit -v`, 1 GB; not under ASan, which reserves terabytes
# of address space), then the kill -9 / atomic-output / symlink checks.
#
# A case folder holds its input (input.* file or input/ directory; or
# gen.sh, run as `sh gen.sh PATH` to create it at test time; or pipe.sh,
# whose standard output is piped to feedconv) and expect.txt:
#
#   # comment
#   listen                 run a TCP listener on @PORT@; fail if anything connects
#   run ARGS...            one feedconv run; the input path is appended, @OUT@ is a
#                          fresh empty directory; the lines below check it
#   exit 0|1               exit status (alternatives with |)
#   stdout TEXT            stdout contains TEXT (fixed string); !stdout: does not
#   stderr TEXT            same for stderr; !stderr
#   stdout-re ERE          stdout matches the extended regexp; stderr-re likewise
#   warnings N             exactly N "feedconv: warning:" lines
#   confined               nothing was written beside @OUT@'s first component
#
# Every run also checks: no crash or sanitizer report, every stderr line is
# "feedconv: error: ..." or "feedconv: warning: ...", a failure prints an
# error, and stdout and stderr are valid UTF-8 without NUL bytes.
. "$(dirname "$0")/lib.sh"

FIXTURES=$ROOT/fixtures
MEM_KB=${HOSTILE_MEM_KB:-1048576}
TIME_LIMIT_MS=${HOSTILE_TIME_MS:-2000}

if [ ! -x "$FEEDCONV" ]; then
    fail "hostile" "no feedconv binary at $FEEDCONV"
    exit 1
fi

# Sanitizer builds: no ulimit -v (ASan maps huge shadow regions) and a
# slower clock.
SANITIZED=0
if nm "$FEEDCONV" 2>/dev/null | grep -q '__asan_init\|__ubsan_handle' ||
    ldd "$FEEDCONV" 2>/dev/null | grep -q 'libasan\|libubsan'; then
    SANITIZED=1
    TIME_LIMIT_MS=${HOSTILE_TIME_MS:-20000}
fi

now_ms() { date +%s%3N; }

utf8_ok() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
no_nul() { [ "$(tr -d '\000' <"$1" | wc -c)" -eq "$(wc -c <"$1")" ]; }

# run_feedconv OUT ERR [ARGS...]: feedconv under the limits; sets RC and MS.
# With PIPE set, its standard input is the output of `sh $PIPE`.
run_feedconv() {
    _o=$1 _e=$2
    shift 2
    _t0=$(now_ms)
    if [ -n "${PIPE:-}" ]; then
        sh "$PIPE" 2>/dev/null | (
            [ $SANITIZED = 1 ] || ulimit -v "$MEM_KB"
            exec timeout 10 "$FEEDCONV" "$@"
        ) >"$_o" 2>"$_e"
        RC=$?
    else
        (
            [ $SANITIZED = 1 ] || ulimit -v "$MEM_KB"
            exec timeout 10 "$FEEDCONV" "$@"
        ) >"$_o" 2>"$_e" </dev/null
        RC=$?
    fi
    MS=$(($(now_ms) - _t0))
}

# ---- the listener for "listen" cases ---------------------------------------

LISTENER_PID=
start_listener() {
    rm -f "$TMP/port" "$TMP/connections"
    python3 - "$TMP/port" "$TMP/connections" <<'EOF' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept()
    with open(sys.argv[2], "a") as f:
        f.write("connection\n")
    try:
        c.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nserved-by-listener\n")
    except OSError:
        pass
    c.close()
EOF
    LISTENER_PID=$!
    _l=0
    while [ ! -s "$TMP/port" ] && [ $_l -lt 50 ]; do
        sleep 0.1
        _l=$((_l + 1))
    done
    PORT=$(cat "$TMP/port" 2>/dev/null)
}
stop_listener() {
    if [ -n "$LISTENER_PID" ]; then
        kill "$LISTENER_PID" 2>/dev/null
        wait "$LISTENER_PID" 2>/dev/null
        LISTENER_PID=
    fi
}

# ---- one run's checks --------------------------------------------------------

# finish_run: the implicit checks of the run just made.
finish_run() {
    [ -n "$RUN_NAME" ] || return 0
    _n=$RUN_NAME
    if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
        fail "$_n: bounded time" "killed by timeout 10 (hang)"
    elif [ "$MS" -gt "$TIME_LIMIT_MS" ]; then
        fail "$_n: bounded time" "took ${MS} ms (limit ${TIME_LIMIT_MS} ms)"
    else
        pass "$_n: bounded time (${MS} ms)"
    fi
    if [ "$RC" -gt 3 ]; then
        fail "$_n: clean exit" "exit $RC: $(head -c 400 "$RUN_DIR/err")"
    else
        pass "$_n: clean exit"
    fi
    _bad=$(grep -v '^feedconv: \(error\|warning\): ' "$RUN_DIR/err" | grep -v '^$' | head -3)
    if [ -n "$_bad" ]; then
        fail "$_n: stderr format" "$(printf '%s' "$_bad" | head -c 300)"
    else
        pass "$_n: stderr format"
    fi
    if [ "$RC" != 0 ] && ! grep -q '^feedconv: error: ' "$RUN_DIR/err"; then
        fail "$_n: failure explained" "exit $RC without 'feedconv: error:'"
    fi
    if utf8_ok "$RUN_DIR/out" && no_nul "$RUN_DIR/out"; then
        pass "$_n: stdout is UTF-8"
    else
        fail "$_n: stdout is UTF-8" "invalid UTF-8 or NUL bytes in the output"
    fi
    if utf8_ok "$RUN_DIR/err" && no_nul "$RUN_DIR/err"; then
        pass "$_n: stderr is UTF-8"
    else
        fail "$_n: stderr is UTF-8" "invalid UTF-8 or NUL in messages: $(head -c 200 "$RUN_DIR/err" | tr -c '[:print:]\n' '?')"
    fi
    RUN_NAME=
}

# expect_line NAME KEY ARG: one explicit expectation about the last run.
expect_line() {
    _n=$1 _k=$2 _a=$3
    case $_k in
    exit)
        case "|$_a|" in
        *"|$RC|"*) pass "$_n: exit $_a" ;;
        *) fail "$_n: exit $_a" "exit $RC: $(head -c 300 "$RUN_DIR/err")" ;;
        esac
        ;;
    stdout | stderr | '!stdout' | '!stderr')
        _f=$RUN_DIR/out
        case $_k in *stderr) _f=$RUN_DIR/err ;; esac
        if grep -qF -- "$_a" "$_f"; then _hit=1; else _hit=0; fi
        case $_k in
        '!'*) [ $_hit = 0 ] && pass "$_n: $_k $_a" ||
            fail "$_n: $_k $_a" "found: $(grep -F -- "$_a" "$_f" | head -c 200)" ;;
        *) [ $_hit = 1 ] && pass "$_n: $_k $_a" ||
            fail "$_n: $_k $_a" "not found in: $(head -c 300 "$_f")" ;;
        esac
        ;;
    stdout-re | stderr-re)
        _f=$RUN_DIR/out
        [ "$_k" = stderr-re ] && _f=$RUN_DIR/err
        if grep -qE -- "$_a" "$_f"; then
            pass "$_n: $_k $_a"
        else
            fail "$_n: $_k $_a" "no match in: $(head -c 300 "$_f")"
        fi
        ;;
    warnings)
        _w=$(grep -c '^feedconv: warning: ' "$RUN_DIR/err")
        if [ "$_w" = "$_a" ]; then
            pass "$_n: warnings $_a"
        else
            fail "$_n: warnings $_a" "got $_w: $(grep '^feedconv: warning: ' "$RUN_DIR/err" | head -5 | head -c 500)"
        fi
        ;;
    confined)
        # only @OUT@'s first component may exist in the run's out dir, and
        # nothing named like the hostile ids anywhere else
        _extra=$(find "$RUN_DIR/out.d" -mindepth 1 -maxdepth 1 ! -name "$OUT_FIRST" | head -3)
        _esc=$(find "$TMP" -name '*escaped*' 2>/dev/null | grep -v "^$RUN_DIR/out.d/$OUT_FIRST/" | head -3)
        _abs=$(ls -d /etc/absolute* /tmp/absolute* 2>/dev/null | head -3)
        if [ -z "$_extra$_esc$_abs" ]; then
            pass "$_n: confined"
        else
            fail "$_n: confined" "written outside the output: $_extra $_esc $_abs"
        fi
        ;;
    *)
        fail "$_n: expect.txt" "unknown key '$_k'"
        ;;
    esac
}

# ---- the fixture cases -------------------------------------------------------

run_case() {
    _dir=$1
    _case=$(basename "$_dir")
    _work=$TMP/$_case
    mkdir -p "$_work"
    INPUT= PIPE=
    if [ -f "$_dir/gen.sh" ]; then
        INPUT=$_work/input
        if ! sh "$_dir/gen.sh" "$INPUT"; then
            fail "$_case: gen.sh" "could not generate the input"
            return
        fi
    elif [ -f "$_dir/pipe.sh" ]; then
        PIPE=$_dir/pipe.sh
    elif [ -d "$_dir/input" ]; then
        INPUT=$_dir/input
    else
        for _f in "$_dir"/input.*; do
            [ -f "$_f" ] && INPUT=$_f
        done
    fi
    if [ -z "$INPUT$PIPE" ]; then
        fail "$_case" "no input, gen.sh or pipe.sh"
        return
    fi
    RUN_NAME= _i=0
    while IFS= read -r _line || [ -n "$_line" ]; do
        case $_line in '#'* | '') continue ;; esac
        _key=${_line%% *}
        _arg=${_line#"$_key"}
        _arg=${_arg# }
        case $_key in
        listen)
            start_listener
            if [ -z "$PORT" ] && ! have python3; then
                skip "$_case: listen" "python3 is not installed (Debian package python3)"
                return
            elif [ -z "$PORT" ]; then
                fail "$_case: listen" "could not start a listener"
                return
            fi
            if [ -f "$INPUT" ]; then
                _ext=${INPUT##*/}
                sed "s/@PORT@/$PORT/g" "$INPUT" >"$_work/$_ext"
                INPUT=$_work/$_ext
            fi
            ;;
        run)
            finish_run
            _i=$((_i + 1))
            RUN_NAME="$_case run$_i ($_arg)"
            RUN_DIR=$_work/run$_i
            rm -rf "$RUN_DIR"
            mkdir -p "$RUN_DIR/out.d"
            OUT_FIRST=
            case $_arg in
            *@OUT@/*)
                OUT_FIRST=${_arg#*@OUT@/}
                OUT_FIRST=${OUT_FIRST%%[ /]*}
                ;;
            esac
            # word splitting of the args is intended (no quoting in expect.txt)
            # shellcheck disable=SC2086
            set -- $(printf '%s' "$_arg" | sed "s|@OUT@|$RUN_DIR/out.d|g")
            if [ -n "$PIPE" ]; then
                run_feedconv "$RUN_DIR/out" "$RUN_DIR/err" "$@"
            else
                run_feedconv "$RUN_DIR/out" "$RUN_DIR/err" "$@" "$INPUT"
            fi
            ;;
        *)
            if [ -z "$RUN_NAME" ]; then
                fail "$_case: expect.txt" "'$_key' before any run"
            else
                expect_line "$RUN_NAME" "$_key" "$_arg"
            fi
            ;;
        esac
    done <"$_dir/expect.txt"
    finish_run
    if [ -n "$LISTENER_PID" ]; then
        sleep 0.2
        stop_listener
        if [ -s "$TMP/connections" ]; then
            fail "$_case: no network access" "$(wc -l <"$TMP/connections") connection(s) to the listener"
        else
            pass "$_case: no network access"
        fi
    fi
    rm -rf "$_work" # generated inputs can be 100 MB
}

for d in "$FIXTURES"/hostile-*/; do
    [ -f "$d/expect.txt" ] || continue
    run_case "${d%/}"
done
stop_listener

# ---- atomic output -----------------------------------------------------------

W=$TMP/atomic
mkdir -p "$W"
printf 'previous output\n' >"$W/out.json"
cp "$W/out.json" "$W/orig"
listing() { ls -A "$1" | sort | tr '\n' ' '; }

# Refused without --force, untouched.
check_status "atomic: existing output without --force: exit 3" 3 \
    "$FEEDCONV" -t jsonfeed -o "$W/out.json" "$FIXTURES/hostile-missing-xml-decl/input.xml"
check "atomic: refused output unchanged" cmp -s "$W/out.json" "$W/orig"

# A failing conversion with --force leaves the old file and no temporary.
before=$(listing "$W")
check_status "atomic: failed conversion with --force: exit 1" 1 \
    "$FEEDCONV" --force -f rss -t jsonfeed -o "$W/out.json" "$FIXTURES/hostile-billion-laughs/input.xml"
check "atomic: failed conversion leaves the output byte-identical" cmp -s "$W/out.json" "$W/orig"
check_eq "atomic: failed conversion leaves no temporary file" "$(listing "$W")" "$before"

# kill -9 in the middle of writing: a big feed, killed once the (unnamed or
# named) temporary output has bytes in it.
BIG=$TMP/big.xml
awk 'BEGIN {
    print "<?xml version=\"1.0\"?>"
    print "<rss version=\"2.0\"><channel><title>Big</title><link>https://big.example/</link><description>d</description>"
    for (i = 0; i < 300000; i++)
        printf "<item><title>Post %d</title><guid>big-%d</guid><description>Body of post number %d, long enough to matter.</description></item>\n", i, i, i
    print "</channel></rss>"
}' >"$BIG"
before=$(listing "$W")
"$FEEDCONV" --force -f rss -t jsonfeed -o "$W/out.json" "$BIG" >/dev/null 2>&1 &
pid=$!
killed=0
i=0
# (polls until the conversion ends, for at most about a minute)
while [ $i -lt 6000 ] && kill -0 "$pid" 2>/dev/null; do
    # the output being written: an fd open on the output directory whose
    # file has grown (O_TMPFILE shows as "/dir/#123 (deleted)")
    for fd in /proc/$pid/fd/*; do
        t=$(readlink "$fd" 2>/dev/null) || continue
        case $t in
        "$W"/*)
            sz=$(stat -L -c %s "$fd" 2>/dev/null || echo 0)
            if [ "${sz:-0}" -gt 0 ]; then
                kill -9 "$pid" 2>/dev/null && killed=1
                break
            fi
            ;;
        esac
    done
    [ $killed = 1 ] && break
    sleep 0.01
    i=$((i + 1))
done
wait "$pid" 2>/dev/null
if [ $killed = 1 ]; then
    pass "atomic: kill -9 landed mid-write"
    check "atomic: kill -9 leaves the output byte-identical" cmp -s "$W/out.json" "$W/orig"
    check_eq "atomic: kill -9 leaves no temporary file" "$(listing "$W")" "$before"
else
    # a streamed conversion has output on disk long before it ends
    fail "atomic: kill -9 landed mid-write" "the conversion never had output bytes on disk before it ended (writes buffered to the end?)"
    check_eq "atomic: no temporary file after the run" "$(listing "$W")" "$before"
fi

# ---- directory output: symlinks inside the output lead nowhere -------------

S=$TMP/symlink
mkdir -p "$S/site" "$S/outside"
printf 'victim\n' >"$S/outside/victim"
cp "$S/outside/victim" "$S/victim.orig"
for n in victim.md victim index.md posts content _posts; do
    ln -s "$S/outside" "$S/site/$n.dirlink" 2>/dev/null
    ln -s "$S/outside/victim" "$S/site/$n" 2>/dev/null
done
cat >"$S/in.json" <<'EOF'
{"version": "https://jsonfeed.org/version/1.1", "title": "Victim", "items": [
 {"id": "victim", "title": "Victim", "content_text": "overwrite?", "date_published": "2024-01-01T00:00:00Z"}]}
EOF
for site in plain hugo jekyll; do
    "$FEEDCONV" --force -f jsonfeed -t markdown --site $site -o "$S/site" "$S/in.json" >/dev/null 2>&1
    st=$?
    if [ $st -gt 3 ]; then
        fail "symlink ($site): clean exit" "exit $st"
    fi
    check "symlink ($site): file behind a symlink untouched" cmp -s "$S/outside/victim" "$S/victim.orig"
    check_eq "symlink ($site): nothing written through a directory symlink" "$(listing "$S/outside")" "victim "
done

exit 0
