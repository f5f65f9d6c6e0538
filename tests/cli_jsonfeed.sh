#!/bin/sh
# cli_jsonfeed.sh - JSON Feed through the CLI: valid 1.1 output (checked by
# validate-jsonfeed when it is installed), the seed RSS -> JSON Feed -> RSS
# without losses, and errors with positions and exit status 1.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures

have_format() { "$FEEDCONV" --list-formats 2>/dev/null | grep -Eq "^$1 +rw"; }
have_py() { command -v python3 >/dev/null 2>&1; }

# validate NAME FILE: validate-jsonfeed must accept FILE
validate() {
    if have_validator validate-jsonfeed; then
        check "$1" "$VALIDATORS/validate-jsonfeed" "$2"
    else
        skip "$1" "validate-jsonfeed is not installed (needs python3-jsonschema)"
    fi
}

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

# ---- the seed: RSS -> JSON Feed -> RSS -----------------------------------
if ! have_seed; then
    skip "seed -> jsonfeed" "seed feed not found at $SEED"
elif ! have_format rss; then
    skip "seed -> jsonfeed" "the rss format is not built yet"
else
    "$FEEDCONV" -q -t jsonfeed "$SEED" >"$TMP/seed.json" 2>"$TMP/seed.err"
    check_eq "seed -> jsonfeed: exit 0" "$?" 0
    validate "seed -> jsonfeed: valid JSON Feed 1.1" "$TMP/seed.json"
    if have_py; then
        # One line per item: id, url, title, date, author, tags, comments.
        python3 - "$TMP/seed.json" >"$TMP/seed.items" 2>/dev/null <<'EOF'
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
EOF
        check_eq "seed -> jsonfeed: 10 items" "$(head -1 "$TMP/seed.items")" 10
        check_eq "seed -> jsonfeed: first item" "$(sed -n 2p "$TMP/seed.items")" \
            "http://digitalvampire.org/blog/?p=175|http://digitalvampire.org/blog/index.php/2011/03/07/do-you-know-everything-about-rdma/|Do you know everything about RDMA?|2011-03-08T04:58:07+00:00|roland|infiniband,rdma|http://digitalvampire.org/blog/index.php/2011/03/07/do-you-know-everything-about-rdma/#comments|1|True|True"
        check_eq "seed -> jsonfeed: comment counts" \
            "$(tail -n +2 "$TMP/seed.items" | awk -F'|' '{printf "%s ", $8}')" "1 1 4 7 2 1 0 7 1 1 "
    else
        skip "seed -> jsonfeed: items" "python3 is not installed"
    fi
    "$FEEDCONV" -q -f jsonfeed -t rss "$TMP/seed.json" >"$TMP/back.rss" 2>"$TMP/back.err"
    check_eq "jsonfeed -> rss: exit 0" "$?" 0
    for pat in '<sy:updatePeriod>hourly</sy:updatePeriod>' '<sy:updateFrequency>1</sy:updateFrequency>' \
        '<slash:comments>4</slash:comments>' '<wfw:commentRss>' '<dc:creator>' \
        'isPermaLink="false">http://digitalvampire.org/blog/?p=175</guid>' \
        '<pubDate>Tue, 08 Mar 2011 04:58:07 +0000</pubDate>' '<content:encoded>'; do
        if grep -qF "$pat" "$TMP/back.rss"; then pass "jsonfeed -> rss: has $pat"
        else fail "jsonfeed -> rss: has $pat" "missing"; fi
    done
    # Nothing lost on the way through JSON Feed: the same RSS as RSS -> RSS.
    "$FEEDCONV" -q -t rss "$SEED" >"$TMP/direct.rss" 2>/dev/null
    if cmp -s "$TMP/direct.rss" "$TMP/back.rss"; then pass "jsonfeed -> rss: same bytes as rss -> rss"
    else fail "jsonfeed -> rss: same bytes as rss -> rss" "$(diff "$TMP/direct.rss" "$TMP/back.rss" | head -c 300)"; fi
    if [ -x "$VALIDATORS/parse-check" ] && "$VALIDATORS/parse-check" "$SEED" >"$TMP/pc.seed" 2>/dev/null; then
        "$VALIDATORS/parse-check" "$TMP/back.rss" >"$TMP/pc.back" 2>&1
        if cmp -s "$TMP/pc.seed" "$TMP/pc.back"; then pass "jsonfeed -> rss: same items as the seed (feedparser)"
        else fail "jsonfeed -> rss: same items as the seed (feedparser)" "$(diff "$TMP/pc.seed" "$TMP/pc.back" | head -c 300)"; fi
    else
        skip "jsonfeed -> rss: feedparser comparison" "parse-check is not usable"
    fi
fi
exit 0
