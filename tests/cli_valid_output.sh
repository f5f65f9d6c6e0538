#!/bin/sh
# cli_valid_output.sh - output valid whatever comes in: every fixture
# feedconv converts (hostile ones included, and those that lack channel
# links, titles or dates) gives Atom that validate-atom accepts, RSS that
# validate-rss accepts, Atom and RSS that feedparser reads with bozo 0, and
# JSON Feed that validate-jsonfeed accepts.  What a format requires and the
# input lacks is made up, marked fc:synthetic and warned about (cli_rss.sh,
# test_rss).
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
    if "$FEEDCONV" -q -t jsonfeed "$in_" >"$TMP/o.json" 2>/dev/null; then
        checked "valid: $name -> jsonfeed: validate-jsonfeed" validate-jsonfeed "$TMP/o.json"
    fi
done
check "valid: some fixtures were converted" test "$n" -gt 40

# RSS: every path under fixtures/*/ that converts (feed files, Markdown
# files and site directories, hostile and fuzzed inputs: what the golden
# test pins)
n=0
for in_ in "$ROOT"/fixtures/*/*; do
    name=${in_#"$ROOT"/fixtures/}
    if "$FEEDCONV" -q -t rss "$in_" >"$TMP/o.rss" 2>/dev/null; then
        n=$((n + 1))
        checked "valid: $name -> rss: validate-rss" validate-rss "$TMP/o.rss"
        case $name in # feedparser too on the feed inputs, as Atom's above
        */input.xml | */input.json | *.rss | *.atom)
            checked "valid: $name -> rss: parse-check bozo 0" parse-check "$TMP/o.rss" ;;
        esac
    fi
done
check "valid: some fixtures were converted to RSS" test "$n" -gt 100

# ---- inputs without what RSS requires ---------------------------------------
# rss_in NAME FILE: FILE -> RSS (and that RSS -> RSS again) passes validate-rss
rss_in() {
    if "$FEEDCONV" -q -t rss "$2" >"$TMP/$1.rss" 2>/dev/null; then
        checked "valid: $1 -> rss: validate-rss" validate-rss "$TMP/$1.rss"
        "$FEEDCONV" -q -t rss "$TMP/$1.rss" >"$TMP/$1.2.rss" 2>/dev/null
        checked "valid: $1 -> rss -> rss: validate-rss" validate-rss "$TMP/$1.2.rss"
    else
        fail "valid: $1 -> rss" "feedconv failed"
    fi
}
# JSON Feed with no title, home page, feed URL or date; a relative url
printf '{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "url": "/one", "content_text": "x", "date_published": "last Tuesday-ish"}]}\n' >"$TMP/bare.json"
rss_in "JSON Feed without title, link or date" "$TMP/bare.json"
check_eq "bare JSON Feed -> rss: a link made up, no site known" \
    "$(grep -c '<link xmlns:fc="https://feedconv.invalid/ns/1.0" fc:synthetic="true">https://feedconv.invalid/</link>' "$TMP/JSON Feed without title, link or date.rss")" 1
check_eq "bare JSON Feed -> rss: the relative url an atom:link" \
    "$(grep -c '<atom:link href="/one" rel="alternate"/>' "$TMP/JSON Feed without title, link or date.rss")" 1
check_eq "bare JSON Feed -> rss: the date kept as fc:rawPublished, no pubDate" \
    "$(grep -c '<fc:rawPublished xmlns:fc="https://feedconv.invalid/ns/1.0">last Tuesday-ish</fc:rawPublished>' "$TMP/JSON Feed without title, link or date.rss")" 1
# RSS whose channel has none of its three required elements, an item
# with neither title nor description, two authors with addresses
cat >"$TMP/empty.rss" <<'EOF'
<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <item>
      <enclosure url="https://cdn.example.com/a.mp3" length="10" type="audio/mpeg"/>
      <guid>https://cdn.example.com/a</guid>
      <author>ines@example.com (Ines)</author>
      <dc:creator>ole@example.com (Ole)</dc:creator>
    </item>
  </channel>
</rss>
EOF
rss_in "RSS without channel title, link or description" "$TMP/empty.rss"
check_eq "empty channel -> rss: the first item's site as the link" \
    "$(grep -c 'fc:synthetic="true">https://cdn.example.com/</link>' "$TMP/RSS without channel title, link or description.rss")" 1
# Atom without a link, an id that is no URL, two authors with e-mail
cat >"$TMP/nolink.atom" <<'EOF'
<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <title>No links</title>
  <updated>2024-03-02T18:30:00Z</updated>
  <entry>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <title>Two hands</title>
    <updated>not a date</updated>
    <author><name>Ines</name><email>ines@example.com</email></author>
    <author><name>Ole</name><email>ole@example.com</email></author>
    <content>x</content>
  </entry>
</feed>
EOF
rss_in "Atom without links, two authors" "$TMP/nolink.atom"
check_eq "two authors -> rss: one <author>, the other dc:creator with fc:email" \
    "$(grep -c '<author>ines@example.com (Ines)</author>\|<dc:creator xmlns:fc="https://feedconv.invalid/ns/1.0" fc:email="ole@example.com">Ole</dc:creator>' "$TMP/Atom without links, two authors.rss")" 2
exit 0
