#!/bin/sh
# cli_site_oracle.sh - sites read as their generator publishes them, with the
# generators as the oracle: every fixtures/sites/hugo-* and jekyll-* is
# built by the real `hugo` / `jekyll` (Debian's, with jekyll-feed) from a copy
# in a fresh temporary directory (the tools write caches into their source;
# fixtures/ stays untouched), and feedconv's RSS (Hugo) / Atom (Jekyll) of
# the fixture must list exactly the entries of the generator's own feed
# (public/index.xml, _site/feed.xml): the same titles, links, ids and
# instants, in the same order; nothing unpublished without --drafts.
# tests/site_oracle.py compares.  Jekyll runs with TZ=UTC (a site without
# `timezone` is read as UTC; Jekyll would use the machine's zone).
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures/sites
ORACLE="python3 $ROOT/tests/site_oracle.py"

# ---- what a feed of a site leaves out, and what it says (no generator) ----
"$FEEDCONV" -t rss "$FX/hugo-drafts-future-expired" >"$TMP/o.xml" 2>"$TMP/o.err"
check_eq "unpublished: hugo: exit, items" "$?/$(grep -c '<item>' "$TMP/o.xml")" "0/4"
for w in '3 drafts left out of the feed (--drafts takes them in)' \
    '1 post dated in the future left out of the feed (--future takes them in)' \
    '1 expired post left out of the feed (--expired takes them in)'; do
    check_eq "unpublished: hugo: one warning: $w" "$(grep -cF "$w" "$TMP/o.err")" 1
done
"$FEEDCONV" -q -t rss --drafts --future --expired "$FX/hugo-drafts-future-expired" >"$TMP/o.xml"
check_eq "unpublished: hugo: --drafts --future --expired take all in (not _build list never)" \
    "$(grep -c '<item>' "$TMP/o.xml")/$(grep -c 'Not listed' "$TMP/o.xml")" "9/0"
"$FEEDCONV" -t atom "$FX/jekyll-drafts" >"$TMP/o.xml" 2>"$TMP/o.err"
check_eq "unpublished: jekyll: _drafts, published: false, future left out" \
    "$(grep -c '<entry>' "$TMP/o.xml")/$(grep -c 'left out of the feed' "$TMP/o.err")" "1/2"
"$FEEDCONV" -q -t atom --drafts "$FX/jekyll-drafts" >"$TMP/o.xml"
check_eq "unpublished: jekyll: --drafts takes _drafts and published: false in" \
    "$(grep -c '<entry>' "$TMP/o.xml")" 4
"$FEEDCONV" -t rss "$FX/hugo-shortcodes" >/dev/null 2>"$TMP/o.err"
check_eq "template code: an unknown shortcode, one warning naming file:line" \
    "$(grep -c 'is not one feedconv renders' "$TMP/o.err")" 1
check "template code: the warning's file:line" grep -qF \
    "hugo-shortcodes/content/posts/code.md:20: Hugo shortcode 'notice' is not one feedconv renders: kept as written" \
    "$TMP/o.err"
"$FEEDCONV" --strict -t rss "$FX/hugo-shortcodes" >/dev/null 2>&1
check_eq "template code: --strict refuses it" "$?" 1
"$FEEDCONV" --strict -t rss "$FX/hugo-timezone" >/dev/null 2>"$TMP/o.err"
check_eq "--strict: a site with nothing to warn about converts" "$?" 0

need "site oracle: python3" python3 python3 || exit 0

# compare NAME KIND GENERATOR_FEED FIXTURE FEEDCONV_FORMAT
compare() {
    "$FEEDCONV" -q -t "$5" "$4" >"$TMP/ours.xml" 2>"$TMP/ours.err"
    _s=$?
    if [ $_s -ne 0 ]; then
        fail "$1" "feedconv exited $_s: $(head -c 300 "$TMP/ours.err")"
        return
    fi
    if $ORACLE "$2" "$3" "$TMP/ours.xml" >"$TMP/cmp.out" 2>&1; then
        pass "$1 ($(cat "$TMP/cmp.out"))"
    else
        fail "$1" "$(head -c 1500 "$TMP/cmp.out")"
    fi
}

# build_hugo FIXTURE OUT: hugo's build of a copy of FIXTURE into OUT
build_hugo() {
    rm -rf "$TMP/src" "$2" && cp -r "$1" "$TMP/src" &&
        (cd "$TMP/src" && hugo --quiet -d "$2") >"$TMP/gen.err" 2>&1
}

build_jekyll() {
    rm -rf "$TMP/src" "$2" && cp -r "$1" "$TMP/src" &&
        (cd "$TMP/src" && TZ=UTC jekyll build --quiet -d "$2") >"$TMP/gen.err" 2>&1
}

if need "site oracle: hugo" hugo hugo; then
    for fx in "$FX"/hugo-*; do
        name=$(basename "$fx")
        if [ -f "$fx/ORACLE-FAILS" ]; then
            # hugo refuses the site (the file says how): feedconv reads it
            # with a warning that says so
            build_hugo "$fx" "$TMP/public"
            check "$name: hugo refuses it" grep -qF "$(cat "$fx/ORACLE-FAILS")" "$TMP/gen.err"
            "$FEEDCONV" -t rss "$fx" >"$TMP/ours.xml" 2>"$TMP/ours.err"
            check_eq "$name: feedconv reads it" "$?/$(grep -c '<item>' "$TMP/ours.xml")" "0/1"
            check "$name: with a warning" grep -q 'no Hugo configuration' "$TMP/ours.err"
            continue
        fi
        if ! build_hugo "$fx" "$TMP/public"; then
            fail "$name: hugo builds it" "$(head -c 500 "$TMP/gen.err")"
            continue
        fi
        compare "$name: feedconv's RSS equals hugo's index.xml" hugo "$TMP/public/index.xml" "$fx" rss
        # a fixture whose layouts print the content in <article>: the HTML
        # its template code rendered to, as Hugo renders it
        if grep -qs '<article>' "$fx/layouts/_default/single.html"; then
            "$FEEDCONV" -q -t jsonfeed "$fx" >"$TMP/ours.json" 2>/dev/null
            if $ORACLE fragments-hugo "$TMP/public" "$TMP/ours.json" >"$TMP/cmp.out" 2>&1; then
                pass "$name: shortcodes render as hugo renders them ($(cat "$TMP/cmp.out"))"
            else
                fail "$name: shortcodes render as hugo renders them" "$(head -c 1500 "$TMP/cmp.out")"
            fi
        fi
    done
fi

if need "site oracle: jekyll" jekyll jekyll; then
    for fx in "$FX"/jekyll-*; do
        name=$(basename "$fx")
        if ! build_jekyll "$fx" "$TMP/_site"; then
            fail "$name: jekyll builds it" "$(head -c 500 "$TMP/gen.err")"
            continue
        fi
        feed=$TMP/_site/feed.xml
        compare "$name: feedconv's Atom equals jekyll-feed's feed.xml" jekyll "$feed" "$fx" atom
        if grep -qs '<article>' "$fx/_layouts/default.html" && grep -rqs '{[{%]' "$fx/_posts"; then
            "$FEEDCONV" -q -t jsonfeed "$fx" >"$TMP/ours.json" 2>/dev/null
            rm -rf "$TMP/_site/feed.xml"
            if $ORACLE fragments-jekyll "$TMP/_site" "$TMP/ours.json" >"$TMP/cmp.out" 2>&1; then
                pass "$name: Liquid renders as jekyll renders it ($(cat "$TMP/cmp.out"))"
            else
                fail "$name: Liquid renders as jekyll renders it" "$(head -c 1500 "$TMP/cmp.out")"
            fi
        fi
    done
fi
