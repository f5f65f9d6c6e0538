#!/bin/sh
# cli_fetch.sh - network access only when asked: feeds whose images,
# enclosures, featured images and links all point at a loopback server
# (tests/httpd.py, which logs every connection) converted to every format
# and site layout without asking for downloads: the server must see no
# connection at all.
. "$(dirname "$0")/lib.sh"

need "fetch: loopback server" python3 python3 || exit 0
python3 "$ROOT/tests/httpd.py" "$TMP/httpd.log" >"$TMP/port" 2>"$TMP/httpd.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(head -1 "$TMP/port")
if [ -z "$port" ]; then
    fail "fetch: loopback server" "did not start: $(head -c 300 "$TMP/httpd.err")"
    exit 0
fi
B=http://127.0.0.1:$port
# the server answers: a direct request is logged
python3 -c "import urllib.request as u,sys; u.build_opener(u.ProxyHandler({})).open(sys.argv[1]).read()" "$B/b/10/probe.jpg" &&
    check_eq "fetch: the server logs connections" "$(grep -c '^conn ' "$TMP/httpd.log")" 1
: >"$TMP/httpd.log"

cat >"$TMP/feed.rss" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Loopback</title><link>$B/</link><description>images on a loopback server</description>
<image><url>$B/b/100/logo.png</url><title>Loopback</title><link>$B/</link></image>
<item>
<title>Pictures</title><link>$B/2024/05/pictures/</link><guid>$B/?p=1</guid>
<pubDate>Tue, 14 May 2024 10:00:00 +0000</pubDate>
<enclosure url="$B/b/2000/talk.mp3" length="2000" type="audio/mpeg"/>
<media:content url="$B/b/300/media.jpg" medium="image"/>
<content:encoded><![CDATA[<p><img src="$B/wp/photo-300x200.jpg" srcset="$B/wp/photo.jpg 1024w, $B/b/10/small.jpg 300w" alt="a"></p>
<p><a href="$B/wp/pic.jpg?w=640"><img src="$B/b/20/thumb.jpg?w=100"></a></p>
[gallery ids="1,2"] [caption id="x"]<img src="$B/b/30/cap.jpg"> A caption[/caption]]]></content:encoded>
</item>
</channel>
</rss>
EOF

for to in rss atom jsonfeed; do
    check "fetch: to $to without downloads" "$FEEDCONV" -q -t "$to" -o "$TMP/out.$to" "$TMP/feed.rss"
done
for site in plain hugo jekyll; do
    check "fetch: to a $site site without downloads" \
        "$FEEDCONV" -q -t markdown --site "$site" -o "$TMP/site-$site" "$TMP/feed.rss"
done
check "fetch: the site back into a feed" "$FEEDCONV" -q -t jsonfeed -o "$TMP/back.json" "$TMP/site-hugo"
check_eq "fetch: no connection without --fetch-images" "$(grep -c '^conn ' "$TMP/httpd.log")" 0
