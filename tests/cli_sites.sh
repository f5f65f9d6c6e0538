#!/bin/sh
# cli_sites.sh - written sites, built by the real tools and followed like a
# visitor would (tests/site_check.py): the home page lists every post, each
# post page has its title and date, every old address answers (a redirect
# page at its old path below the site's sub-path, or a line of the
# redirect map), drafts are not built; with --keep-urls the old address is
# the post itself.  Bodies: template syntax of every generator survives as
# text, raw HTML and iframes are kept, code blocks line for line.  Sites
# into sites (Jekyll <-> Hugo) keep every post, date, tag, draft and code
# line, and build.  Zola and Eleventy (not in Debian) are checked file by
# file: the TOML parses, the keys and templates each tool requires are
# there, every date is full.  Hugo, Jekyll and python3 are Debian's
# packages; without them those checks SKIP, naming the package.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures
SW=$FX/site-write/input.json

contains() {
    if [ -f "$2" ] && grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "'$3' not in $2"; fi
}
absent() {
    if [ ! -e "$2" ]; then pass "$1"; else fail "$1" "$2 exists"; fi
}

# build_hugo NAME DIR: hugo --panicOnWarning builds DIR with no WARN line
build_hugo() {
    need "$1: hugo build" hugo hugo || return 1
    if (cd "$2" && hugo --panicOnWarning >"$2.log" 2>&1) && ! grep -q 'WARN' "$2.log"; then
        pass "$1: hugo --panicOnWarning builds without warnings"
    else
        fail "$1: hugo --panicOnWarning builds without warnings" "$(grep -E 'WARN|ERROR|Error' "$2.log" | head -3)"
        return 1
    fi
}
# build_jekyll NAME DIR: jekyll build --strict_front_matter builds DIR and
# prints nothing but its progress lines
build_jekyll() {
    need "$1: jekyll build" jekyll jekyll || return 1
    if (cd "$2" && TZ=UTC jekyll build --strict_front_matter >"$2.log" 2>&1); then
        # a scheduled post is left out with a line saying so, as it should
        other=$(grep -vE '^ *(Configuration file|Source|Destination|Incremental build|Generating|Jekyll Feed|done in|Auto-regeneration)' "$2.log" |
            grep -vE 'Skipping: _posts/.* has a future date')
        if [ -z "$other" ]; then pass "$1: jekyll build --strict_front_matter, no warnings"
        else fail "$1: jekyll build --strict_front_matter, no warnings" "$(echo "$other" | head -3)"; fi
    else
        fail "$1: jekyll build --strict_front_matter" "$(tail -5 "$2.log")"
        return 1
    fi
}
# follow NAME FEED SITE BUILT [--keep-urls]: tests/site_check.py's checks
follow() {
    need "$1: following the old addresses" python3 python3 || return 0
    python3 "$ROOT/tests/site_check.py" "$@"
}
# code_lines NAME SOURCE.json BUILT: every line of every <pre> of the
# source is a line of a built page, in order (text of the page's <pre>s)
code_lines() {
    need "$1: code blocks line for line" python3 python3 || return 0
    if python3 - "$2" "$3" >"$TMP/.code" 2>&1 <<'EOF'
import html, json, os, re, sys
feed = json.load(open(sys.argv[1], encoding="utf-8"))
built = ""
for root, _, files in os.walk(sys.argv[2]):
    for f in sorted(files):
        if f.endswith(".html"):
            built += open(os.path.join(root, f), encoding="utf-8", errors="replace").read()
def pres(h):
    return [html.unescape(re.sub(r"<[/!a-zA-Z][^>]*>", "", p)) for p in re.findall(r"<pre[^>]*>(.*?)</pre>", h, re.S)]
got = "\n".join(pres(built))
bad = 0
for it in feed["items"]:
    if (it.get("_feedconv") or {}).get("draft"):
        continue
    for p in pres(it.get("content_html", "")):
        for line in p.split("\n"):
            if line.strip() and line not in got:
                print("missing line:", repr(line)); bad += 1
sys.exit(1 if bad else 0)
EOF
    then pass "$1: code blocks line for line"; else fail "$1: code blocks line for line" "$(head -3 "$TMP/.code")"; fi
}

"$FEEDCONV" -q "$SW" -t jsonfeed >"$TMP/sw.json"

# ---- Hugo and Jekyll, with redirects and with --keep-urls --------------------
for site in hugo jekyll; do
    for mode in redirects keep-urls; do
        L="site-write $site $mode"
        D=$TMP/sw-$site-$mode
        extra=
        [ $mode = keep-urls ] && extra=--keep-urls
        check_status "$L: converted" 0 "$FEEDCONV" "$SW" -t markdown --site $site $extra -o "$D"
        contains "$L: one warning counts the redirect map" "$TMP/.err" "3 old addresses of posts cannot be served by a static site"
        check_eq "$L: no other warning" "$(wc -l <"$TMP/.err" | tr -d ' ')" 1
        if [ $site = hugo ]; then
            B=$D/public
            build_hugo "$L" "$D" || continue
            contains "$L: the map is published" "$B/_redirects" "/blog/ p=11 https://example.org/blog/posts/only-a-query-string/ 301!"
        else
            B=$D/_site
            build_jekyll "$L" "$D" || continue
            contains "$L: the map is published" "$B/_redirects" "/blog/ p=11 https://example.org/blog/2011/04/01/only-a-query-string.html 301!"
        fi
        follow "$L" "$TMP/sw.json" "$D" "$B" $extra
        absent "$L: no redirect repeats the sub-path" "$B/blog"
        [ $mode = redirects ] || continue
        # template text of every generator survives as text
        P=$(grep -l '<h1>Templates in text</h1>' -r "$B" --include='*.html' | head -1)
        contains "$L: Liquid output tag survives" "$P" "Liquid writes {{ page.title }} and {% if x %}"
        contains "$L: Hugo shortcode survives" "$P" "{{&lt; figure src="
        contains "$L: Hugo % shortcode survives" "$P" "{{% notice %}}"
        contains "$L: a shortcode in inline code survives" "$P" "<code>{{&lt; param x &gt;}}</code>"
        contains "$L: a Zola call survives" "$P" "{{ youtube(id="
        code_lines "$L" "$TMP/sw.json" "$B"
        P=$(grep -l '<h1>Only a query string</h1>' -r "$B" --include='*.html' | head -1)
        contains "$L: an iframe inside a paragraph kept" "$P" '<iframe src="https://www.youtube.com/embed/abc123"'
        contains "$L: styled raw HTML kept" "$P" '<div class="note" style="color: red">'
    done
done
contains "hugo: a captioned figure is Hugo's figure shortcode" \
    "$TMP/sw-hugo-redirects/content/posts/caf-c3-a9.md" '{{< figure src="https://example.org/blog/img/cafe.jpg" alt="A café" width="300" height="200" class="wp-caption alignnone" caption="The café at noon" >}}'
contains "hugo: which Hugo renders as a figure" "$TMP/sw-hugo-redirects/public/posts/caf-c3-a9/index.html" \
    'The café at noon</p>'
contains "jekyll: Liquid off for a body with template syntax" \
    "$TMP/sw-jekyll-redirects/_posts/2011-03-07-templates-in-text.md" "render_with_liquid: false"
contains "jekyll: raw HTML in kramdown's own block" \
    "$TMP/sw-jekyll-redirects/_posts/2011-04-01-only-a-query-string.md" "{::nomarkdown}"
contains "jekyll: excerpt separator set for <!--more-->" "$TMP/sw-jekyll-redirects/_config.yml" 'excerpt_separator: "<!--more-->"'
contains "jekyll: plugins enabled" "$TMP/sw-jekyll-redirects/_config.yml" '- "jekyll-redirect-from"'
absent "jekyll: no Gemfile" "$TMP/sw-jekyll-redirects/Gemfile"

# ---- --strict fails on the redirect map's warning ----------------------------
check_status "--strict: the redirect map's warning fails" 1 "$FEEDCONV" --strict "$SW" -t markdown --site hugo -o "$TMP/strict"

# ---- the WordPress fixture and the real feed ------------------------------------
# feed_sites LABEL FEED: FEED as Hugo and Jekyll sites, built and followed
feed_sites() {
    "$FEEDCONV" -q "$2" -t jsonfeed >"$TMP/$1.json"
    for site in hugo jekyll; do
        D=$TMP/$1-$site
        check_status "$1 $site: converted" 0 "$FEEDCONV" -q "$2" -t markdown --site $site -o "$D"
        if [ $site = hugo ]; then build_hugo "$1 $site" "$D" && follow "$1 $site" "$TMP/$1.json" "$D" "$D/public"
        else build_jekyll "$1 $site" "$D" && follow "$1 $site" "$TMP/$1.json" "$D" "$D/_site"; fi
    done
}
feed_sites wordpress "$WORDPRESS"
feed_sites edge "$FX/site-write/edge.json"
# a WordPress export: posts, pages below pages, comments, menus, a scheduled post
feed_sites wxr "$FX/wxr-1.2-site/input.xml"
contains "wxr hugo: comments as data" "$TMP/wxr-hugo/data/comments/down-the-canal.yaml" 'parent_id:'
contains "wxr hugo: a page below its parent" "$TMP/wxr-hugo/public/about/crew/index.html" '<h1>Crew</h1>'
contains "wxr hugo: the menu shown" "$TMP/wxr-hugo/public/index.html" '<nav class="menu">'
contains "wxr jekyll: the menu as data" "$TMP/wxr-jekyll/_data/navigation.yml" 'url:'
contains "edge hugo: no post named index (a page bundle)" "$TMP/edge-hugo/content/posts/index-2.md" 'title: "index"'
contains "edge hugo: the taxonomy's address in the map" "$TMP/edge-hugo/public/_redirects" '/tags/ https://example.com/posts/tags/ 301!'
contains "edge jekyll: the home page's file in the map" "$TMP/edge-jekyll/_site/_redirects" '/index.html https://example.com/2020/01/05/index.html 301!'
if have_seed; then feed_sites seed "$SEED"; fi

# ---- podcasts: the documented keys, built, and back to RSS ---------------------
# the show beside feedconv: in the site's configuration, each episode's
# episode:, attachments and Media RSS under feedconv:; the sites build and
# their RSS is the podcast again
for fx in podcast-apple podcast-20 podcast-youtube; do
    D=$TMP/pod-$fx-hugo
    check_status "$fx hugo: converted" 0 "$FEEDCONV" "$FX/$fx/input.xml" -t markdown --site hugo -o "$D"
    build_hugo "$fx hugo" "$D"
    check_status "$fx hugo -> rss" 0 "$FEEDCONV" -q "$D" -t rss -o "$D.rss"
done
contains "podcast hugo: the show in params" "$TMP/pod-podcast-apple-hugo/hugo.yaml" 'new_feed_url: "https://feeds.harbour.example/hours.xml"'
contains "podcast hugo: an episode's own key" "$TMP/pod-podcast-apple-hugo/content/posts/trailer-the-tide-table.md" 'episode_type: "trailer"'
contains "podcast -> hugo -> rss: the show's category" "$TMP/pod-podcast-apple-hugo.rss" '<itunes:category text="Society &amp; Culture">'
contains "podcast -> hugo -> rss: the serial show complete" "$TMP/pod-podcast-apple-hugo.rss" '<itunes:complete>Yes</itunes:complete>'
contains "podcast -> hugo -> rss: a trailer" "$TMP/pod-podcast-apple-hugo.rss" '<itunes:episodeType>trailer</itunes:episodeType>'
contains "podcast 2.0 -> hugo -> rss: funding" "$TMP/pod-podcast-20-hugo.rss" '<podcast:funding url="https://patrons.example/opendecks">Become a patron</podcast:funding>'
contains "podcast 2.0 -> hugo -> rss: the transcript" "$TMP/pod-podcast-20-hugo.rss" '<podcast:transcript url="https://opendecks.example/7/transcript.vtt" type="text/vtt" language="en" rel="captions"/>'
contains "podcast 2.0 -> hugo -> rss: an alternate enclosure" "$TMP/pod-podcast-20-hugo.rss" '<podcast:integrity type="sri"'
contains "youtube -> hugo -> rss: the media group" "$TMP/pod-podcast-youtube-hugo.rss" '<media:thumbnail url="https://i1.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg" width="480" height="360"/>'
D=$TMP/pod-podcast-20-jekyll
check_status "podcast-20 jekyll: converted" 0 "$FEEDCONV" "$FX/podcast-20/input.xml" -t markdown --site jekyll -o "$D"
contains "podcast jekyll: the show in _config.yml" "$D/_config.yml" 'locked_owner: "crew@opendecks.example"'
build_jekyll "podcast-20 jekyll" "$D"
# written by hand: the documented keys of a Hugo site, into a site again
D=$TMP/pod-keys-hugo
check_status "md-podcast-keys -> hugo: converted" 0 "$FEEDCONV" -q "$FX/md-podcast-keys" -t markdown --site hugo -o "$D"
build_hugo "md-podcast-keys -> hugo" "$D"
contains "md-podcast-keys -> hugo: the episode kept" "$D/content/posts/neap-tide.md" 'episode_type: "full"'

# ---- site to site: Jekyll -> Hugo -> Jekyll ---------------------------------------
# every post, date, tag, draft and code line survives two hops, and builds
J1=$TMP/s2s-jekyll1 H=$TMP/s2s-hugo J2=$TMP/s2s-jekyll2
"$FEEDCONV" -q "$SW" -t markdown --site jekyll -o "$J1"
check_status "jekyll -> hugo: converted" 0 "$FEEDCONV" -q "$J1" -t markdown --site hugo -o "$H"
check_status "hugo -> jekyll: converted" 0 "$FEEDCONV" -q "$H" -t markdown --site jekyll -o "$J2"
contains "jekyll -> hugo: the draft stays a draft" "$H/content/posts/unfinished.md" "draft: true"
contains "hugo -> jekyll: the draft stays a draft" "$J2/_drafts/unfinished.md" 'title: "Unfinished"'
for s in "$J1" "$H" "$J2"; do
    "$FEEDCONV" -q --drafts "$s" -t jsonfeed >"$s.json"
done
if need "site to site: every post kept" python3 python3; then
    if python3 - "$TMP/sw.json" "$J1.json" "$H.json" "$J2.json" >"$TMP/.s2s" 2>&1 <<'EOF'
import json, sys
from datetime import datetime
def key(it):  # not the id: a site's feed names its posts by their URLs there
    d = it.get("date_published")
    return (it.get("title"), datetime.fromisoformat(d.replace("Z", "+00:00")).timestamp() if d else None,
            sorted(it.get("tags", [])), bool((it.get("_feedconv") or {}).get("draft")))
want = sorted(key(i) for i in json.load(open(sys.argv[1]))["items"])
bad = 0
for f in sys.argv[2:]:
    got = sorted(key(i) for i in json.load(open(f))["items"])
    if got != want:
        bad += 1
        print(f, [g for g in got if g not in want][:2], [w for w in want if w not in got][:2])
sys.exit(1 if bad else 0)
EOF
    then pass "site to site: every post, date, tag and draft kept (jekyll, hugo, jekyll)"
    else fail "site to site: every post, date, tag and draft kept (jekyll, hugo, jekyll)" "$(head -c 600 "$TMP/.s2s")"; fi
fi
build_hugo "jekyll -> hugo" "$H" && code_lines "jekyll -> hugo" "$TMP/sw.json" "$H/public"
build_jekyll "hugo -> jekyll" "$J2" && code_lines "hugo -> jekyll" "$TMP/sw.json" "$J2/_site"

# ---- Zola and Eleventy: the files each needs ------------------------------------
Z=$TMP/sw-zola E=$TMP/sw-eleventy
check_status "zola: converted" 0 "$FEEDCONV" -q "$SW" -t markdown --site zola -o "$Z"
# written LABEL DIR FILE...: every FILE is below DIR
written() {
    _l=$1 _d=$2; shift 2
    for f in "$@"; do
        if [ -f "$_d/$f" ]; then pass "$_l: $f written"; else fail "$_l: $f written" "missing"; fi
    done
}
written zola "$Z" config.toml content/_index.md content/posts/_index.md templates/index.html \
    templates/page.html templates/section.html templates/taxonomy_list.html templates/taxonomy_single.html \
    static/_redirects
contains "zola: base_url" "$Z/config.toml" 'base_url = "https://example.org/blog/"'
contains "zola: taxonomies declared" "$Z/config.toml" 'taxonomies = [{ name = "tags", feed = false }'
contains "zola: sections sorted by date" "$Z/content/posts/_index.md" 'sort_by = "date"'
contains "zola: tags under [taxonomies]" "$Z/content/posts/templates-in-text.md" '[taxonomies]'
contains "zola: a Zola call escaped" "$Z/content/posts/templates-in-text.md" '{{/* youtube(id="x") */}}'
contains "zola: other braces left alone" "$Z/content/posts/templates-in-text.md" '{{ page.title }}'
contains "zola: Zola's summary mark" "$Z/content/posts/caf-c3-a9.md" '<!-- more -->'
if need "zola: TOML parses" python3 python3; then
    if python3 - "$Z" >"$TMP/.toml" 2>&1 <<'EOF'
import glob, re, sys, tomllib
root = sys.argv[1]
tomllib.loads(open(root + "/config.toml").read())
n = 0
for f in glob.glob(root + "/content/**/*.md", recursive=True):
    m = re.match(r"\+\+\+\n(.*?)\+\+\+\n", open(f, encoding="utf-8").read(), re.S)
    fm = tomllib.loads(m.group(1))
    if not f.endswith("_index.md"):
        assert "date" in fm, f + ": no date"
        assert not set(fm) - {"title", "description", "date", "updated", "draft", "slug", "path",
                              "aliases", "authors", "weight", "taxonomies", "extra"}, f + ": " + str(set(fm))
    n += 1
print(n)
EOF
    then pass "zola: every TOML file parses, pages dated, only Zola's keys at the top"
    else fail "zola: every TOML file parses, pages dated, only Zola's keys at the top" "$(tail -2 "$TMP/.toml")"; fi
fi
check_status "zola: read back" 0 "$FEEDCONV" -q --drafts "$Z" -t jsonfeed -o "$TMP/zola-back.json"
check_eq "zola: every post read back" "$(grep -c '"title":' "$TMP/zola-back.json")" \
    "$(grep -c '"title":' "$TMP/sw.json")"
check_status "eleventy: converted" 0 "$FEEDCONV" -q "$SW" -t markdown --site eleventy -o "$E"
written eleventy "$E" eleventy.config.js package.json index.njk posts/posts.json \
    _includes/layouts/base.njk _includes/layouts/post.njk _data/site.json _redirects \
    redirects/templates-in-text.html
contains "eleventy: the body is Markdown only" "$E/posts/templates-in-text.md" 'templateEngineOverride: "md"'
contains "eleventy: permalink" "$E/posts/templates-in-text.md" 'permalink: "/posts/templates-in-text/"'
contains "eleventy: a full RFC 3339 date" "$E/posts/templates-in-text.md" 'date: "2011-03-07T22:58:07-06:00"'
contains "eleventy: a draft is not published" "$E/posts/unfinished.md" 'permalink: false'
contains "eleventy: a redirect page at the old path" "$E/redirects/templates-in-text.html" \
    'permalink: "/index.php/2011/03/07/templates-in-text/"'
contains "eleventy: ... to the post" "$E/redirects/templates-in-text.html" \
    'url=https://example.org/blog/posts/templates-in-text/'
if grep -hE '^date: ' "$E"/posts/*.md | grep -vqE '^date: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"$'; then
    fail "eleventy: every date full RFC 3339" "$(grep -h '^date: ' "$E"/posts/*.md | head -3)"
else
    pass "eleventy: every date full RFC 3339"
fi

# ---- static files and bundle resources, site to site ---------------------
# same_file NAME A B: B exists with A's bytes
same_file() {
    if [ -f "$3" ] && cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$3 missing or not the bytes of $2"; fi
}
HS=$TMP/hs-src
mkdir -p "$HS/static/images" "$HS/content/posts/pic" "$HS/static/.hidden"
printf 'baseURL = "https://example.org/"\ntitle = "Static"\n' >"$HS/hugo.toml"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR static' >"$HS/static/images/x.png"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR bundle' >"$HS/content/posts/pic/pic.png"
printf 'secret\n' >"$HS/static/.hidden/s.txt"
ln -s /etc/passwd "$HS/static/images/passwd"
printf -- '---\ntitle: "Static one"\ndate: 2024-01-02T10:00:00Z\n---\nSee ![x](/images/x.png).\n' >"$HS/content/posts/one.md"
printf -- '---\ntitle: "Bundle pic"\ndate: 2024-01-03T10:00:00Z\n---\nHere ![p](pic.png).\n' >"$HS/content/posts/pic/index.md"
HJ=$TMP/hs-jekyll
check_status "static: hugo -> jekyll" 0 "$FEEDCONV" -q -t markdown --site jekyll -o "$HJ" "$HS"
same_file "static: hugo static/ file at the jekyll site's root" "$HS/static/images/x.png" "$HJ/images/x.png"
same_file "static: hugo bundle image at its old address" "$HS/content/posts/pic/pic.png" "$HJ/posts/pic/pic.png"
absent "static: a symlink is not followed" "$HJ/images/passwd"
absent "static: hidden folders are not listed" "$HJ/.hidden"
grep -l 'Bundle pic' "$HJ"/_posts/*.md >"$TMP/hs.list" 2>/dev/null
contains "static: the bundle's reference points at the copied image" "$(head -1 "$TMP/hs.list")" "/posts/pic/pic.png"
if build_jekyll "static: hugo -> jekyll" "$HJ"; then
    same_file "static: jekyll serves the static file" "$HS/static/images/x.png" "$HJ/_site/images/x.png"
    same_file "static: jekyll serves the bundle image" "$HS/content/posts/pic/pic.png" "$HJ/_site/posts/pic/pic.png"
fi
HH=$TMP/hs-hugo
check_status "static: hugo -> hugo --bundles" 0 "$FEEDCONV" -q -t markdown --site hugo --bundles -o "$HH" "$HS"
same_file "static: static/ kept" "$HS/static/images/x.png" "$HH/static/images/x.png"
same_file "static: the image stays in its bundle" "$HS/content/posts/pic/pic.png" "$HH/content/posts/pic/pic.png"
contains "static: the bundle's reference is relative" "$HH/content/posts/pic/index.md" "pic.png"
if build_hugo "static: hugo -> hugo --bundles" "$HH"; then
    same_file "static: hugo publishes the static file" "$HS/static/images/x.png" "$HH/public/images/x.png"
    same_file "static: hugo publishes the bundle image" "$HS/content/posts/pic/pic.png" "$HH/public/posts/pic/pic.png"
    contains "static: the page refers to it" "$HH/public/posts/pic/index.html" 'src="pic.png"'
fi
HB=$TMP/hs-back
check_status "static: jekyll -> hugo (back)" 0 "$FEEDCONV" -q -t markdown --site hugo -o "$HB" "$HJ"
same_file "static: back in static/" "$HS/static/images/x.png" "$HB/static/images/x.png"
same_file "static: the bundle image back in static/" "$HS/content/posts/pic/pic.png" "$HB/static/posts/pic/pic.png"
absent "static: jekyll's _site is not read" "$HB/static/_site"
JA=$TMP/ja-hugo
check_status "static: jekyll assets/ -> hugo" 0 "$FEEDCONV" -q -t markdown --site hugo -o "$JA" "$FX/sites/jekyll-news-like"
same_file "static: jekyll assets/ into hugo static/" "$FX/sites/jekyll-news-like/assets/style.txt" "$JA/static/assets/style.txt"
# Zola: static/ and a page's co-located asset
ZS=$TMP/zs-src
mkdir -p "$ZS/static/img" "$ZS/content/posts/z"
printf 'base_url = "https://example.org"\ntitle = "Z"\n' >"$ZS/config.toml"
printf 'zola static' >"$ZS/static/img/z.png"
printf 'zola asset' >"$ZS/content/posts/z/a.png"
printf '+++\ntitle = "Zed"\ndate = 2024-02-01\n+++\nSee ![a](a.png).\n' >"$ZS/content/posts/z/index.md"
ZH=$TMP/zs-hugo
check_status "static: zola -> hugo --bundles" 0 "$FEEDCONV" -q -t markdown --site hugo --bundles -o "$ZH" "$ZS"
same_file "static: zola static/ into hugo static/" "$ZS/static/img/z.png" "$ZH/static/img/z.png"
same_file "static: zola's co-located asset in the bundle" "$ZS/content/posts/z/a.png" "$ZH/content/posts/z/a.png"
# plain: files that are not Markdown
PS=$TMP/ps-src
mkdir -p "$PS/img"
printf -- '---\ntitle: "Plain"\ndate: 2024-03-01\n---\n![i](/img/p.png)\n' >"$PS/2024-03-01-plain.md"
printf 'plain file' >"$PS/img/p.png"
PJ=$TMP/ps-jekyll
check_status "static: plain -> jekyll" 0 "$FEEDCONV" -q -t markdown --site jekyll -o "$PJ" "$PS"
same_file "static: a plain folder's image" "$PS/img/p.png" "$PJ/img/p.png"

# ---- --body html: what each generator publishes ----------------------------------
# Eleventy renders .html templates as it does .md: the posts of a site
# written with --body html are read back, every one (the feed's, with
# its HTML as written)
n_in=$("$FEEDCONV" -q -t jsonfeed "$WORDPRESS" | grep -c '"content_html"')
check_status "--body html: -> eleventy" 0 "$FEEDCONV" -q -t markdown --site eleventy --body html -o "$TMP/11ty-html" "$WORDPRESS"
check_eq "--body html: eleventy's .html posts read back" \
    "$(find "$TMP/11ty-html/posts" -name '*.html' | wc -l | tr -d ' ') $("$FEEDCONV" -q -f markdown -t jsonfeed "$TMP/11ty-html" | grep -c '"content_html"')" \
    "$n_in $n_in"
# Zola's pages are only the .md files of content/ (an .html file there is
# an asset): refused, not a site that publishes nothing
check_status "--body html: zola refused" 2 "$FEEDCONV" -q -t markdown --site zola --body html -o "$TMP/zola-html" "$WORDPRESS"
if grep -q 'Zola publishes only .md files of content/ as pages' "$TMP/.err"; then
    pass "--body html: zola says why"
else fail "--body html: zola says why" "$(cat "$TMP/.err")"; fi
check_eq "--body html: zola left nothing, not even the directory it made" \
    "$(ls -d "$TMP/zola-html" 2>/dev/null | wc -l | tr -d ' ')" 0
mkdir -p "$TMP/zola-mine"
check_status "--body html: zola refused, into a directory of the user's" 2 "$FEEDCONV" -q -t markdown --site zola --body html -o "$TMP/zola-mine" "$WORDPRESS"
check_eq "--body html: the user's directory stays" "$(ls -d "$TMP/zola-mine" | wc -l | tr -d ' ')" 1

# ---- Hugo's ref and relref ---------------------------------------------------------
# Each form a reference takes: from the page's folder, from the content
# root, any case, a bundle or a section by its folder, a base name alone,
# with an anchor (looked up in maps of the index, not by a scan per ref)
RF=$TMP/refs-site
mkdir -p "$RF/content/posts/bundle" "$RF/content/docs"
printf 'baseURL = "https://example.org/"\ntitle = "Refs"\n' >"$RF/hugo.toml"
for p in alpha Beta; do printf -- '---\ntitle: %s\ndate: 2024-01-02\n---\n\n%s.\n' $p $p >"$RF/content/posts/$p.md"; done
printf -- '---\ntitle: Bundle\ndate: 2024-01-03\n---\n\nB.\n' >"$RF/content/posts/bundle/index.md"
printf -- '---\ntitle: Docs\n---\n\nD.\n' >"$RF/content/docs/_index.md"
printf -- '---\ntitle: Guide\ndate: 2024-01-04\n---\n\nG.\n' >"$RF/content/docs/guide.md"
printf -- '---\ntitle: Refs\ndate: 2024-01-05\n---\n\n[1]({{< ref "alpha" >}}) [2]({{< ref "/posts/alpha.md" >}}) [3]({{< ref "BETA" >}}) [4]({{< ref "posts/bundle" >}}) [5]({{< ref "docs" >}}) [6]({{< ref "guide" >}}) [7]({{< relref "docs/guide.md#part" >}}) [8]({{< ref "bundle" >}})\n' \
    >"$RF/content/posts/refs.md"
check_eq "hugo ref/relref: every form resolved" \
    "$("$FEEDCONV" -q -f markdown -t jsonfeed "$RF" | grep -o 'href=\\"[^\\]*\\"' | tr '\n' ' ')" \
    'href=\"https://example.org/posts/alpha/\" href=\"https://example.org/posts/alpha/\" href=\"https://example.org/posts/beta/\" href=\"https://example.org/posts/bundle/\" href=\"https://example.org/docs/\" href=\"https://example.org/docs/guide/\" href=\"/docs/guide/#part\" href=\"https://example.org/posts/bundle/\" '

# ---- bodies nested too deep for Markdown ------------------------------------------
# Markdown holds 200 levels: a body deeper than that (a page builder's
# unclosed <div>s) is kept as one raw HTML block, whole, and the site
# builds.  Past libxml2's 255 levels the parse would drop the rest of the
# body: that post is an error naming it, and --keep-going skips it with a
# warning, the same at -j 1 and -j 2.
deep_feed() { # deep_feed LEVELS: three items, the second nested LEVELS deep
    printf '<?xml version="1.0"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Deep</title><link>https://example.org/</link>\n'
    for i in 0 1 2; do
        printf '<item><title>Post %s</title><link>https://example.org/%s/</link><guid>https://example.org/%s/</guid><pubDate>Mon, 0%s Jan 2024 00:00:00 GMT</pubDate><content:encoded>' $i $i $i $((i + 1))
        if [ $i = 1 ]; then
            awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "&lt;div&gt;P%d ", i; printf "END" }'
        else
            printf '&lt;p&gt;Post %s.&lt;/p&gt;' $i
        fi
        printf '</content:encoded></item>\n'
    done
    printf '</channel></rss>\n'
}
deep_feed 250 >"$TMP/deep250.xml"
deep_feed 300 >"$TMP/deep300.xml"
check_status "250 levels deep: converted" 0 "$FEEDCONV" -q -t markdown --site hugo -o "$TMP/deep250" "$TMP/deep250.xml"
contains "250 levels deep: the body whole, as raw HTML" "$TMP/deep250/content/posts/1.md" \
    'P248 <div>P249 END</div></div>'
check_eq "250 levels deep: every level" "$(grep -o '<div>P[0-9]*' "$TMP/deep250/content/posts/1.md" | wc -l | tr -d ' ')" 250
if build_hugo "250 levels deep" "$TMP/deep250"; then
    check_eq "250 levels deep: hugo publishes the whole body" \
        "$(grep -o '<div>P[0-9]*' "$TMP/deep250/public/posts/1/index.html" | wc -l | tr -d ' ')" 250
fi
check_status "300 levels deep: an error" 1 "$FEEDCONV" -t markdown --site hugo -o "$TMP/deep300" "$TMP/deep300.xml"
check_eq "300 levels deep: the error names the post and its line" "$(cat "$TMP/.err")" \
    "feedconv: error: $TMP/deep300: post 'content/posts/1.md' (line 4 of the input): HTML nested deeper than 255 elements"
check_eq "300 levels deep: whole files only, none for that post" \
    "$(cd "$TMP/deep300" && find . -type f | sort | tr '\n' ' ')" "./content/posts/0.md "
for j in 1 2; do
    check_status "300 levels deep, --keep-going -j $j: converted" 0 "$FEEDCONV" --keep-going -j $j -t markdown \
        --site hugo -o "$TMP/deep300-j$j" "$TMP/deep300.xml"
    check_eq "300 levels deep, --keep-going -j $j: the warning" "$(cat "$TMP/.err")" \
        "feedconv: warning: $TMP/deep300-j$j: post 'content/posts/1.md' (line 4 of the input): HTML nested deeper than 255 elements; skipped"
    check_eq "300 levels deep, --keep-going -j $j: the other posts" \
        "$(ls "$TMP/deep300-j$j/content/posts" | tr '\n' ' ')" "0.md 2.md _index.md "
done
check_eq "300 levels deep, --keep-going: -j 1 and -j 2 write the same" \
    "$(cd "$TMP" && diff -r deep300-j1 deep300-j2 >/dev/null && echo same)" same

# ---- many posts with one title -----------------------------------------------------
# Names go "untitled", "untitled-2", ... the first free; each name is
# found from where the last one of that title stopped (trying "-2", "-3"
# ... for every post was quadratic: minutes for a microblog's thousands
# of untitled posts).
{
    printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Micro</title><link>https://example.org/</link>\n'
    awk 'BEGIN { for (i = 1; i <= 1500; i++) printf "<item><title>Untitled</title><link>https://example.org/?p=%d</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>n%d</description></item>\n", i, i }'
    printf '<item><title>Untitled 7</title><link>https://example.org/?p=x</link><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description>x</description></item>\n'
    printf '</channel></rss>\n'
} >"$TMP/untitled.xml"
check_status "1500 untitled posts: converted" 0 "$FEEDCONV" -q -t markdown --site jekyll -o "$TMP/untitled" "$TMP/untitled.xml"
check_eq "1500 untitled posts: every name, the first free" \
    "$(ls "$TMP/untitled/_posts" | sed 's/^2024-01-01-//' | sort -V | awk 'NR <= 3 || NR >= 1500' | tr '\n' ' ')" \
    "untitled.md untitled-2.md untitled-3.md untitled-1499.md untitled-1500.md "
check_eq "1500 untitled posts: 1501 files" "$(ls "$TMP/untitled/_posts" | wc -l | tr -d ' ')" 1501
contains "1500 untitled posts: the 1500th post's file" "$TMP/untitled/_posts/2024-01-01-untitled-1500.md" "n1500"
contains "1500 untitled posts: 'Untitled 7' after them: its own name was taken, so -2" \
    "$TMP/untitled/_posts/2024-01-01-untitled-7-2.md" "Untitled 7"

# ---- a migration run again with --force ---------------------------------------------
# replaces the comment data files it wrote before: it used to step around
# them (501.yml there, so 501-2.yml), and Jekyll then showed every comment twice
WXR12=$FX/wxr-1.2-site/input.xml
check_status "jekyll site again with --force: first run" 0 "$FEEDCONV" -q -t markdown --site jekyll -o "$TMP/again" "$WXR12"
first=$(cd "$TMP/again" && find . -type f | LC_ALL=C sort | tr '\n' ' ')
check_status "jekyll site again with --force: second run" 0 "$FEEDCONV" -q -t markdown --site jekyll --force -o "$TMP/again" "$WXR12"
check_eq "jekyll site again with --force: the same files, no comment twice" \
    "$(cd "$TMP/again" && find . -type f | LC_ALL=C sort | tr '\n' ' ')" "$first"
contains "jekyll site again with --force: a comment's data file" "$TMP/again/_data/comments/2024-05-12-down-the-canal/501.yml" "id:"
