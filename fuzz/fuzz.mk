# fuzz/fuzz.mk - libFuzzer targets (clang, ASan + UBSan), included by the
# top Makefile.
#
#   make fuzz-build                 build every target into build/fuzz/
#   make fuzz [FUZZ_SECONDS=60]     build, seed and run each target in turn
#   make fuzz-rss                   run one target (rss atom jsonfeed date
#                                   html2md markdown yaml yamlemit toml wxr wpbody
#                                   template site xmlread)
#   make fuzz-regress               run the saved reproducers
#                                   (fixtures/fuzz-<target>-*/input) once
#
# Corpora live in build/fuzz/corpus/<target>, seeded from fixtures/ (and
# fuzz/seeds/); crashes land in build/fuzz/artifacts/<target>-crash-*.  Keep
# each one as fixtures/fuzz-<target>-<n>/input: test_fuzz_regress runs them
# in `make check`.  Needs clang and its libFuzzer runtime (Debian:
# clang-14 + libclang-rt-14-dev).

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_TARGETS := rss atom jsonfeed date html2md markdown yaml yamlemit toml wxr wpbody template site xmlread
FUZZ_BUILD := build/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 $(WARN) -g -O1 -Iinclude -Isrc $(DEPCFLAGS) $(FUZZ_SAN)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_LIB := $(FUZZ_BUILD)/libfeedconv-fuzz.a
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

# Run-time limits: a unit slower than 10 s is a hang; 2 GB of RSS a leak
# or a bomb.
FUZZ_RUN_OPTS = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	-max_len=65536 -print_final_stats=1 $(FUZZ_FLAGS)

fuzz_dict_rss = fuzz/xml.dict
fuzz_dict_atom = fuzz/xml.dict
fuzz_dict_jsonfeed = fuzz/json.dict
fuzz_dict_html2md = fuzz/html.dict
fuzz_dict_markdown = fuzz/markdown.dict
fuzz_dict_yaml = fuzz/yaml.dict
fuzz_dict_yamlemit = fuzz/json.dict
fuzz_dict_toml = fuzz/toml.dict
fuzz_dict_wxr = fuzz/wxr.dict
fuzz_dict_wpbody = fuzz/wpbody.dict
fuzz_dict_template = fuzz/template.dict
fuzz_dict_site = fuzz/xml.dict
fuzz_dict_xmlread = fuzz/xml.dict
# Which fixture files seed which target.
fuzz_seed_rss = -name '*.xml' -o -name '*.rss' -o -name '*.rdf'
fuzz_seed_atom = -name '*.xml' -o -name '*.atom'
fuzz_seed_jsonfeed = -name '*.json'
fuzz_seed_date = -name '*.date'
fuzz_seed_html2md = -name '*.html' -o -name '*.htm'
fuzz_seed_markdown = -name '*.md'
fuzz_seed_yaml = -name '*.md' -o -name '*.yml' -o -name '*.yaml'
fuzz_seed_yamlemit = -name '*.json'
fuzz_seed_toml = -name '*.toml' -o -name '*.md'
fuzz_seed_wxr = -path '*wxr*' -name '*.xml'
fuzz_seed_wpbody = -name '*.html'
fuzz_seed_template = -name '*.md'
fuzz_seed_site = -name '*.xml' -o -name '*.rss' -o -name '*.json'
fuzz_seed_xmlread = -name '*.xml' -o -name '*.rss' -o -name '*.atom'

.PHONY: fuzz fuzz-build fuzz-regress $(FUZZ_TARGETS:%=fuzz-%) $(FUZZ_TARGETS:%=fuzz-seed-%)

fuzz-build: $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_LIB): $(FUZZ_LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(FUZZ_LIB_OBJ)

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< -o $@ $(FUZZ_LIB) $(DEPLIBS)

# Seed a target's corpus: matching fixture files (hostile ones included;
# generated inputs are not in git), the project seed feed for the readers
# it fits, and fuzz/seeds/<target>/.  Files are named by content hash, so
# reseeding an existing corpus adds nothing twice.
$(FUZZ_TARGETS:%=fuzz-seed-%): fuzz-seed-%:
	@mkdir -p $(FUZZ_BUILD)/corpus/$* $(FUZZ_BUILD)/artifacts
	@{ find fixtures -type f \( $(fuzz_seed_$*) \) -size -1024k 2>/dev/null; \
	   [ -d fuzz/seeds/$* ] && find fuzz/seeds/$* -type f; \
	   case $* in rss|html2md) ls ../shared/seeds/*.txt 2>/dev/null;; esac; } | \
	while read -r f; do \
	    cp "$$f" "$(FUZZ_BUILD)/corpus/$*/seed-$$(sha1sum < "$$f" | cut -c1-16)"; \
	done; \
	echo "fuzz: $* corpus: $$(ls $(FUZZ_BUILD)/corpus/$* | wc -l) units"

$(FUZZ_TARGETS:%=fuzz-%): fuzz-%: $(FUZZ_BUILD)/fuzz_% fuzz-seed-%
	$(FUZZ_BUILD)/fuzz_$* $(FUZZ_RUN_OPTS) $(if $(fuzz_dict_$*),-dict=$(fuzz_dict_$*)) \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/$*- $(FUZZ_BUILD)/corpus/$*

# Every target in turn; one failing target does not stop the others, the
# exit status says whether any failed.
fuzz: fuzz-build
	@failed=""; for t in $(FUZZ_TARGETS); do \
	    echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	    $(MAKE) --no-print-directory fuzz-$$t || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: FAILED:$$failed"; exit 1; fi; \
	echo "fuzz: all targets ran clean"

fuzz-regress: fuzz-build
	@failed=""; for t in $(FUZZ_TARGETS); do \
	    set -- fixtures/fuzz-$$t-*/input; [ -e "$$1" ] || continue; \
	    $(FUZZ_BUILD)/fuzz_$$t "$$@" >/dev/null 2>$(FUZZ_BUILD)/regress-$$t.log || \
	        { failed="$$failed $$t"; tail -30 $(FUZZ_BUILD)/regress-$$t.log; }; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz-regress: FAILED:$$failed"; exit 1; fi; \
	echo "fuzz-regress: clean"
