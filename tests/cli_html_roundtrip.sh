#!/bin/sh
# cli_html_roundtrip.sh - every post of the real-world HTML corpus
# (fixtures/html-corpus/*.xml) through the CLI: RSS -> Markdown site
# (`-t markdown`, Markdown bodies) -> RSS, each item's content the same
# document as before ("exact", src/util/html2md.h), for the plain, Hugo
# and Jekyll layouts.  The comparison is test_html_roundtrip --compare.
. "$(dirname "$0")/lib.sh"
TESTBIN=${TESTBIN:-$ROOT/build/rel/tests}
CMP=$TESTBIN/test_html_roundtrip
if [ ! -x "$CMP" ]; then
    skip "html corpus through the CLI" "no $CMP (make check builds it)"
    exit 0
fi
for feed in "$ROOT"/fixtures/html-corpus/*.xml; do
    name=$(basename "$feed" .xml)
    for site in plain hugo jekyll; do
        dir=$TMP/$name-$site
        check_status "html corpus: $name -> markdown ($site)" 0 \
            "$FEEDCONV" -q --site "$site" -t markdown -o "$dir" "$feed"
        check_status "html corpus: $name ($site) -> rss" 0 "$FEEDCONV" -q -t rss -o "$dir.xml" "$dir"
        "$CMP" --compare "$feed" "$dir.xml" >"$TMP/.cmp" 2>&1
        st=$?
        grep -E '^#' "$TMP/.cmp" | tail -n 1
        if [ "$st" = 0 ]; then
            pass "html corpus: $name ($site): every item back exactly"
        else
            fail "html corpus: $name ($site): every item back exactly" \
                "$(grep -E '^(FAIL|#)' "$TMP/.cmp" | head -c 600)"
        fi
    done
done
