#!/bin/sh
# cli_rss.sh - RSS through the CLI: the WordPress fixture RSS -> RSS is a
# fixed point and feedparser (parse-check) reads it with bozo 0 and the
# fixture's values; the
# older RSS family converts with titles, links, ids, dates and descriptions;
# every fixture's output is stable; errors exit 1 with FILE:LINE:COL.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures

# feedparser as Debian installs it (what parse-check uses)
PY=${CHECKERS_PYTHON:-/usr/bin/python3}
have_feedparser() { [ -x "$PY" ] && "$PY" -c 'import feedparser' >/dev/null 2>&1; }

# Every value feedparser sees (content, tags, sy:*, slash:comments, ...) of
# two files, not just parse-check's summary.
cat >"$TMP/same.py" <<'EOF'
import sys, feedparser
a = feedparser.parse(open(sys.argv[1], 'rb').read())
b = feedparser.parse(open(sys.argv[2], 'rb').read())
skip = ('title_detail', 'summary_detail', 'subtitle_detail', 'links', 'guidislink',
        'authors', 'author_detail', 'rights_detail')
def norm(d):
    return {k: v for k, v in d.items() if k not in skip and not k.endswith('_parsed')}
bad = []
if norm(a.feed) != norm(b.feed):
    bad.append('feed')
if len(a.entries) != len(b.entries) or not a.entries:
    bad.append('count')
for i, (x, y) in enumerate(zip(a.entries, b.entries)):
    x, y = norm(x), norm(y)
    bad += ['entry %d %s' % (i, k) for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)]
print(' '.join(bad[:5]))
sys.exit(1 if bad else 0)
EOF

# wordpress_rss LABEL FEED: a WordPress feed read from stdin -> RSS: quiet,
# a fixed point, every item's values kept for feedparser.  Leaves
# $TMP/LABEL.rss.
wordpress_rss() {
    "$FEEDCONV" -t rss <"$2" >"$TMP/$1.rss" 2>"$TMP/$1.err"; st=$?
    check_eq "$1: stdin -> rss exits 0" "$st" 0
    check_eq "$1: no warnings" "$(cat "$TMP/$1.err")" ""
    "$FEEDCONV" -t rss <"$TMP/$1.rss" >"$TMP/$1.two.rss" 2>/dev/null
    if cmp -s "$TMP/$1.rss" "$TMP/$1.two.rss"; then pass "$1: rss -> rss is a fixed point"
    else fail "$1: rss -> rss is a fixed point" "$(diff "$TMP/$1.rss" "$TMP/$1.two.rss" | head -5)"; fi
    check_eq "$1: 10 items" "$(grep -c '<item>' "$TMP/$1.rss")" 10
    check_eq "$1: sy: extensions kept" "$(grep -c '<sy:update' "$TMP/$1.rss")" 2
    check_eq "$1: slash:comments kept" "$(grep -c '<slash:comments>' "$TMP/$1.rss")" 10
    check_eq "$1: wfw:commentRss kept" "$(grep -c '<wfw:commentRss>' "$TMP/$1.rss")" 10
    check_eq "$1: categories kept" "$(grep -c '<category>' "$TMP/$1.rss")" 24
    checked "$1: validate-rss" validate-rss "$TMP/$1.rss"
    checked "$1: parse-check bozo 0" parse-check "$TMP/$1.rss"
    "$CHECKERS/parse-check" "$2" >"$TMP/$1.pc-in" 2>&1
    "$CHECKERS/parse-check" "$TMP/$1.rss" >"$TMP/$1.pc-out" 2>&1
    if grep -q '(Debian package' "$TMP/$1.pc-in"; then
        skip "$1: parse-check summary equals the input's" "$(missing_package "$TMP/$1.pc-in")"
    elif cmp -s "$TMP/$1.pc-in" "$TMP/$1.pc-out"; then pass "$1: parse-check summary equals the input's"
    else fail "$1: parse-check summary equals the input's" "$(diff "$TMP/$1.pc-in" "$TMP/$1.pc-out" | head -5)"; fi
    if have_feedparser; then
        check "$1: feedparser sees the same values (sy, slash, content, tags)" \
            "$PY" "$TMP/same.py" "$2" "$TMP/$1.rss"
    else
        skip "$1: feedparser values" "feedparser is not installed (Debian package python3-feedparser)"
    fi
}

# ---- a WordPress feed --------------------------------------------------------
wordpress_rss wordpress "$WORDPRESS"
W=$TMP/wordpress.rss
check_eq "wordpress: script in content kept" \
    "$(grep -c '<script type="text/javascript" src="https://platform.twitter.com/widgets.js"></script>' "$W")" 10
check_eq "wordpress: inline style kept" "$(grep -c '<div style="float: right; margin-left: 10px;">' "$W")" 10
check_eq "wordpress: pre kept" "$(grep -c '<pre>\$ ip -br link | grep -v lo' "$W")" 1
check_eq "wordpress: entities kept in content" "$(grep -c 'I&#8217;d call my bench done yet' "$W")" 2
check_eq "wordpress: title entity" "$(grep -c '<title>Nobody reads the manual…</title>' "$W")" 1
check_eq "wordpress: guid isPermaLink false" "$(grep -c '<guid isPermaLink="false">https://example.org/blog/?p=' "$W")" 10
check_eq "wordpress: atom:link self" \
    "$(grep -c '<atom:link href="https://example.org/blog/index.php/feed/" rel="self" type="application/rss+xml"/>' "$W")" 1
# the real feed beside the project, when it is there
if have_seed; then
    wordpress_rss seed "$SEED"
    check_eq "seed: script in content kept" \
        "$(grep -c '<script type="text/javascript" src="http://platform.twitter.com/widgets.js"></script>' "$TMP/seed.rss")" 10
fi

# ---- the RSS family -> RSS 2.0 ---------------------------------------------
"$FEEDCONV" -q -t rss "$FX/rss-091/input.xml" >"$TMP/family-091.rss"
check_eq "rss-091: item title" "$(grep -c '<title>Brass polishing, café style</title>' "$TMP/family-091.rss")" 1
check_eq "rss-091: item link" "$(grep -c '<link>http://lantern.example/wick.html</link>' "$TMP/family-091.rss")" 1
check_eq "rss-091: item description" "$(grep -c '<description>Square cuts burn cleaner.</description>' "$TMP/family-091.rss")" 1
check_eq "rss-091: version 2.0 out" "$(grep -c '<rss version="2.0"' "$TMP/family-091.rss")" 1

"$FEEDCONV" -q -t rss "$FX/rss-10-rdf/input.xml" >"$TMP/family-10.rss"
check_eq "rss-10-rdf: id from rdf:about" "$(grep -c '<guid>http://beehive.example/swarm</guid>' "$TMP/family-10.rss")" 1
check_eq "rss-10-rdf: dc:date -> pubDate" "$(grep -c '<pubDate>Mon, 30 May 2022 12:05:00 +0200</pubDate>' "$TMP/family-10.rss")" 1
check_eq "rss-10-rdf: title" "$(grep -c '<title>A swarm on the chimney</title>' "$TMP/family-10.rss")" 1
check_eq "rss-10-rdf: description" "$(grep -c '<description>They left at noon.</description>' "$TMP/family-10.rss")" 1
check_eq "rss-10-rdf: content:encoded" "$(grep -c '<content:encoded><!\[CDATA\[<p>They left' "$TMP/family-10.rss")" 1

# RSS 1.0 after a DOCTYPE declaring entities: internal ones expand, the
# external one is dropped with a warning and never read
"$FEEDCONV" -t jsonfeed "$FX/rss-10-doctype-entities/input.xml" >"$TMP/de.json" 2>"$TMP/de.err"
check_eq "rss-10-doctype-entities: exit 0" "$?" 0
check_eq "rss-10-doctype-entities: title" \
    "$(grep -c '"title": "Café & Crème"' "$TMP/de.json")" 1
check_eq "rss-10-doctype-entities: item title" \
    "$(grep -c '"title": "Espresso — the basics"' "$TMP/de.json")" 1
check_eq "rss-10-doctype-entities: entity markup kept" \
    "$(grep -c 'Read <em>more</em>' "$TMP/de.json")" 1
check_eq "rss-10-doctype-entities: only the external entity warned about" \
    "$(cat "$TMP/de.err")" \
    "feedconv: warning: $FX/rss-10-doctype-entities/input.xml:44:53: external entity 'host' not loaded; reference dropped"
if [ -r /etc/hostname ] && [ -s /etc/hostname ] && grep -qF "$(head -n 1 /etc/hostname)" "$TMP/de.json"; then
    fail "rss-10-doctype-entities: /etc/hostname not read" "its text is in the output"
else pass "rss-10-doctype-entities: /etc/hostname not read"; fi

# RSS 1.0: rdf:about is the item's id; dc:identifier stays, also through
# RSS 2.0 and back (the loop below: a fixed point)
"$FEEDCONV" -q -t rss "$FX/rss-10-item-identity/input.xml" >"$TMP/ident.rss"
check_eq "rss-10-item-identity: guid from rdf:about" \
    "$(grep -c '<guid>http://library.example/b/4711</guid>' "$TMP/ident.rss")" 1
check_eq "rss-10-item-identity: dc:identifier kept" \
    "$(grep -c '<dc:identifier>' "$TMP/ident.rss")" 3

# a person in each of the forms feeds use: RSS's "email (Name)" out
"$FEEDCONV" -q -t rss "$FX/rss-person-forms/input.xml" >"$TMP/persons.rss"
check_eq "rss-person-forms: managingEditor Name (email)" \
    "$(grep -c '<managingEditor>ruth@letters.example (Ruth Okafor)</managingEditor>' "$TMP/persons.rss")" 1
check_eq "rss-person-forms: webMaster Name <email>" \
    "$(grep -c '<webMaster>pat@letters.example (Pat Lee)</webMaster>' "$TMP/persons.rss")" 1
check_eq "rss-person-forms: dc:creator email (Name (Jr.))" \
    "$(grep -c '<author>noreply@blogger.com (Sam Whit (Jr.))</author>' "$TMP/persons.rss")" 1
check_eq "rss-person-forms: a name's own parentheses without email" \
    "$(grep -c '>Kim (Editor)</dc:creator>' "$TMP/persons.rss")" 1

for fx in every-element 090 091 092 10-rdf dc-namespace extensions enclosures atom-links \
    description-markup unparsable-date internal-entity empty xml-base xml-base-rdf \
    10-doctype-entities 10-item-identity person-forms; do
    out=$TMP/$fx.rss
    check_status "rss-$fx: converts" 0 "$FEEDCONV" -q -f rss -t rss -o "$out" "$FX/rss-$fx/input.xml"
    "$FEEDCONV" -q -f rss -t rss "$out" >"$TMP/again.rss" 2>/dev/null
    if cmp -s "$out" "$TMP/again.rss"; then pass "rss-$fx: stable"
    else fail "rss-$fx: stable" "second pass differs"; fi
    checked "rss-$fx: validate-rss" validate-rss "$out"
    checked "rss-$fx: parse-check bozo 0" parse-check "$out"
done

# ---- warnings and errors ---------------------------------------------------
"$FEEDCONV" -t rss "$FX/rss-unparsable-date/input.xml" >/dev/null 2>"$TMP/w.err"
check_eq "unparsable date: warning with position" \
    "$(grep -c 'input.xml:9.*unparsable date kept as text' "$TMP/w.err")" 1

errtest() { # NAME FIXTURE POSITION TEXT
    check_status "$1: exit 1" 1 "$FEEDCONV" -f rss -t rss "$FX/$2/input.xml"
    if grep -q "^feedconv: error: .*$2/input.xml:$3: .*$4" "$TMP/.err"; then pass "$1: message"
    else fail "$1: message" "$(head -c 300 "$TMP/.err")"; fi
}
errtest "not XML" rss-not-xml 1:1 "not well-formed XML"
# a truncated download is an error; --keep-going repairs it with a warning
errtest "truncated XML" rss-truncated "6:[0-9]*" "the input ends inside <title>"
check_status "truncated XML --keep-going: exit 0" 0 "$FEEDCONV" --keep-going -f rss -t rss "$FX/rss-truncated/input.xml"
check_eq "truncated XML --keep-going: warning with position" \
    "$(grep -c 'warning: .*rss-truncated/input.xml:6:[0-9]*: the input ends inside' "$TMP/.err")" 1
check_status "truncated XML --keep-going --strict: exit 1" 1 "$FEEDCONV" --keep-going --strict -f rss -t rss "$FX/rss-truncated/input.xml"
errtest "no channel" rss-no-channel 3 "no <channel>"
errtest "not RSS" rss-wrong-root 2 "<html> is not RSS"
check_status "entity bomb: refused" 1 "$FEEDCONV" -f rss -t rss "$FX/rss-entity-expansion-limit/input.xml"
check_status "truncated, detected: exit 1" 1 "$FEEDCONV" -q -t rss "$FX/rss-truncated/input.xml"

# ---- xml:base and --keep-going -----------------------------------------------
"$FEEDCONV" -t jsonfeed "$FX/rss-xml-base/input.xml" >"$TMP/xb.json" 2>/dev/null
check_eq "xml-base: item link resolved" \
    "$(grep -c '"url": "http://www.example.org/journal/2024/05/tide-tables.html"' "$TMP/xb.json")" 1
check_eq "xml-base: img src in content resolved" \
    "$(grep -c 'img src=\\"http://www.example.org/journal/2024/05/charts/may.png' "$TMP/xb.json")" 1
"$FEEDCONV" --no-xml-base -t jsonfeed "$FX/rss-xml-base/input.xml" >"$TMP/xb0.json" 2>/dev/null
check_eq "--no-xml-base: item link as written" "$(grep -c '"url": "tide-tables.html"' "$TMP/xb0.json")" 1
"$FEEDCONV" -q -t atom -o "$TMP/xb.atom" "$FX/rss-xml-base/input.xml"
# the guid "tide-1" is no IRI: a tag: IRI made from it (fc:original keeps it)
checked "xml-base: atom output validates" validate-atom "$TMP/xb.atom"

errtest "item over a limit" rss-keep-going 35 "entity expansion exceeds the limit"
check_status "--keep-going: exit 0" 0 "$FEEDCONV" --keep-going -t rss "$FX/rss-keep-going/input.xml"
check_eq "--keep-going: the other items" "$(grep -c '<item>' "$TMP/.out")" 2
check_eq "--keep-going: warning with position" \
    "$(grep -c 'warning: .*rss-keep-going/input.xml:35: item skipped: entity expansion' "$TMP/.err")" 1
check_status "--keep-going --strict: exit 1" 1 "$FEEDCONV" --keep-going --strict -t rss "$FX/rss-keep-going/input.xml"
