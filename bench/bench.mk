# bench/bench.mk - included by the top Makefile (not part of `make check`).
#   make bench        1k, 10k and 100k posts (about 2 GB of data in $TMPDIR/feedconv-bench)
#   make bench-quick  1k and 10k posts
#   make bench-tools  only build/rel/bench/gen (FORMAT POSTS > FILE),
#                     build/rel/bench/parsers (FILE: libxml2 reader vs SAX2) and
#                     build/rel/bench/mdfloor (DIR: cmark-gfm alone on a site)
# Always measures the optimised build (./feedconv), whatever SANITIZE says.
# BENCH_SIZES, BENCH_REPS and BENCH_DATA override the defaults of bench/run.sh.

BENCH_BIN := build/rel/bench
BENCH_TOOLS := $(BENCH_BIN)/gen $(BENCH_BIN)/parsers $(BENCH_BIN)/mdfloor
BENCH_SIZES ?= 1000 10000 100000
BENCH_ENV = FEEDCONV=$(CURDIR)/feedconv GEN=$(CURDIR)/$(BENCH_BIN)/gen \
            PARSERS=$(CURDIR)/$(BENCH_BIN)/parsers MDFLOOR=$(CURDIR)/$(BENCH_BIN)/mdfloor

.PHONY: bench bench-quick bench-tools

$(BENCH_BIN)/gen: bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 bench/gen.c -o $@

$(BENCH_BIN)/parsers: bench/parsers.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 $(shell $(PKG_CONFIG) --cflags libxml-2.0) bench/parsers.c -o $@ \
	    $(shell $(PKG_CONFIG) --libs libxml-2.0)

$(BENCH_BIN)/mdfloor: bench/mdfloor.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -O2 $(shell $(PKG_CONFIG) --cflags libcmark-gfm) bench/mdfloor.c -o $@ \
	    $(shell $(PKG_CONFIG) --libs libcmark-gfm) -lcmark-gfm-extensions

bench-tools: $(BENCH_TOOLS)

bench: $(BENCH_TOOLS)
	@$(MAKE) --no-print-directory SANITIZE= feedconv
	$(BENCH_ENV) sh bench/run.sh $(BENCH_SIZES)

bench-quick: $(BENCH_TOOLS)
	@$(MAKE) --no-print-directory SANITIZE= feedconv
	$(BENCH_ENV) sh bench/run.sh 1000 10000
