# companion — `make` lists the targets. Everything installs into .venv from PyPI; nothing else is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist; files are spread over them whole, see pyproject's addopts). The suite is
# CPU-bound: one per core. TEST_WORKERS=0 runs it serially in one process.
TEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install run demo serve test lint format evals bench load index vectors i18n clean

help: ## Show this help
	@echo "companion — session companion for reverse-mentoring programmes"
	@echo
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install companion with its dev tools

run: $(STAMP) ## Install, load the demo programme and serve on http://127.0.0.1:8000 (HOST/PORT to change)
	$(BIN)/companion demo --host $(HOST) --port $(PORT)
	$(BIN)/companion index
	$(BIN)/companion serve --host $(HOST) --port $(PORT)

demo: $(STAMP) ## Load the demo programme (idempotent) and print sign-in links for HOST/PORT
	$(BIN)/companion demo --host $(HOST) --port $(PORT)

serve: $(STAMP) ## Serve without touching demo data
	$(BIN)/companion serve --host $(HOST) --port $(PORT)

test: $(STAMP) ## Install and run the whole test suite on TEST_WORKERS=2 processes (SQLite, PostgreSQL when reachable, browser)
	@if [ -x scripts/install-browser.sh ]; then scripts/install-browser.sh; fi
	$(BIN)/pytest -q -n $(TEST_WORKERS)

lint: $(STAMP) ## ruff and mypy
	$(BIN)/ruff check companion tests evals benchmarks
	$(BIN)/ruff format --check companion tests evals benchmarks
	$(BIN)/mypy companion

format: $(STAMP) ## Format the code
	$(BIN)/ruff format companion tests evals benchmarks
	$(BIN)/ruff check --fix companion tests evals benchmarks

evals: $(STAMP) ## Run the principle evals against the configured composer
	$(BIN)/companion eval
	$(BIN)/python -m evals.plans

bench: $(STAMP) ## Run the benchmarks and print their figures
	$(BIN)/python benchmarks/retrieval.py
	$(BIN)/python benchmarks/retrieval_ablation.py
	$(BIN)/python benchmarks/generation.py
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/summaries.py
	$(BIN)/python benchmarks/startup.py

load: $(STAMP) ## HTTP load benchmark: agenda requests at 1, 8, 32 clients (SQLite; PostgreSQL + Redis when reachable)
	$(BIN)/python benchmarks/load.py

index: $(STAMP) ## Build or update the knowledge search index
	$(BIN)/companion index

vectors: $(STAMP) ## After editing knowledge cards: re-embed changed passages into the shipped vectors (commit them)
	$(BIN)/companion index --export-bundled

i18n: $(STAMP) ## Extract new texts into the gettext catalogue (companion/locales; compiled in memory)
	$(BIN)/pybabel extract -F babel.cfg -k t -k NP_:1c,2 -k NN_:1,2 --no-location --sort-output --project companion -o companion/locales/messages.pot .
	$(BIN)/pybabel update -i companion/locales/messages.pot -d companion/locales -D messages --no-fuzzy-matching --ignore-obsolete --width 110

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
