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

.PHONY: site test install install-test bytecode browser lint eval bench golden differential clean

site: $(STAMP) bytecode
	$(BIN)/timeline build

# The package is installed editable, so pip compiles none of it; where PYTHONDONTWRITEBYTECODE is set (it is on
# these machines) every run would compile all of timeline/ again, 0.2-0.3 s of a one-article rebuild. Python
# still reads bytecode written here, and checks it against the source (a stale file is just not used).
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q timeline

install: $(STAMP)

install-test: $(TEST_STAMP)

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

test: $(TEST_STAMP) bytecode browser $(NODE_STAMP)
	$(BIN)/ruff check timeline tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check timeline tests bench
	$(BIN)/mypy

eval: $(STAMP) bytecode
	$(BIN)/timeline eval --baseline
	$(BIN)/timeline eval-tls ../shared/tls/t17
	$(BIN)/python bench/judge_history.py

# Each prints its figures beside a baseline (dateparser, TimelineJS3/vis-timeline weights, a full build).
bench: $(TEST_STAMP) bytecode browser
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/bench_tagger.py
	$(BIN)/python bench/bench_incremental.py 1000
	$(BIN)/python bench/bench_build.py --sizes 1000 10000 --max-mb 6000
	$(BIN)/python bench/bench_render.py --data $${TMPDIR:-/tmp}/timeline-bench/out-10000/data/events.yaml \
		--content $${TMPDIR:-/tmp}/timeline-bench/corpus-10000
	$(BIN)/python bench/bench_page.py 10000

# 200 random sequences of article changes and hand edits: after each step the build equals a full
# build byte for byte (make test runs four of them); about 20 minutes here.
differential: $(TEST_STAMP) bytecode
	TIMELINE_SEQUENCES=200 $(BIN)/python -m pytest -q tests/test_incremental_sequences.py

# The committed site of the five seeds (tests/test_golden_site.py compares every build with it): rebuild it
# on purpose, then review `git diff tests/golden` before committing.
golden: $(STAMP) bytecode
	$(BIN)/python tests/test_golden_site.py

clean:
	rm -rf site data/.cache .pytest_cache .hypothesis
