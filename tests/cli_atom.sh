#!/bin/sh
# tests/cli_atom.sh - Atom through the CLI: the WordPress fixture to Atom
# (checkers, values), round trips RSS -> Atom -> RSS and JSON Feed -> Atom -> JSON Feed
# (byte-identical to the direct conversion), Atom -> RSS / JSON Feed -> Atom,
# errors with positions and exit status.
. "$(dirname "$0")/lib.sh"
FIX=$ROOT/fixtures

# valid NAME FILE: validate-atom, and parse-check (bozo 0), accept an Atom file
valid() {
    checked "$1: validate-atom" validate-atom "$2"
    checked "$1: parse-check bozo 0" parse-check "$2"
}
count() { grep -c -- "$1" "$2"; }

# wordpress_atom LABEL FEED: FEED (WordPress RSS) to Atom: valid, the same
# bytes twice, a fixed point, and back to RSS as RSS -> RSS writes it.
# Leaves LABEL's Atom in $TMP/LABEL.atom and its RSS in $TMP/LABEL-via-atom.rss.
wordpress_atom() {
    A=$TMP/$1.atom R1=$TMP/$1.rss R2=$TMP/$1-via-atom.rss
    check "$1 -> atom" sh -c "'$FEEDCONV' -t atom '$2' >'$A'"
    valid "$1 atom" "$A"
    check_eq "$1 atom: 10 entries" "$(count '<entry>' "$A")" 10
    check_eq "$1 atom: titles" "$(count '<title>' "$A")" 11
    check_eq "$1 atom: categories" "$(count '<category ' "$A")" 24
    check_eq "$1 atom: summaries" "$(count '<summary' "$A")" 10
    check_eq "$1 atom: full content" "$(count '<content type="html">' "$A")" 10
    check_eq "$1 atom: comment counts" "$(count '<thr:total>' "$A")" 10
    check "$1 atom: sy kept" grep -q '<sy:updatePeriod>hourly</sy:updatePeriod>' "$A"
    "$FEEDCONV" -t rss "$2" >"$R1" 2>/dev/null
    check "$1 -> atom -> rss" sh -c "'$FEEDCONV' -t rss '$A' >'$R2'"
    check "$1 -> atom -> rss == $1 -> rss" cmp "$R1" "$R2"
    check "$1 via atom: sy:updateFrequency" grep -q '<sy:updateFrequency>1</sy:updateFrequency>' "$R2"
    check_eq "$1 via atom: slash:comments" "$(count '<slash:comments>' "$R2")" 10
    check_eq "$1 via atom: wfw:commentRss" "$(count '<wfw:commentRss>' "$R2")" 10
    check "$1 atom -> atom is a fixed point" sh -c "'$FEEDCONV' -t atom '$A' | cmp - '$A'"
    check "$1: same bytes twice" sh -c "'$FEEDCONV' -t atom '$2' | cmp - '$A'"
}

# ---- acceptance 1: a WordPress feed -----------------------------------------
wordpress_atom wordpress "$WORDPRESS"
A=$TMP/wordpress.atom R2=$TMP/wordpress-via-atom.rss
check "wordpress atom: first title" grep -q '<title>Is the workbench ever finished?</title>' "$A"
check "wordpress atom: feed title" grep -q "<title>Hedda's Workshop</title>" "$A"
check "wordpress atom: link" grep -q 'rel="alternate" href="https://example.org/blog/index.php/2012/05/14/is-the-workbench-ever-finished/"' "$A"
check "wordpress atom: self link" grep -q 'rel="self" href="https://example.org/blog/index.php/feed/" type="application/atom+xml"' "$A"
check "wordpress atom: id" grep -q '<id fc:isPermaLink="false">https://example.org/blog/?p=412</id>' "$A"
check "wordpress atom: date with offset" grep -q '<published>2012-05-15T03:12:44+00:00</published>' "$A"
check "wordpress atom: feed updated" grep -q '^  <updated>2012-05-15T03:12:44+00:00</updated>' "$A"
check_eq "wordpress atom: authors" "$(count '<name>hedda</name>' "$A")" 10
check "wordpress atom: comment page" grep -q 'rel="replies" href="https://example.org/blog/index.php/2012/05/14/is-the-workbench-ever-finished/#comments" type="text/html" thr:count="3"' "$A"
check "wordpress atom: comment feed, typed" grep -q 'rel="replies" href="https://example.org/blog/index.php/2012/05/14/is-the-workbench-ever-finished/feed/" type="application/rss+xml" thr:count="3"' "$A"
check "wordpress atom: no comments yet" grep -q '<thr:total>0</thr:total>' "$A"
check "wordpress atom: category with a space" grep -q '<category term="web hosting"/>' "$A"
check "wordpress atom: title entity decoded" grep -q '<title>Nobody reads the manual…</title>' "$A"
check "wordpress atom: script kept in content" grep -q '&lt;script type="text/javascript" src="https://platform.twitter.com/widgets.js"&gt;&lt;/script&gt;' "$A"
check "wordpress atom: pre kept in content" grep -q '&lt;pre&gt;$ ip -br link | grep -v lo' "$A"
check "wordpress via atom: guid isPermaLink" grep -q '<guid isPermaLink="false">https://example.org/blog/?p=412</guid>' "$R2"
check "wordpress via atom: pubDate" grep -q '<pubDate>Tue, 15 May 2012 03:12:44 +0000</pubDate>' "$R2"
# the real feed beside the project, when it is there
if have_seed; then
    wordpress_atom seed "$SEED"
    check "seed atom: first title" grep -q '<title>Do you know everything about RDMA?</title>' "$TMP/seed.atom"
    check "seed atom: id" grep -q '<id fc:isPermaLink="false">http://digitalvampire.org/blog/?p=175</id>' "$TMP/seed.atom"
fi

# ---- RSS -> Atom -> RSS: every RSS 2.0 field (fc namespace) --------------
IN=$FIX/atom-rss-roundtrip/input.xml
"$FEEDCONV" -t rss "$IN" >"$TMP/r1.rss" 2>/dev/null
check "rss fixture -> atom" sh -c "'$FEEDCONV' -t atom '$IN' >'$TMP/r.atom'"
# ids such as "note-2" are no IRIs: tag: IRIs made from them, fc:original keeps them
checked "rss fixture atom: validate-atom" validate-atom "$TMP/r.atom"
checked "rss fixture atom: parse-check bozo 0" parse-check "$TMP/r.atom"
check "rss fixture: ttl as fc:ttl" grep -q '<fc:ttl>45</fc:ttl>' "$TMP/r.atom"
"$FEEDCONV" -t rss "$TMP/r.atom" >"$TMP/r2.rss" 2>/dev/null
check "rss -> atom -> rss == rss -> rss" cmp "$TMP/r1.rss" "$TMP/r2.rss"
for s in '<ttl>45</ttl>' '<cloud ' '<skipHours>' '<textInput>' '<rating>' '<managingEditor>' \
         '<width>88</width>' '<docs>' '<sy:updatePeriod>daily' '<slash:comments>3' \
         '<wfw:commentRss>' '<source url="https://ferries.example.org/rss">'; do
    check "rss via atom keeps $s" grep -q -- "$s" "$TMP/r2.rss"
done

# ---- JSON Feed -> Atom -> JSON Feed ---------------------------------------
IN=$FIX/atom-jsonfeed-roundtrip/input.json
"$FEEDCONV" -t jsonfeed "$IN" >"$TMP/j1.json" 2>/dev/null
check "json fixture -> atom" sh -c "'$FEEDCONV' -t atom '$IN' >'$TMP/j.atom'"
# ids such as "note-2" are no IRIs: tag: IRIs made from them, fc:original keeps them
checked "json fixture atom: validate-atom" validate-atom "$TMP/j.atom"
checked "json fixture atom: parse-check bozo 0" parse-check "$TMP/j.atom"
check "json fixture: _lamp as fc:json" grep -q '<fc:json name="_lamp"' "$TMP/j.atom"
"$FEEDCONV" -t jsonfeed "$TMP/j.atom" >"$TMP/j2.json" 2>/dev/null
check "json -> atom -> json == json -> json" cmp "$TMP/j1.json" "$TMP/j2.json"

# ---- Atom -> JSON Feed -> Atom (byte-identical), Atom -> RSS -> Atom --------
for d in atom-full atom-xhtml-content atom-xml-base atom-03 atom-content-media \
         atom-rss-modules atom-entry-document atom-quirks atom-xml-base-html-entities \
         atom-xml-base-html-raw-text; do
    IN=$FIX/$d/input.xml
    "$FEEDCONV" -t atom "$IN" >"$TMP/$d.atom" 2>/dev/null
    valid "$d" "$TMP/$d.atom"
    "$FEEDCONV" -t jsonfeed "$TMP/$d.atom" >"$TMP/$d.json" 2>/dev/null
    check "$d: atom -> json -> atom keeps everything" sh -c \
        "'$FEEDCONV' -t atom '$TMP/$d.json' 2>/dev/null | cmp - '$TMP/$d.atom'"
    check "$d: atom -> rss" sh -c "'$FEEDCONV' -t rss '$TMP/$d.atom' >'$TMP/$d.rss' 2>/dev/null"
    checked "$d: rss parse-check bozo 0" parse-check "$TMP/$d.rss"
    "$FEEDCONV" -t atom "$TMP/$d.rss" >"$TMP/$d.back.atom" 2>/dev/null
    valid "$d via rss" "$TMP/$d.back.atom"
done
# what RSS can carry comes back from atom-full
B=$TMP/atom-full.back.atom
check "full via rss: entry id" grep -q 'tag:tea.example.com,2024:post-7</id>' "$B"
check "full via rss: published offset" grep -q '<published>2024-02-01T21:15:00-05:00</published>' "$B"
check "full via rss: content" grep -q 'Rinse, then &lt;a href="https://tea.example.com/steep"' "$B"
check "full via rss: enclosure" grep -q 'href="https://cdn.example.com/oolong.mp3" type="audio/mpeg"' "$B"
check "full via rss: comments" grep -q 'rel="replies" href="https://tea.example.com/2024/oolong#comments"' "$B"
check "full via rss: count" grep -q '<thr:total>5</thr:total>' "$B"
check "full via rss: category scheme" grep -q 'term="oolong" scheme="https://tea.example.com/tags"' "$B"
check "full via rss: foreign markup" grep -q '<geo:point kind="centre">51.5 -0.12</geo:point>' "$B"

# ---- options ----------------------------------------------------------------
check "--no-xml-base keeps relative links" sh -c \
    "'$FEEDCONV' --no-xml-base -t jsonfeed '$FIX/atom-xml-base/input.xml' | grep -q '\"url\": \"first.html\"'"
check "xml:base resolves by default" sh -c \
    "'$FEEDCONV' -t jsonfeed '$FIX/atom-xml-base/input.xml' | grep -q 'http://base.example.com/a/b/2024/04/first.html'"
check "xml:base: character references decoded before resolving" sh -c \
    "'$FEEDCONV' -t jsonfeed '$FIX/atom-xml-base-html-entities/input.xml' | grep -q 'href=\\\\\"http://refs.example.org/notes/index.html'"
check "xml:base: textarea body not rewritten" sh -c \
    "'$FEEDCONV' -t jsonfeed '$FIX/atom-xml-base-html-raw-text/input.xml' | grep -q '<textarea><a href=\\\\\"t.html'"
check "-f atom1 alias" sh -c "'$FEEDCONV' -f atom1 -t atom '$FIX/atom-03/input.xml' >/dev/null"

# ---- acceptance 4: errors -----------------------------------------------------
# not well-formed: an error, or a repair warning (syntax/xmlfix.h); fatal with --strict
"$FEEDCONV" -t atom "$FIX/atom-malformed/input.xml" >/dev/null 2>"$TMP/.err"
check "malformed: FILE:LINE:COL" grep -q 'atom-malformed/input.xml:7:[0-9]*: ' "$TMP/.err"
check_status "malformed, --strict: exit 1" 1 "$FEEDCONV" --strict -t atom "$FIX/atom-malformed/input.xml"
check "malformed, --strict: FILE:LINE:COL" grep -q 'error: .*atom-malformed/input.xml:7:[0-9]*: ' "$TMP/.err"
# junk after the root element: ignored with a warning; fatal with --strict
printf '%s' "<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>junk" >"$TMP/junk.atom"
check_status "junk after root: exit 0" 0 "$FEEDCONV" -t jsonfeed "$TMP/junk.atom"
cp "$TMP/.out" "$TMP/junk.json"
check "junk after root: warning FILE:LINE:COL" grep -q 'warning: .*junk.atom:1:66: content after the end' "$TMP/.err"
check "junk after root: recovered title" grep -q '"title": "x"' "$TMP/junk.json"
check_status "junk after root, --strict: exit 1" 1 "$FEEDCONV" --strict -t jsonfeed "$TMP/junk.atom"
check "junk after root, --strict: error FILE:LINE:COL" grep -q 'error: .*junk.atom:1:66: ' "$TMP/.err"
check_status "not atom (-f atom): exit 1" 1 "$FEEDCONV" -f atom -t rss "$FIX/atom-not-atom/input.xml"
check "not atom: says why, with a line" grep -q 'atom-not-atom/input.xml:2.*not an Atom document: the root element is <html>' "$TMP/.err"
check_status "no namespace: exit 1" 1 "$FEEDCONV" -t rss "$FIX/atom-no-namespace/input.xml"
check "no namespace: says why" grep -q 'has no namespace' "$TMP/.err"
check_status "atom written to a directory format is refused" 2 "$FEEDCONV" -t atom -o "$TMP" "$FIX/atom-03/input.xml"
