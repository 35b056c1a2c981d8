# sparkgen - a plain, non-recursive Makefile.
#   make                 build ./sparkgen (and ./sparkgen-entry)
#   make check           the whole test suite (unit, differential vs real helm, sanitizers ...)
#   make SAN=address,undefined   sanitizer build in build/san (per-object arena mode)
#   V=1                  show the commands
CC      ?= cc
PKG_CONFIG ?= pkg-config
PKGS    := yaml-0.1 libpcre2-8 zlib libcrypto
SAN     ?=
BUILD   ?= $(if $(SAN),build/san,build)

WARN    := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wno-missing-field-initializers -Wvla -Wformat=2
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT     ?= -O2 -g
ifneq ($(SAN),)
  OPT   := -O1 -g -fno-omit-frame-pointer -fsanitize=$(SAN) -fno-sanitize-recover=all -DSG_ARENA_MALLOC
  SANLD := -fsanitize=$(SAN)
endif
CFLAGS  += $(CSTD) $(WARN) $(OPT) -Iinclude -MMD -MP $(shell $(PKG_CONFIG) --cflags $(PKGS))
LDLIBS  += $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm -pthread
LDFLAGS += $(SANLD)

ifeq ($(V),1)
  Q :=
else
  Q := @
endif

LIB_SRC   := $(sort $(filter-out src/cli/% src/entry/%,$(wildcard src/*/*.c)))
CLI_SRC   := $(sort $(filter-out src/cli/embedgen.c,$(wildcard src/cli/*.c)))
ENTRY_SRC := $(sort $(wildcard src/entry/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/embedded_chart.o
ENTRY_OBJ := $(ENTRY_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ  := $(UNIT_SRC:%.c=$(BUILD)/%.o)
CHART_FILES := $(shell find charts/spark-standalone -type f 2>/dev/null | LC_ALL=C sort)

SPARKGEN := $(if $(SAN),$(BUILD)/sparkgen,sparkgen)

.PHONY: all clean check unit diff-helm san-check deps test-deps bench layers
all: $(SPARKGEN) $(if $(ENTRY_SRC),sparkgen-entry)

# Flags stamp: a change of CFLAGS rebuilds everything.
$(BUILD)/.flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(CC) $(CFLAGS) $(LDFLAGS)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDFLAGS)' > $@
FORCE:

$(BUILD)/%.o: %.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC $<")
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libsparkgen.a: $(LIB_OBJ)
	$(Q)rm -f $@ && ar rcs $@ $^

# The built-in chart, compiled into the binary.
$(BUILD)/embedgen: src/cli/embedgen.c
	@mkdir -p $(BUILD)
	$(Q)$(CC) -std=c11 -O1 -o $@ $<
$(BUILD)/embedded_chart.c: $(BUILD)/embedgen $(CHART_FILES)
	$(Q)$(BUILD)/embedgen charts/spark-standalone > $@.tmp && mv $@.tmp $@
$(BUILD)/embedded_chart.o: $(BUILD)/embedded_chart.c
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(SPARKGEN): $(CLI_OBJ) $(BUILD)/libsparkgen.a
	@$(if $(Q),echo "  LD $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The container entrypoint: libc only.  `make sparkgen-entry-static` links it statically
# (glibc's getaddrinfo then needs the same glibc's NSS modules at run time; the image builds
# it on its own base instead).
sparkgen-entry: $(ENTRY_SRC)
	$(Q)$(CC) $(CSTD) $(WARN) -O2 -o $@ $^
sparkgen-entry-static: $(ENTRY_SRC)
	$(Q)$(CC) $(CSTD) $(WARN) -O2 -static -o $@ $^

# Unit tests (Check). Each tests/unit/*.c defines `Suite *NAME_suite(void)`.
$(BUILD)/check_suites.h: $(UNIT_SRC)
	@mkdir -p $(BUILD)
	$(Q)grep -ho 'Suite \*[a-z0-9_]*_suite(void)' $(UNIT_SRC) | sed 's/^Suite \*\(.*\)(void)/X(\1)/' | sort -u > $@
$(BUILD)/tests/unit/check_main.o: $(BUILD)/check_suites.h
$(BUILD)/check_unit: $(UNIT_OBJ) $(BUILD)/libsparkgen.a
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell $(PKG_CONFIG) --libs check)
$(BUILD)/tests/unit/%.o: CFLAGS += -I$(BUILD) $(shell $(PKG_CONFIG) --cflags check)

unit: $(BUILD)/check_unit
	$(BUILD)/check_unit

deps:
	sh .ci/install-build-deps.sh

test-deps:
	sh .ci/install-test-deps.sh

clean:
	rm -rf build sparkgen sparkgen-entry

-include $(shell find build -name '*.d' 2>/dev/null)

# ==== check: the whole test suite (owner: test infrastructure) ===========================
#   make check        unit + differential suite vs real helm + spark chart equality
#                     + entrypoint black-box tests + all of it again under ASan/UBSan
#   make diff-helm    tests/diff/run.sh against ./sparkgen (needs real helm: test-deps), then
#                     tests/diff/audit-functions.sh: every function has a passing and a failing case
#   make spark-check  charts/spark-standalone: sparkgen == helm (defaults, replicas=5 -n spark),
#                     and `sparkgen render` (embedded chart) == helm template spark ...
#   make spark-e2e    tests/spark/run.sh: real pyspark 3.5 master + 1, then 3 workers via sparkgen-entry
#   make k8s-validate tests/k8s/run.sh: rendered chart vs Kubernetes 1.29+ schemas (offline)
#   make ci-check     lint/golden/examples/create suites (see the CI side block below)
#   make layers       every #include in src/ points to its own layer or a lower one
#                     (tests/layers/check.sh: base < value < io < tmpl < exec < funcs < chart
#                     < render < lint < cli; src/entry libc only)
#   make san-check    unit + diff + bad-input suites with `SAN=address,undefined` (build/san/sparkgen)
#   make valgrind-check  a representative subset of the diff suite under valgrind memcheck
#   make bench        tests/bench/bench.sh (not a test)
SAN_CHECK   := address,undefined
SAN_ENV     := ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
DIFF_RUN    := sh tests/diff/run.sh
SPARK_CASES := '9[0-9][0-9]-spark-*'

.PHONY: spark-check entry-check spark-deps spark-e2e k8s-validate bad-check valgrind-check
# Every step runs even when an earlier one fails; the summary names the failed steps.
CHECK_STEPS := layers unit diff-helm spark-check entry-check san-check valgrind-check spark-e2e k8s-validate ci-check bad-check fuzz-replay
check:
	@failed=""; for step in $(CHECK_STEPS); do \
		echo "==== make $$step"; \
		$(MAKE) --no-print-directory $$step || failed="$$failed $$step"; \
	done; \
	if [ -n "$$failed" ]; then echo "make check: FAILED:$$failed" >&2; exit 1; fi; \
	echo "make check: everything passed"

layers:
	sh tests/layers/check.sh

diff-helm: test-deps $(SPARKGEN)
	@mkdir -p $(BUILD) && rm -f $(BUILD)/diff-results
	SPARKGEN=$(SPARKGEN) DIFF_RESULTS=$(BUILD)/diff-results $(DIFF_RUN); rc=$$?; \
	SPARKGEN=$(SPARKGEN) sh tests/diff/audit-functions.sh -q $(BUILD)/diff-results || rc=1; exit $$rc

spark-check: test-deps $(SPARKGEN)
	SPARKGEN=$(SPARKGEN) $(DIFF_RUN) $(SPARK_CASES)
	SPARKGEN=$(SPARKGEN) sh tests/diff/render-check.sh

entry-check: sparkgen-entry
	$(if $(wildcard tests/entry/run.sh),ENTRY=$(CURDIR)/sparkgen-entry bash tests/entry/run.sh,@echo "entry-check: no tests/entry/run.sh")

san-check: test-deps
	$(MAKE) --no-print-directory SAN=$(SAN_CHECK) build/san/sparkgen build/san/check_unit
	$(SAN_ENV) build/san/check_unit
	$(SAN_ENV) DIFF_TIMEOUT=90 SPARKGEN=build/san/sparkgen $(DIFF_RUN)
	$(SAN_ENV) SPARKGEN=build/san/sparkgen sh tests/diff/render-check.sh
	$(SAN_ENV) SPARKGEN=build/san/sparkgen sh tests/bad/run.sh

spark-deps:
	sh .ci/install-spark-deps.sh

# Real Spark (pyspark 3.5 + Java 17) through sparkgen-entry with the chart's rendered env (~2 min).
spark-e2e: spark-deps $(SPARKGEN) sparkgen-entry
	SPARKGEN=$(SPARKGEN) ENTRY=$(CURDIR)/sparkgen-entry SPARK_E2E_WORKERS=1 timeout 480 bash tests/spark/run.sh
	SPARKGEN=$(SPARKGEN) ENTRY=$(CURDIR)/sparkgen-entry SPARK_E2E_WORKERS=3 timeout 600 bash tests/spark/run.sh

# Rendered manifests against Kubernetes 1.29+ schemas, strict and offline (kubernetes-validate);
# docker/spark/Dockerfile through hadolint, its ENTRYPOINT the native binary.
k8s-validate: spark-deps $(SPARKGEN)
	SPARKGEN=$(SPARKGEN) sh tests/k8s/run.sh
	sh tests/k8s/dockerfile.sh

# tests/bad: the bad-input catalogue (helm-compared live, or our own expectation)
bad-check: test-deps $(SPARKGEN)
	SPARKGEN=$(SPARKGEN) sh tests/bad/run.sh

# A representative subset of the differential suite under valgrind memcheck (issue 6).
valgrind-check: test-deps $(SPARKGEN)
	@command -v valgrind >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null 2>&1 || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }; }
	SPARKGEN=$(CURDIR)/$(SPARKGEN) sh tests/valgrind/run.sh

bench: $(SPARKGEN) test-deps
	sh tests/bench/bench.sh
# ==== end of check block ================================================================

# ==== CI side: lint, golden, create starters, install (owner: issue 5) ===================
#   make ci-check     tests/lint (58 broken charts vs live helm lint), tests/golden,
#                     tests/examples (examples/ golden files = helm's output), tests/create,
#                     make install into a temporary DESTDIR, lint + golden again under ASan/UBSan
#   make install      PREFIX (/usr/local) and DESTDIR: bin/sparkgen, the man page,
#                     bash and zsh completion
# The starters of `sparkgen create` (templates/<starter>/...) are compiled into the binary.
STARTER_FILES := $(shell find templates -type f 2>/dev/null | LC_ALL=C sort)
$(BUILD)/embedded_starters.c: $(BUILD)/embedgen $(STARTER_FILES)
	$(Q)$(BUILD)/embedgen templates | sed 's/sg_embedded_/sg_starter_/g' > $@.tmp && mv $@.tmp $@
$(BUILD)/embedded_starters.o: $(BUILD)/embedded_starters.c
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<
$(SPARKGEN): $(BUILD)/embedded_starters.o

.PHONY: ci-check install
ci-check: test-deps $(SPARKGEN)
	SPARKGEN=$(SPARKGEN) sh tests/lint/run.sh
	SPARKGEN=$(SPARKGEN) sh tests/golden/run.sh
	SPARKGEN=$(SPARKGEN) sh tests/examples/run.sh
	SPARKGEN=$(SPARKGEN) sh tests/create/run.sh
	$(MAKE) --no-print-directory SAN=$(SAN_CHECK) build/san/sparkgen
	$(SAN_ENV) SPARKGEN=build/san/sparkgen KV=/nonexistent sh tests/lint/run.sh
	$(SAN_ENV) SPARKGEN=build/san/sparkgen sh tests/golden/run.sh
	@d=$$(mktemp -d) && $(MAKE) --no-print-directory install DESTDIR=$$d PREFIX=/usr >/dev/null && \
		test -x $$d/usr/bin/sparkgen && test -f $$d/usr/share/man/man1/sparkgen.1 && \
		test -f $$d/usr/share/bash-completion/completions/sparkgen && test -f $$d/usr/share/zsh/site-functions/_sparkgen && \
		$$d/usr/bin/sparkgen version >/dev/null; rc=$$?; rm -rf $$d; \
		if [ $$rc = 0 ]; then echo "install test: passed"; else echo "install test: FAILED"; exit 1; fi

PREFIX ?= /usr/local
DESTDIR ?=
install: $(SPARKGEN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 755 $(SPARKGEN) $(DESTDIR)$(PREFIX)/bin/sparkgen
	install -m 644 src/cli/sparkgen.1 $(DESTDIR)$(PREFIX)/share/man/man1/sparkgen.1
	install -m 644 src/cli/completion.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/sparkgen
	install -m 644 src/cli/completion.zsh $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_sparkgen
# ==== end of CI side ====================================================================

# ==== fuzz: libFuzzer targets (owner: hardening) ========================================
#   make fuzz           build tests/fuzz/fuzz_*.c with clang (libFuzzer + ASan/UBSan) into
#                       build/fuzz and run each for FUZZ_TIME seconds (default 120) on its
#                       corpus (tests/fuzz/corpus/TARGET, new finds go to build/fuzz/corpus).
#                       Needs clang (not installed by any target: apt-get install -y clang).
#   make fuzz-replay    the committed corpora + regression inputs through every target,
#                       built with gcc under ASan/UBSan (part of `make check`).
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TIME    ?= 120
FUZZ_CC      ?= clang
FUZZ_SAN     := fuzzer-no-link,address,undefined
.PHONY: fuzz fuzz-build fuzz-replay
fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz needs clang: apt-get install -y clang" >&2; exit 2; }
	$(MAKE) --no-print-directory CC=$(FUZZ_CC) SAN=$(FUZZ_SAN) BUILD=build/fuzz build/fuzz/libsparkgen.a
	@for t in $(FUZZ_TARGETS); do \
		echo "  FUZZ-LD build/fuzz/fuzz-$$t"; \
		$(FUZZ_CC) $(CSTD) -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -DSG_ARENA_MALLOC \
			-Iinclude -o build/fuzz/fuzz-$$t tests/fuzz/fuzz_$$t.c build/fuzz/libsparkgen.a $(LDLIBS) || exit 1; \
	done
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz/corpus/$$t build/fuzz/crash/$$t; \
		echo "==== fuzz $$t ($(FUZZ_TIME)s)"; \
		ASAN_OPTIONS=detect_leaks=1 build/fuzz/fuzz-$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 \
			-max_len=8192 -dict=tests/fuzz/sparkgen.dict -artifact_prefix=build/fuzz/crash/$$t/ -print_final_stats=1 \
			build/fuzz/corpus/$$t tests/fuzz/corpus/$$t tests/fuzz/regress/$$t || exit 1; \
	done
fuzz-replay:
	$(MAKE) --no-print-directory SAN=$(SAN_CHECK) build/san/libsparkgen.a
	@for t in $(FUZZ_TARGETS); do \
		$(CC) $(CSTD) -O1 -g -fsanitize=$(SAN_CHECK) -fno-sanitize-recover=all -DSG_ARENA_MALLOC -Iinclude \
			-o build/san/replay-$$t tests/fuzz/replay.c tests/fuzz/fuzz_$$t.c build/san/libsparkgen.a $(LDLIBS) || exit 1; \
		$(SAN_ENV) build/san/replay-$$t \
			$$(ls -d tests/fuzz/corpus/$$t tests/fuzz/regress/$$t 2>/dev/null) || exit 1; \
	done
# ==== end of fuzz block =================================================================
