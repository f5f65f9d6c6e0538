#!/bin/sh
# cli_completion.sh - the shell completions: bash (completions/feedconv.bash)
# completes every option --help lists, the formats and aliases of
# --list-formats after -f/-t (and --to=), the values of --site and --body,
# the -O settings and their values, and files; zsh (completions/_feedconv,
# in a pseudo-terminal) completes the same kinds of words.  Both ask the
# feedconv under test (first on PATH here).
. "$(dirname "$0")/lib.sh"
mkdir -p "$TMP/bin" "$TMP/files"
ln -s "$FEEDCONV" "$TMP/bin/feedconv"
PATH=$TMP/bin:$PATH
export PATH
cd "$TMP/files" && : >blog.rss && : >blog.atom || exit 2

# ---- bash -----------------------------------------------------------------------
# comp LINE: the words bash's completion offers at the end of LINE, one a
# line (COMP_WORDS split as bash does, at spaces and at ':' and '=').
cat >"$TMP/harness.bash" <<'HARNESS'
. "$ROOT/completions/feedconv.bash"
comp() {
    COMP_LINE=$1 COMP_POINT=${#1}
    read -ra COMP_WORDS <<<"$(printf '%s' "$1" | sed 's/\([:=]\)/ \1 /g')"
    [[ $1 == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _feedconv
    printf '%s\n' "${COMPREPLY[@]}" | sort
}
comp "$1"
HARNESS
bcomp() { ROOT=$ROOT bash "$TMP/harness.bash" "$1" | tr '\n' ' ' | sed 's/ $//'; }
if need "bash completion" bash bash; then
    "$FEEDCONV" --help | sed -n 's/^ \{2,\}\(-[A-Za-z0-9]\)\{0,1\}\(, \)\{0,1\}\(--[a-z-]*\).*/\1 \3/p' |
        tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//' >"$TMP/help.opts"
    check_eq "bash: every option of --help" "$(bcomp 'feedconv -' | tr ' ' '\n' | sort |
        tr '\n' ' ' | sed 's/ $//')" "$(cat "$TMP/help.opts")"
    check_eq "bash: --dr" "$(bcomp 'feedconv --dr')" "--drafts --dry-run"
    check_eq "bash: -t: formats and aliases" "$(bcomp 'feedconv -t ')" \
        "atom atom1 jf json jsonfeed jsonl jsonlines markdown md ndjson rdf rss rss2"
    check_eq "bash: -f: the formats that read, wxr too" "$(bcomp 'feedconv -f w')" "wordpress wp wxr"
    check_eq "bash: -t: no format that only reads" "$(bcomp 'feedconv -t w')" ""
    check_eq "bash: --from j" "$(bcomp 'feedconv --from j')" "jf json jsonfeed"
    check_eq "bash: --to=a" "$(bcomp 'feedconv --to=a')" "atom atom1"
    check_eq "bash: --site" "$(bcomp 'feedconv --site ')" "eleventy hugo jekyll plain zola"
    check_eq "bash: --site=j" "$(bcomp 'feedconv --site=j')" "jekyll"
    check_eq "bash: --body" "$(bcomp 'feedconv --body ')" "html markdown"
    check_eq "bash: -O" "$(bcomp 'feedconv -O ')" "markdown:body= markdown:bundles= markdown:fetch-images= markdown:keep-urls= markdown:site="
    check_eq "bash: -O markdown:b (after ':')" "$(bcomp 'feedconv -O markdown:b')" "body= bundles="
    check_eq "bash: -O markdown:site= (after '=')" "$(bcomp 'feedconv -O markdown:site=')" \
        "eleventy hugo jekyll plain zola"
    check_eq "bash: -O markdown:bundles=t" "$(bcomp 'feedconv -O markdown:bundles=t')" "true"
    cpus=$(getconf _NPROCESSORS_ONLN)
    check_eq "bash: -j: 1 to the processors online" "$(bcomp 'feedconv -j ')" \
        "$(seq 1 "$cpus" | sort | tr '\n' ' ' | sed 's/ $//')"
    check_eq "bash: --jobs=1" "$(bcomp 'feedconv --jobs=1')" \
        "$(seq 1 "$cpus" | grep '^1' | sort | tr '\n' ' ' | sed 's/ $//')"
    check_eq "bash: input files" "$(bcomp 'feedconv blog.')" "blog.atom blog.rss"
    check_eq "bash: -o files" "$(bcomp 'feedconv -o blog.a')" "blog.atom"
fi

# ---- zsh --------------------------------------------------------------------------
if need "zsh completion" zsh zsh; then
    check "zsh: _feedconv parses" zsh -n "$ROOT/completions/_feedconv"
    zsh -f "$ROOT/tests/zsh-complete.zsh" "$ROOT/completions" "$TMP/zsh.out" \
        'feedconv --dry' 'feedconv --progr' 'feedconv -t mark' 'feedconv --to=jsonf' \
        'feedconv -f at' 'feedconv -f wx' 'feedconv -t wx' 'feedconv --site hu' 'feedconv --site=je' \
        'feedconv --body ht' 'feedconv -O markdown:bo' 'feedconv -O markdown:site=jek' \
        'feedconv -o blog.a' 'feedconv blog.r' 'feedconv --jo' >"$TMP/zsh.err" 2>&1
    zresult() { # LINE: what zsh made of it (a trailing space dropped)
        awk -F'|' -v l="$1" '$1 == l { sub(/ *$/, "", $2); print $2; exit }' "$TMP/zsh.out"
    }
    while IFS='|' read -r line want; do
        check_eq "zsh: $line" "$(zresult "$line")" "$want"
    done <<'CASES'
feedconv --dry|feedconv --dry-run
feedconv --progr|feedconv --progress
feedconv -t mark|feedconv -t markdown
feedconv --to=jsonf|feedconv --to=jsonfeed
feedconv -f at|feedconv -f atom
feedconv -f wx|feedconv -f wxr
feedconv -t wx|feedconv -t wx
feedconv --site hu|feedconv --site hugo
feedconv --site=je|feedconv --site=jekyll
feedconv --body ht|feedconv --body html
feedconv -O markdown:bo|feedconv -O markdown:body=
feedconv -O markdown:site=jek|feedconv -O markdown:site=jekyll
feedconv -o blog.a|feedconv -o blog.atom
feedconv blog.r|feedconv blog.rss
feedconv --jo|feedconv --jobs=
CASES
    [ -s "$TMP/zsh.err" ] && fail "zsh: the pseudo-terminal session" "$(head -c 300 "$TMP/zsh.err")"
fi
exit 0
