# bash completion for feedconv(1)                      -*- shell-script -*-
#
# Options come from `feedconv --help`, formats and their aliases, the values
# of --site and --body and the -O settings from `feedconv --list-formats`
# (of the feedconv being completed), so they follow the program; inputs and
# -o are completed as files.  Installed as
# share/bash-completion/completions/feedconv; to try it from the source
# tree: `. completions/feedconv.bash`.  Needs nothing but bash.

# The output of the feedconv being completed with the given option.
_feedconv_ask() {
    local prog=${COMP_WORDS[0]:-feedconv}
    # shellcheck disable=SC2088 # a literal "~/" typed on the line
    [[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
    "$prog" "$@" 2>/dev/null
}

# Every option, from --help's lines "  -x, --long ..." and "      --long".
_feedconv_options() {
    _feedconv_ask --help | sed -n -e 's/^ \{1,\}\(-[A-Za-z]\), \(--[a-z-]*\).*/\1 \2/p' \
        -e 's/^ \{1,\}\(--[a-z-]*\).*/\1/p'
}

# Format names and aliases, from --list-formats' "NAME: ..." and
# "  aliases: A B" lines: with $1 = reads (or writes), those of the formats
# whose "  reads:" (or "  writes:") line is not "-".
_feedconv_formats() {
    local line names= v
    while IFS= read -r line; do
        case $line in
        [A-Za-z0-9_-]*:*) names=${line%%:*} ;;
        "  aliases:"*) names+=" ${line#*:}" ;;
        "  $1:"*)
            v=${line#*:}
            # shellcheck disable=SC2086 # one name per word
            [[ ${v//[[:space:]]/} != - ]] && printf '%s\n' $names ;;
        esac
    done < <(_feedconv_ask --list-formats)
}

# The -O settings: "FORMAT:NAME=" for each, or with $1 = FORMAT:NAME the
# values it takes ("FORMAT:NAME=VALUE"; none for a TEXT setting).
_feedconv_settings() {
    local line spec values v
    while read -r line; do
        case $line in "-O "*) ;; *) continue ;; esac
        spec=${line#-O }
        spec=${spec%% *}
        if [[ -z ${1-} ]]; then
            printf '%s\n' "${spec%%=*}="
        elif [[ ${spec%%=*} == "$1" ]]; then
            values=${spec#*=}
            [[ $values == TEXT ]] && continue
            for v in ${values//|/ }; do printf '%s=%s\n' "$1" "$v"; done
        fi
    done < <(_feedconv_ask --list-formats)
}

# -j's values: 1 up to the number of processors online.
_feedconv_jobs() {
    local n i
    n=$(getconf _NPROCESSORS_ONLN 2>/dev/null) || n=1
    for ((i = 1; i <= n; i++)); do printf '%s\n' "$i"; done
}

_feedconv() {
    # bash splits words at ':' and '=' (COMP_WORDBREAKS): work on the whole
    # argument under the cursor and the one before it, from the line itself.
    local line=${COMP_LINE:0:COMP_POINT}
    local cur=${COMP_WORDS[COMP_CWORD]}
    local whole=${line##*[[:space:]]}
    local before=${line%"$whole"}
    before=${before%"${before##*[![:space:]]}"}
    local prev=${before##*[[:space:]]}
    local cands=() c
    [[ $cur == [:=] ]] && cur=

    if [[ $whole == --*=* ]]; then # --to=rss
        prev=${whole%%=*}
        case $prev in
        --from) for c in $(_feedconv_formats reads); do cands+=("$prev=$c"); done ;;
        --to) for c in $(_feedconv_formats writes); do cands+=("$prev=$c"); done ;;
        --site) mapfile -t cands < <(_feedconv_settings markdown:site) ;;
        --body) mapfile -t cands < <(_feedconv_settings markdown:body) ;;
        --jobs) for c in $(_feedconv_jobs); do cands+=("$prev=$c"); done ;;
        esac
        [[ $prev == --site || $prev == --body ]] && cands=("${cands[@]/#markdown:${prev#--}=/$prev=}")
    else
        case $prev in
        -f | --from) mapfile -t cands < <(_feedconv_formats reads) ;;
        -t | --to) mapfile -t cands < <(_feedconv_formats writes) ;;
        --site | --body) mapfile -t cands < <(_feedconv_settings "markdown:${prev#--}")
            cands=("${cands[@]#markdown:*=}") ;;
        -O | --format-option)
            if [[ $whole == *=* ]]; then
                mapfile -t cands < <(_feedconv_settings "${whole%%=*}")
            else
                mapfile -t cands < <(_feedconv_settings)
                compopt -o nospace 2>/dev/null
            fi ;;
        -j | --jobs) mapfile -t cands < <(_feedconv_jobs) ;;
        -o | --output)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return ;;
        *)
            if [[ $whole == -* ]]; then
                mapfile -t cands < <(_feedconv_options | tr ' ' '\n')
            else
                compopt -o filenames 2>/dev/null
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                return
            fi ;;
        esac
    fi
    # Offer what extends the whole argument, less the part bash holds as
    # earlier words (up to the last ':' or '=').
    local strip=${whole%"$cur"}
    COMPREPLY=()
    for c in "${cands[@]}"; do
        [[ -n $c && $c == "$whole"* ]] && COMPREPLY+=("${c#"$strip"}")
    done
}

complete -F _feedconv feedconv
