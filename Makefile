# Two commands set everything up on a fresh machine:
#   make site   install into .venv and build the example site into site/
#   make test   install (with Chromium, Java and the HTML checker) and run every test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.test-installed-stamp
TOOLS_STAMP := .cache/test-tools-stamp
PYTEST_WORKERS ?= 2

.PHONY: install install-test site serve check lint test bench bench-large clean vendor-leaflet vendor-decap

# What building, checking and previewing need: Signpost and its runtime packages.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

# The test tools on top (pytest, Playwright, ruff...): again whenever the runtime install is redone.
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(TEST_STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

site: install
	$(BIN)/python build.py build

serve: install
	$(BIN)/python build.py serve

check: install
	$(BIN)/python build.py check

$(TOOLS_STAMP): .ci/install-test-tools
	bash .ci/install-test-tools
	mkdir -p .cache && touch $(TOOLS_STAMP)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test $(TOOLS_STAMP) lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

bench: install-test
	$(BIN)/python -m bench.run

# 10,000, 30,000 and 100,000 assets: hours on a 2-core machine, not in CI.
bench-large: install-test
	$(BIN)/python -m bench.large

# Remake the vendored map library from npm (pinned and checked); --check compares only.
vendor-leaflet:
	bash tools/vendor-leaflet

# Remake the vendored Decap CMS (the form at /admin/) from npm, pinned and checked the same way.
vendor-decap:
	bash tools/vendor-decap

clean:
	rm -rf site .cache .pytest_cache
