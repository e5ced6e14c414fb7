# The project's interface. `make help` lists the targets. Every target builds .venv first if needed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)

RAW_DIR ?=
OUT_DIR ?=
FORCE ?=
DEBUG ?=
N_PROCESS ?= 0
SCHEDULER ?=
BENCH_ARGS ?=
LAB_ARGS ?=

RUN_ARGS := $(if $(RAW_DIR),--raw-dir "$(RAW_DIR)") $(if $(OUT_DIR),--out-dir "$(OUT_DIR)") \
            $(if $(FORCE),--force) $(if $(filter-out 0,$(DEBUG)),--debug) --n-process $(N_PROCESS) \
            $(if $(SCHEDULER),--scheduler "$(SCHEDULER)") $(if $(MAX_FILE_MB),--max-file-mb $(MAX_FILE_MB))

.DEFAULT_GOAL := help
.PHONY: help report test lint baseline lab bench env clean-cache

help: ## List the targets with one line each
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  Variables: RAW_DIR=<folder> OUT_DIR=<folder> FORCE=1 DEBUG=1 N_PROCESS=<n, 0=auto> MAX_FILE_MB=<n>"
	@echo "             SCHEDULER=tcp://host:8786 (Dask) BENCH_ARGS=\"--sizes 1000 --corpus <file>\""
	@echo "             LAB_ARGS=\"--ip=0.0.0.0 --port=8890 --no-browser\" (options of jupyter lab)"

$(STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed; found " + sys.version.split()[0])'
	@echo "Creating $(VENV) with the pinned dependencies (requirements.txt); this takes a few minutes the first time."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt > $(VENV)/install.log 2>&1 \
		|| { tail -n 30 $(VENV)/install.log; echo "pip install failed: see $(VENV)/install.log"; exit 1; }
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e . >> $(VENV)/install.log 2>&1 \
		|| { tail -n 30 $(VENV)/install.log; echo "installing the analysis package failed: see $(VENV)/install.log"; exit 1; }
	@$(PY) -c 'from analysis.pipeline.kernel import register_kernel; register_kernel()' >> $(VENV)/install.log 2>&1 \
		|| { tail -n 30 $(VENV)/install.log; echo "registering the Jupyter kernel failed: see $(VENV)/install.log"; exit 1; }
	@rm -f $(VENV)/.installed-*
	@touch $@

env: $(STAMP) ## Create .venv with the pinned dependencies (the other targets do it when needed)

report: $(STAMP) ## Run every stage on data/raw (or RAW_DIR=, OUT_DIR=) and render the report
	@$(PY) -m analysis run $(RUN_ARGS)

test: $(STAMP) ## Run every test: unit tests, then nbval on the committed notebooks
	@$(PY) -m pytest tests
	@$(PY) -m pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg \
		--nbval-cell-timeout=900 -p no:cacheprovider notebooks

lint: $(STAMP) ## Check the code with ruff (the rules are in pyproject.toml)
	@$(VENV)/bin/ruff check .

baseline: $(STAMP) ## Re-execute the committed notebooks to update the outputs nbval compares against
	@$(PY) -m analysis baseline $(if $(filter-out 0,$(DEBUG)),--debug)

lab: $(STAMP) ## Open JupyterLab on the notebooks with the project's kernel, "framing (.venv)" (LAB_ARGS= for options)
	@$(PY) -m analysis.pipeline.lab $(LAB_ARGS)

bench: $(STAMP) ## Measure speed and memory (seeds cold/warm, 1k and 10k articles); writes benchmarks/RESULTS.md
	@$(PY) benchmarks/run.py $(BENCH_ARGS)

clean-cache: ## Delete the caches of parses and held-out tables (.cache/)
	@rm -rf .cache
