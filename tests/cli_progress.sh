#!/bin/sh
# cli_progress.sh - progress on stderr: shown on a terminal (a pseudo-
# terminal from script(1)) for a conversion that lasts, as one line redrawn
# in place with the posts, the megabytes (and the share of a regular file)
# and the rate; nothing for a short one, nor with -q; nothing when stderr
# is a file or a pipe, unless --progress, which then prints a line at the
# end.  Slow conversions are made by a pause in the input pipe, or by a
# reader of the output that starts late.
. "$(dirname "$0")/lib.sh"

# A 3 MB RSS feed: 2000 items of about 1.5 KB, and one whose date does not
# parse (a warning at the end).
awk 'BEGIN {
    print "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>"
    print "<link>https://big.example/</link><description>d</description>"
    body = ""
    for (i = 0; i < 30; i++) body = body "Lorem ipsum dolor sit amet, consectetur adipiscing. "
    for (i = 1; i <= 2000; i++)
        printf "<item><title>Post %d</title><guid>https://big.example/%d</guid><description>%s</description></item>\n", i, i, body
    print "<item><title>Late</title><guid>late</guid><pubDate>not a date</pubDate></item>"
    print "</channel></rss>"
}' >"$TMP/big.rss"
head -c 1500000 "$TMP/big.rss" >"$TMP/part1"
tail -c +1500001 "$TMP/big.rss" >"$TMP/part2"
cat >"$TMP/slow.sh" <<EOF
# the feed through a pipe with a pause of a second in the middle
(cat '$TMP/part1'; sleep 1; cat '$TMP/part2') | '$FEEDCONV' "\$@" -t jsonfeed -o '$TMP/out.json' --force
EOF

# ---- not a terminal ------------------------------------------------------------------
sh "$TMP/slow.sh" -q 2>"$TMP/err"
check_eq "piped: exit 0" "$?" 0
check_eq "piped: nothing on stderr" "$(cat "$TMP/err")" ""
sh "$TMP/slow.sh" -q --progress 2>"$TMP/err"
check_eq "piped --progress: exit 0" "$?" 0
check "piped --progress: the last line" \
    grep -Eq '^feedconv: 2001 posts, 3\.[0-9] MB in [0-9.]+ s, [0-9.]+ MB/s$' "$TMP/err"
check_eq "piped --progress: lines, not redrawn" "$(tr -cd '\r' <"$TMP/err" | wc -c | tr -d ' ')" 0
"$FEEDCONV" --progress -q -t atom "$ROOT/fixtures/quickstart/blog.rss" 2>"$TMP/err" >/dev/null
check "piped --progress -q: a short one still reports" grep -q '^feedconv: 2 posts, 0.0 MB in ' "$TMP/err"

# ---- a terminal -------------------------------------------------------------------------
# tty NAME COMMAND: COMMAND in a pseudo-terminal; what it printed in $TMP/tty
tty_run() {
    script -qec "$2" /dev/null >"$TMP/tty" 2>&1 </dev/null
    check_eq "$1: exit 0" "$?" 0
}
if need "terminal progress" script bsdutils; then
    tty_run "terminal" "sh '$TMP/slow.sh'"
    check "terminal: redrawn in place" grep -q "$(printf '\r')feedconv: [0-9]* posts, [0-9.]* MB, [0-9.]* MB/s" "$TMP/tty"
    # the warning at the end: the line is blanked first, and drawn again
    check "terminal: a warning clears the line first" \
        grep -q "$(printf '\r') * $(printf '\r')feedconv: warning: .*not a date" "$TMP/tty"
    check "terminal: the last line" grep -Eq 'feedconv: 2001 posts, 3\.[0-9] MB in [0-9.]+ s, [0-9.]+ MB/s' "$TMP/tty"
    tty_run "terminal -q" "sh '$TMP/slow.sh' -q"
    check_eq "terminal -q: nothing" "$(cat "$TMP/tty")" ""
    tty_run "terminal, short" "'$FEEDCONV' -t atom -o '$TMP/short.atom' --force '$ROOT/fixtures/quickstart/blog.rss'"
    check_eq "terminal, short: nothing" "$(cat "$TMP/tty")" ""
    tty_run "terminal, short, --progress" "'$FEEDCONV' --progress -t atom -o '$TMP/short.atom' --force '$ROOT/fixtures/quickstart/blog.rss'"
    check "terminal, short, --progress: the last line" grep -q 'feedconv: 2 posts, 0.0 MB in ' "$TMP/tty"
    # a regular file whose output is read late: the share done is shown
    tty_run "terminal, a file" "'$FEEDCONV' -t jsonfeed '$TMP/big.rss' | (sleep 1; cat >/dev/null)"
    check "terminal, a file: the share done" grep -Eq 'feedconv: [0-9]+ posts, [0-9.]+ of 3\.[0-9] MB \([0-9]+%\)' "$TMP/tty"
fi
exit 0
