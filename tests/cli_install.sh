#!/bin/sh
# cli_install.sh - `make install PREFIX=/usr DESTDIR=STAGE` as a user runs
# it: every file staged (the binary, both libraries and the links, the
# header, feedconv.pc, the man pages, the completions), the shared
# library's soname and exports (exactly the functions feedconv.h declares),
# feedconv.pc's prefix and libraries, examples/example.c built through
# pkg-config alone against the staged install and run, linked to the
# shared library and (--static) to the static one, and `make uninstall`
# removing every file.
#
# `make check` stages the install (FC_STAGE) with its own build settings,
# and passes FC_SANITIZE (the sanitizer flags of SANITIZE=1, which a
# program linking sanitized libraries needs too); run alone, this script
# stages one itself.
. "$(dirname "$0")/lib.sh"
FC_SANITIZE=${FC_SANITIZE-}

# make TARGET VAR=VALUE...: the project's make, quietly, as its own top level
submake() {
    env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s --no-print-directory -C "$ROOT" \
        ${FC_SANITIZE:+SANITIZE=1} "$@"
}

need "install: readelf" readelf binutils || exit 0
need "install: pkg-config" pkg-config pkg-config || exit 0
STAGE=${FC_STAGE:-}
if [ -z "$STAGE" ]; then
    STAGE=$TMP/stage
    check "install: make install PREFIX=/usr DESTDIR=STAGE" \
        submake install PREFIX=/usr DESTDIR="$STAGE"
fi
U=$STAGE/usr
VERSION=$("$FEEDCONV" --version | sed 's/^feedconv //')
SO=libfeedconv.so.$VERSION
CC=${CC:-cc}

# ---- the files -------------------------------------------------------------
for f in bin/feedconv lib/libfeedconv.a "lib/$SO" include/feedconv.h lib/pkgconfig/feedconv.pc \
    share/man/man1/feedconv.1 share/man/man3/feedconv.3 \
    share/bash-completion/completions/feedconv share/zsh/site-functions/_feedconv; do
    if [ -f "$U/$f" ] && [ ! -L "$U/$f" ]; then pass "install: $f"; else fail "install: $f" "missing"; fi
done
check_eq "install: libfeedconv.so.0 -> $SO" "$(readlink "$U/lib/libfeedconv.so.0")" "$SO"
check_eq "install: libfeedconv.so -> libfeedconv.so.0" "$(readlink "$U/lib/libfeedconv.so")" \
    libfeedconv.so.0
check "install: the binary is executable" test -x "$U/bin/feedconv"
check_eq "install: the header is the source's" "$(cmp "$ROOT/include/feedconv.h" \
    "$U/include/feedconv.h" && echo same)" same
check_eq "install: the man page is the source's" "$(cmp "$ROOT/doc/feedconv.1" \
    "$U/share/man/man1/feedconv.1" && echo same)" same

# ---- the shared library ------------------------------------------------------
check_eq "shared library: soname" \
    "$(readelf -d "$U/lib/$SO" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')" libfeedconv.so.0
# What the header declares: every "fc_name(" outside comments (function
# pointers are written "(*name)", so they are not taken).
cc -fpreprocessed -dD -E -P "$ROOT/include/feedconv.h" 2>/dev/null | tr '\n' ' ' |
    grep -oE '[^A-Za-z0-9_]fc_[a-z0-9_]+\(' | sed 's/^.//; s/($//' | sort -u >"$TMP/declared"
nm -D --defined-only "$U/lib/$SO" | awk '{print $NF}' | sort >"$TMP/exported"
if [ -s "$TMP/declared" ] && cmp -s "$TMP/declared" "$TMP/exported"; then
    pass "shared library: exports exactly feedconv.h's $(wc -l <"$TMP/declared") functions"
else
    fail "shared library: exports exactly feedconv.h's functions" \
        "$(diff "$TMP/declared" "$TMP/exported" | grep '^[<>]' | head -10 | tr '\n' ' ')"
fi
check_eq "shared library: only fc_ symbols" "$(grep -vc '^fc_' "$TMP/exported")" 0
if readelf -d "$U/bin/feedconv" | grep -q 'NEEDED.*libfeedconv'; then
    fail "install: the binary has the library built in" "it needs libfeedconv.so"
else pass "install: the binary has the library built in"; fi
check "install: the staged binary runs" "$U/bin/feedconv" --version

# ---- feedconv.pc -------------------------------------------------------------
PC=$U/lib/pkgconfig/feedconv.pc
check_eq "pkg-config: prefix" "$(sed -n 's/^prefix=//p' "$PC")" /usr
# shellcheck disable=SC2016 # ${prefix} is pkg-config's
check_eq "pkg-config: libdir under the prefix" "$(sed -n 's/^libdir=//p' "$PC")" '${prefix}/lib'
check_eq "pkg-config: Requires.private" "$(sed -n 's/^Requires.private: *//p' "$PC")" \
    "libxml-2.0 jansson yaml-0.1 libcmark-gfm"
# pkg-config reads the staged file as if installed at / (the sysroot).
PKG_CONFIG_PATH=$U/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$STAGE
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
check_eq "pkg-config: version" "$(pkg-config --modversion feedconv)" "$VERSION"
check_eq "pkg-config: --libs" "$(pkg-config --libs feedconv | xargs)" "-L$U/lib -lfeedconv"
libs=$(pkg-config --static --libs feedconv)
missing=
for l in -lfeedconv -lxml2 -ljansson -lyaml -lcmark-gfm -lcmark-gfm-extensions -ldl; do
    case " $libs " in *" $l "*) ;; *) missing="$missing $l" ;; esac
done
check_eq "pkg-config: --static --libs has every library" "$missing" ""

# ---- the example through pkg-config ---------------------------------------------
IN=$ROOT/fixtures/quickstart/blog.rss
"$FEEDCONV" -q -t atom "$IN" >"$TMP/cli.atom"
# example NAME BINARY [ENV...]: run the example built as BINARY on the
# quick-start feed: exit 0, the same Atom as the command, the posts listed
example_runs() {
    _n=$1 _b=$2
    shift 2
    rm -f "$TMP/$_n.atom"
    env "$@" "$_b" "$IN" "$TMP/$_n.atom" >"$TMP/$_n.out" 2>"$TMP/$_n.err"
    check_eq "example ($_n): exit 0" "$?" 0
    if cmp -s "$TMP/cli.atom" "$TMP/$_n.atom"; then pass "example ($_n): the command's Atom"
    else fail "example ($_n): the command's Atom" "$(head -c 300 "$TMP/$_n.err")"; fi
    check_eq "example ($_n): walks the posts" "$(grep -c 'T[0-9:]*[+-]' "$TMP/$_n.out")" 2
    check "example ($_n): titles listed" grep -q 'Sharpening a chisel' "$TMP/$_n.out"
}

# shellcheck disable=SC2046,SC2086 # pkg-config's words are the flags
if $CC $FC_SANITIZE -o "$TMP/ex-dyn" "$ROOT/examples/example.c" \
    $(pkg-config --cflags --libs feedconv) 2>"$TMP/cc.err"; then
    pass "example (shared): builds with pkg-config --cflags --libs"
    check "example (shared): needs libfeedconv.so.0" \
        sh -c "readelf -d '$TMP/ex-dyn' | grep -q 'NEEDED.*\[libfeedconv.so.0\]'"
    example_runs shared "$TMP/ex-dyn" LD_LIBRARY_PATH="$U/lib"
else
    fail "example (shared): builds with pkg-config --cflags --libs" "$(head -c 400 "$TMP/cc.err")"
fi

# A system with the static library only: the linker can take nothing but
# libfeedconv.a, so the link shows that --static names every library it
# needs (and that without --static they are missing).
ST=$TMP/static-only
mkdir -p "$ST/usr/lib/pkgconfig" "$ST/usr/include"
cp "$U/lib/libfeedconv.a" "$ST/usr/lib/" && cp "$PC" "$ST/usr/lib/pkgconfig/" &&
    cp "$U/include/feedconv.h" "$ST/usr/include/"
PKG_CONFIG_PATH=$ST/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$ST
# shellcheck disable=SC2046,SC2086
if $CC $FC_SANITIZE -o "$TMP/ex-static" "$ROOT/examples/example.c" \
    $(pkg-config --static --cflags --libs feedconv) 2>"$TMP/cc.err"; then
    pass "example (static): builds with pkg-config --static --cflags --libs"
    if readelf -d "$TMP/ex-static" | grep -q 'NEEDED.*libfeedconv'; then
        fail "example (static): libfeedconv built in" "it needs libfeedconv.so"
    else pass "example (static): libfeedconv built in"; fi
    example_runs static "$TMP/ex-static"
else
    fail "example (static): builds with pkg-config --static --cflags --libs" \
        "$(head -c 400 "$TMP/cc.err")"
fi
# shellcheck disable=SC2046,SC2086
if $CC $FC_SANITIZE -o "$TMP/ex-nostatic" "$ROOT/examples/example.c" \
    $(pkg-config --cflags --libs feedconv) >/dev/null 2>&1; then
    fail "example (static): without --static the archive's libraries are missing" "it linked"
else pass "example (static): without --static the archive's libraries are missing"; fi
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# ---- installing elsewhere, and uninstalling ---------------------------------------
if submake install PREFIX=/opt/fc LIBDIR=/opt/fc/lib64 DESTDIR="$TMP/opt" >"$TMP/opt.log" 2>&1; then
    # shellcheck disable=SC2016
    check_eq "install: LIBDIR=/opt/fc/lib64 in feedconv.pc" \
        "$(sed -n 's/^libdir=//p' "$TMP/opt/opt/fc/lib64/pkgconfig/feedconv.pc")" '${prefix}/lib64'
else
    fail "install: LIBDIR=/opt/fc/lib64" "$(tail -3 "$TMP/opt.log")"
fi
cp -a "$STAGE" "$TMP/un"
if submake uninstall PREFIX=/usr DESTDIR="$TMP/un" >"$TMP/un.log" 2>&1; then
    check_eq "uninstall: every file and link removed" \
        "$(find "$TMP/un" ! -type d | sed "s|^$TMP/un||" | tr '\n' ' ')" ""
else
    fail "uninstall" "$(tail -3 "$TMP/un.log")"
fi
exit 0
