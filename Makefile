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

.PHONY: install install-test site serve check lint test bench bench-large clean lock vendor-leaflet vendor-decap

# What building, checking and previewing need: the locked runtime packages
# (exact versions, checked against their hashes), then Signpost itself from
# this folder with the locked setuptools, so nothing unlocked is fetched.
$(STAMP): requirements/run.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/run.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The test tools on top (pytest, Playwright, ruff...), from their own lock.
$(TEST_STAMP): $(STAMP) requirements/test.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
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

# The engine's tests (tests/), then the site tests (signpost/sitetests/) on the
# example site in this folder: pyproject.toml's testpaths name both.
test: install-test $(TOOLS_STAMP) lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

bench: install-test
	$(BIN)/python -m bench.run

# 10,000, 30,000 and 100,000 assets: hours on a 2-core machine, not in CI.
bench-large: install-test
	$(BIN)/python -m bench.large

# Take newer versions on purpose: all that pyproject.toml allows, or only
# some (make lock PACKAGES="pyyaml jinja2"); then run make test and commit.
lock: install-test
	UV=$(BIN)/uv bash tools/lock $(PACKAGES)

# Remake the vendored map library from npm (pinned and checked); --check compares only.
vendor-leaflet:
	bash tools/vendor-leaflet

# Remake the vendored Decap CMS (the form at /admin/) from npm, pinned and checked the same way.
vendor-decap:
	bash tools/vendor-decap

clean:
	rm -rf site .cache .pytest_cache
