#!/bin/sh
# cli_wxr.sh - WordPress exports through the CLI: detected without -f, read
# from a file or standard input; converted to RSS, Atom and JSON Feed
# (valid by tests/checkers) with drafts, private and scheduled posts left
# out unless --drafts / --future, counted in one warning each; JSON Feed ->
# JSON Feed keeps every site field; a WXR that is not one fails with its
# position; --keep-private.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures
SITE=$FX/wxr-1.2-site/input.xml
# "now" for what a site publishes: fixed, so the 2031 post is ahead.
SOURCE_DATE_EPOCH=1735689600 # 2025-01-01
export SOURCE_DATE_EPOCH

# ---- to each feed format, valid ---------------------------------------------
for fx in wxr-1.2-site wxr-1.0-legacy wxr-1.1-https-namespace; do
    in=$FX/$fx/input.xml
    check_status "$fx: -> Atom" 0 "$FEEDCONV" -q -t atom -o "$TMP/$fx.atom" "$in"
    checked "$fx: Atom output is valid" validate-atom "$TMP/$fx.atom"
    check_status "$fx: -> JSON Feed" 0 "$FEEDCONV" -q -t jsonfeed -o "$TMP/$fx.json" "$in"
    checked "$fx: JSON Feed output is valid" validate-jsonfeed "$TMP/$fx.json"
    check_status "$fx: -> RSS" 0 "$FEEDCONV" -q -t rss -o "$TMP/$fx.rss" "$in"
    checked "$fx: RSS output parses" parse-check "$TMP/$fx.rss"
    checked "$fx: Atom output parses" parse-check "$TMP/$fx.atom"
done

# ---- what a feed of an export holds -------------------------------------------
"$FEEDCONV" -t jsonfeed "$SITE" >"$TMP/site.json" 2>"$TMP/site.err"
check_eq "site: published posts and pages only" "$(grep -c '"id": "https://river.example.org/?' "$TMP/site.json")" 7
if grep -q '3 drafts left out of the feed (--drafts takes them in)' "$TMP/site.err"; then
    pass "site: drafts (draft, pending, private) counted in one warning"
else fail "site: drafts counted" "$(cat "$TMP/site.err")"; fi
if grep -q '1 post dated in the future left out of the feed (--future takes them in)' "$TMP/site.err"; then
    pass "site: the scheduled post counted in one warning"
else fail "site: future counted" "$(cat "$TMP/site.err")"; fi
check_eq "site: no draft in the feed" "$(grep -c 'Half an idea' "$TMP/site.json")" 0
"$FEEDCONV" -q --drafts --future -t jsonfeed "$SITE" >"$TMP/all.json"
check_eq "site: --drafts --future take them in" "$(grep -c '"id": "https://river.example.org/?' "$TMP/all.json")" 11
checked "site: ... still valid JSON Feed" validate-jsonfeed "$TMP/all.json"
"$FEEDCONV" -q --drafts --future -t atom "$SITE" >"$TMP/drafts.atom"
checked "site: drafts in Atom are valid Atom" validate-atom "$TMP/drafts.atom"
check_eq "site: drafts marked in Atom" "$(grep -c '<app:draft>yes</app:draft>' "$TMP/drafts.atom")" 3
check_eq "site: comment counts in Atom" "$(grep -c '<thr:total>5</thr:total>' "$TMP/drafts.atom")" 1
check_eq "site: comment counts in RSS" \
    "$("$FEEDCONV" -q -t rss "$SITE" | grep -c '<slash:comments>5</slash:comments>')" 1

# ---- standard input, detection ----------------------------------------------------
cat "$SITE" | "$FEEDCONV" -q --drafts --future -t jsonfeed - >"$TMP/stdin.json" 2>"$TMP/stdin.err"
if cmp -s "$TMP/stdin.json" "$TMP/all.json"; then pass "stdin: the same as the file"
else fail "stdin: the same as the file" "$(head -c 300 "$TMP/stdin.err")"; fi
check_eq "listed as a format that reads, not writes" "$("$FEEDCONV" --list-formats | sed -n '/^wxr:/,/^  writes:/p' | sed -n 's/^  writes: *//p')" -
check_eq "detected: -f wxr gives the same" "$("$FEEDCONV" -q -f wxr --drafts --future -t jsonfeed "$SITE" | cmp - "$TMP/all.json" && echo same)" same
check_eq "a WordPress RSS feed stays RSS" \
    "$("$FEEDCONV" -q -t jsonfeed "$WORDPRESS" | grep -c '"_feedconv"')" \
    "$("$FEEDCONV" -q -f rss -t jsonfeed "$WORDPRESS" | grep -c '"_feedconv"')"

# ---- JSON Feed keeps what it has no key for -------------------------------------------
"$FEEDCONV" -q -f jsonfeed -t jsonfeed "$TMP/all.json" >"$TMP/again.json"
if cmp -s "$TMP/all.json" "$TMP/again.json"; then pass "JSON Feed -> JSON Feed: the same bytes"
else fail "JSON Feed -> JSON Feed: the same bytes" "second pass differs"; fi
for key in '"aliases"' '"comments"' '"parent_id"' '"menus"' '"kind": "page"' '"sticky": true' \
    '"private_post": true' '"slug": "canals"'; do
    check_eq "JSON Feed: $key kept" "$(grep -c "$key" "$TMP/again.json" | sed 's/^[1-9][0-9]*$/1/')" 1
done
"$FEEDCONV" -q -f jsonfeed --drafts --future -t atom "$TMP/all.json" >"$TMP/back.atom"
"$FEEDCONV" -q -f atom --drafts --future -t jsonfeed "$TMP/back.atom" >"$TMP/back.json"
for key in '"aliases"' '"comments"' '"parent_id"' '"menus"'; do
    check_eq "Atom fc:site: $key back" "$(grep -c "$key" "$TMP/back.json" | sed 's/^[1-9][0-9]*$/1/')" 1
done
"$FEEDCONV" -t rss "$SITE" >/dev/null 2>"$TMP/rss.err"
if grep -q 'RSS 2.0 output: item 1 (id [^)]*): page kind, parent, order, visibility, expiry, old addresses, comments' "$TMP/rss.err"; then
    pass "RSS: the site fields it drops are warned about"
else fail "RSS: the site fields it drops are warned about" "$(cat "$TMP/rss.err")"; fi

# ---- private data ---------------------------------------------------------------------
check_eq "no e-mail or IP by default" "$(grep -c 'alice@example.net\|192.0.2.11' "$TMP/all.json")" 0
"$FEEDCONV" -q --keep-private -t jsonfeed "$SITE" >"$TMP/private.json"
check_eq "--keep-private keeps them" "$(grep -c 'alice@example.net\|192.0.2.11' "$TMP/private.json")" 2

# ---- errors ---------------------------------------------------------------------------
check_status "not a version: exit 1" 1 "$FEEDCONV" -t jsonfeed "$FX/wxr-not-a-version/input.xml"
if grep -q 'input.xml:6: wp:wxr_version "one point two" is not a version' "$TMP/.err"; then
    pass "not a version: position and reason"
else fail "not a version: position and reason" "$(cat "$TMP/.err")"; fi
check_status "RSS read as wxr: exit 1" 1 "$FEEDCONV" -f wxr -t jsonfeed "$WORDPRESS"
if grep -q 'no wp:wxr_version' "$TMP/.err"; then pass "RSS read as wxr: says why"
else fail "RSS read as wxr: says why" "$(cat "$TMP/.err")"; fi
check_status "wxr is not written" 2 "$FEEDCONV" -t wxr "$SITE"
check_status "--strict: warnings fail" 1 "$FEEDCONV" --strict -t jsonfeed "$SITE"

# ---- pages in their hierarchy -------------------------------------------------------
# gen_pages T D: T top pages, each with a chain of D descendants, children
# listed before their parents; two pages each other's parent; one whose
# parent is not in the export.  No guid, no link: a page's id is its
# "?page_id=" address, which its children's parent must name.
gen_pages() {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
    printf '<channel><title>Pages</title><link>https://wp.example.org</link><wp:wxr_version>1.2</wp:wxr_version>\n'
    t=$1
    while [ "$t" -ge 1 ]; do
        d=$2
        while [ "$d" -ge 0 ]; do
            if [ "$d" = 0 ]; then id=$((t * 100)) parent=0 name=top-$t
            else id=$((t * 100 + d)) parent=$((t * 100 + d - 1)) name=t$t-d$d; fi
            gen_page $id $parent $name
            d=$((d - 1))
        done
        t=$((t - 1))
    done
    gen_page 90001 90002 loop-a
    gen_page 90002 90001 loop-b
    gen_page 90003 77777 orphan
    printf '</channel></rss>\n'
}
gen_page() { # id parent name
    printf '<item><title>Page %s</title><content:encoded><![CDATA[<p>Page %s.</p>]]></content:encoded><wp:post_id>%s</wp:post_id>' $1 $1 $1
    printf '<wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt><wp:post_name>%s</wp:post_name><wp:status>publish</wp:status>' $3
    printf '<wp:post_parent>%s</wp:post_parent><wp:post_type>page</wp:post_type></item>\n' $2
}
gen_pages 2 2 >"$TMP/pages.xml"
check_status "pages without guids -> hugo" 0 "$FEEDCONV" -q -f wxr -t markdown --site hugo -o "$TMP/pages" "$TMP/pages.xml"
check_eq "pages without guids: each below its parent (a loop's second below its first)" \
    "$(cd "$TMP/pages/content" && find . -type f ! -path './posts/*' | sort | tr '\n' ' ')" \
    "./loop-a/_index.md ./loop-a/loop-b/_index.md ./orphan.md ./top-1/_index.md ./top-1/t1-d1/_index.md ./top-1/t1-d1/t1-d2.md ./top-2/_index.md ./top-2/t2-d1/_index.md ./top-2/t2-d1/t2-d2.md "
# 3003 pages, chains 10 deep and a loop: written in linear time (the
# order was found by scanning every page for every page at every depth
# up to the loop's, which took minutes)
gen_pages 300 9 >"$TMP/many-pages.xml"
check_status "3003 pages -> hugo, within a minute" 0 timeout 60 "$FEEDCONV" -q -f wxr -t markdown --site hugo -o "$TMP/many-pages" "$TMP/many-pages.xml"
check_eq "3003 pages: the deepest ten levels down" \
    "$(find "$TMP/many-pages/content" -name t300-d9.md | sed "s|$TMP/many-pages/content/||")" \
    "top-300/t300-d1/t300-d2/t300-d3/t300-d4/t300-d5/t300-d6/t300-d7/t300-d8/t300-d9.md"
