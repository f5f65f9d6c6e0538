# tests/zsh-complete.zsh FPATHDIR OUT LINE... - what zsh's completion makes
# of each LINE (Tab at its end), appended to OUT as "LINE|RESULT" lines.
# Runs an interactive zsh (no startup files) in a pseudo-terminal with
# compinit and FPATHDIR first in $fpath; used by tests/cli_completion.sh.
zmodload zsh/zpty || exit 2
local dir=$1 out=$2 line n=0
shift 2
zpty z zsh -f -i || exit 2
# Read the shell's output until MARK shows up (20 s at most).
await() {
  local chunk seen i
  for i in {1..200}; do
    while zpty -r -t z chunk 2>/dev/null; do seen+=$chunk; done
    [[ $seen == *$1* ]] && return 0
    sleep 0.1
  done
  print -u2 "zsh-complete: zsh did not answer ($1)"
  return 1
}
# (the marks are printed by arithmetic, so the echo of the command line
# itself does not match them)
zpty -w z "unsetopt autolist listambiguous beep; fpath=($dir \$fpath)"
zpty -w z "autoload -Uz compinit; compinit -u -D; print READY\$((6*7))"
await READY42 || exit 2
# ^T writes the line as completion left it; ^U clears it
zpty -w z "__dump() { print -r -- \"\$__line|\$BUFFER\" >>${(q)out}; }; zle -N __dump"
zpty -w z "bindkey '^I' complete-word; bindkey '^T' __dump"
# A line whose keys zle dropped (typeahead is sometimes discarded while a
# completion runs) is typed again, up to three times.
local try
for line in "$@"; do
  for try in 1 2 3; do
    n=$((n + 1))
    zpty -w z "__line=${(q)line}"
    zpty -w -n z "$line"$'\t'
    sleep 0.1
    zpty -w -n z $'\C-t\C-u'
    zpty -w z "print DONE\$((1000+$n))"
    await DONE$((1000 + n)) || exit 2
    [[ -f $out ]] && grep -qF -- "$line|" $out && break
  done
done
zpty -d z
