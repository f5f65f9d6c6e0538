#!/bin/sh
# cli_usage.sh - the command as a new user meets it: -o a/b/c makes the
# missing parents of a directory output; options the conversion does not
# use (--site, --bundles, --body, -O with -t rss) and an -o extension naming
# another format than -t are warned about; JSON whose "version" names no
# JSON Feed is refused; the writers agree on the title of a feed without
# one; -v names the reader and the writer and counts the posts; --dry-run
# reads everything, writes nothing and lists what it would write; --help
# says -t may come from -o; --list-formats says what each format reads and
# writes, site layouts included.
. "$(dirname "$0")/lib.sh"
FX=$ROOT/fixtures
IN=$FX/quickstart/blog.rss

# run NAME WANT ARGS...: feedconv ARGS exits WANT; output in $TMP/out, $TMP/err
run() {
    _n=$1 _w=$2
    shift 2
    "$FEEDCONV" "$@" >"$TMP/out" 2>"$TMP/err"
    _s=$?
    if [ "$_s" = "$_w" ]; then pass "$_n: exit $_w"; else fail "$_n: exit $_w" "exit $_s: $(head -c 300 "$TMP/err")"; fi
}
# has NAME FILE TEXT / hasnt NAME FILE TEXT: FILE holds TEXT (fixed string)
has() { if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "no '$3' in: $(head -c 300 "$2")"; fi; }
hasnt() { if grep -qF -- "$3" "$2"; then fail "$1" "'$3' in: $(head -c 300 "$2")"; else pass "$1"; fi; }

# ---- -o a/b/c: missing parents of a directory output ------------------------------
run "parents" 0 -q -t markdown -o "$TMP/made/a/b/c" "$IN"
check "parents: the site is in a/b/c" test -f "$TMP/made/a/b/c/_feed.yml"
: >"$TMP/afile"
run "parents: a file on the way" 3 -q -t markdown -o "$TMP/afile/sub" "$IN"
has "parents: a file on the way: says so" "$TMP/err" "Not a directory"

# ---- options the conversion does not use ---------------------------------------------
run "--site with -t rss" 0 -t rss --site hugo "$IN"
has "--site with -t rss: warned" "$TMP/err" "warning: --site hugo: a setting of the markdown format"
run "--bundles with -t rss" 0 -t rss --bundles "$IN"
has "--bundles with -t rss: warned" "$TMP/err" "warning: --bundles:"
run "--body with -t atom" 0 -t atom --body html "$IN"
has "--body with -t atom: warned" "$TMP/err" "warning: --body html:"
run "-O markdown:site with -t jsonfeed" 0 -t jsonfeed -O markdown:site=jekyll "$IN"
has "-O markdown:site with -t jsonfeed: warned" "$TMP/err" "warning: --site jekyll:"
run "--site with -t markdown" 0 -q -t markdown --site hugo -o "$TMP/hugo" "$IN"
check_eq "--site with -t markdown: no warning" "$(cat "$TMP/err")" ""
mkdir -p "$TMP/site"
printf -- '---\ntitle: "A"\ndate: 2024-01-01\n---\nOne.\n' >"$TMP/site/2024-01-01-a.md"
printf -- '---\ntitle: "B"\ndate: 2024-01-02\n---\nTwo.\n' >"$TMP/site/2024-01-02-b.md"
printf -- '---\ntitle: "C"\ndate: 2024-01-03\ndraft: true\n---\nThree.\n' >"$TMP/site/2024-01-03-c.md"
run "--site with a markdown input" 0 -t rss --site hugo "$TMP/site"
hasnt "--site with a markdown input: no such warning" "$TMP/err" "a setting of the markdown format"
run "--site with -t rss --strict" 1 --strict -t rss --site hugo "$IN"
run "--site with -t rss -q" 0 -q -t rss --site hugo "$IN"
check_eq "--site with -t rss -q: quiet" "$(cat "$TMP/err")" ""

# ---- -o's extension against -t -------------------------------------------------------
run "-t rss -o x.atom" 0 -t rss -o "$TMP/x.atom" "$IN"
has "-t rss -o x.atom: warned" "$TMP/err" "x.atom: the extension says atom, but rss is written (-t rss)"
has "-t rss -o x.atom: written as RSS" "$TMP/x.atom" "<rss"
run "-o x.rss alone" 0 -o "$TMP/x.rss" "$IN"
check_eq "-o x.rss alone: no warning" "$(cat "$TMP/err")" ""
run "-t rss2 -o y.rss" 0 -t rss2 -o "$TMP/y.rss" "$IN"
check_eq "-t rss2 -o y.rss (an alias): no warning" "$(cat "$TMP/err")" ""

# ---- JSON that is not a JSON Feed -----------------------------------------------------
printf '{"name": "left-pad", "version": "1.3.0", "items": [{"id": "1"}]}\n' >"$TMP/package.json"
run "package.json with items" 1 -t rss "$TMP/package.json"
has "package.json with items: says why" "$TMP/err" 'not a JSON Feed: "version" is "1.3.0"'
check_eq "package.json with items: nothing written" "$(cat "$TMP/out")" ""
run "package.json with items, -f jsonfeed" 1 -f jsonfeed -t rss "$TMP/package.json"
printf '{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []}\n' >"$TMP/feed.json"
run "a JSON Feed" 0 -q -t rss "$TMP/feed.json"
printf '{"title": "T", "items": [{"id": "1", "content_text": "x"}]}\n' >"$TMP/noversion.json"
run "items without a version" 0 -t rss "$TMP/noversion.json"
has "items without a version: warned" "$TMP/err" 'no "version"'

# ---- one placeholder title ------------------------------------------------------------
printf '{"version": "https://jsonfeed.org/version/1.1", "home_page_url": "https://notes.example.net/blog/", "items": [{"id": "1", "content_text": "x"}]}\n' >"$TMP/untitled.json"
"$FEEDCONV" -q -t rss "$TMP/untitled.json" >"$TMP/u.rss"
"$FEEDCONV" -q -t atom "$TMP/untitled.json" >"$TMP/u.atom"
"$FEEDCONV" -q -t jsonfeed "$TMP/untitled.json" >"$TMP/u.json"
has "placeholder title: rss, marked synthetic" "$TMP/u.rss" 'fc:synthetic="true">notes.example.net</title>'
has "placeholder title: atom" "$TMP/u.atom" '<title fc:synthetic="true">notes.example.net</title>'
has "placeholder title: jsonfeed" "$TMP/u.json" '"title": "notes.example.net"'
printf '{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "content_text": "x"}]}\n' >"$TMP/bare.json"
for t in rss atom jsonfeed; do
    "$FEEDCONV" -q -t $t "$TMP/bare.json" >"$TMP/bare.$t"
    has "placeholder title, no URL: $t" "$TMP/bare.$t" "Untitled feed"
done

# ---- -o a device or a named pipe: written into, not replaced ---------------------------
check_status "-o /dev/null: written into" 0 "$FEEDCONV" -q -t atom -o /dev/null "$ROOT/fixtures/quickstart/blog.rss"
check "-o /dev/null: still the device" test -c /dev/null
mkfifo "$TMP/pipe"
cat "$TMP/pipe" >"$TMP/from-pipe" &
check_status "-o FIFO: written into" 0 "$FEEDCONV" -q -t atom -o "$TMP/pipe" "$ROOT/fixtures/quickstart/blog.rss"
wait
check_eq "-o FIFO: the reader got the feed" "$(grep -c '<entry>' "$TMP/from-pipe")" 2
check "-o FIFO: still a pipe" test -p "$TMP/pipe"

# ---- -v --------------------------------------------------------------------------------
run "-v" 0 -v -t atom "$IN"
has "-v: the reader, detected" "$TMP/err" "feedconv: reading $IN as rss (detected)"
has "-v: the writer" "$TMP/err" "feedconv: writing <stdout> as atom"
has "-v: the posts counted" "$TMP/err" "feedconv: 2 posts read, 2 written;"
run "-v -f" 0 -v -f rss -t json "$IN"
has "-v -f: not detected" "$TMP/err" "feedconv: reading $IN as rss"
hasnt "-v -f: not detected" "$TMP/err" "(detected)"
run "-v, a site with a draft" 0 -v -t rss "$TMP/site"
has "-v, a site with a draft: 3 read, 2 written" "$TMP/err" "3 posts read, 2 written"
run "no -v" 0 -t atom "$IN"
check_eq "no -v: nothing on stderr" "$(cat "$TMP/err")" ""

# ---- --dry-run ----------------------------------------------------------------------------
mkdir -p "$TMP/tmpdir"
# dry NAME WANT ARGS...: feedconv --dry-run with TMPDIR=$TMP/tmpdir, which it
# must leave empty
dry() {
    _n=$1 _w=$2
    shift 2
    TMPDIR=$TMP/tmpdir "$FEEDCONV" --dry-run "$@" >"$TMP/out" 2>"$TMP/err"
    _s=$?
    if [ "$_s" = "$_w" ]; then pass "$_n: exit $_w"; else fail "$_n: exit $_w" "exit $_s: $(head -c 300 "$TMP/err")"; fi
    check_eq "$_n: no temporary left" "$(ls -A "$TMP/tmpdir")" ""
}
"$FEEDCONV" -q -t atom "$IN" >"$TMP/real.atom"
size=$(wc -c <"$TMP/real.atom" | tr -d ' ')
dry "dry run: a new file" 0 -q -t atom -o "$TMP/dry.atom" "$IN"
check_eq "dry run: a new file: reported" "$(head -1 "$TMP/out")" "create    $TMP/dry.atom ($size bytes)"
has "dry run: a new file: summary" "$TMP/out" "dry run: 1 file, $size bytes (1 to create, 0 to replace, 0 unchanged); nothing written"
check "dry run: a new file: not written" test ! -e "$TMP/dry.atom"
cp "$TMP/real.atom" "$TMP/same.atom"
dry "dry run: an existing file" 3 -q -t atom -o "$TMP/same.atom" "$IN"
has "dry run: an existing file: the real run's error" "$TMP/err" "output file exists (use --force to replace it)"
dry "dry run: the same file, --force" 0 -q --force -t atom -o "$TMP/same.atom" "$IN"
has "dry run: the same file, --force: unchanged" "$TMP/out" "unchanged $TMP/same.atom"
echo old >"$TMP/old.atom"
dry "dry run: another file, --force" 0 -q --force -t atom -o "$TMP/old.atom" "$IN"
has "dry run: another file, --force: replace" "$TMP/out" "replace   $TMP/old.atom"
check_eq "dry run: another file, --force: untouched" "$(cat "$TMP/old.atom")" old
dry "dry run: standard output" 0 -q -t jsonfeed "$IN"
has "dry run: standard output: reported" "$TMP/out" "write     <stdout> ("
"$FEEDCONV" -q -t markdown --site hugo -o "$TMP/real-site" "$IN"
(cd "$TMP/real-site" && find . -type f | sed 's|^\./||' | sort) >"$TMP/real.files"
dry "dry run: a site" 0 -q -t markdown --site hugo -o "$TMP/dry-site/" "$IN"
sed -n "s|^create    $TMP/dry-site/\([^ ]*\) (.*|\1|p" "$TMP/out" | sort >"$TMP/dry.files"
if [ -s "$TMP/real.files" ] && cmp -s "$TMP/real.files" "$TMP/dry.files"; then
    pass "dry run: a site: every file the real run writes, and no other"
else
    fail "dry run: a site: every file the real run writes" "$(diff "$TMP/real.files" "$TMP/dry.files" | head -5)"
fi
check "dry run: a site: no directory made" test ! -e "$TMP/dry-site"
dry "dry run: into the site written, --force" 0 -q --force -t markdown --site hugo \
    -o "$TMP/real-site" "$IN"
check_eq "dry run: into the site written: all unchanged" "$(grep -vc '^unchanged ' "$TMP/out")" 1
dry "dry run: into a non-empty directory" 3 -q -t markdown -o "$TMP/real-site" "$IN"
has "dry run: into a non-empty directory: the real run's error" "$TMP/err" "output directory is not empty"
dry "dry run: an input that fails" 1 -t rss "$TMP/package.json"
check_eq "dry run: an input that fails: nothing reported" "$(cat "$TMP/out")" ""

# ---- --help and --list-formats ---------------------------------------------------------------
run "--help" 0 --help
has "--help: -t may come from -o" "$TMP/out" "may be left out when -o names a file"
for o in --verbose --progress --dry-run; do has "--help: $o" "$TMP/out" "$o"; done
run "--list-formats" 0 --list-formats
for f in rss atom jsonfeed markdown; do
    check "--list-formats: $f reads and writes" sh -c "sed -n '/^$f:/,/^[a-z]/p' '$TMP/out' |
        grep -q '^  reads: ' && sed -n '/^$f:/,/^[a-z]/p' '$TMP/out' | grep -q '^  writes: '"
done
sed -n '/^markdown:/,/^[a-z]*:/p' "$TMP/out" >"$TMP/md.lf"
for l in plain hugo jekyll eleventy zola; do
    has "--list-formats: markdown reads the $l layout" "$TMP/md.lf" "$l"
done
has "--list-formats: markdown writes the layouts --site names" "$TMP/md.lf" \
    "writes:   a site: a directory in the plain, hugo, jekyll, eleventy or zola layout (--site)"
has "--list-formats: RSS 0.91 to 2.0" "$TMP/out" "reads:    RSS 0.90, 0.91 (Netscape, UserLand), 0.92, 0.93, 0.94, 1.0 (RDF), 2.0"
exit 0
