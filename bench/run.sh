#!/bin/sh
# bench/run.sh - the `make bench` runner: feedconv beside xmllint.
#
#   sh bench/run.sh [POSTS...]          default: 1000 10000 100000
#
# For each size: generate (once; bench/gen is deterministic) RSS 2.0, Atom,
# JSON Feed and WordPress export (WXR) files of POSTS WordPress-like posts,
# time `xmllint --stream --noout` on the XML ones, then every reader ->
# writer pair of feedconv (output to /dev/null), RSS -> Markdown directory
# (--site plain) beside `cp -r` of the tree it wrote, Markdown -> each
# stream format beside cmark-gfm alone on the same files (bench/mdfloor),
# and the export -> each stream format and a Hugo site (an
# export is read in two passes: its peak memory is what to watch), the
# merge of the three stream files of the same posts into one feed, and
# RSS -> a Hugo site with Markdown bodies at -j 1 and -j N.  Prints
# MB/s (MB = 10^6 bytes of input), the ratio to
# xmllint on the same file, the ratio to RSS -> JSON Feed of the same size
# (per MB), and peak resident memory from GNU time.
#
# Environment:
#   FEEDCONV   the binary (default ./feedconv)
#   GEN, PARSERS, MDFLOOR  bench/gen.c, bench/parsers.c and bench/mdfloor.c,
#              built (build/rel/bench/)
#   BENCH_DATA where data goes (default $TMPDIR/feedconv-bench, outside the
#              work tree so copies of the tree stay small; about 1.6 GB of
#              feeds for 100k posts, plus 0.5 GB of Markdown while it runs)
#   BENCH_REPS runs per cell below 100k posts, the median kept (default 3);
#              100k and more get one run (xmllint and the goal pairs: BENCH_REPS)
#   BENCH_FULL=1 every pair at 100k posts too (by default 100k runs only the
#              pairs the goals name, so that `make bench` stays under 10
#              minutes on 2 cores; 1k and 10k always run every pair)
#   BENCH_JOBS the -j of the stream pairs and the threads table (default:
#              nproc, feedconv's own default: an XML input is parsed on a
#              thread of its own); the goal pairs (RSS -> JSON Feed, RSS ->
#              Atom) are also run at -j 1, and the Markdown rows say theirs
#   BENCH_KEEP=1 keep the Markdown trees after the run
set -u
cd "$(dirname "$0")/.." || exit 2
FEEDCONV=${FEEDCONV:-./feedconv}
GEN=${GEN:-build/rel/bench/gen}
PARSERS=${PARSERS:-build/rel/bench/parsers}
MDFLOOR=${MDFLOOR:-build/rel/bench/mdfloor}
DATA=${BENCH_DATA:-${TMPDIR:-/tmp}/feedconv-bench}
REPS=${BENCH_REPS:-3}
TIME=/usr/bin/time
[ $# -gt 0 ] || set -- 1000 10000 100000

die() { echo "bench: $*" >&2; exit 2; }

# ---- tools -------------------------------------------------------------
[ -x "$FEEDCONV" ] || die "no $FEEDCONV: run 'make' first"
[ -x "$GEN" ] || die "no $GEN: run 'make bench' (it builds the generator)"
command -v xmllint >/dev/null 2>&1 ||
    die "xmllint is missing: install the Debian package libxml2-utils (apt-get install libxml2-utils)"
if ! "$TIME" -v true >/dev/null 2>&1; then
    die "GNU time is missing ($TIME -v): install the Debian package 'time' (apt-get install time)"
fi
case $(date +%N) in
*N | '') die "date +%N is not supported: GNU coreutils date is needed for timing" ;;
esac
mkdir -p "$DATA" || die "cannot create $DATA"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/feedconv-bench.XXXXXX") || exit 2
MDRUN=$(mktemp -d "$DATA/md-run.XXXXXX") || exit 2
if [ "${BENCH_KEEP:-0}" = 1 ]; then
    trap 'rm -rf "$TMPD"; echo "Markdown trees kept in $MDRUN"' EXIT INT TERM
else
    trap 'rm -rf "$TMPD" "$MDRUN"' EXIT INT TERM
fi

# ---- the machine -------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')
mem=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
fstype=$(findmnt -no FSTYPE -T "$DATA" 2>/dev/null || echo '?')
echo "machine: ${cpu:-?}, $(nproc 2>/dev/null || echo '?') cores, ${mem:-?} RAM, $(uname -sr)"
echo "         $(xmllint --version 2>&1 | head -n1 | sed 's/^xmllint: //'), $("$FEEDCONV" --version), data on $fstype ($DATA)"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
echo "         load average $load at the start$(awk -v l="$load" 'BEGIN { if (l > 0.5) print ": other work is running, wall times will be noisy (compare cpu s)" }')"
echo

# ---- helpers -----------------------------------------------------------
now() { date +%s%N; }

# run OUT CMD...: run CMD under GNU time (stdout to OUT); sets SECS, PEAK_KB
# and RC.
run() {
    _out=$1; shift
    _t0=$(now)
    "$TIME" -v -o "$TMPD/time" "$@" >"$_out" 2>"$TMPD/err"
    RC=$?
    _t1=$(now)
    SECS=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    PEAK_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TMPD/time")
    CPU=$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$TMPD/time")
    # GNU time itself reports "Command exited with non-zero status N".
    if [ "$RC" -ne 0 ]; then
        ERR=$(grep -v '^Command exited' "$TMPD/err" | head -n1 | cut -c1-100)
    else
        ERR=
    fi
}

# best N OUT CMD...: the median of N runs by wall time, with that run's
# cpu, and the highest peak of all (stops at the first failure).
best() {
    _n=$1; shift
    _peak=0; _i=0
    : >"$TMPD/runs"
    while [ "$_i" -lt "$_n" ]; do
        run "$@"
        [ "$RC" -eq 0 ] || return
        echo "$SECS $CPU" >>"$TMPD/runs"
        [ "${PEAK_KB:-0}" -gt "$_peak" ] && _peak=$PEAK_KB
        _i=$((_i + 1))
    done
    _mid=$(sort -n "$TMPD/runs" | awk -v n="$_n" 'NR == int((n + 1) / 2) { print }')
    SECS=${_mid% *}; CPU=${_mid#* }; PEAK_KB=$_peak
}

# Bytes of a file, or of all files under a directory.
size_of() {
    if [ -d "$1" ]; then
        find "$1" -type f -exec cat {} + | wc -c | tr -d ' '
    else
        wc -c <"$1" | tr -d ' '
    fi
}

mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.2f", a / b; else print "-" }'; }
mb() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.1f", k / 1024 }'; }

ext_of() {
    case $1 in rss) echo xml ;; atom) echo atom ;; jsonfeed) echo json ;; wxr) echo wxr.xml ;; esac
}

# ---- the table ---------------------------------------------------------
fmt_row='%7s  %-22s %7s %8s %7s %7s %8s %6s %6s %7s %8s  %s\n'
# shellcheck disable=SC2059
printf "$fmt_row" posts 'reader -> writer' 'in MB' 'wall s' 'cpu s' 'MB/s' 'xmllint' ratio 'cpu r' 'vs r>j' 'peak MB' ''
# shellcheck disable=SC2059
printf "$fmt_row" ------- ---------------------- ------- -------- ------- ------- -------- ------ ------ ------- -------- ''

# posts pair bytes secs cpu xmllint_mbps rj_mbps peak_kb note [xmllint_cpu]
row() {
    _m=$(mbps "$3" "$4")
    _cr=$(awk -v a="${10:--}" -v b="$5" 'BEGIN { if (a != "-" && b != "-" && b > 0) printf "%.2f", a / b; else print "-" }')
    # shellcheck disable=SC2059
    printf "$fmt_row" "$1" "$2" "$(awk -v b="$3" 'BEGIN { printf "%.1f", b / 1e6 }')" \
        "$4" "$5" "$_m" "$6" "$(ratio "$_m" "$6")" "$_cr" "$(ratio "$_m" "$7")" "$(mb "$8")" "$9"
}

fail_row() { # posts pair
    # shellcheck disable=SC2059
    printf "$fmt_row" "$1" "$2" - - - - - - - - - "FAILED (exit $RC): $ERR"
}

MDROWS=$TMPD/mdrows
: >"$MDROWS"
JROWS=$TMPD/jrows
: >"$JROWS"
NJOBS=${BENCH_JOBS:-$(nproc 2>/dev/null || echo 1)}
JLIST=1
[ "$NJOBS" -gt 1 ] && JLIST="1 $NJOBS"

for n in "$@"; do
    reps=$REPS
    # 100k: one run a cell, but the median of $REPS for xmllint and the
    # pairs the speed goal names (RSS -> JSON Feed, RSS -> Atom)
    [ "$n" -ge 100000 ] && reps=1
    greps=$REPS
    # Data: generated once per generator build.
    for f in rss atom jsonfeed wxr; do
        file=$DATA/$f-$n.$(ext_of $f)
        if [ ! -s "$file" ] || [ "$GEN" -nt "$file" ]; then
            "$GEN" "$f" "$n" >"$file.tmp" && mv "$file.tmp" "$file" ||
                die "generating $file failed"
        fi
        cat "$file" >/dev/null # warm the page cache: both tools read from memory
    done

    # xmllint on each XML file: the reference for the ratio column.
    for f in rss atom wxr; do
        file=$DATA/$f-$n.$(ext_of $f)
        bytes=$(size_of "$file")
        best "$greps" /dev/null xmllint --stream --noout "$file"
        [ "$RC" -eq 0 ] || die "xmllint failed on $file: $ERR"
        m=$(mbps "$bytes" "$SECS")
        eval "xl_$f=\$m; xlcpu_$f=\$CPU"
        row "$n" "xmllint $f" "$bytes" "$SECS" "$CPU" "$m" "" "$PEAK_KB" "(--stream --noout)" "$CPU"
    done
    # The floor under a libxml2-based reader, per set-up (bench/parsers.c),
    # RSS only; per MB it does not change with size, so not at 100k.
    if [ -x "$PARSERS" ] && { [ "$n" -lt 100000 ] || [ "${BENCH_FULL:-0}" = 1 ]; }; then
        "$PARSERS" "$DATA/rss-$n.xml" "$reps" >"$TMPD/parsers" 2>&1 ||
            echo "bench: parsers failed: $(head -n1 "$TMPD/parsers")" >&2
        while read -r name _mb _unit _in secs _rest; do
            row "$n" "libxml2 $name" "$(size_of "$DATA/rss-$n.xml")" "$secs" - "$xl_rss" "" - "(bench/parsers)"
        done <"$TMPD/parsers"
    fi

    # RSS -> JSON Feed first: the reference for the "vs r->j" column.
    rj=
    pairs="rss:jsonfeed rss:atom rss:rss atom:rss atom:jsonfeed atom:atom jsonfeed:rss"
    pairs="$pairs jsonfeed:atom jsonfeed:jsonfeed wxr:jsonfeed wxr:rss wxr:atom"
    mdpairs="rss atom jsonfeed"
    if [ "$n" -ge 100000 ] && [ "${BENCH_FULL:-0}" != 1 ]; then
        pairs="rss:jsonfeed rss:atom atom:rss jsonfeed:rss wxr:jsonfeed wxr:rss wxr:atom" # the goals' pairs
        mdpairs=rss
    fi
    for pair in $pairs; do
        from=${pair%%:*}; to=${pair#*:}
        file=$DATA/$from-$n.$(ext_of "$from")
        bytes=$(size_of "$file")
        r=$reps
        case $pair in rss:jsonfeed | rss:atom) r=$greps ;; esac
        best "$r" /dev/null "$FEEDCONV" -q -j "$NJOBS" -f "$from" -t "$to" "$file"
        if [ "$RC" -ne 0 ]; then fail_row "$n" "$from -> $to"; continue; fi
        m=$(mbps "$bytes" "$SECS")
        [ "$pair" = rss:jsonfeed ] && rj=$m
        case $from in
        rss) xl=$xl_rss; xc=$xlcpu_rss ;;
        atom) xl=$xl_atom; xc=$xlcpu_atom ;;
        wxr) xl=$xl_wxr; xc=$xlcpu_wxr ;;
        *) xl=-; xc=- ;;
        esac
        row "$n" "$from -> $to" "$bytes" "$SECS" "$CPU" "$xl" "$rj" "$PEAK_KB" "-j $NJOBS" "$xc"
        # the goal pairs on one thread too
        case $pair in rss:jsonfeed | rss:atom) ;; *) continue ;; esac
        [ "$NJOBS" -gt 1 ] || continue
        best "$r" /dev/null "$FEEDCONV" -q -j 1 -f "$from" -t "$to" "$file"
        if [ "$RC" -ne 0 ]; then fail_row "$n" "$from -> $to"; continue; fi
        row "$n" "$from -> $to" "$bytes" "$SECS" "$CPU" "$xl" "$rj" "$PEAK_KB" "-j 1" "$xc"
    done

    # Merging the RSS, Atom and JSON Feed files of the same posts (each
    # post read three times, written once) into one RSS feed: bodies wait
    # in a temporary file, so only the dedupe index grows with the posts.
    mfiles="$DATA/rss-$n.xml $DATA/atom-$n.atom $DATA/jsonfeed-$n.json"
    bytes=0
    for f in $mfiles; do bytes=$((bytes + $(size_of "$f"))); done
    # shellcheck disable=SC2086
    best "$reps" /dev/null "$FEEDCONV" -q -t rss $mfiles
    if [ "$RC" -eq 0 ]; then
        row "$n" "merge r+a+j -> rss" "$bytes" "$SECS" "$CPU" - "$rj" "$PEAK_KB" "$((3 * n)) in, $n out"
    else
        fail_row "$n" "merge r+a+j -> rss"
    fi

    # RSS -> Markdown directory: files/s beside cp -r of the same tree.
    # Every tree goes to a new directory and all are removed at the end:
    # on ext4 without a journal, creating files within minutes of a large
    # rm -rf is several times slower (the kernel scans the recently freed
    # inodes), which would time the last deletion, not the writer.
    md=$MDRUN/md-$n
    run /dev/null "$FEEDCONV" -q -j 1 -f rss -t markdown --site plain --force -o "$md" "$DATA/rss-$n.xml"
    if [ "$RC" -ne 0 ]; then
        fail_row "$n" "rss -> markdown"
        continue
    fi
    wsecs=$SECS; wpeak=$PEAK_KB; wcpu=$CPU
    files=$(find "$md" -type f | wc -l | tr -d ' ')
    bytes=$(size_of "$DATA/rss-$n.xml")
    row "$n" "rss -> markdown" "$bytes" "$wsecs" "$wcpu" "$xl_rss" "$rj" "$wpeak" "$files files" "$xlcpu_rss"
    sync
    run /dev/null cp -r "$md" "$md.cp"
    csecs=$SECS
    mdrow() { # posts body files fc_secs cp_secs peak_kb
        awk -v n="$1" -v b="$2" -v f="$3" -v w="$4" -v c="$5" -v p="$6" 'BEGIN {
            printf "%7s  %-9s %8d %9.3f %9.0f %9.3f %9.0f %7.2f %8.1f\n", n, b, f, w, f / w, c, f / c, c / w, p / 1024 }'
    }
    mdrow "$n" markdown "$files" "$wsecs" "$csecs" "$wpeak" >>"$MDROWS"
    # The same with --body html: no HTML -> Markdown, so what is left is
    # the writer and the file system.
    run /dev/null "$FEEDCONV" -q -j 1 -f rss -t markdown --site plain --body html --force \
        -o "$md.html" "$DATA/rss-$n.xml"
    if [ "$RC" -eq 0 ]; then
        mdrow "$n" html "$(find "$md.html" -type f | wc -l | tr -d ' ')" "$SECS" "$csecs" \
            "$PEAK_KB" >>"$MDROWS"
    else
        echo "$n  --body html FAILED (exit $RC): $ERR" >>"$MDROWS"
    fi

    # The export -> a Hugo site (WordPress's bodies, comments, menus).
    run /dev/null "$FEEDCONV" -q -j 1 -f wxr -t markdown --site hugo --force -o "$md.wxr" \
        "$DATA/wxr-$n.wxr.xml"
    if [ "$RC" -eq 0 ]; then
        row "$n" "wxr -> markdown (hugo)" "$(size_of "$DATA/wxr-$n.wxr.xml")" "$SECS" "$CPU" \
            "$xl_wxr" "$rj" "$PEAK_KB" "$(find "$md.wxr" -type f | wc -l | tr -d ' ') files" \
            "$xlcpu_wxr"
    else
        fail_row "$n" "wxr -> markdown"
    fi

    # Threads (-j): RSS -> a Hugo site with Markdown bodies at -j 1 and
    # -j N (every core), each run into a new directory; best of $reps.
    # Each run starts with no dirty pages: the trees written before are
    # otherwise flushed during it (ext4 writes back what is 30 s old), on
    # a core that -j 1 leaves idle and -j N does not.
    for j in $JLIST; do
        _best=; _peak=0; _cpu=; _i=0; RC=0
        while [ "$_i" -lt "$reps" ] && [ "$RC" -eq 0 ]; do
            _i=$((_i + 1))
            sync
            run /dev/null "$FEEDCONV" -q -j "$j" -f rss -t markdown --site hugo \
                -o "$MDRUN/hugo-$n-j$j-$_i" "$DATA/rss-$n.xml"
            if [ -z "$_best" ] || awk -v a="$SECS" -v b="$_best" 'BEGIN { exit !(a < b) }'; then
                _best=$SECS; _cpu=$CPU
            fi
            [ "${PEAK_KB:-0}" -gt "$_peak" ] && _peak=$PEAK_KB
        done
        if [ "$RC" -ne 0 ]; then
            echo "$n  -j $j FAILED (exit $RC): $ERR" >>"$JROWS"
            continue
        fi
        [ "$j" = 1 ] && j1=$_best
        awk -v n="$n" -v j="$j" -v w="$_best" -v c="$_cpu" -v b="$j1" -v p="$_peak" 'BEGIN {
            printf "%7s  %4s %9.3f %8.2f %9.0f %8.2f %8.1f\n", n, j, w, c, n / w, b / w, p / 1024 }' \
            >>"$JROWS"
    done

    # Markdown directory -> each stream format.
    bytes=$(size_of "$md")
    for to in $mdpairs; do
        best "$reps" /dev/null "$FEEDCONV" -q -j 1 -f markdown -t "$to" "$md"
        if [ "$RC" -ne 0 ]; then fail_row "$n" "markdown -> $to"; continue; fi
        row "$n" "markdown -> $to" "$bytes" "$SECS" "$CPU" - "$rj" "$PEAK_KB" "-j 1"
    done
    # The floor under them: cmark-gfm alone on the same files, one thread
    # (bench/mdfloor.c); per MB it does not change with size, so not at 100k.
    if [ -x "$MDFLOOR" ] && { [ "$n" -lt 100000 ] || [ "${BENCH_FULL:-0}" = 1 ]; }; then
        "$MDFLOOR" "$md" "$reps" >"$TMPD/mdfloor" 2>&1 ||
            echo "bench: mdfloor failed: $(head -n1 "$TMPD/mdfloor")" >&2
        while read -r name _mb _unit _in secs _rest; do
            row "$n" "$(echo "$name" | tr _ ' ') alone" "$bytes" "$secs" - - "$rj" - "(bench/mdfloor)"
        done <"$TMPD/mdfloor"
    fi
    # Reading a site at -j N (the default): Markdown -> HTML on N threads.
    if [ "$NJOBS" -gt 1 ]; then
        best "$reps" /dev/null "$FEEDCONV" -q -j "$NJOBS" -f markdown -t rss "$md"
        if [ "$RC" -ne 0 ]; then
            fail_row "$n" "markdown -> rss"
        else
            row "$n" "markdown -> rss" "$bytes" "$SECS" "$CPU" - "$rj" "$PEAK_KB" "-j $NJOBS"
        fi
    fi
done

echo
echo "RSS -> Markdown directory (--site plain) beside cp -r of the tree it wrote (body html:"
echo "the same with --body html, which skips HTML -> Markdown; fc/cp = feedconv files/s / cp -r files/s):"
printf '%7s  %-9s %8s %9s %9s %9s %9s %7s %8s\n' posts body files 'feedconv' 'files/s' 'cp -r s' 'files/s' 'fc/cp' 'peak MB'
cat "$MDROWS"
echo
echo "Threads: RSS -> Hugo site (Markdown bodies), -j 1 and -j $NJOBS (speed-up = -j 1 wall / this wall):"
printf '%7s  %4s %9s %8s %9s %8s %8s\n' posts jobs 'wall s' 'cpu s' 'posts/s' speed-up 'peak MB'
cat "$JROWS"
echo
echo "MB = 10^6 bytes of input; ratio = MB/s / xmllint --stream --noout MB/s on the same file;"
echo "cpu r = xmllint cpu s / feedconv cpu s on the same file (the ratio on a busy machine; GNU"
echo "time counts cpu in 10 ms steps, so it is coarse at 1k posts);"
echo "vs r>j = MB/s / (rss -> jsonfeed MB/s) at the same size; cpu = user + sys; peak = max resident"
echo "set (GNU time).  Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)."
echo "Runs per cell: median of $REPS below 100k posts; at 100k and above one run (the goals' pairs"
echo "only unless BENCH_FULL=1), the median of $REPS for xmllint, rss -> jsonfeed and rss -> atom;"
echo "output to /dev/null."
