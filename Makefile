# Norrlager: two commands matter. `make run` sets up and builds the demo warehouse;
# `make test` sets up and runs every test. Everything else is a convenience.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Telemetry calls hang or fail on machines without internet access.
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DBT_PROFILES_DIR := $(CURDIR)

.PHONY: run test test-fast lint parity bench serve setup clean help

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' Makefile | awk -F':.*## ' '{printf "  make %-6s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Spark (pyspark is large): installed for the tests, not for `make run`.
SPARK_STAMP := $(VENV)/.spark-installed
$(SPARK_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	@touch $(SPARK_STAMP)

setup: $(STAMP) ## create .venv and install pinned dependencies

run: $(STAMP) ## simulate the demo region, load it, dbt build, reconcile, print a summary
	$(BIN)/norrlager run

test: $(STAMP) $(SPARK_STAMP) ## lint (ruff, sqlfluff) and run every test (pytest, dbt tests, Spark parity)
	$(BIN)/ruff check norrlager tests flows
	NORRLAGER_WAREHOUSE=$(CURDIR)/target/sqlfluff.duckdb $(BIN)/sqlfluff lint models dbt_tests analyses
	$(BIN)/pytest

test-fast: $(STAMP) ## ruff and the tests that need no demo warehouse, dbt unit tests included (about 2 min)
	$(BIN)/ruff check norrlager tests flows
	HYPOTHESIS_PROFILE=quick $(BIN)/pytest -m "not slow"

lint: $(STAMP) ## lint only
	$(BIN)/ruff check norrlager tests flows
	NORRLAGER_WAREHOUSE=$(CURDIR)/target/sqlfluff.duckdb $(BIN)/sqlfluff lint models dbt_tests analyses

parity: $(STAMP) $(SPARK_STAMP) ## build a sample of the demo on DuckDB and on Spark, compare every model (after make run)
	$(BIN)/norrlager parity

bench: $(STAMP) ## time and measure simulate, load and dbt build; compare with direct DuckDB
	$(BIN)/norrlager bench

serve: $(STAMP) ## start a local Prefect server and serve the monthly refresh (5th, 06:00 Stockholm)
	$(BIN)/norrlager serve

clean: ## remove generated data and build output (keeps .venv)
	rm -rf warehouse landing target logs bench/results
