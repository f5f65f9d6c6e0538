#!/bin/sh
# cli_valid_output.sh - output valid whatever comes in: every fixture
# feedconv converts (hostile ones included, and those that lack channel
# links, titles or dates) gives Atom that validate-atom accepts, Atom and
# RSS that feedparser reads with bozo 0, and JSON Feed that
# validate-jsonfeed accepts.  What a format requires and the input lacks
# is made up, marked fc:synthetic and warned about (cli_rss.sh, test_rss).
. "$(dirname "$0")/lib.sh"
n=0
for in_ in "$ROOT"/fixtures/*/input.xml "$ROOT"/fixtures/*/input.json \
    "$ROOT"/fixtures/*/*.rss "$ROOT"/fixtures/*/*.atom; do
    [ -f "$in_" ] || continue
    name=${in_#"$ROOT"/fixtures/}
    if "$FEEDCONV" -q -t atom "$in_" >"$TMP/o.atom" 2>/dev/null; then
        n=$((n + 1))
        checked "valid: $name -> atom: validate-atom" validate-atom "$TMP/o.atom"
        checked "valid: $name -> atom: parse-check bozo 0" parse-check "$TMP/o.atom"
    fi
    if "$FEEDCONV" -q -t rss "$in_" >"$TMP/o.rss" 2>/dev/null; then
        checked "valid: $name -> rss: parse-check bozo 0" parse-check "$TMP/o.rss"
    fi
    if "$FEEDCONV" -q -t jsonfeed "$in_" >"$TMP/o.json" 2>/dev/null; then
        checked "valid: $name -> jsonfeed: validate-jsonfeed" validate-jsonfeed "$TMP/o.json"
    fi
done
check "valid: some fixtures were converted" test "$n" -gt 40
exit 0
