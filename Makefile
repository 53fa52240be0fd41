# Every target creates and fills its own virtual environment (.venv) on first use, with the
# exact versions in requirements-lock.txt (refreshed by `make lock`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements-lock.txt
NEWEST := .venv-newest
ROOT ?= .
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical validate test check lint lock test-newest clean

# The lock holds every package with its hashes; the project itself goes in on top, built
# with the locked setuptools (no isolated build that would fetch unpinned ones).
$(STAMP): pyproject.toml $(LOCK) package.json package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	npm ci --silent --no-audit --no-fund
	touch $(STAMP)

serve: $(STAMP)
	REVOPS_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The hook's first step writes the generated pages under docs/ (scripts/hooks.py).
build: $(STAMP)
	$(BIN)/mkdocs build --strict

# Zensical runs no hooks: the pages are written first, the print page is not built, and what
# the assessment page loads besides its own scripts is put in afterwards.
build-zensical: $(STAMP)
	$(BIN)/python scripts/generate_site.py
	$(BIN)/zensical build --strict -f mkdocs.generated.yml
	$(BIN)/python scripts/vendor.py site

validate: $(STAMP)
	$(BIN)/revops validate --root $(ROOT)

lint: $(STAMP)
	$(BIN)/ruff check src scripts tests
	$(BIN)/ruff format --check --quiet src scripts tests
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: $(STAMP)
	$(BIN)/revops validate
	$(BIN)/ruff check src scripts tests
	$(BIN)/ruff format --check --quiet src scripts tests
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	npm run --silent lint
	npm test --silent
	$(BIN)/pytest -n auto --dist load

# The inner loop: everything but the browser, the site builds and the benchmarks, with the
# tests' `revops` commands run inside pytest's workers and a fifth of each property test's
# examples (tests/conftest.py); make test keeps real subprocesses and every example. Compiled
# bytecode is kept under .venv even where PYTHONDONTWRITEBYTECODE is set, so that each of
# pytest's workers does not compile the library and rewrite the tests' asserts again.
KEEP_BYTECODE := PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache

check: $(STAMP)
	$(KEEP_BYTECODE) $(BIN)/revops validate
	$(BIN)/ruff check src scripts tests
	$(BIN)/ruff format --check --quiet src scripts tests
	$(KEEP_BYTECODE) $(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	npm run --silent lint
	npm test --silent
	$(KEEP_BYTECODE) $(BIN)/pytest -n auto --dist load -m "not browser and not slow" -q \
		--cli-in-process --hypothesis-profile=check

# Re-resolve the lock from pyproject.toml's ranges: the newest versions they allow.
lock:
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv>=0.9,<1"
	$(BIN)/uv pip compile pyproject.toml --extra site --extra test --universal \
		--python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock" \
		--output-file $(LOCK) --upgrade

# The whole suite against the newest versions the ranges allow, in a separate environment
# (the scheduled workflow runs it to find drift before a contributor meets it).
test-newest:
	rm -rf $(NEWEST)
	$(PYTHON) -m venv $(NEWEST)
	$(NEWEST)/bin/pip install --quiet --upgrade pip
	$(NEWEST)/bin/pip install --quiet -e ".[site,test]"
	npm ci --silent --no-audit --no-fund
	$(NEWEST)/bin/revops validate
	PATH="$(CURDIR)/$(NEWEST)/bin:$$PATH" $(NEWEST)/bin/pytest -n auto --dist load

clean:
	rm -rf site $(VENV) $(NEWEST) node_modules
