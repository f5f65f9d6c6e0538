#!/bin/sh
# cli_markdown.sh - Markdown sites through the CLI, built by the real tools:
# the WordPress fixture into Hugo and Jekyll sites that `hugo
# --panicOnWarning` and `jekyll build --strict_front_matter` build with every
# post's title, date (offset kept), tags, raw HTML and aliases at the old
# WordPress paths; the site back into RSS with the feed's ids, URLs, titles,
# dates and tags; a hand-written Jekyll site into a Hugo site that Hugo
# builds; hostile slugs; usage errors.  Hugo and Jekyll are Debian's `hugo`
# and `jekyll` packages; without them those checks SKIP, naming the package.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures

# contains NAME FILE TEXT: FILE contains the fixed string TEXT
contains() {
    if [ -f "$2" ] && grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "'$3' not in $2"; fi
}
absent() {
    if [ ! -e "$2" ]; then pass "$1"; else fail "$1" "$2 exists"; fi
}

# ---- usage --------------------------------------------------------------
check_status "markdown: no -o is a usage error" 2 "$FEEDCONV" -t markdown "$FX/md-hostile-slugs/input.json"
contains "markdown: the usage error has a hint" "$TMP/.err" "-o"
mkdir -p "$TMP/full" && echo keep >"$TMP/full/keep.txt"
check_status "markdown: a non-empty directory is refused" 3 "$FEEDCONV" -t markdown -o "$TMP/full" "$FX/md-hostile-slugs/input.json"
contains "markdown: refused with --force hint" "$TMP/.err" "--force"
check_status "markdown: --force writes into it" 0 "$FEEDCONV" -q --force -t markdown -o "$TMP/full" "$FX/md-hostile-slugs/input.json"

# ---- acceptance 4: hostile slugs stay inside DIR --------------------------
mkdir -p "$TMP/h"
check_status "hostile slugs: converted" 0 "$FEEDCONV" -q -t markdown -o "$TMP/h/site" "$FX/md-hostile-slugs/input.json"
outside=$(cd "$TMP/h" && find . -type f ! -path './site/*' | wc -l)
check_eq "hostile slugs: nothing written outside DIR" "$outside" 0
check_eq "hostile slugs: no subdirectory in a plain site" "$(find "$TMP/h/site" -mindepth 1 -type d | wc -l)" 0
check_eq "hostile slugs: 11 files (10 posts + _feed.yml)" "$(find "$TMP/h/site" -type f | wc -l)" 11
contains "hostile slugs: duplicates numbered" "$TMP/h/site/same-3.md" 'title: "Same"'

# ---- acceptance 1: a WordPress feed into Hugo and Jekyll sites ---------------
# hugo_site LABEL FEED: FEED as a Hugo site in $TMP/LABEL-hugo that
# `hugo --panicOnWarning` builds without a warning, one page per post; and
# the site back into RSS with every id, URL, title, date and category of FEED.
hugo_site() {
    H=$TMP/$1-hugo
    check_status "$1 -> hugo: converted" 0 "$FEEDCONV" "$2" -t markdown --site hugo -o "$H"
    check_eq "$1 -> hugo: 10 posts and the section page" "$(ls "$H/content/posts" | grep -c '\.md$' | tr -d ' ')" 11
    if need "$1 -> hugo: hugo build" hugo hugo; then
        if (cd "$H" && hugo --panicOnWarning >"$TMP/$1-hugo.log" 2>&1); then
            pass "$1 -> hugo: hugo --panicOnWarning builds"
        else
            fail "$1 -> hugo: hugo --panicOnWarning builds" "$(tail -5 "$TMP/$1-hugo.log")"
        fi
        if grep -q 'WARN' "$TMP/$1-hugo.log"; then
            fail "$1 -> hugo: no warnings" "$(grep WARN "$TMP/$1-hugo.log" | head -3)"
        else
            pass "$1 -> hugo: no warnings"
        fi
        check_eq "$1 -> hugo: 10 pages" "$(find "$H/public/posts" -mindepth 1 -maxdepth 1 -type d | wc -l | tr -d ' ')" 10
    fi
    # ---- acceptance 2: the site back into a feed -------------------------
    check_status "$1: hugo -> rss: converted" 0 "$FEEDCONV" "$H" -t rss -o "$TMP/$1-back.xml"
    # titles and dates as JSON Feed lines (entities decoded), tags as RSS
    # <category> lines; ids and URLs are the site's own (Hugo's RSS has
    # guid = link), the feed's old addresses its aliases
    "$FEEDCONV" -q "$2" -t jsonfeed >"$TMP/$1-in.json"
    "$FEEDCONV" -q "$TMP/$1-back.xml" -t jsonfeed >"$TMP/$1-back.json"
    check_eq "$1: hugo -> rss: every guid is the post's link" \
        "$(grep -c '<guid[ >]' "$TMP/$1-back.xml")/$(sed -n 's|.*<link>\(.*\)</link>.*|\1|p' "$TMP/$1-back.xml" | sed 1d | sort | tr '\n' ' ')" \
        "10/$(sed -n 's|.*<guid[^>]*>\(.*\)</guid>.*|\1|p' "$TMP/$1-back.xml" | sort | tr '\n' ' ')"
    for what in title date_published; do
        grep "^      \"$what\":" "$TMP/$1-in.json" | sort >"$TMP/want.$what"
        grep "^      \"$what\":" "$TMP/$1-back.json" | sort >"$TMP/got.$what"
        if [ "$(wc -l <"$TMP/want.$what")" -eq 10 ] && cmp -s "$TMP/want.$what" "$TMP/got.$what"; then
            pass "$1: hugo -> rss: every item $what of the feed"
        else
            fail "$1: hugo -> rss: every item $what of the feed" "$(diff "$TMP/want.$what" "$TMP/got.$what" | head -4)"
        fi
    done
    # every <category> of the feed, CDATA or not
    sed -n 's|.*<category[^>]*>\(.*\)</category>.*|\1|p' "$2" | sed 's/<!\[CDATA\[\(.*\)\]\]>/\1/' | sort >"$TMP/want.category"
    sed -n 's|.*<category[^>]*>\(.*\)</category>.*|\1|p' "$TMP/$1-back.xml" | sed 's/<!\[CDATA\[\(.*\)\]\]>/\1/' | sort >"$TMP/got.category"
    if [ "$(wc -l <"$TMP/want.category")" -eq 24 ] && cmp -s "$TMP/want.category" "$TMP/got.category"; then
        pass "$1: hugo -> rss: every <category> of the feed"
    else
        fail "$1: hugo -> rss: every <category> of the feed" "$(diff "$TMP/want.category" "$TMP/got.category" | head -4)"
    fi
}

# jekyll_site LABEL FEED: FEED as a Jekyll site in $TMP/LABEL-jekyll that
# `jekyll build --strict_front_matter` builds; $TMP/LABEL-jekyll/_site/check.txt
# then lists what Jekyll made of each post (title|date|tags|redirect_from).
jekyll_site() {
    J=$TMP/$1-jekyll
    check_status "$1 -> jekyll: converted" 0 "$FEEDCONV" "$2" -t markdown --site jekyll -o "$J"
    need "$1 -> jekyll: jekyll build" jekyll jekyll || return 1
    # a page listing what Jekyll made of every post (test-only)
    cat >"$J/check.txt" <<'EOF'
---
---
{% for p in site.posts %}{{ p.title }}|{{ p.date | date: "%Y-%m-%dT%H:%M:%S%z" }}|{{ p.tags | join: "," }}|{{ p.redirect_from | join: "," }}
{% endfor %}
EOF
    if (cd "$J" && TZ=UTC jekyll build --strict_front_matter >"$TMP/$1-jekyll.log" 2>&1); then
        pass "$1 -> jekyll: jekyll build --strict_front_matter"
    else
        fail "$1 -> jekyll: jekyll build --strict_front_matter" "$(tail -5 "$TMP/$1-jekyll.log")"
    fi
    check_eq "$1 -> jekyll: 10 posts" "$(grep -c '|' "$J/_site/check.txt" 2>/dev/null)" 10
}

hugo_site wordpress "$WORDPRESS"
P=$TMP/wordpress-hugo/public
if [ -d "$P" ]; then
    F=$P/posts/is-the-workbench-ever-finished/index.html
    contains "hugo page: title" "$F" "<h1>Is the workbench ever finished?</h1>"
    contains "hugo page: date with offset" "$F" 'datetime="2012-05-15T03:12:44&#43;00:00"'
    contains "hugo page: tags" "$F" '<li>workshop</li><li>benches</li>'
    contains "hugo page: raw HTML kept" "$F" 'class="twitter-share-button"'
    contains "hugo page: script kept" "$F" '<script type="text/javascript" src="https://platform.twitter.com/widgets.js"></script>'
    contains "hugo page: Markdown link rendered" "$F" '<a href="https://forum.example.net/t/benches/8812">woodworking forum</a>'
    F=$P/posts/nobody-reads-the-manual/index.html
    contains "hugo page: other title, entity decoded" "$F" "<h1>Nobody reads the manual…</h1>"
    contains "hugo page: other date" "$F" 'datetime="2010-11-19T20:44:27&#43;00:00"'
    contains "hugo page: blockquote" "$F" "<blockquote>"
    contains "hugo page: <pre> kept" "$P/posts/the-router-closet-inventoried/index.html" \
        '<pre>$ ip -br link | grep -v lo'
    contains "hugo page: &lt; kept inside code" "$P/posts/the-router-closet-inventoried/index.html" \
        '&lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt;'
    contains "hugo page: ordered list" "$P/posts/rough-lumber/index.html" "<ol>"
    # aliases are below the site's root, which baseURL's /blog/ points at
    contains "hugo: alias page at the old WordPress path" \
        "$P/index.php/2012/05/14/is-the-workbench-ever-finished/index.html" \
        "https://example.org/blog/posts/is-the-workbench-ever-finished/"
    check_eq "hugo: an alias page for every post" \
        "$(find "$P/index.php" -name index.html | wc -l | tr -d ' ')" 10
    absent "hugo: no alias repeats the sub-path" "$P/blog"
    contains "hugo: tag page" "$P/tags/workshop/index.html" "Is the workbench ever finished?"
    contains "hugo: tag with a space" "$P/tags/web-hosting/index.html" "Moved to a new host"
    contains "hugo: RSS keeps the offset" "$P/index.xml" "<pubDate>Tue, 15 May 2012 03:12:44 +0000</pubDate>"
fi

# ---- acceptance 1: Jekyll --------------------------------------------------
if jekyll_site wordpress "$WORDPRESS"; then
    C=$TMP/wordpress-jekyll/_site/check.txt
    contains "jekyll: title, date, tags, redirect" "$C" \
        "Is the workbench ever finished?|2012-05-15T03:12:44+0000|workshop,benches|/index.php/2012/05/14/is-the-workbench-ever-finished/"
    contains "jekyll: another post" "$C" \
        "Nobody reads the manual…|2010-11-19T20:44:27+0000|tools,manuals|/index.php/2010/11/19/nobody-reads-the-manual/"
    contains "jekyll: a tag with a space" "$C" "|personal,web hosting|"
    contains "jekyll: post page has the raw HTML" \
        "$TMP/wordpress-jekyll/_site/2012/05/15/is-the-workbench-ever-finished.html" 'class="twitter-share-button"'
    check_eq "jekyll: a page for every post" "$(find "$TMP/wordpress-jekyll/_site/20"* -name '*.html' | wc -l | tr -d ' ')" 10
fi

# the real feed beside the project, when it is there
if have_seed; then
    hugo_site seed "$SEED"
    [ -d "$TMP/seed-hugo/public" ] && contains "seed hugo: alias page at the old WordPress path" \
        "$TMP/seed-hugo/public/index.php/2011/03/07/do-you-know-everything-about-rdma/index.html" \
        "http://digitalvampire.org/blog/posts/do-you-know-everything-about-rdma/"
    jekyll_site seed "$SEED" && contains "seed jekyll: title, date, tags, redirect" "$TMP/seed-jekyll/_site/check.txt" \
        "Do you know everything about RDMA?|2011-03-08T04:58:07+0000|infiniband,rdma|/index.php/2011/03/07/do-you-know-everything-about-rdma/"
fi

# ---- acceptance 3: a hand-written Jekyll site into Hugo -------------------
check_status "jekyll -> hugo: converted" 0 "$FEEDCONV" -q "$FX/md-jekyll-native" -t markdown --site hugo -o "$TMP/j2h"
contains "jekyll -> hugo: title no quoted" "$TMP/j2h/content/posts/first-light.md" 'title: "no"'
contains "jekyll -> hugo: Jekyll date kept with its offset" "$TMP/j2h/content/posts/first-light.md" 'date: "2024-01-15T10:30:00+05:30"'
contains "jekyll -> hugo: published: false became a draft" "$TMP/j2h/content/posts/unfinished.md" 'draft: true'
if need "jekyll -> hugo: hugo build" hugo hugo; then
    if (cd "$TMP/j2h" && hugo --panicOnWarning >"$TMP/j2h.log" 2>&1) && ! grep -q WARN "$TMP/j2h.log"; then
        pass "jekyll -> hugo: hugo builds without warnings"
    else
        fail "jekyll -> hugo: hugo builds without warnings" "$(tail -5 "$TMP/j2h.log")"
    fi
    P=$TMP/j2h/public/posts
    contains "jekyll -> hugo: title no" "$P/first-light/index.html" "<h1>no</h1>"
    contains "jekyll -> hugo: date +05:30" "$P/first-light/index.html" 'datetime="2024-01-15T10:30:00&#43;05:30"'
    contains "jekyll -> hugo: space-separated tags" "$P/first-light/index.html" "<li>astronomy</li><li>night-sky</li>"
    contains "jekyll -> hugo: {{ x }} not eaten" "$P/first-light/index.html" "Templates write {{ x }}"
    contains "jekyll -> hugo: dated by file name" "$P/dated-by-name/index.html" 'datetime="2024-03-10T00:00:00'
    absent "jekyll -> hugo: draft not built" "$P/unfinished"
    absent "jekyll -> hugo: _drafts not built" "$P/someday"
fi

# ---- errors ----------------------------------------------------------------
check_status "bad front matter: exit 1" 1 "$FEEDCONV" -t jsonfeed "$FX/md-malformed-front-matter"
if grep -Eq 'error: .*2024-01-01-bad\.md:4:[0-9]+: front matter' "$TMP/.err"; then
    pass "bad front matter: FILE:LINE:COL"
else
    fail "bad front matter: FILE:LINE:COL" "$(cat "$TMP/.err")"
fi
check_status "bad front matter --keep-going: exit 0" 0 "$FEEDCONV" --keep-going -t jsonfeed "$FX/md-malformed-front-matter"
contains "bad front matter --keep-going: the good post" "$TMP/.out" '"title": "Good post"'

# ---- format settings ---------------------------------------------------------
"$FEEDCONV" -q "$FX/quickstart/blog.rss" -t markdown --site hugo --bundles -o "$TMP/s1"
"$FEEDCONV" -q "$FX/quickstart/blog.rss" -t markdown -O markdown:site=hugo -O md:bundles -o "$TMP/s2"
if diff -r "$TMP/s1" "$TMP/s2" >/dev/null; then pass "-O markdown:site=hugo -O md:bundles = --site hugo --bundles"
else fail "-O markdown:site=hugo -O md:bundles = --site hugo --bundles" "$(diff -r "$TMP/s1" "$TMP/s2" | head -3)"; fi
check_status "-O unknown setting: usage error" 2 "$FEEDCONV" -O markdown:layout=hugo -t markdown -o "$TMP/s3" "$FX/quickstart/blog.rss"
contains "-O unknown setting: names what the format takes" "$TMP/.err" "it takes: site, bundles, body"
check_status "--site unknown: usage error" 2 "$FEEDCONV" --site wix -t markdown -o "$TMP/s3" "$FX/quickstart/blog.rss"
contains "--site unknown: lists the layouts" "$TMP/.err" "plain|hugo|jekyll"
"$FEEDCONV" --list-formats >"$TMP/lf"
contains "--list-formats shows the settings" "$TMP/lf" "-O markdown:site=plain|hugo|jekyll"

# ---- one Markdown file as the input --------------------------------------------
printf -- '---\ntitle: "Hello, world"\ndate: 2024-03-01T10:00:00+01:00\ntags: [c, feeds]\n---\n\nSome *emphasis* and a [link](https://example.org/).\n' >"$TMP/2024-03-01-hello.md"
check_status "one file: detected and converted" 0 "$FEEDCONV" -t jsonfeed "$TMP/2024-03-01-hello.md"
if need "one file: the post's fields" python3 python3; then
    check_eq "one file: title, date, tags, body" "$(python3 -c '
import json, sys
it = json.load(open(sys.argv[1]))["items"]
print(len(it), it[0]["title"], it[0]["date_published"], ",".join(it[0]["tags"]), it[0]["content_html"])' "$TMP/.out")" \
        '1 Hello, world 2024-03-01T10:00:00+01:00 c,feeds <p>Some <em>emphasis</em> and a <a href="https://example.org/">link</a>.</p>'
fi
printf '+++\ntitle = "Not yet"\ndraft = true\n+++\nA *draft*.\n' >"$TMP/draft.md"
check_status "one file from stdin, TOML front matter" 0 sh -c "\"$FEEDCONV\" -t rss <\"$TMP/draft.md\""
contains "one file from stdin: the title" "$TMP/.out" "<title>Not yet</title>"
contains "one file from stdin: a draft given alone is not left out" "$TMP/.out" "<em>draft</em>"
printf '{"title": "From JSON", "date": "2024-05-06"}\nbody\n' >"$TMP/json.md"
check_status "one file, JSON front matter, -f markdown" 0 "$FEEDCONV" -f markdown -t jsonfeed "$TMP/json.md"
contains "one file, JSON front matter: the title" "$TMP/.out" '"title": "From JSON"'
printf 'no front matter here\n' >"$TMP/plain.md"
check_status "a text file without front matter is not detected" 1 "$FEEDCONV" -t jsonfeed "$TMP/plain.md"

# An undated post in a Jekyll site: named by the feed's date when it has
# one (the honest stand-in), 1970-01-01 only when it has none; warned.
printf '<rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>%s<item><title>No date</title><link>https://x.example/a</link><description>b</description></item></channel></rss>' \
    '<lastBuildDate>Tue, 05 Mar 2024 10:00:00 GMT</lastBuildDate>' >"$TMP/nodate.rss"
"$FEEDCONV" "$TMP/nodate.rss" -t markdown --site jekyll -o "$TMP/nodate" 2>"$TMP/nodate.err"
check "undated post, jekyll: named by the feed's date" test -f "$TMP/nodate/_posts/2024-03-05-a.md"
contains "undated post, jekyll: warned" "$TMP/nodate.err" "has no date; Jekyll needs one: using the feed's, 2024-03-05"
printf '<rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description><item><title>No date</title><link>https://x.example/a</link><description>b</description></item></channel></rss>' >"$TMP/nodate2.rss"
"$FEEDCONV" -q "$TMP/nodate2.rss" -t markdown --site jekyll -o "$TMP/nodate2"
check "undated post in an undated feed, jekyll: 1970-01-01" test -f "$TMP/nodate2/_posts/1970-01-01-a.md"
