# feedconv - build, test, install.
#   make                 ./feedconv and libfeedconv.a
#   make check           the whole test suite (ends with "N passed, N failed")
#   make check SANITIZE=1  the same under ASan + UBSan (objects in build/san)
#   make install PREFIX=/usr/local DESTDIR=
#   make fuzz / make bench  (outside the test suite)

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = libxml-2.0 jansson yaml-0.1 libcmark-gfm
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS ?= -O2 -g
DEPCFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
DEPLIBS := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lcmark-gfm-extensions
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) -Iinclude -Isrc $(DEPCFLAGS)

ifeq ($(SANITIZE),1)
BUILD = build/san
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_LDFLAGS = -fsanitize=address,undefined
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
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
HEADERS := include/feedconv.h $(wildcard src/*.h src/*/*.h)

.PHONY: all check install uninstall clean fuzz bench format
all: $(BIN) libfeedconv.a

libfeedconv.a: $(LIB)
ifneq ($(SANITIZE),1)
	cp $(LIB) $@
endif

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(SAN_LDFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(DEPLIBS)

$(BUILD)/tests/%: tests/%.c tests/check.h tests/testlib.h tests/treelib.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DFC_ROOT='"$(CURDIR)"' $< -o $@ $(SAN_LDFLAGS) $(LDFLAGS) $(LIB) $(DEPLIBS)

check: $(BIN) $(TEST_BIN)
	@FEEDCONV=$(CURDIR)/$(BIN) TESTBIN=$(CURDIR)/$(BUILD)/tests sh tests/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)
	install -m 755 feedconv $(DESTDIR)$(BINDIR)/feedconv
	install -m 644 libfeedconv.a $(DESTDIR)$(LIBDIR)/libfeedconv.a
	install -m 644 include/feedconv.h $(DESTDIR)$(INCLUDEDIR)/feedconv.h

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/feedconv $(DESTDIR)$(LIBDIR)/libfeedconv.a \
	      $(DESTDIR)$(INCLUDEDIR)/feedconv.h

format:
	clang-format -i include/*.h src/*.[ch] src/*/*.[ch] tests/*.[ch]

clean:
	rm -rf build feedconv libfeedconv.a

-include fuzz/fuzz.mk
-include bench/bench.mk
