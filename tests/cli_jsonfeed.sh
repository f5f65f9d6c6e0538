#!/bin/sh
# cli_jsonfeed.sh - JSON Feed through the CLI: valid 1.1 output (checked by
# tests/checkers/validate-jsonfeed), the WordPress fixture RSS -> JSON Feed
# -> RSS without losses, and errors with positions and exit status 1.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures

# validate NAME FILE: validate-jsonfeed must accept FILE
validate() { checked "$1" validate-jsonfeed "$2"; }

# ---- fixtures -> JSON Feed 1.1 ------------------------------------------
for fx in all-fields 1.0-author extension-keys unparsable-date; do
    out=$TMP/$fx.json
    check_status "jsonfeed-$fx: converts" 0 "$FEEDCONV" -q -t jsonfeed -o "$out" "$FX/jsonfeed-$fx/input.json"
    validate "jsonfeed-$fx: output is valid JSON Feed 1.1" "$out"
    # Reading our own output and writing it again gives the same bytes.
    "$FEEDCONV" -q -f jsonfeed -t jsonfeed "$out" >"$TMP/again.json" 2>/dev/null
    if cmp -s "$out" "$TMP/again.json"; then pass "jsonfeed-$fx: stable"; else fail "jsonfeed-$fx: stable" "second pass differs"; fi
done

check_eq "jsonfeed: stdin, 1.0 author becomes authors" \
    "$("$FEEDCONV" -q -t jsonfeed <"$FX/jsonfeed-1.0-author/input.json" | grep -c '"authors"')" 2
check_eq "jsonfeed: non-ASCII written as UTF-8" \
    "$("$FEEDCONV" -q -t jsonfeed "$FX/jsonfeed-all-fields/input.json" | grep -c 'über high')" 1

# ---- errors ---------------------------------------------------------------
errtest() { # NAME FIXTURE POSITION [ARGS...]
    _n=$1; _f=$2; _p=$3; shift 3
    check_status "$_n: exit 1" 1 "$FEEDCONV" "$@" -t jsonfeed "$FX/$_f/input.json"
    if grep -q "input.json:$_p: " "$TMP/.err"; then pass "$_n: position $_p"
    else fail "$_n: position $_p" "$(head -c 300 "$TMP/.err")"; fi
}
errtest "array JSON (detected)" jsonfeed-not-a-feed-array 1:1
errtest "array JSON (-f jsonfeed)" jsonfeed-not-a-feed-array 1:1 -f jsonfeed
if grep -q "not a JSON Feed" "$TMP/.err"; then pass "array JSON: says why"; else fail "array JSON: says why" "$(cat "$TMP/.err")"; fi
errtest "empty object" jsonfeed-not-a-feed-empty-object 1:1
if grep -q '"version"' "$TMP/.err"; then pass "empty object: says why"; else fail "empty object: says why" "$(cat "$TMP/.err")"; fi
errtest "invalid JSON" jsonfeed-invalid-json 5:16
if grep -q "invalid JSON" "$TMP/.err"; then pass "invalid JSON: says why"; else fail "invalid JSON: says why" "$(cat "$TMP/.err")"; fi
errtest "invalid JSON (-f jsonfeed)" jsonfeed-invalid-json 5:16 -f jsonfeed
check_status "duplicate key: warning only" 0 "$FEEDCONV" -t jsonfeed "$FX/jsonfeed-duplicate-key/input.json"
if grep -q "duplicate" "$TMP/.err"; then pass "duplicate key: warned"; else fail "duplicate key: warned" "no warning"; fi
check_status "duplicate key: --strict fails" 1 "$FEEDCONV" --strict -t jsonfeed "$FX/jsonfeed-duplicate-key/input.json"

# ---- a WordPress feed: RSS -> JSON Feed -> RSS ------------------------------
# wordpress_json LABEL FEED: FEED to JSON Feed (valid) and back to RSS with
# nothing lost: the same bytes as RSS -> RSS, the same items for feedparser.
# Leaves $TMP/LABEL.json and $TMP/LABEL-back.rss.
wordpress_json() {
    "$FEEDCONV" -q -t jsonfeed "$2" >"$TMP/$1.json" 2>"$TMP/$1.err"
    check_eq "$1 -> jsonfeed: exit 0" "$?" 0
    validate "$1 -> jsonfeed: valid JSON Feed 1.1" "$TMP/$1.json"
    "$FEEDCONV" -q -f jsonfeed -t rss "$TMP/$1.json" >"$TMP/$1-back.rss" 2>"$TMP/$1-back.err"
    check_eq "$1: jsonfeed -> rss: exit 0" "$?" 0
    "$FEEDCONV" -q -t rss "$2" >"$TMP/$1-direct.rss" 2>/dev/null
    if cmp -s "$TMP/$1-direct.rss" "$TMP/$1-back.rss"; then pass "$1: jsonfeed -> rss: same bytes as rss -> rss"
    else fail "$1: jsonfeed -> rss: same bytes as rss -> rss" "$(diff "$TMP/$1-direct.rss" "$TMP/$1-back.rss" | head -c 300)"; fi
    checked "$1: jsonfeed -> rss: parse-check bozo 0" parse-check "$TMP/$1-back.rss"
    "$CHECKERS/parse-check" "$2" >"$TMP/$1.pc" 2>&1
    "$CHECKERS/parse-check" "$TMP/$1-back.rss" >"$TMP/$1-back.pc" 2>&1
    if [ -s "$TMP/$1.pc" ] && cmp -s "$TMP/$1.pc" "$TMP/$1-back.pc"; then
        pass "$1: jsonfeed -> rss: same items as the original (feedparser)"
    elif grep -q '(Debian package' "$TMP/$1.pc"; then
        skip "$1: jsonfeed -> rss: same items as the original (feedparser)" "$(missing_package "$TMP/$1.pc")"
    else
        fail "$1: jsonfeed -> rss: same items as the original (feedparser)" "$(diff "$TMP/$1.pc" "$TMP/$1-back.pc" | head -c 300)"
    fi
}

wordpress_json wordpress "$WORDPRESS"
PY=${CHECKERS_PYTHON:-/usr/bin/python3}
if [ -x "$PY" ]; then
    # One line per item: id, url, title, date, author, tags, comments page,
    # comment count, whether the full content and the summary are there.
    "$PY" - "$TMP/wordpress.json" >"$TMP/wp.items" 2>&1 <<'EOF_PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(len(d["items"]))
for it in d["items"]:
    x = it.get("_feedconv", {})
    print("|".join([it["id"], it.get("url", ""), it.get("title", ""),
                    it.get("date_published", ""),
                    ",".join(a.get("name", "") for a in it.get("authors", [])),
                    ",".join(it.get("tags", [])), x.get("comments_url", ""),
                    str(x.get("comment_count", "")),
                    str(len(it.get("content_html", "")) > 200),
                    str(bool(it.get("summary")))]))
EOF_PY
    check_eq "wordpress -> jsonfeed: 10 items" "$(head -1 "$TMP/wp.items")" 10
    check_eq "wordpress -> jsonfeed: first item" "$(sed -n 2p "$TMP/wp.items")" \
        "https://example.org/blog/?p=412|https://example.org/blog/index.php/2012/05/14/is-the-workbench-ever-finished/|Is the workbench ever finished?|2012-05-15T03:12:44+00:00|hedda|workshop,benches|https://example.org/blog/index.php/2012/05/14/is-the-workbench-ever-finished/#comments|3|True|True"
    check_eq "wordpress -> jsonfeed: last item" "$(sed -n 11p "$TMP/wp.items")" \
        "https://example.org/blog/?p=240|https://example.org/blog/index.php/2010/11/19/nobody-reads-the-manual/|Nobody reads the manual…|2010-11-19T20:44:27+00:00|hedda|tools,manuals|https://example.org/blog/index.php/2010/11/19/nobody-reads-the-manual/#comments|1|True|True"
    check_eq "wordpress -> jsonfeed: comment counts" \
        "$(tail -n +2 "$TMP/wp.items" | awk -F'|' '{printf "%s ", $8}')" "3 1 4 7 2 1 0 7 1 1 "
    check_eq "wordpress -> jsonfeed: tags" \
        "$(tail -n +2 "$TMP/wp.items" | awk -F'|' '{printf "%s ", $6}')" \
        "workshop,benches personal networking,homelab,hardware woodworking,personal,history,tools,shop tools personal,web hosting networking,homelab,poe hacking woodworking,lumber,tools,shop tools,manuals "
else
    skip "wordpress -> jsonfeed: items" "$PY is not installed (Debian package python3)"
fi
for pat in '<sy:updatePeriod>hourly</sy:updatePeriod>' '<sy:updateFrequency>1</sy:updateFrequency>' \
    '<slash:comments>4</slash:comments>' '<slash:comments>0</slash:comments>' '<wfw:commentRss>' \
    '<dc:creator>hedda</dc:creator>' '<category>web hosting</category>' \
    'isPermaLink="false">https://example.org/blog/?p=412</guid>' \
    '<pubDate>Tue, 15 May 2012 03:12:44 +0000</pubDate>' '<content:encoded>' \
    '<atom:link href="https://example.org/blog/index.php/feed/" rel="self" type="application/rss+xml"/>'; do
    if grep -qF "$pat" "$TMP/wordpress-back.rss"; then pass "wordpress: jsonfeed -> rss: has $pat"
    else fail "wordpress: jsonfeed -> rss: has $pat" "missing"; fi
done
# ---- -t jsonl: one JSON Feed item per line -------------------------------
JL=$FX/rss-every-element/input.xml
check "jsonl: converts" sh -c "'$FEEDCONV' -q -t jsonl '$JL' >'$TMP/items.jsonl'"
"$FEEDCONV" -q -t jsonfeed "$JL" >"$TMP/items.json"
if have python3; then
    check "jsonl: one item per line, the feed's items in order" python3 -c '
import json, sys
lines = open(sys.argv[1]).read().split("\n")
assert lines[-1] == "", "ends with a newline"
items = [json.loads(l) for l in lines[:-1]]
assert items == json.load(open(sys.argv[2]))["items"], "the same items"
' "$TMP/items.jsonl" "$TMP/items.json"
else
    skip "jsonl: one item per line" "python3 is not installed (Debian package python3)"
fi
check_eq "jsonl: no feed object" "$(grep -c '"version"' "$TMP/items.jsonl")" 0
check "jsonl: by extension" sh -c "'$FEEDCONV' -q '$JL' -o '$TMP/o.ndjson' && cmp -s '$TMP/o.ndjson' '$TMP/items.jsonl'"

# ---- --limit, --since, --until ---------------------------------------------
# rss-every-element: skiff (2023-01-02T07:45+01:00), then harbour-note-0042
# (2023-01-01T18:00Z)
ids() { "$FEEDCONV" -q -t jsonl "$@" "$JL" | sed -n 's/^{"id": "\([^"]*\)".*/\1/p' | tr '\n' ' '; }
check_eq "--limit 1: the first post" "$(ids --limit 1)" "https://harbour.example/2023/01/skiff "
check_eq "--since DATE" "$(ids --since 2023-01-02)" "https://harbour.example/2023/01/skiff "
check_eq "--until DATE" "$(ids --until 2023-01-02T00:00:00Z)" "harbour-note-0042 "
check_eq "--since DURATION, from SOURCE_DATE_EPOCH" \
    "$(SOURCE_DATE_EPOCH=1672700000 ids --since 1d)" "https://harbour.example/2023/01/skiff "
check_eq "--since and --limit together" "$(ids --since 2022-01-01 --limit 1)" \
    "https://harbour.example/2023/01/skiff "
check_status "--limit 0: usage error" 2 "$FEEDCONV" -q -t rss --limit 0 "$JL"
check_status "--since junk: usage error" 2 "$FEEDCONV" -q -t rss --since 3x "$JL"

# a repeated id is made unique whole, however long ("#2" after all of
# it; the id used to be cut at 599 bytes, and each repeat then tried a
# million suffixes), and reads back as the original
LONG=https://example.org/$(awk 'BEGIN { for (i = 0; i < 80; i++) printf "segment-%02d/", i }')
{
    printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title><link>https://example.org/</link>\n'
    for i in 1 2 3; do printf '<item><title>p%s</title><guid>%s</guid></item>\n' $i "$LONG"; done
    printf '</channel></rss>\n'
} >"$TMP/long-ids.xml"
check_status "long repeated id: converted" 0 "$FEEDCONV" -q -t jsonfeed -o "$TMP/long-ids.json" "$TMP/long-ids.xml"
check_eq "long repeated id: the ids, whole and unique" \
    "$(grep -o '^      "id": "[^"]*"' "$TMP/long-ids.json" | sed "s|^ *||; s|$LONG|LONG|" | tr '\n' ' ')" \
    '"id": "LONG" "id": "LONG#2" "id": "LONG#3" '
check_eq "long repeated id: read back as the original (RSS makes it unique again)" \
    "$("$FEEDCONV" -q -f jsonfeed -t rss "$TMP/long-ids.json" | grep -o 'fc:id="[^"]*">[^<]*</guid>' |
        sed "s|$LONG|LONG|g" | tr '\n' ' ')" \
    'fc:id="LONG">LONG#2</guid> fc:id="LONG">LONG#3</guid> '

# the real feed beside the project, when it is there
if have_seed; then
    wordpress_json seed "$SEED"
fi
exit 0
