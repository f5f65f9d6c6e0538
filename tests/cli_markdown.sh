#!/bin/sh
# cli_markdown.sh - Markdown sites through the CLI, built by the real tools:
# the seed into Hugo and Jekyll sites that `hugo --panicOnWarning` and
# `jekyll build --strict_front_matter` build with every post's title, date
# (offset kept), tags and aliases, drafts excluded; the site back into RSS
# with the seed's ids, URLs, titles, dates and tags; a hand-written Jekyll
# site into a Hugo site that Hugo builds; hostile slugs; usage errors.
# Hugo and Jekyll are Debian's `hugo` and `jekyll` packages; without them
# those checks SKIP.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures

have() { command -v "$1" >/dev/null 2>&1; }

# contains NAME FILE TEXT: FILE contains the fixed string TEXT
contains() {
    if [ -f "$2" ] && grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "'$3' not in $2"; fi
}
absent() {
    if [ ! -e "$2" ]; then pass "$1"; else fail "$1" "$2 exists"; fi
}

SEED_OK=1
have_seed || SEED_OK=0

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

# ---- acceptance 1: Hugo -------------------------------------------------
if [ $SEED_OK = 1 ]; then
    check_status "seed -> hugo: converted" 0 "$FEEDCONV" "$SEED" -t markdown --site hugo -o "$TMP/hugo"
    check_eq "seed -> hugo: 10 posts" "$(ls "$TMP/hugo/content/posts" | grep -c '\.md$' | tr -d ' ')" 11
    if have hugo; then
        if (cd "$TMP/hugo" && hugo --panicOnWarning >"$TMP/hugo.log" 2>&1); then
            pass "seed -> hugo: hugo --panicOnWarning builds"
        else
            fail "seed -> hugo: hugo --panicOnWarning builds" "$(tail -5 "$TMP/hugo.log")"
        fi
        if grep -q 'WARN' "$TMP/hugo.log"; then
            fail "seed -> hugo: no warnings" "$(grep WARN "$TMP/hugo.log" | head -3)"
        else
            pass "seed -> hugo: no warnings"
        fi
        P=$TMP/hugo/public/posts
        check_eq "seed -> hugo: 10 pages" "$(find "$P" -mindepth 1 -maxdepth 1 -type d | wc -l | tr -d ' ')" 10
        contains "hugo page: title" "$P/do-you-know-everything-about-rdma/index.html" "<h1>Do you know everything about RDMA?</h1>"
        contains "hugo page: date with offset" "$P/do-you-know-everything-about-rdma/index.html" 'datetime="2011-03-08T04:58:07&#43;00:00"'
        contains "hugo page: tags" "$P/do-you-know-everything-about-rdma/index.html" "<li>infiniband</li><li>rdma</li>"
        contains "hugo page: raw HTML kept" "$P/do-you-know-everything-about-rdma/index.html" 'class="twitter-share-button"'
        contains "hugo page: other title" "$P/first-they-laugh-at-you/index.html" "<h1>First they laugh at you"
        contains "hugo page: other date" "$P/first-they-laugh-at-you/index.html" "2009-11-20T"
        contains "hugo: alias page at the old WordPress path" \
            "$TMP/hugo/public/blog/index.php/2011/03/07/do-you-know-everything-about-rdma/index.html" \
            "http://digitalvampire.org/blog/posts/do-you-know-everything-about-rdma/"
        contains "hugo: tag page" "$TMP/hugo/public/tags/infiniband/index.html" "Do you know everything about RDMA?"
        contains "hugo: RSS keeps the offset" "$TMP/hugo/public/index.xml" "<pubDate>Tue, 08 Mar 2011 04:58:07 +0000</pubDate>"
    else
        skip "seed -> hugo: hugo build" "hugo is not installed (apt-get install hugo)"
    fi

    # ---- acceptance 2: the site back into a feed -------------------------
    check_status "hugo -> rss: converted" 0 "$FEEDCONV" "$TMP/hugo" -t rss -o "$TMP/back.xml"
    # ids, URLs, titles and dates as JSON Feed lines (entities decoded),
    # tags as RSS <category> lines
    "$FEEDCONV" -q "$SEED" -t jsonfeed >"$TMP/seed.json"
    "$FEEDCONV" -q "$TMP/back.xml" -t jsonfeed >"$TMP/back.json"
    for what in id url title date_published; do
        grep "^      \"$what\":" "$TMP/seed.json" | sort >"$TMP/want.$what"
        grep "^      \"$what\":" "$TMP/back.json" | sort >"$TMP/got.$what"
        if [ -s "$TMP/want.$what" ] && cmp -s "$TMP/want.$what" "$TMP/got.$what"; then
            pass "hugo -> rss: every item $what of the seed"
        else
            fail "hugo -> rss: every item $what of the seed" "$(diff "$TMP/want.$what" "$TMP/got.$what" | head -4)"
        fi
    done
    for what in category; do
        sed -n "s|.*<$what[^>]*>\\(.*\\)</$what>.*|\\1|p" "$SEED" | sed 's/<!\[CDATA\[\(.*\)\]\]>/\1/' | sort >"$TMP/want.$what"
        sed -n "s|.*<$what[^>]*>\\(.*\\)</$what>.*|\\1|p" "$TMP/back.xml" | sed 's/<!\[CDATA\[\(.*\)\]\]>/\1/' | sort >"$TMP/got.$what"
        if cmp -s "$TMP/want.$what" "$TMP/got.$what"; then
            pass "hugo -> rss: every <$what> of the seed"
        else
            fail "hugo -> rss: every <$what> of the seed" "$(diff "$TMP/want.$what" "$TMP/got.$what" | head -4)"
        fi
    done

    # ---- acceptance 1: Jekyll --------------------------------------------
    check_status "seed -> jekyll: converted" 0 "$FEEDCONV" "$SEED" -t markdown --site jekyll -o "$TMP/jekyll"
    if have jekyll; then
        # a page listing what Jekyll made of every post (test-only)
        cat >"$TMP/jekyll/check.txt" <<'EOF'
---
---
{% for p in site.posts %}{{ p.title }}|{{ p.date | date: "%Y-%m-%dT%H:%M:%S%z" }}|{{ p.tags | join: "," }}|{{ p.redirect_from | join: "," }}
{% endfor %}
EOF
        if (cd "$TMP/jekyll" && TZ=UTC jekyll build --strict_front_matter >"$TMP/jekyll.log" 2>&1); then
            pass "seed -> jekyll: jekyll build --strict_front_matter"
        else
            fail "seed -> jekyll: jekyll build --strict_front_matter" "$(tail -5 "$TMP/jekyll.log")"
        fi
        C=$TMP/jekyll/_site/check.txt
        check_eq "jekyll: 10 posts" "$(grep -c '|' "$C" 2>/dev/null)" 10
        contains "jekyll: title, date, tags, redirect" "$C" \
            "Do you know everything about RDMA?|2011-03-08T04:58:07+0000|infiniband,rdma|/blog/index.php/2011/03/07/do-you-know-everything-about-rdma/"
        contains "jekyll: another post" "$C" "|2009-11-20T"
        contains "jekyll: post page has the raw HTML" \
            "$TMP/jekyll/_site/2011/03/08/do-you-know-everything-about-rdma.html" 'class="twitter-share-button"'
    else
        skip "seed -> jekyll: jekyll build" "jekyll is not installed (apt-get install jekyll)"
    fi
else
    skip "seed -> hugo / jekyll" "seed feed not found"
fi

# ---- acceptance 3: a hand-written Jekyll site into Hugo -------------------
check_status "jekyll -> hugo: converted" 0 "$FEEDCONV" -q "$FX/md-jekyll-native" -t markdown --site hugo -o "$TMP/j2h"
contains "jekyll -> hugo: title no quoted" "$TMP/j2h/content/posts/first-light.md" 'title: "no"'
contains "jekyll -> hugo: Jekyll date kept with its offset" "$TMP/j2h/content/posts/first-light.md" 'date: "2024-01-15T10:30:00+05:30"'
contains "jekyll -> hugo: published: false became a draft" "$TMP/j2h/content/posts/unfinished.md" 'draft: true'
if have hugo; then
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
else
    skip "jekyll -> hugo: hugo build" "hugo is not installed (apt-get install hugo)"
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
