# accessconvert: `make all` sets up and builds every seed in every format; `make test` runs the tests.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
OUT := out
EDITIONS := full,child
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.dev-installed
BENCH_INSTALLED := $(VENV)/.bench-installed
AXE := tests/browser/node_modules/axe-core/axe.min.js
SEEDS := $(sort $(wildcard seeds/*.txt seeds/*.md seeds/*.markdown seeds/*.html seeds/*.htm))
PACKAGE_FILES := pyproject.toml $(shell find convert styles -type f -not -path '*/__pycache__/*' 2>/dev/null)
stem = $(basename $(notdir $(1)))
BUILT := $(foreach seed,$(SEEDS),$(OUT)/$(call stem,$(seed))/.built)

.PHONY: all built test system system-all bench lint format dist clean distclean

all: system-all
	$(MAKE) --no-print-directory built

built: $(BUILT)

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEV_INSTALLED): $(INSTALLED)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(BENCH_INSTALLED): $(DEV_INSTALLED)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $@

# axe-core and Ace by DAISY; Ace's dependencies would download a browser and Electron, which we never use (Debian's
# Chromium runs them), so those downloads are skipped.
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
		CHROMEDRIVER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund --loglevel=error
	touch $@

# One rule per seed: every format of every edition, rebuilt only when the seed or the converter changes.
define SEED_RULE
$(OUT)/$(call stem,$(1))/.built: $(1) $(INSTALLED) $(PACKAGE_FILES)
	$(PY) -m convert $(1) --to all --read-aloud --edition $(EDITIONS) --out $(OUT)
	touch $$@
endef
$(foreach seed,$(SEEDS),$(eval $(call SEED_RULE,$(seed))))

# Offline bundles: dist/<stem>.zip for every seed and dist/all.zip, reusing the outputs `make all` wrote.
dist: all
	$(PY) -m convert bundle $(SEEDS) --out $(OUT) --dist dist --edition $(EDITIONS) --combined all

# The system packages PyPI cannot give (Pango and fonts for the converter; a browser, Java, LibreOffice and npm for
# the tests): installed with apt-get when run as root, otherwise make stops here with the one install line.
system-all:
	$(PYTHON) tests/system_requirements.py --for all

system:
	$(PYTHON) tests/system_requirements.py --for test

test: system
	$(MAKE) --no-print-directory $(DEV_INSTALLED) $(AXE)
	$(PY) -m pytest

bench: $(BENCH_INSTALLED)
	$(PY) -m tests.benchmarks.run

lint: $(DEV_INSTALLED)
	$(VENV)/bin/ruff check convert tests
	$(VENV)/bin/ruff format --check convert tests

format: $(DEV_INSTALLED)
	$(VENV)/bin/ruff format convert tests

clean:
	rm -rf $(OUT) dist .pytest_cache

distclean: clean
	rm -rf $(VENV) tests/browser/node_modules
