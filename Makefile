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

.PHONY: run test test-fast lint parity cluster-up cluster-down bench serve setup lock clean help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# Every dependency, transitive ones included, is installed from a lock file with its hashes
# (pip --require-hashes): a package that differs from the one locked is refused. The project
# itself is installed without build isolation, so not even the build backend is fetched unchecked.
LOCK       := requirements/dev.lock
SPARK_LOCK := requirements/spark.lock
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --no-deps
PIP_SELF   := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r $(LOCK)
	$(PIP_SELF)
	@touch $(STAMP)

# Spark (pyspark is large): installed for the tests, not for `make run`.
SPARK_STAMP := $(VENV)/.spark-installed
$(SPARK_STAMP): $(STAMP) $(SPARK_LOCK)
	$(PIP_LOCKED) -r $(SPARK_LOCK)
	@touch $(SPARK_STAMP)

UV_COMPILE := $(BIN)/uv pip compile pyproject.toml requirements/build.in --generate-hashes \
	--universal --python-version 3.11 --quiet

lock: $(STAMP) ## regenerate the hashed lock files after a change of pins in pyproject.toml
	$(UV_COMPILE) --extra dev -o $(LOCK)
	$(UV_COMPILE) --extra dev --extra spark -o $(SPARK_LOCK)

setup: $(STAMP) ## create .venv and install pinned dependencies

run: $(STAMP) ## simulate the demo region, load it, dbt build, reconcile, print a summary
	$(BIN)/norrlager run

# Two pytest-xdist workers, a module each at a time (module fixtures are built once); the demo
# warehouse is built once for both (tests/conftest.py). PYTEST_WORKERS= runs in one process.
SCALE ?= 1
PYTEST_WORKERS ?= -n 2 --dist loadscope --no-loadscope-reorder

test: $(STAMP) $(SPARK_STAMP) ## lint (ruff, sqlfluff) and run every test (pytest, dbt tests, Spark parity)
	$(BIN)/ruff check norrlager tests flows
	NORRLAGER_WAREHOUSE=$(CURDIR)/target/sqlfluff.duckdb $(BIN)/sqlfluff lint models dbt_tests analyses
	$(BIN)/pytest $(PYTEST_WORKERS)

test-fast: $(STAMP) ## ruff and the tests that need no demo warehouse, dbt unit tests included (about 2 min)
	$(BIN)/ruff check norrlager tests flows
	HYPOTHESIS_PROFILE=quick $(BIN)/pytest $(PYTEST_WORKERS) -m "not slow"

lint: $(STAMP) ## lint only
	$(BIN)/ruff check norrlager tests flows
	NORRLAGER_WAREHOUSE=$(CURDIR)/target/sqlfluff.duckdb $(BIN)/sqlfluff lint models dbt_tests analyses

PARITY_TARGET ?= spark
parity: $(STAMP) $(SPARK_STAMP) ## build a sample of the demo on DuckDB and on Spark, compare every model (after make run; PARITY_TARGET=spark_thrift for the cluster)
	$(BIN)/norrlager parity --target $(PARITY_TARGET)

cluster-up: $(STAMP) $(SPARK_STAMP) ## start a Spark cluster on this machine: master, two workers, Thrift server (target spark_thrift)
	$(BIN)/norrlager cluster up

cluster-down: $(STAMP) ## stop the Spark cluster cluster-up started
	$(BIN)/norrlager cluster down

bench: $(STAMP) ## time and measure simulate, load and dbt build; compare with direct DuckDB (SCALE=4 for a region four times the demo)
	$(BIN)/norrlager bench --scale $(SCALE)

serve: $(STAMP) ## start a local Prefect server and serve the monthly refresh (5th, 06:00 Stockholm)
	$(BIN)/norrlager serve

clean: ## remove generated data and build output (keeps .venv)
	rm -rf warehouse landing target logs bench/results
