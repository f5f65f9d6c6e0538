#!/bin/sh
# tests/cli_checkers.sh - the external checkers in tests/checkers can fail:
# each accepts its good cases and rejects every bad case under
# tests/checkers/cases with exit 1 and a message naming the broken rule; a
# checker that cannot fail would prove nothing.  Also: usage errors exit 2,
# and parse-check's summary holds what the file says.
. "$(dirname "$0")/lib.sh"
C=$CHECKERS
CASES=$C/cases

# expect NAME CHECKER FILE STATUS [TEXT]: CHECKER on FILE exits STATUS and
# (for a bad case) says TEXT
expect() {
    _n=$1 _c=$2 _f=$3 _w=$4 _t=${5:-}
    "$C/$_c" "$_f" >"$TMP/.out" 2>&1; _s=$?
    if [ "$_s" = 2 ] && grep -q '(Debian package [^)]*)' "$TMP/.out"; then
        skip "$_n" "$(missing_package "$TMP/.out")"
    elif [ "$_s" != "$_w" ]; then
        fail "$_n" "exit $_s, want $_w: $(head -c 300 "$TMP/.out")"
    elif [ -n "$_t" ] && ! grep -qF -- "$_t" "$TMP/.out"; then
        fail "$_n" "no '$_t' in: $(head -c 300 "$TMP/.out")"
    else
        pass "$_n"
    fi
}

# ---- validate-atom -------------------------------------------------------
expect "validate-atom: a full feed is valid" validate-atom "$CASES/atom-good-full.xml" 0
expect "validate-atom: an entry document is valid" validate-atom "$CASES/atom-good-entry.xml" 0
# bad case -> what the report must say (the schema's words or the rule's)
while read -r name text; do
    expect "validate-atom rejects $name" validate-atom "$CASES/atom-bad-$name.xml" 1 "$text"
done <<'EOF'
feed-no-author atom:feed has no atom:author
entry-document-no-author atom:entry has no atom:author
entry-no-alternate neither a link rel="alternate" nor an atom:content
two-alternates a second link rel="alternate"
relative-id atom:id is not an IRI
date-no-zone atom:published: not an RFC 3339 date-time
date-out-of-range doesn't allow value '2023-02-29T10:00:00Z'
src-not-empty atom:content with src must be empty
src-no-summary needs an atom:summary
src-type-html needs a media type, not 'html'
base64-invalid is not base64
base64-no-summary base64 content needs an atom:summary
composite-type must not be a composite type
text-with-elements holds child elements
link-length link length is not a number
rel-empty link rel must be a name or an IRI
href-space link href is not an IRI reference
unknown-atom-element Element feed has extra content: colour
undefined-attribute Invalid attribute weight
xhtml-no-div Invalid attribute type for element rights
two-ids Extra element id
text-type Invalid attribute type for element subtitle
person-no-name Expecting an element name
entry-no-updated Expecting an element updated
not-well-formed Opening and ending tag mismatch
not-atom the root is not atom:feed or atom:entry
EOF
# every bad case is in the list above
n=$(ls "$CASES"/atom-bad-*.xml | wc -l)
check_eq "validate-atom: every bad case is tried" "$n" 26
expect "validate-atom: no file is a usage error" validate-atom "" 2
expect "validate-atom: a missing file is a usage error" validate-atom "$TMP/none.xml" 2

# ---- validate-jsonfeed ----------------------------------------------------
expect "validate-jsonfeed: a full feed is valid" validate-jsonfeed "$CASES/jsonfeed-good-full.json" 0
expect "validate-jsonfeed: a minimal feed is valid" validate-jsonfeed "$CASES/jsonfeed-good-minimal.json" 0
while read -r name text; do
    expect "validate-jsonfeed rejects $name" validate-jsonfeed "$CASES/jsonfeed-bad-$name.json" 1 "$text"
done <<'EOF'
not-json not JSON
not-utf8 not JSON
duplicate-key duplicate key 'title'
no-version 'version' is a required property
version-unknown is not one of
no-title 'title' is a required property
no-items 'items' is a required property
items-object is not of type 'array'
item-no-id 'id' is a required property
item-id-number 7 is not of type 'string'
item-id-empty '' is too short
item-no-content is not valid under any of the given schemas
content-html-number 5 is not of type 'string'
duplicate-ids '1' is also items[0].id
url-relative home_page_url: not an absolute URL
url-empty items[0].url: not an absolute URL
url-space feed_url: not an absolute URL
url-newline feed_url: not an absolute URL
date-no-zone not an RFC 3339 date-time
date-no-such-day no such day
date-text not an RFC 3339 date-time
author-empty authors[0]: {} is not valid
author-name-empty authors[0].name: '' is too short
authors-object is not of type 'array'
attachment-no-mime-type 'mime_type' is a required property
attachment-size-string '12' is not of type 'number'
unknown-key 'colour' does not match
extension-name-digit '_1kiln' does not match
extension-key-dot 'a.b' does not match
extension-not-object 'teal' is not of type 'object'
tags-not-strings 2 is not of type 'string'
expired-string 'yes' is not of type 'boolean'
hub-no-url 'url' is a required property
next-url-is-feed-url next_url: the same as feed_url
language-bad 'english please' does not match
EOF
n=$(ls "$CASES"/jsonfeed-bad-*.json | wc -l)
check_eq "validate-jsonfeed: every bad case is tried" "$n" 35
expect "validate-jsonfeed: no file is a usage error" validate-jsonfeed "" 2

# ---- validate-rss --------------------------------------------------------
expect "validate-rss: a full feed is valid" validate-rss "$CASES/rss-good-full.xml" 0
expect "validate-rss: a minimal feed is valid" validate-rss "$CASES/rss-good-minimal.xml" 0
expect "validate-rss: parse-check's RSS is valid" validate-rss "$CASES/parse-good-rss.xml" 0
# bad case -> what the report must say (rss.rng's words through xmllint, or
# the rule's in rss_rules.py)
while read -r name text; do
    expect "validate-rss rejects $name" validate-rss "$CASES/rss-bad-$name.xml" 1 "$text"
done <<'EOF'
no-channel-link element channel: Relax-NG validity error : Expecting an element link
no-channel-title element channel: Relax-NG validity error : Expecting an element title
no-channel-description element channel: Relax-NG validity error : Expecting an element description
two-channel-links Extra element link in interleave
item-no-title-or-description element item: Relax-NG validity error : Expecting an element title, got nothing
version-091 the root is not <rss version="2.0">
unknown-element Element channel has extra content: flavour
markup-in-title Element title has extra content: b
image-too-wide image width 145 is over the maximum, 144
image-too-tall image height 401 is over the maximum, 400
image-no-url element image: Relax-NG validity error : Expecting an element url
ttl-not-a-number Type nonNegativeInteger doesn't allow value 'an hour'
textinput-no-name element textInput: Relax-NG validity error : Expecting an element name
cloud-no-port cloud has no port attribute
cloud-protocol cloud protocol must be xml-rpc, soap or http-post, not 'carrier-pigeon'
skiphours-24 element hour: Relax-NG validity error : Error validating datatype nonNegativeInteger
skipdays-name element day: Relax-NG validity error : Error validating value
enclosure-no-length enclosure has no length attribute
enclosure-length-negative Type nonNegativeInteger doesn't allow value '-1'
guid-permalink-yes Invalid attribute isPermaLink for element guid
source-no-url source has no url attribute
date-iso item pubDate: not an RFC 822 date-time
two-authors Extra element author in interleave
date-weekday 2 Mar 2024 is a Sat, not a Mon
date-no-such-day channel lastBuildDate: no such day
date-hour-24 item pubDate: time out of range
link-relative channel link is not an absolute URL: '/kiln/'
enclosure-ftp enclosure url must be an http URL
enclosure-type enclosure type is not a media type: 'audio/mp(3)'
email-name-first managingEditor is not "email" or "email (Name)"
author-no-address item author is not "email" or "email (Name)": 'Ines Marlow'
duplicate-guid guid 'kiln-41' is also the guid of the item at line 10
guid-permalink-not-url guid (a permalink: isPermaLink is absent) is not an absolute URL
language-underscore channel language is not a language tag
skiphours-twice skipHours: hour '05' given twice
content-encoded-in-channel content:encoded belongs in an item
content-encoded-markup content:encoded holds child elements
dc-unknown dc:author is not a Dublin Core element
dc-date dc:date: not a W3C date-time
atom-link-no-href atom:link has no href
atom-unknown atom:colour is not an Atom element
itunes-explicit itunes:explicit must be "true" or "false", not 'yes'
itunes-duration itunes:duration is not seconds, MM:SS or HH:MM:SS: '3723.5'
itunes-episode-zero itunes:episode is not a positive integer: '0'
itunes-category-in-item itunes:category belongs in the channel, not an item
itunes-image-no-href itunes:image has no href
slash-comments slash:comments is not a number of comments: 'many'
sy-update-period sy:updatePeriod must be hourly, daily, weekly, monthly or yearly
namespace-near-miss is not the well-known 'http://www.itunes.com/dtds/podcast-1.0.dtd'
not-well-formed Opening and ending tag mismatch
EOF
n=$(ls "$CASES"/rss-bad-*.xml | wc -l)
check_eq "validate-rss: every bad case is tried" "$n" 50
expect "validate-rss: no file is a usage error" validate-rss "" 2
expect "validate-rss: a missing file is a usage error" validate-rss "$TMP/none.xml" 2

# ---- parse-check -----------------------------------------------------------
expect "parse-check: RSS read cleanly" parse-check "$CASES/parse-good-rss.xml" 0 "bozo: 0"
expect "parse-check: Atom read cleanly" parse-check "$CASES/atom-good-full.xml" 0 "bozo: 0"
expect "parse-check: the summary has the format" parse-check "$CASES/parse-good-rss.xml" 0 '"version": "rss20"'
for t in '"title": "Cone 6"' '"id": "kiln-41"' '"published_utc": "2024-03-02T17:30:00Z"' \
    '"glaze tests"' '"https://cdn.kiln.example.org/cooling.mp3"' '"title": "Kiln log"'; do
    expect "parse-check: the summary has $t" parse-check "$CASES/parse-good-rss.xml" 0 "$t"
done
expect "parse-check rejects XML that is not well-formed" parse-check "$CASES/parse-bad-not-well-formed.xml" 1 "bozo: 1 (<unknown>:3:45: mismatched tag)"
expect "parse-check rejects an undefined entity" parse-check "$CASES/parse-bad-undefined-entity.xml" 1 "undefined entity"
expect "parse-check rejects XML that is not a feed" parse-check "$CASES/parse-bad-not-a-feed.xml" 1 "no RSS or Atom format recognised"
expect "parse-check: JSON is a usage error" parse-check "$CASES/jsonfeed-good-full.json" 2 "RSS and Atom only"
expect "parse-check: no file is a usage error" parse-check "" 2

# ---- the checkers on feedconv's own output of the WordPress feed ----------
"$FEEDCONV" -q -t atom "$WORDPRESS" >"$TMP/wp.atom"
"$FEEDCONV" -q -t jsonfeed "$WORDPRESS" >"$TMP/wp.json"
"$FEEDCONV" -q -t rss "$WORDPRESS" >"$TMP/wp.rss"
checked "wordpress -> atom: validate-atom" validate-atom "$TMP/wp.atom"
checked "wordpress -> jsonfeed: validate-jsonfeed" validate-jsonfeed "$TMP/wp.json"
checked "wordpress -> rss: parse-check" parse-check "$TMP/wp.rss"
checked "wordpress -> rss: validate-rss" validate-rss "$TMP/wp.rss"
# and each checker fails when one thing in that output is broken
sed "s|>https://example.org/blog/?p=412</id>|>p=412</id>|" "$TMP/wp.atom" >"$TMP/bad.atom"
expect "validate-atom: feedconv output with a relative id fails" validate-atom "$TMP/bad.atom" 1 "'p=412'"
sed '0,/"id": "[^"]*"/s//"id": "https:\/\/example.org\/blog\/?p=405"/' "$TMP/wp.json" >"$TMP/bad.json"
expect "validate-jsonfeed: feedconv output with a duplicate id fails" validate-jsonfeed "$TMP/bad.json" 1 "is also items[0].id"
sed 's|</channel>|</chanel>|' "$TMP/wp.rss" >"$TMP/bad.rss"
expect "parse-check: feedconv output cut wrong fails" parse-check "$TMP/bad.rss" 1 "mismatched tag"
sed '0,/<pubDate>Tue, /s//<pubDate>Wed, /' "$TMP/wp.rss" >"$TMP/bad.rss"
expect "validate-rss: feedconv output with a wrong day of the week fails" validate-rss "$TMP/bad.rss" 1 "is a Tue, not a Wed"
sed '0,/<link>[^<]*<\/link>/s///' "$TMP/wp.rss" >"$TMP/bad.rss"
expect "validate-rss: feedconv output without the channel link fails" validate-rss "$TMP/bad.rss" 1 "Expecting an element link"
