#!/bin/sh
# tests/golden.sh - print the golden manifest: for every fixture a reader
# takes, and every output variant, the exit status and short hashes of what
# `feedconv` wrote (stdout, or the output tree) and said (stderr).  Run from
# the project root; tests/cli_golden.sh compares it with tests/golden/outputs.
# Regenerate after an intended output change:
#   sh tests/golden.sh >tests/golden/outputs   (then review the diff)
set -u
cd "$(dirname "$0")/.." || exit 2
FEEDCONV=${FEEDCONV:-./feedconv}
T=$(mktemp -d "${TMPDIR:-/tmp}/feedconv-golden.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT

h() { sha256sum | cut -c1-16; }
# A tree's hash: every file's relative path and contents, in byte order.
tree_hash() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum) | h; }

VARIANTS="rss atom jsonfeed md-plain md-hugo md-jekyll md-hugo-bundles md-html"
for path in fixtures/*/*; do
    # Inputs are what some reader takes: -t rss on them must not say "not a feed".
    "$FEEDCONV" -q -t jsonfeed "$path" >/dev/null 2>"$T/probe"
    grep -q 'not a feed feedconv recognises\|is a directory\|no format reads' "$T/probe" && continue
    for v in $VARIANTS; do
        rm -rf "$T/o"
        case $v in
        md-plain) set -- -t markdown --site plain -o "$T/o" ;;
        md-hugo) set -- -t markdown --site hugo -o "$T/o" ;;
        md-jekyll) set -- -t markdown --site jekyll -o "$T/o" ;;
        md-hugo-bundles) set -- -t markdown --site hugo --bundles -o "$T/o" ;;
        md-html) set -- -t markdown --body html -o "$T/o" ;;
        *) set -- -t "$v" ;;
        esac
        "$FEEDCONV" "$@" "$path" >"$T/out" 2>"$T/err"; st=$?
        if [ -d "$T/o" ]; then o=$(tree_hash "$T/o"); else o=$(h <"$T/out"); fi
        printf '%s %s %s %s %s\n' "$path" "$v" "$st" "$o" "$(sed "s|$T|OUT|g" "$T/err" | h)"
    done
done
