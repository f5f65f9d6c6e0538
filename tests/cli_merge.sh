#!/bin/sh
# cli_merge.sh - several inputs into one feed (fixtures/merge: an RSS, an
# Atom and a JSON Feed that share posts): each post once, newest first,
# sources kept; --limit / --since / --until on one and on many inputs;
# --title / --link / --base-url.
. "$(dirname "$0")/lib.sh"
M=$ROOT/fixtures/merge
A=$M/a.rss B=$M/b.atom C=$M/c.json

# FIELD of every item of a JSON Feed on stdin, one line each ("-" when
# absent); FIELD may be "_feedconv.source.title"
items() {
    python3 -c '
import json, sys
f = json.load(sys.stdin)
for it in f["items"]:
    v = it
    for k in sys.argv[1].split("."):
        v = v.get(k) if isinstance(v, dict) else None
    print("-" if v is None else v)
' "$1"
}
# FIELD of the feed on stdin
feed() {
    python3 -c 'import json, sys; print(json.load(sys.stdin).get(sys.argv[1], "-"))' "$1"
}
lines() { tr '\n' ' ' | sed 's/ $//'; }
# the titles of what feedconv ARGS... -t jsonfeed writes, on one line
titles() { "$FEEDCONV" -q "$@" -t jsonfeed | items title | lines; }

"$FEEDCONV" -q "$A" "$B" "$C" -t jsonfeed >"$TMP/m.json" 2>"$TMP/m.err"
check_eq "merge: exit 0, no error" "$?:$(cat "$TMP/m.err")" "0:"
# Dates: b2 03-10, beta-updated-only (updated 03-02 orders it), shared
# 03-01 (Beta's copy, updated 03-05, wins over Alpha's), a2 02-10 (Alpha's
# and Gamma's copy: same link, Alpha has no id; as new: the first read
# stays), note 01-20 (twice in Alpha: same title and date, neither link
# nor guid), c2 01-05, c3 2023-12-25 (Beta's link, another id: another
# post); then the undated in reading order.
check_eq "merge: each post once, newest first, undated last in reading order" \
    "$(items title <"$TMP/m.json" | lines)" \
    "Beta news Beta, updated only Shared post (edited) Alpha only Note Gamma in January Gamma links to Beta Undated alpha Undated gamma"
check_eq "merge: sources are the feeds the posts came from" \
    "$(items _feedconv.source.title <"$TMP/m.json" | lines)" \
    "Beta Beta Beta Alpha blog Alpha blog Gamma Gamma Alpha blog Gamma"
check_eq "merge: a source keeps its feed's address" \
    "$(items _feedconv.source.url <"$TMP/m.json" | head -4 | lines)" \
    "https://beta.example/atom.xml https://beta.example/atom.xml https://beta.example/atom.xml https://alpha.example/feed.xml"
check_eq "merge: of two copies, the one updated last" \
    "$(items content_html <"$TMP/m.json" | sed -n 3p)" "<p>Second version.</p>"
check_eq "merge: of two copies as new, the first read" \
    "$(items content_text <"$TMP/m.json" | sed -n 4p)" "Only Alpha has this one; Gamma copied it."
check_eq "merge: the feed is the first input's" \
    "$(feed title <"$TMP/m.json"):$(feed home_page_url <"$TMP/m.json")" \
    "Alpha blog:https://alpha.example/"
check_eq "merge: not where the first input lives (no feed_url)" \
    "$(feed feed_url <"$TMP/m.json")" "-"
check_eq "merge: updated is the newest input's" \
    "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["_feedconv"]["updated"])' <"$TMP/m.json")" \
    "2024-03-10T07:00:00Z"
checked "merge: -t jsonfeed valid" validate-jsonfeed "$TMP/m.json"

# The order of the inputs decides only ties (the undated) and feed metadata.
"$FEEDCONV" -q "$C" "$B" "$A" -t jsonfeed >"$TMP/r.json"
check_eq "merge: other input order, same dated posts in the same order" \
    "$(items id <"$TMP/r.json" | sed 's/urn:feedconv:.*/urn/' | head -7 | lines)" \
    "$(items id <"$TMP/m.json" | sed 's/urn:feedconv:.*/urn/' | head -7 | lines)"
check_eq "merge: other input order, the undated in the new reading order" \
    "$(items title <"$TMP/r.json" | tail -2 | lines)" "Undated gamma Undated alpha"
check_eq "merge: other input order, the first input's feed" "$(feed title <"$TMP/r.json")" "Gamma"

# Every output format: sources where each keeps them, valid.
"$FEEDCONV" -q "$A" "$B" "$C" -t atom -o "$TMP/m.atom"
checked "merge: -t atom valid" validate-atom "$TMP/m.atom"
checked "merge: -t atom parses back" parse-check "$TMP/m.atom"
check_eq "merge: atom: a source per entry" "$(grep -c '<source>' "$TMP/m.atom")" 9
check_eq "merge: atom: no self link of the first input (only in its sources)" \
    "$(sed '/<entry>/q' "$TMP/m.atom" | grep -c 'rel="self"')" 0
"$FEEDCONV" -q "$A" "$B" "$C" -t rss -o "$TMP/m.rss"
checked "merge: -t rss parses back" parse-check "$TMP/m.rss"
check_eq "merge: rss: a source per item" \
    "$(grep -c '<source url="https://[a-z]*.example/[a-z.]*">' "$TMP/m.rss")" 9
check_eq "merge: -t jsonl: a line per post" "$("$FEEDCONV" -q "$A" "$B" "$C" -t jsonl | wc -l)" 9

# Filters: on the merged posts (the newest N), and on one input.
check_eq "merge: --limit keeps the newest" \
    "$(titles "$C" "$A" "$B" --limit 3)" \
    "Beta news Beta, updated only Shared post (edited)"
check_eq "merge: --since leaves out the older, keeps the undated" \
    "$(titles "$A" "$B" "$C" --since 2024-02-01)" \
    "Beta news Beta, updated only Shared post (edited) Alpha only Undated alpha Undated gamma"
check_eq "merge: --until leaves out the newer" \
    "$(titles "$A" "$B" "$C" --until 2024-01-31)" \
    "Note Gamma in January Gamma links to Beta Undated alpha Undated gamma"
check_eq "merge: --since and --limit together" \
    "$(titles "$A" "$B" "$C" --since 2024-01-01 --limit 5)" \
    "Beta news Beta, updated only Shared post (edited) Alpha only Note"
check_eq "one input: --limit and --since" \
    "$(titles "$C" --since 2024-01-01 --limit 1)" \
    "Alpha only"
check_eq "one input: a repeated post stays (no merge, no dedupe)" \
    "$("$FEEDCONV" -q "$A" -t jsonfeed | items title | grep -c '^Note$')" 2

# The same feed twice, and standard input among files.
check_eq "merge: a feed given twice gives each post once" \
    "$(titles "$B" "$B")" \
    "Beta news Beta, updated only Shared post (edited)"
check_eq "merge: '-' is one of the inputs" \
    "$("$FEEDCONV" -q "$A" - -t jsonfeed <"$B" | items _feedconv.source.title | sort -u | lines)" \
    "Alpha blog Beta"
check_status "merge: '-' twice is a usage error" 2 "$FEEDCONV" - - -t rss
check_status "merge: a missing input is an I/O error, nothing written" 3 \
    "$FEEDCONV" "$A" "$M/none.rss" -t rss -o "$TMP/none.rss"
check "merge: ... and no output file" test ! -e "$TMP/none.rss"
check_status "merge: a broken input fails the merge" 1 \
    "$FEEDCONV" "$A" "$ROOT/fixtures/rss-truncated/input.xml" -t rss -o "$TMP/bad.rss"
check "merge: ... and no output file" test ! -e "$TMP/bad.rss"

# A site among the inputs: its drafts are judged as its own feed would.
"$FEEDCONV" -q "$ROOT/fixtures/md-hugo-native" "$A" -t jsonfeed >"$TMP/s.json"
n_site=$("$FEEDCONV" -q "$ROOT/fixtures/md-hugo-native" -t jsonfeed | items id | wc -l)
check_eq "merge: a site and a feed: the site's published posts and the feed's" \
    "$(items id <"$TMP/s.json" | wc -l)" "$((n_site + 4))"

# --title, --link (one input and many), --base-url.
check_eq "--title and --link replace the feed's" \
    "$("$FEEDCONV" -q "$A" "$B" -t jsonfeed --title Planet --link https://planet.example/ |
        python3 -c 'import json,sys; f=json.load(sys.stdin); print(f["title"], f["home_page_url"])')" \
    "Planet https://planet.example/"
printf '<rss version="2.0"><channel><title>t</title><description>d</description><item><title>x</title><link>/p/1</link></item></channel></rss>' >"$TMP/nolink.rss"
"$FEEDCONV" "$TMP/nolink.rss" -t rss -o "$TMP/nolink.out" 2>"$TMP/nolink.err"
check "no link: a warning that points at --link" grep -q -- '--link' "$TMP/nolink.err"
"$FEEDCONV" "$TMP/nolink.rss" -t rss --link https://blog.example/ \
    --base-url https://blog.example/ -o "$TMP/link.out" 2>"$TMP/link.err"
check "--link: the channel link given" grep -q '<link>https://blog.example/</link>' "$TMP/link.out"
check_eq "--link: no warning about the link" "$(grep -c 'link' "$TMP/link.err")" 0
check "--base-url: relative links resolved against it" \
    grep -q '<link>https://blog.example/p/1</link>' "$TMP/link.out"
check_status "--link needs an absolute URL" 2 "$FEEDCONV" "$A" -t rss --link blog.example
check_status "--base-url needs an absolute URL" 2 "$FEEDCONV" "$A" -t rss --base-url /x/
check_status "--title needs a title" 2 "$FEEDCONV" "$A" -t rss --title ""
exit 0
