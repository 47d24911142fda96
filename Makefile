# Two commands on a fresh machine: `make site` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
export TZ := Pacific/Auckland

.PHONY: site test install install-test browser lint eval bench clean

site: $(STAMP)
	$(BIN)/timeline build

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium for the browser tests (never a browser downloaded by a test tool).
browser:
	@test -x $(CHROMIUM) || { echo "installing Debian's chromium"; \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(TEST_STAMP) browser $(NODE_STAMP)
	$(BIN)/ruff check timeline tests bench
	$(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check timeline tests bench

eval: $(STAMP)
	$(BIN)/timeline eval --baseline
	$(BIN)/timeline eval-tls ../shared/tls/t17

# Each prints its figures beside a baseline (dateparser, TimelineJS3/vis-timeline weights, a full build).
bench: $(TEST_STAMP) browser
	$(BIN)/python bench/bench_tagger.py
	$(BIN)/python bench/bench_incremental.py 1000
	$(BIN)/python bench/bench_build.py --sizes 1000 10000 --max-mb 6000
	$(BIN)/python bench/bench_render.py --data $${TMPDIR:-/tmp}/timeline-bench/out-10000/data/events.yaml \
		--content $${TMPDIR:-/tmp}/timeline-bench/corpus-10000
	$(BIN)/python bench/bench_page.py 10000

clean:
	rm -rf site data/.cache .pytest_cache .hypothesis
