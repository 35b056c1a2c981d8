# sparkgen.mk - include it from your Makefile:   include examples/ci/sparkgen.mk
#   make sparkgen-lint     lint the chart with its defaults and every values file
#   make sparkgen-golden   compare the rendered manifests with the golden files
#   make sparkgen-update   re-render the golden files (review the diff before committing)
SPARKGEN        ?= sparkgen
SPARKGEN_CHART  ?= charts/spark-standalone
SPARKGEN_VALUES ?= $(wildcard examples/values/*.yaml)
SPARKGEN_GOLDEN ?= examples/golden

.PHONY: sparkgen-lint sparkgen-golden sparkgen-update
sparkgen-lint:
	$(SPARKGEN) lint $(SPARKGEN_CHART) --strict --color never
	@for v in $(SPARKGEN_VALUES); do \
		$(SPARKGEN) lint $(SPARKGEN_CHART) -f $$v --strict --color never --quiet || exit 1; \
	done
sparkgen-golden:
	$(SPARKGEN) golden check $(SPARKGEN_GOLDEN) -q
sparkgen-update:
	$(SPARKGEN) golden update $(SPARKGEN_GOLDEN)
