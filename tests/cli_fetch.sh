#!/bin/sh
# cli_fetch.sh - network access only when asked: feeds whose images,
# enclosures, featured images and links all point at a loopback server
# (tests/httpd.py, which logs every connection) converted to every format
# and site layout without asking for downloads: the server must see no
# connection at all; and --fetch-images downloading them (below).
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

# --fetch-images: the feed's images (img src, a link to an image, the
# featured image; a WordPress resized copy, a WordPress.com ?w= copy, a
# redirect, a slow answer) downloaded into Hugo (with and without
# bundles) and Jekyll sites with the bytes the server sent, references
# rewritten to the copies; a 404 and a file over the size limit keep
# their URLs and are named in one warning; nothing written outside the
# output directory; and no connection without the option.
I=$TMP/img
mkdir -p "$I/in"
cat >"$I/in/feed.json" <<EOF
{"version": "https://jsonfeed.org/version/1.1", "title": "Loopback",
 "home_page_url": "$B/",
 "items": [{"id": "1", "title": "Pictures", "url": "$B/2024/05/pictures/",
   "date_published": "2024-05-14T10:00:00Z",
   "image": "$B/b/60/featured.png",
   "content_html": "<p><img src=\"$B/wp/photo-300x200.jpg\" alt=\"a\"></p><p><a href=\"$B/wp/pic.jpg?w=640\">big</a> <img src=\"$B/b/20/thumb.jpg?w=100\"></p><p><img src=\"$B/redir/2/b/40/moved.png\"> <img src=\"$B/b/50/slow.gif?delay=300\"></p><p><img src=\"$B/b/20/thumb.jpg?w=100\" srcset=\"$B/b/70/wide.jpg 2x, $B/b/80/tall.png 3x\"></p><p><img src=\"$B/missing.jpg\"> <img src=\"$B/b/100000000/huge.jpg\"> <a href=\"$B/b/10/notes.txt\">notes</a></p>"}]}
EOF

# without the option: no connection at all
: >"$TMP/httpd.log"
for site in plain hugo jekyll; do
    check "fetch images: $site without the option" \
        "$FEEDCONV" -q -t markdown --site "$site" -o "$I/no-$site" "$I/in/feed.json"
done
check_eq "fetch images: no connection without --fetch-images" "$(grep -c '^conn ' "$TMP/httpd.log")" 0

# Check the site in $1 (its images in directory $2, referred to as $3...)
# against what the server sends; $3 may list prefixes (a|b), $4 is the post.
verify() {
    python3 - "$@" <<'PYEOF'
import sys, os
site, imgdir, ref, md = sys.argv[1:5]
want = {"photo.jpg": ("/wp/photo.jpg", 3000), "pic.jpg": ("/wp/pic.jpg", 2500),
        "thumb.jpg": ("/b/20/thumb.jpg", 20), "moved.png": ("/b/40/moved.png", 40),
        "slow.gif": ("/b/50/slow.gif?delay=300", 50), "featured.png": ("/b/60/featured.png", 60),
        "wide.jpg": ("/b/70/wide.jpg", 70), "tall.png": ("/b/80/tall.png", 80)}
def body(target, size):
    seed = sum(target.encode("latin-1")) % 251
    return bytes((seed + 131 * i) % 251 for i in range(size))
errs = []
for name, (target, size) in want.items():
    p = os.path.join(site, imgdir, name)
    if not os.path.isfile(p):
        errs.append("missing " + p)
    elif open(p, "rb").read() != body(target, size):
        errs.append("wrong bytes in " + p)
    elif not any(r + name in open(md, encoding="utf-8").read() for r in ref.split("|")):
        errs.append("no reference to " + ref + name)
for bad in ("huge.jpg", "missing.jpg", "notes.txt"):
    for root, dirs, files in os.walk(site):
        if bad in files:
            errs.append("downloaded " + bad)
print("; ".join(errs) or "ok")
PYEOF
}

run_site() { # name, args...
    name=$1
    shift
    : >"$TMP/httpd.log"
    "$FEEDCONV" -t markdown "$@" --fetch-images -o "$I/$name" "$I/in/feed.json" 2>"$I/$name.err"
    check_eq "fetch images: $name converts" "$?" 0
    check_eq "fetch images: $name: one warning" "$(grep -c 'warning' "$I/$name.err")" 1
    for u in "$B/missing.jpg" "$B/b/100000000/huge.jpg"; do
        grep -qF "$u" "$I/$name.err" && check_eq "fetch images: $name: $u reported" ok ok ||
            fail "fetch images: $name: $u reported" "$(cat "$I/$name.err")"
    done
    md=$(grep -rl "Pictures" "$I/$name" --include='*.md' | head -1)
    for u in "$B/missing.jpg" "$B/b/100000000/huge.jpg" "$B/b/10/notes.txt"; do
        grep -qF "$u" "$md" && check_eq "fetch images: $name: $u kept" ok ok ||
            fail "fetch images: $name: $u kept" "$(cat "$md")"
    done
    grep -qF "$B/wp/photo" "$md" && fail "fetch images: $name: rewritten" "$(cat "$md")" ||
        check_eq "fetch images: $name: rewritten" ok ok
}

run_site hugo --site hugo
check_eq "fetch images: hugo images" \
    "$(verify "$I/hugo" static/images/2024/05 /images/2024/05/ "$(grep -rl Pictures "$I/hugo/content" | head -1)")" ok
run_site hugo-bundles --site hugo --bundles
md=$(grep -rl Pictures "$I/hugo-bundles/content" | head -1)
check_eq "fetch images: hugo bundle images" \
    "$(verify "$I/hugo-bundles" "$(dirname "${md#"$I/hugo-bundles/"}")" '(|"|, ' "$md")" ok
run_site jekyll --site jekyll
check_eq "fetch images: jekyll images" \
    "$(verify "$I/jekyll" assets/2024/05 /assets/2024/05/ "$(grep -rl Pictures "$I/jekyll/_posts" | head -1)")" ok
grep -q '^image: "/assets/2024/05/featured.png"' "$(grep -rl Pictures "$I/jekyll/_posts" | head -1)" &&
    check_eq "fetch images: jekyll featured image" ok ok ||
    fail "fetch images: jekyll featured image" "$(head -20 "$(grep -rl Pictures "$I/jekyll/_posts" | head -1)")"

# nothing outside the output directories
extra=$( (cd "$I" && find . -type f | grep -v -e '^\./\(hugo\|hugo-bundles\|jekyll\|no-plain\|no-hugo\|no-jekyll\|in\)/' \
    -e '^\./[a-z-]*\.err$') ; find "$TMP" -newer "$I/in/feed.json" -type f ! -path "$I/*" ! -name httpd.log \
    ! -name .out ! -name .err)
check_eq "fetch images: nothing outside the output" "$extra" ""

# Hugo builds the site and the page's image exists
if have hugo; then
    if (cd "$I/hugo" && hugo --quiet -d "$I/hugo/public" >"$I/hugo-build.log" 2>&1); then
        page=$(grep -rl "photo.jpg" "$I/hugo/public" --include='*.html' | head -1)
        src=$(grep -o 'src="[^"]*photo.jpg"' "$page" | head -1 | sed 's/src="//;s/"$//')
        [ -n "$src" ] && [ -f "$I/hugo/public$src" ] &&
            check_eq "fetch images: hugo built page's image exists" ok ok ||
            fail "fetch images: hugo built page's image exists" "src=$src page=$page"
    else
        fail "fetch images: hugo builds" "$(head -c 500 "$I/hugo-build.log")"
    fi
fi
