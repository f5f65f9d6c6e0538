#!/bin/sh
# cli_jobs.sh - -j / --jobs: the same conversion with 1 and with 4 threads
# writes the same bytes and says the same things, byte for byte (diff -r
# of the output trees, cmp of stdout and stderr, the same exit status):
# every fixture's input (fixtures/*/input*, the HTML corpus) into a Hugo
# site and into one of the other layouts in turn, every site fixture into
# a feed and into a site; then a generated feed of 400 posts (more than
# the 256 the reader's look-ahead holds, so the reader's warnings and the
# writer's interleave) with 1, 2, 3 and 8 threads, under --strict, with
# --limit, merged with other feeds, cut off half-way (the reader fails)
# and with a file in the way of post 300 (the writer fails); a Hugo site
# of 400 posts into a Jekyll site (threads on both sides); a WordPress
# export of 400 posts (contents rendered on threads, reusable blocks read
# back there, warnings raised there, --strict).  The output
# directory has the same name in both runs: it is in messages.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures

# run J KIND ARGS...: feedconv -j J ARGS (-o $TMP/out when KIND is dir),
# its output (tree or file), stdout, stderr and status kept in $TMP/j-J
run() {
    _j=$1 _kind=$2
    shift 2
    rm -rf "$TMP/out" "$TMP/j-$_j"
    mkdir -p "$TMP/j-$_j"
    if [ "$_kind" = dir ]; then
        "$FEEDCONV" -j "$_j" -o "$TMP/out" "$@" >"$TMP/j-$_j/stdout" 2>"$TMP/j-$_j/stderr"
    else
        "$FEEDCONV" -j "$_j" "$@" >"$TMP/j-$_j/stdout" 2>"$TMP/j-$_j/stderr"
    fi
    echo $? >"$TMP/j-$_j/status"
    if [ -e "$TMP/out" ]; then mv "$TMP/out" "$TMP/j-$_j/tree"; fi
}

# same NAME KIND ARGS...: -j 1 and -j 4 agree; failures are collected in
# $TMP/bad (one line each), passes counted
same() {
    _name=$1
    shift
    run 1 "$@"
    run 4 "$@"
    if _d=$(diff -r "$TMP/j-1" "$TMP/j-4" 2>&1); then
        echo "$_name" >>"$TMP/good"
    else
        printf '%s: %s\n' "$_name" "$(printf '%s' "$_d" | head -c 300 | tr '\n' ' ')" >>"$TMP/bad"
    fi
}

: >"$TMP/good"
: >"$TMP/bad"
set -- "plain" "jekyll" "hugo --bundles" "eleventy" "zola"
for f in "$FX"/*/input* "$FX"/html-corpus/*.xml; do
    [ -f "$f" ] || continue
    n=${f#"$FX"/}
    same "$n -> hugo" dir -t markdown --site hugo "$f"
    # shellcheck disable=SC2086 # "hugo --bundles" is two words
    same "$n -> $1" dir -t markdown --site $1 "$f"
    x=$1
    shift
    set -- "$@" "$x"
done
for d in "$FX"/sites/* "$FX"/md-*; do
    [ -d "$d" ] || continue
    ls "$d"/input* >/dev/null 2>&1 && continue # a feed, done above
    n=${d#"$FX"/}
    same "$n -> atom" out -f markdown -t atom "$d"
    same "$n -> hugo" dir -f markdown -t markdown --site hugo "$d"
done
nfix=$(wc -l <"$TMP/good")
if [ -s "$TMP/bad" ]; then
    fail "fixtures: -j 1 and -j 4 write and say the same" "$(head -c 600 "$TMP/bad")"
elif [ "$nfix" -lt 300 ]; then
    fail "fixtures: -j 1 and -j 4 write and say the same" "only $nfix conversions ran"
else
    pass "fixtures: -j 1 and -j 4 write and say the same ($nfix conversions)"
fi

# ---- a feed of 400 posts ---------------------------------------------------
# Every third post has an unparsable date: the reader warns when it reads
# it, Jekyll's writer when it writes it (no date), so the two kinds
# alternate after the look-ahead's first 256 posts.
{
    echo '<?xml version="1.0"?>'
    echo '<rss version="2.0"><channel><title>Many</title><link>http://example.org/</link>'
    i=0
    while [ $i -lt 400 ]; do
        if [ $((i % 3)) = 0 ]; then d="not a date $i"; else d="Mon, 01 Jan 2024 10:00:00 +0000"; fi
        printf '<item><title>Post %d</title><guid>g%d</guid><pubDate>%s</pubDate>' $i $i "$d"
        printf '<description><![CDATA[<p>Post <em>%d</em>, a <a href="http://example.org/%d">link</a>.</p>' $i $i
        printf '<ul><li>one</li><li>two %d</li></ul><pre><code>code %d</code></pre>]]></description></item>\n' $i $i
        i=$((i + 1))
    done
    echo '</channel></rss>'
} >"$TMP/many.xml"

# agree_as KIND NAME ARGS...: -j 1 agrees with -j 2, 3 and 8 (KIND as
# for run: dir writes to -o, out to stdout); agree: into a directory
agree_as() {
    _kind=$1 _name=$2
    shift 2
    run 1 "$_kind" "$@"
    _bad=
    for _j in 2 3 8; do
        run $_j "$_kind" "$@"
        _d=$(diff -r "$TMP/j-1" "$TMP/j-$_j" 2>&1) || _bad="$_bad -j $_j: $(printf '%s' "$_d" | head -c 200)"
    done
    check_eq "$_name: -j 2, 3 and 8 as -j 1" "$_bad" ""
}
agree() { agree_as dir "$@"; }
# agree_out NAME ARGS...: as agree, the output to stdout
agree_out() { agree_as out "$@"; }

agree "400 posts" -t markdown --site jekyll "$TMP/many.xml"
check_eq "400 posts: exit 0" "$(cat "$TMP/j-1/status")" 0
check_eq "400 posts: 400 files" "$(find "$TMP/j-1/tree/_posts" -type f | wc -l | tr -d ' ')" 400
# the order the test is about: a reader's warning (post 258), then the
# writer's about the same post, then the reader's next one
grep -n 'not a date 258"\|post-258. has\|not a date 261"' "$TMP/j-8/stderr" | cut -d: -f1 |
    tr '\n' ' ' >"$TMP/lines"
set -- $(cat "$TMP/lines")
if [ $# = 3 ] && [ "$1" -lt "$2" ] && [ "$2" -lt "$3" ]; then
    pass "400 posts: -j 8 interleaves the reader's and the writer's warnings"
else
    fail "400 posts: -j 8 interleaves the reader's and the writer's warnings" "lines $*"
fi

agree "400 posts, --strict" --strict -t markdown --site jekyll "$TMP/many.xml"
check_eq "400 posts, --strict: exit 1" "$(cat "$TMP/j-1/status")" 1
agree "400 posts, --strict, a site without warnings" --strict -t markdown --site hugo "$TMP/many.xml"
agree "400 posts, --limit 7" --limit 7 -t markdown --site jekyll "$TMP/many.xml"
check_eq "400 posts, --limit 7: 7 files" "$(find "$TMP/j-8/tree/_posts" -type f | wc -l | tr -d ' ')" 7

# several inputs merged into one site (the writer's pool behind the merge)
agree "400 posts merged with two fixtures" -t markdown --site jekyll "$TMP/many.xml" \
    "$FX/wordpress-rss/input.xml" "$FX/atom-full/input.xml"
check_eq "merged: exit 0" "$(cat "$TMP/j-8/status")" 0

# the reader fails half-way: the posts before are written, then the error
head -c 30000 "$TMP/many.xml" >"$TMP/cut.xml"
agree "cut off" -t markdown --site jekyll "$TMP/cut.xml"
check_eq "cut off: exit 1" "$(cat "$TMP/j-8/status")" 1
check "cut off: the error names the end" grep -q 'error: .*cut.xml:.*truncated' "$TMP/j-8/stderr"

# the writer fails at post 300: a directory stands where its file goes
# (given with --force, in the same place for each run)
for j in 1 8; do
    rm -rf "$TMP/out" "$TMP/w-$j"
    mkdir -p "$TMP/out/content/posts/post-300/index.md/x"
    "$FEEDCONV" -j $j --force -t markdown --site hugo --bundles -o "$TMP/out" "$TMP/many.xml" \
        >/dev/null 2>"$TMP/w-$j.err"
    echo $? >"$TMP/w-$j.status"
    mv "$TMP/out" "$TMP/w-$j"
done
check_eq "writer fails: exit 3 with -j 8" "$(cat "$TMP/w-8.status")" 3
check_eq "writer fails: -j 8 as -j 1" "$(diff -r "$TMP/w-1" "$TMP/w-8" && cmp "$TMP/w-1.err" "$TMP/w-8.err" && cat "$TMP/w-1.status")" 3
check_eq "writer fails: no post after it" "$(find "$TMP/w-8/content/posts" -name index.md -path '*post-3[0-9][0-9]*' -type f | wc -l | tr -d ' ')" 0

# ---- a Hugo site of 400 posts into a Jekyll site ------------------------------
# Both sides on threads: the reader's Markdown -> HTML and the writer's
# HTML -> Markdown.  Every third post has a shortcode the reader warns
# about when it renders the body, every post lacks the date Jekyll's
# writer warns about: after the look-ahead's 256 posts they alternate.
mkdir -p "$TMP/hsite/content/posts"
printf 'baseURL = "https://example.org/"\ntitle = "Many"\n' >"$TMP/hsite/hugo.toml"
i=1
while [ $i -le 400 ]; do
    if [ $((i % 3)) = 0 ]; then b="{{< notice >}}note $i{{< /notice >}}"; else b="plain"; fi
    printf -- '---\ntitle: Post %d\nweight: %d\n---\n\nBody *%d* and [a link](/x/%d). %s\n' \
        $i $i $i $i "$b" >"$TMP/hsite/content/posts/post-$i.md"
    i=$((i + 1))
done
agree "hugo site of 400 posts into jekyll" -t markdown --site jekyll "$TMP/hsite"
check_eq "hugo site into jekyll: 400 files" "$(find "$TMP/j-1/tree/_posts" -type f | wc -l | tr -d ' ')" 400
grep -n "post-300.md:.*notice\|post-300. has no date\|post-301. has no date" "$TMP/j-8/stderr" |
    cut -d: -f1 | tr '\n' ' ' >"$TMP/lines"
set -- $(cat "$TMP/lines")
if [ $# = 3 ] && [ "$1" -lt "$2" ] && [ "$2" -lt "$3" ]; then
    pass "hugo site into jekyll: -j 8 interleaves the reader's and the writer's warnings"
else
    fail "hugo site into jekyll: -j 8 interleaves the reader's and the writer's warnings" "lines $*"
fi
agree "hugo site of 400 posts into a feed" -f markdown -t atom "$TMP/hsite"
# --limit: the reader stops once the writer has its posts (after the
# look-ahead's 256, which it fills before the first is written), so the
# posts past them are not read: no warning about their shortcodes
agree_out "hugo site of 400 posts, --limit 5" -f markdown -t atom --limit 5 "$TMP/hsite"
check_eq "hugo site, --limit 5: exit 0, 5 entries" \
    "$(cat "$TMP/j-8/status") $(grep -c '<entry>' "$TMP/j-8/stdout")" "0 5"
"$FEEDCONV" -f markdown -t atom "$TMP/hsite" 2>/dev/null | grep '<title>Post' | head -5 >"$TMP/first5"
check_eq "hugo site, --limit 5: the first five of the whole feed" \
    "$(grep '<title>Post' "$TMP/j-8/stdout")" "$(cat "$TMP/first5")"
check_eq "hugo site, --limit 5: posts 1-256 read, not one after" \
    "$(grep -c 'notice' "$TMP/j-8/stderr") $(grep -c 'post-25[78]\.md' "$TMP/j-8/stderr")" "85 0"
# --strict: a post is read on a pool thread (file, front matter, body),
# its warnings kept until it goes on; post 300's fails the run while the
# posts after it are being read, with the message and output of one thread
mkdir -p "$TMP/ssite/content/posts"
cp "$TMP/hsite/hugo.toml" "$TMP/ssite/"
i=1
while [ $i -le 400 ]; do
    if [ $i = 300 ]; then b="{{< notice >}}note{{< /notice >}}"; else b="plain"; fi
    printf -- '---\ntitle: Post %d\nweight: %d\n---\n\nBody *%d*. %s\n' $i $i $i "$b" \
        >"$TMP/ssite/content/posts/post-$i.md"
    i=$((i + 1))
done
agree_out "hugo site of 400 posts, --strict" --strict -f markdown -t jsonfeed "$TMP/ssite"
check_eq "hugo site, --strict: exit 1 at post 300's shortcode, nothing from it on" \
    "$(cat "$TMP/j-8/status") $(grep -c "post-300.md:6: Hugo shortcode 'notice'" "$TMP/j-8/stderr") $(grep -c '"title": "Post \(300\|3[0-9][1-9]\)"' "$TMP/j-8/stdout")" \
    "1 1 0"
"$FEEDCONV" -t atom --limit 1 "$TMP/hsite/content/posts/post-3.md" >"$TMP/one.atom" 2>/dev/null
check_eq "one Markdown file, --limit 1: exit 0, its entry, the document closed" \
    "$? $(grep -c '<entry>' "$TMP/one.atom") $(tail -c 8 "$TMP/one.atom")" "0 1 </feed>"

# ---- a WordPress export of 400 posts ------------------------------------------
# Contents are rendered on the reader's threads.  gen_export BLOCK FROM:
# with BLOCK=1, every post shows a reusable block (read back from the
# spool by the thread that renders it); from post FROM on, every third
# refers to a block that is not in the export (a warning raised on a
# thread, given with its post); every fifth is classic content (wpautop).
gen_export() {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
    printf '<channel><title>Export</title><link>https://wp.example.org</link><wp:wxr_version>1.2</wp:wxr_version>\n'
    printf '<wp:base_blog_url>https://wp.example.org</wp:base_blog_url>\n'
    if [ "$1" = 1 ]; then
        printf '<item><title>Signature</title><content:encoded><![CDATA[<!-- wp:paragraph -->\n<p>Fair winds.</p>\n<!-- /wp:paragraph -->]]></content:encoded><wp:post_id>1</wp:post_id><wp:status>publish</wp:status><wp:post_type>wp_block</wp:post_type></item>\n'
    fi
    i=1
    while [ $i -le 400 ]; do
        if [ $((i % 5)) = 0 ]; then
            c="Classic post $i.\n\nA second paragraph with [caption]a caption[/caption]."
        else
            c="<!-- wp:paragraph -->\n<p>Post $i.</p>\n<!-- /wp:paragraph -->"
            if [ "$1" = 1 ]; then c="$c\n\n<!-- wp:block {\"ref\":1} /-->"; fi
            if [ $((i % 3)) = 0 ] && [ $i -ge "$2" ]; then c="$c\n\n<!-- wp:block {\"ref\":999} /-->"; fi
        fi
        printf '<item><title>Post %d</title><link>https://wp.example.org/post-%d/</link><dc:creator>ed</dc:creator>' $i $i
        printf '<content:encoded><![CDATA[%b]]></content:encoded><wp:post_id>%d</wp:post_id>' "$c" $((i + 1))
        printf '<wp:post_date_gmt>2024-01-01 10:%02d:00</wp:post_date_gmt><wp:post_name>post-%d</wp:post_name>' $((i % 60)) $i
        printf '<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n'
        i=$((i + 1))
    done
    printf '</channel></rss>\n'
}
gen_export 1 1 >"$TMP/export.xml"
agree_out "export of 400 posts -> rss" -f wxr -t rss "$TMP/export.xml"
check_eq "export of 400 posts: exit 0, the block in every block post, every classic post wpautop'd" \
    "$(cat "$TMP/j-8/status") $(grep -o 'Fair winds' "$TMP/j-8/stdout" | wc -l | tr -d ' ') $(grep -o '<p>Classic post [0-9]*\.</p>' "$TMP/j-8/stdout" | wc -l | tr -d ' ')" \
    "0 320 80"
# posts 3, 6, 9 ... but not 15, 30 ...: ids (post + 1) in order
want=$(i=3; while [ $i -le 400 ]; do [ $((i % 5)) = 0 ] || printf '%d ' $((i + 1)); i=$((i + 3)); done)
check_eq "export of 400 posts: a warning for each missing block, in post order" \
    "$(grep 'reusable block 999' "$TMP/j-8/stderr" | sed 's/.*: post \([0-9]*\): .*/\1/' | tr '\n' ' ')" "$want"
agree "export of 400 posts -> hugo" -f wxr -t markdown --site hugo "$TMP/export.xml"
# --strict: the first warning is post 303's (id 304), raised on a thread
# with posts after it in flight: then the error, and nothing after it
gen_export 0 300 >"$TMP/strict.xml"
agree_out "export of 400 posts, --strict" --strict -f wxr -t jsonfeed "$TMP/strict.xml"
check_eq "export, --strict: exit 1, one warning (post 303's), no post from it on" \
    "$(cat "$TMP/j-8/status") $(grep -c 'warning:' "$TMP/j-8/stderr") $(grep -c 'post 304: reusable block 999' "$TMP/j-8/stderr") $(grep -c '"Post 30[3-9]"' "$TMP/j-8/stdout")" \
    "1 1 1 0"

# GFM on threads: cmark-gfm 0.29 puts an extension's special characters
# ('~', 'w', ':') into one table of the process while it parses a
# document and takes them out after, so parses on two threads at once
# lost them now and then ("~~gone~~" left as text): 600 posts of
# strikethrough, a table and autolinks, read on 1, 2, 3 and 8 threads.
mkdir -p "$TMP/gfm"
i=1
while [ $i -le 600 ]; do
    printf -- '---\ntitle: "Post %d"\ndate: 2024-01-01T00:%02d:00+00:00\n---\n\n' $i $((i % 60)) \
        >"$TMP/gfm/2024-01-01-post-$i.md"
    printf 'Some ~~gone~~ text, ~~more~~ of it, see www.example.com/%d or x@example.org.\n\n' $i \
        >>"$TMP/gfm/2024-01-01-post-$i.md"
    printf '| a | b |\n| - | - |\n| ~~c~~ | https://example.com/%d |\n\nEnd ~~%d~~.\n' $i $i \
        >>"$TMP/gfm/2024-01-01-post-$i.md"
    i=$((i + 1))
done
agree_out "600 GFM posts -> rss" -f markdown -t rss "$TMP/gfm"
check_eq "600 GFM posts: every strikethrough made <del> (-j 8)" \
    "$(grep -o '<del>' "$TMP/j-8/stdout" | wc -l | tr -d ' ') $(grep -c '~~' "$TMP/j-8/stdout")" "2400 0"
check_eq "600 GFM posts: every www. and address linked (-j 8)" \
    "$(grep -o 'href="http://www.example.com/[0-9]*"' "$TMP/j-8/stdout" | wc -l | tr -d ' ') $(grep -o 'href="mailto:x@example.org"' "$TMP/j-8/stdout" | wc -l | tr -d ' ')" \
    "600 600"

# ---- a feed parsed on a thread of its own -------------------------------------
# 3000 posts (~1 MB: the parser's steps are 64 KB, the rest of the parse
# runs on its thread with -j 2 and more): what the parse thread hands over
# besides elements and text is in it: repairs (a bare & and an HTML entity,
# warned by the filter), an undeclared prefix (warned by the parser), a bad
# xml:id (warned when the tree is built), comments, processing
# instructions and attribute values with &amp;, late in the document.
{
    echo '<?xml version="1.0"?>'
    echo '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Big</title><link>http://example.org/</link>'
    i=0
    while [ $i -lt 3000 ]; do
        printf '<item><title>Post %d</title><guid isPermaLink="false">g%d</guid>' $i $i
        printf '<link>http://example.org/p?a=%d&amp;b=1</link><dc:creator>A %d</dc:creator>' $i $i
        case $((i % 500)) in
        7) printf '<description>Fish & chips &nbsp;%d</description>' $i ;;
        9) printf '<ex:thing>%d</ex:thing><description>x</description>' $i ;;
        11) printf '<description xml:id="1bad%d">d %d</description>' $i $i ;;
        13) printf '<!-- a comment %d --><?pi data %d?><description>c</description>' $i $i ;;
        *) printf '<description><![CDATA[<p>Post <em>%d</em> with some text to make the feed long enough.</p>]]></description>' $i ;;
        esac
        printf '<enclosure url="http://example.org/a%d.mp3?x=1&amp;y=2" length="%d" type="audio/mpeg"/></item>\n' $i $i
        i=$((i + 1))
    done
    echo '</channel></rss>'
} >"$TMP/big.xml"
for t in jsonfeed atom rss; do
    agree_out "3000 posts -> $t" -t $t "$TMP/big.xml"
    check_eq "3000 posts -> $t: exit 0" "$(cat "$TMP/j-8/status")" 0
done
check_eq "3000 posts: 3000 items" "$(grep -o '<item>' "$TMP/j-8/stdout" | wc -l | tr -d ' ')" 3000
check "3000 posts: the last post is there" grep -q 'Post 2999' "$TMP/j-8/stdout"
check "3000 posts: the filter's warning at post 2507" grep -q 'big.xml:[0-9]*:[0-9]*: .*&' "$TMP/j-8/stderr"
check "3000 posts: the parser's warning at post 2509" grep -q 'Namespace prefix ex' "$TMP/j-8/stderr"
check "3000 posts: the builder's warning at post 2511" grep -q '1bad2511.* not an NCName' "$TMP/j-8/stderr"
agree_out "3000 posts, --strict" --strict -t jsonfeed "$TMP/big.xml"
check_eq "3000 posts, --strict: exit 1" "$(cat "$TMP/j-8/status")" 1
# from a pipe, and cut off in a late step
run 1 out -f rss -t atom - <"$TMP/big.xml"
cp -r "$TMP/j-1" "$TMP/pipe-1"
run 8 out -f rss -t atom - <"$TMP/big.xml"
check_eq "3000 posts from a pipe: -j 8 as -j 1" "$(diff -r "$TMP/pipe-1" "$TMP/j-8" && echo same)" same
head -c 900000 "$TMP/big.xml" >"$TMP/bigcut.xml"
agree_out "3000 posts cut off" -t jsonfeed "$TMP/bigcut.xml"
check_eq "3000 posts cut off: exit 1" "$(cat "$TMP/j-8/status")" 1
check "3000 posts cut off: the error names the end" grep -q 'error: .*bigcut.xml:.*truncated' "$TMP/j-8/stderr"
# malformed late (the filter leaves a repeated attribute to the parser):
# a fatal error from the parse thread, after the warnings before it
sed 's|<guid isPermaLink="false">g2800</guid>|<guid isPermaLink="false" isPermaLink="true">g2800</guid>|' \
    "$TMP/big.xml" >"$TMP/bigbad.xml"
agree_out "3000 posts, malformed at post 2800" -t atom "$TMP/bigbad.xml"
check_eq "malformed at post 2800: the error, last" "$(tail -n 1 "$TMP/j-8/stderr")" \
    "feedconv: error: $TMP/bigbad.xml:2803:75: not well-formed XML: Attribute isPermaLink redefined"

# ---- the option ------------------------------------------------------------
check_status "-j abc: usage error" 2 "$FEEDCONV" -j abc -t rss "$TMP/many.xml"
check_status "-j -1: usage error" 2 "$FEEDCONV" -j -1 -t rss "$TMP/many.xml"
check_status "-j 257: usage error" 2 "$FEEDCONV" --jobs 257 -t rss "$TMP/many.xml"
check_status "-j: needs a number" 2 "$FEEDCONV" -t rss "$TMP/many.xml" -j
check_status "--jobs=0: the processors" 0 "$FEEDCONV" --jobs=0 -t rss "$TMP/many.xml"
check_status "-j2 with markdown" 0 "$FEEDCONV" -j2 -t markdown -o "$TMP/j2" "$TMP/many.xml"
