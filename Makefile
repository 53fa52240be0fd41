# Every target creates and fills its own virtual environment (.venv) on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ROOT ?= .
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build validate test lint bench clean

$(STAMP): pyproject.toml package.json package-lock.json
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[site,test]"
	npm ci --silent --no-audit --no-fund
	touch $(STAMP)

serve: $(STAMP)
	REVOPS_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

validate: $(STAMP)
	$(BIN)/revops validate --root $(ROOT)

lint: $(STAMP)
	$(BIN)/ruff check src scripts tests

test: $(STAMP)
	$(BIN)/revops validate
	$(BIN)/ruff check src scripts tests
	npm run --silent lint
	npm test --silent
	$(BIN)/pytest -n auto --dist load

clean:
	rm -rf site $(VENV) node_modules
