#!/bin/sh
# cli_man.sh - the man pages: doc/feedconv.1 and doc/feedconv.3 render with
# no warning (man -l at 80 columns, and groff -ww); feedconv(1) lists every
# option --help lists and no other, names the version --version prints,
# every format and alias of --list-formats, the exit statuses of --help,
# and the environment the program reads.
. "$(dirname "$0")/lib.sh"
MAN1=$ROOT/doc/feedconv.1
MAN3=$ROOT/doc/feedconv.3

for page in "$MAN1" "$MAN3"; do
    p=$(basename "$page")
    if need "man: $p renders with man -l, no warning" man man-db; then
        MANWIDTH=80 man --warnings -l "$page" >"$TMP/$p.txt" 2>"$TMP/$p.warn"
        check_eq "man: $p renders with man -l, no warning" "$(cat "$TMP/$p.warn")" ""
        check "man: $p has text" test -s "$TMP/$p.txt"
        check_eq "man: $p fits 80 columns" "$(awk 'length > 80' "$TMP/$p.txt" | head -3)" ""
    fi
    if need "man: $p with groff -ww" groff groff-base; then
        check_eq "man: $p with groff -ww" "$(groff -ww -z -man "$page" 2>&1)" ""
    fi
done

# The options: --help's "  -x, --long ..." and "      --long ..." lines; the
# man page's ".TP" items of OPTIONS, "\fB\-x\fR, \fB\-\-long\fR ...".
"$FEEDCONV" --help | sed -n 's/^ \{2,\}\(-[A-Za-z0-9]\)\{0,1\}\(, \)\{0,1\}\(--[a-z-]*\).*/\1 \3/p' |
    tr ' ' '\n' | sed '/^$/d' | sort >"$TMP/help.opts"
awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on && prev == ".TP" { print } { prev = $0 }' \
    "$MAN1" | sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' | tr -s ", " "[\n*]" | grep -E '^--?[A-Za-z]' |
    sort >"$TMP/man.opts"
if [ "$(wc -l <"$TMP/help.opts")" -gt 20 ] && cmp -s "$TMP/help.opts" "$TMP/man.opts"; then
    pass "man: OPTIONS lists --help's $(wc -l <"$TMP/help.opts") options"
else
    fail "man: OPTIONS lists --help's options" \
        "$(diff "$TMP/help.opts" "$TMP/man.opts" | grep '^[<>]' | tr '\n' ' ')"
fi

version=$("$FEEDCONV" --version | sed 's/^feedconv //')
for page in "$MAN1" "$MAN3"; do
    check_eq "man: $(basename "$page") names version $version" \
        "$(sed -n 's/^\.TH .*"feedconv \([^"]*\)".*/\1/p' "$page")" "$version"
done

# every format name and alias
"$FEEDCONV" --list-formats | sed -n -e 's/^\([a-z0-9]*\):.*/\1/p' -e 's/^  aliases: *//p' |
    tr ' ' '\n' | sed '/^$/d' >"$TMP/formats"
missing=
while read -r f; do
    sed -n '/^\.SH FORMATS/,/^\.SH/p' "$MAN1" | grep -qw -- "$f" || missing="$missing $f"
done <"$TMP/formats"
check_eq "man: FORMATS names every format and alias" "$missing" ""

# the exit statuses --help gives, and the environment
for code in 0 1 2 3; do
    check "man: EXIT STATUS $code" sh -c "sed -n '/^\.SH EXIT STATUS/,/^\.SH/p' '$MAN1' |
        grep -qx '\.B $code'"
done
for v in SOURCE_DATE_EPOCH TMPDIR; do
    check "man: ENVIRONMENT $v" sh -c "sed -n '/^\.SH ENVIRONMENT/,/^\.SH/p' '$MAN1' |
        grep -qx '\.B $v'"
done
for s in SYNOPSIS DESCRIPTION OPTIONS FORMATS DETECTION "FIELD MAPPING" "EXIT STATUS" \
    ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    check "man: section $s" grep -qx "\.SH $s" "$MAN1"
done
exit 0
