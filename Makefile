# Two commands set everything up on a fresh machine:
#   make site   install into .venv and build the example site into site/
#   make test   install (with Chromium, Java and the HTML checker) and run every test

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.test-installed-stamp
TOOLS_STAMP := .cache/test-tools-stamp
NODE_STAMP := node_modules/.installed-stamp
PYTEST_WORKERS ?= 2

.PHONY: install install-test site serve check lint typecheck lint-js test-js test bench bench-large clean lock vendor-leaflet vendor-decap wheel

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

# mypy over signpost/, set up in pyproject.toml ([tool.mypy]).
typecheck: install-test
	$(BIN)/mypy

# The browser scripts' linter (Biome), exactly as package-lock.json pins it,
# into node_modules/; npm and Node come with the test tools.
$(NODE_STAMP): package.json package-lock.json $(TOOLS_STAMP)
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

# Lint and format check of our own scripts (biome.jsonc says which); changes nothing.
lint-js: $(NODE_STAMP)
	node_modules/.bin/biome ci --colors=off

# The scripts' unit tests (tests/js/), on Node's own test runner.
test-js: $(TOOLS_STAMP)
	node --test --test-reporter=spec tests/js/

# The engine's tests (tests/), then the site tests (signpost/sitetests/) on the
# example site in this folder: pyproject.toml's testpaths name both.
test: install-test $(TOOLS_STAMP) lint typecheck lint-js test-js
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

# The package a site installs (code and default look) into dist/. -P keeps
# this folder's build.py from hiding the build tool of the same name.
wheel: install-test
	$(BIN)/python -P -m build --no-isolation --outdir dist .

clean:
	rm -rf site .cache .pytest_cache dist build
