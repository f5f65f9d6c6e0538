# feedconv - build, test, install.
#   make                 ./feedconv, libfeedconv.a and the shared library
#                        (build/rel/libfeedconv.so.VERSION and its links)
#   make check           the whole test suite (ends with "N passed, N failed")
#   make check SANITIZE=1  the same under ASan + UBSan (objects in build/san)
#   make check-threads   the tests of threads (fc_options.jobs) under
#                        ThreadSanitizer (objects in build/tsan)
#   make install PREFIX=/usr/local DESTDIR=   (make uninstall: the same files)
#   make fuzz / make bench  (outside the test suite)

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = libxml-2.0 jansson yaml-0.1 libcmark-gfm libcurl
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions

# The library's version is FC_VERSION in the header; the soname's number
# is the ABI's, raised on every incompatible change of it.
VERSION := $(shell sed -n 's/^\#define FC_VERSION "\([^"]*\)".*/\1/p' include/feedconv.h)
ABI := 0
SONAME := libfeedconv.so.$(ABI)

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS ?= -O2 -g
DEPCFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
# -pthread: the worker threads of fc_options.jobs (src/jobs.c); linking
# only: when compiling it defines _REENTRANT, which glibc still reads as
# _POSIX_C_SOURCE=199506L, hiding what -std=c11 code uses.
# libcurl: its headers only; src/fetch.c loads it when a download starts.
DEPLIBS := $(shell $(PKG_CONFIG) --libs $(filter-out libcurl,$(PKGS))) -lcmark-gfm-extensions \
	-ldl -pthread
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -Iinclude -Isrc $(DEPCFLAGS)
# One set of library objects serves both libraries: position-independent,
# and exporting only what feedconv.h declares (its visibility pragma).  The
# static binary built from them runs the same instructions as from non-PIC
# objects (callgrind, README "Building and testing").
LIB_CFLAGS = -fPIC -fvisibility=hidden -fno-semantic-interposition

ifeq ($(SANITIZE),1)
BUILD = build/san
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_LDFLAGS = -fsanitize=address,undefined
BIN = $(BUILD)/feedconv
else ifeq ($(SANITIZE),thread)
BUILD = build/tsan
ALL_CFLAGS += -fsanitize=thread -fno-omit-frame-pointer
SAN_LDFLAGS = -fsanitize=thread
BIN = $(BUILD)/feedconv
else
BUILD = build/rel
BIN = feedconv
endif

LIB_SRC := $(wildcard src/*.c src/*/*.c)
LIB_SRC := $(filter-out src/cli/%,$(LIB_SRC))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard src/cli/*.c))
LIB := $(BUILD)/libfeedconv.a
SHLIB := $(BUILD)/libfeedconv.so.$(VERSION)
SHLINKS := $(BUILD)/$(SONAME) $(BUILD)/libfeedconv.so
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
HEADERS := include/feedconv.h $(wildcard src/*.h src/*/*.h)
MAN := doc/feedconv.1 doc/feedconv.3

.PHONY: all check check-threads install uninstall clean fuzz bench format FORCE
all: $(BIN) libfeedconv.a $(SHLINKS)

libfeedconv.a: $(LIB)
ifneq ($(SANITIZE),1)
	cp $(LIB) $@
endif

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB_OBJ): ALL_CFLAGS += $(LIB_CFLAGS)

# Objects built with other library flags (or before there were any) are
# rebuilt: a shared library cannot take non-PIC objects.
LIB_FLAGS_STAMP := $(BUILD)/lib-cflags
$(LIB_FLAGS_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo '$(LIB_CFLAGS)' | cmp -s - $@ || echo '$(LIB_CFLAGS)' >$@
$(LIB_OBJ): $(LIB_FLAGS_STAMP)
FORCE:

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# -z defs: every symbol the library uses is in it or in a library named here.
$(SHLIB): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,-z,defs $(SAN_LDFLAGS) $(LDFLAGS) -o $@ \
	    $(LIB_OBJ) $(DEPLIBS)

$(BUILD)/$(SONAME): $(SHLIB)
	ln -sf $(notdir $(SHLIB)) $@

$(BUILD)/libfeedconv.so: $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $@

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(SAN_LDFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(DEPLIBS)

$(BUILD)/tests/%: tests/%.c tests/check.h tests/testlib.h tests/treelib.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DFC_ROOT='"$(CURDIR)"' $< -o $@ $(SAN_LDFLAGS) $(LDFLAGS) $(LIB) $(DEPLIBS)

# It includes the fuzz targets.
$(BUILD)/tests/test_fuzz_regress: $(wildcard fuzz/*.c) fuzz/fuzz.h

# The install tests (tests/cli_install.sh) get a staged `make install`
# (PREFIX=/usr) in FC_STAGE, made here with this build's settings.
check: $(BIN) $(TEST_BIN) $(SHLINKS)
	@stage=$$(mktemp -d "$${TMPDIR:-/tmp}/feedconv-stage.XXXXXX") || exit 2; \
	$(MAKE) --no-print-directory install PREFIX=/usr DESTDIR=$$stage >$$stage.log 2>&1 || \
	    { cat $$stage.log; echo "check: the staged install failed"; }; \
	FEEDCONV=$(CURDIR)/$(BIN) TESTBIN=$(CURDIR)/$(BUILD)/tests FC_STAGE=$$stage \
	    FC_SANITIZE="$(SAN_LDFLAGS)" sh tests/run.sh; st=$$?; \
	rm -rf $$stage $$stage.log; exit $$st

# ThreadSanitizer over what runs threads: the pool's unit test, the XML
# reader with its parse thread (test_xml) and -j 1 against -j 4 on every
# fixture.  TSan sees no accesses inside libxml2 and cmark-gfm (not
# instrumented), only ours and the locks.
check-threads:
	@$(MAKE) --no-print-directory SANITIZE=thread build/tsan/feedconv build/tsan/tests/test_jobs \
	    build/tsan/tests/test_xml
	@TSAN_OPTIONS="halt_on_error=1 exitcode=66 $$TSAN_OPTIONS" sh -c \
	    'build/tsan/tests/test_jobs >build/tsan/test_jobs.log 2>&1; st=$$?; \
	     build/tsan/tests/test_xml >>build/tsan/test_jobs.log 2>&1; st3=$$?; \
	     grep -E "^(FAIL|SKIP)|WARNING: ThreadSanitizer" build/tsan/test_jobs.log; \
	     FEEDCONV=$(CURDIR)/build/tsan/feedconv sh tests/cli_jobs.sh >build/tsan/cli_jobs.log 2>&1; \
	     st2=$$?; grep -E "^(FAIL|SKIP)|ThreadSanitizer" build/tsan/cli_jobs.log; \
	     p=$$(cat build/tsan/test_jobs.log build/tsan/cli_jobs.log | grep -c "^PASS:"); \
	     f=$$(cat build/tsan/test_jobs.log build/tsan/cli_jobs.log | grep -c "^FAIL:"); \
	     echo "check-threads (ThreadSanitizer): $$p passed, $$f failed"; \
	     [ $$st = 0 ] && [ $$st2 = 0 ] && [ $$st3 = 0 ] && [ $$f = 0 ]'

# feedconv.pc is written here, so that it names the prefix installed to.
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/feedconv
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libfeedconv.a
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB))
	ln -sf $(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libfeedconv.so
	install -m 644 include/feedconv.h $(DESTDIR)$(INCLUDEDIR)/feedconv.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(PC_LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    feedconv.pc.in >$(DESTDIR)$(PKGCONFIGDIR)/feedconv.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/feedconv.pc
	install -m 644 doc/feedconv.1 $(DESTDIR)$(MANDIR)/man1/feedconv.1
	install -m 644 doc/feedconv.3 $(DESTDIR)$(MANDIR)/man3/feedconv.3
	install -m 644 completions/feedconv.bash $(DESTDIR)$(BASHCOMPDIR)/feedconv
	install -m 644 completions/_feedconv $(DESTDIR)$(ZSHCOMPDIR)/_feedconv
	@# a system-wide install: the loader's cache learns the new soname
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
	    PATH="$$PATH:/sbin:/usr/sbin" ldconfig 2>/dev/null || true; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/feedconv $(DESTDIR)$(LIBDIR)/libfeedconv.a \
	      $(DESTDIR)$(LIBDIR)/libfeedconv.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	      $(DESTDIR)$(LIBDIR)/libfeedconv.so $(DESTDIR)$(INCLUDEDIR)/feedconv.h \
	      $(DESTDIR)$(PKGCONFIGDIR)/feedconv.pc $(DESTDIR)$(MANDIR)/man1/feedconv.1 \
	      $(DESTDIR)$(MANDIR)/man3/feedconv.3 $(DESTDIR)$(BASHCOMPDIR)/feedconv \
	      $(DESTDIR)$(ZSHCOMPDIR)/_feedconv

format:
	clang-format -i include/*.h src/*.[ch] src/*/*.[ch] tests/*.[ch]

clean:
	rm -rf build feedconv libfeedconv.a

-include fuzz/fuzz.mk
-include bench/bench.mk
