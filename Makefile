# Two commands do all the set-up on a fresh machine: `make book` (the HTML book and its data
# downloads) and `make test`. Each bootstraps .venv from requirements.lock (exact versions,
# hashes) on first use; `make test` also .venv-lab (JupyterLab, requirements-lab.lock) for the
# test that drives JupyterLab. `make pdf` typesets the PDF edition of the built book with
# WeasyPrint and links it from the book; `make test` prints it too, so CI checks it.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LAB_VENV  := .venv-lab
LAB_BIN   := $(LAB_VENV)/bin
LAB_STAMP := $(LAB_VENV)/.installed

.PHONY: help book pdf test check lint lab lab-env notebooks-fmt notebooks-check bench validate export lock clean

# A bare `make` lists the targets (it never builds anything unasked).
.DEFAULT_GOAL := help

help:
	@echo "make book     the HTML book and its data downloads (book/_build/html)"
	@echo "make pdf      the PDF edition, after the book (needs Chromium)"
	@echo "make check    lint, then the quick tests (about a minute)"
	@echo "make test     lint, then every test (builds the book and the PDF if needed)"
	@echo "make lint     ruff format --check and ruff check"
	@echo "make lab      the notebooks in JupyterLab (its own environment, .venv-lab)"
	@echo "other targets: validate, export, bench, notebooks-fmt, notebooks-check, lock, clean"

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip sync -q --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

validate: $(STAMP)
	$(BIN)/lawgov validate

book: $(STAMP)
	$(BIN)/python -m lawgov.publish.build

# The PDF edition, after the book (it prints the book's single-page edition; needs Chromium).
# A later `make book` that changes the book removes it from the book's downloads again.
pdf: book
	$(BIN)/python -m lawgov.publish.pdf

# The tests read the built book and the PDF edition: their fixtures (tests/browser/harness.py,
# tests/test_pdf.py) build the book and print the PDF when missing or stale, so CI checks both.
test: lint $(STAMP) $(LAB_STAMP)
	$(BIN)/python -m pytest -n 2

# JupyterLab lives in its own environment, .venv-lab (the `lab` extra, requirements-lab.lock):
# the book's build never imports it. `make lab` opens book/ with every .md notebook as a
# notebook, charts drawn offline. Options: make lab PORT=8890 TOKEN=secret NO_BROWSER=1, or any
# `jupyter lab` option in LAB_ARGS="...". The settings go into .venv-lab, not into ~.

$(LAB_STAMP): requirements-lab.lock pyproject.toml $(STAMP)
	@test -x $(LAB_BIN)/python || $(BIN)/uv venv -q --python $(PYTHON) $(LAB_VENV)
	$(BIN)/uv pip sync -q --compile-bytecode --python $(LAB_BIN)/python requirements-lab.lock
	$(BIN)/uv pip install -q --python $(LAB_BIN)/python --no-deps -e .
	$(LAB_BIN)/python -m lawgov.publish.lab --configure-only
	@touch $(LAB_STAMP)

lab-env: $(LAB_STAMP)

lab: $(LAB_STAMP)
	$(LAB_BIN)/python -m lawgov.publish.lab $(if $(PORT),--port $(PORT)) $(if $(TOKEN),--token $(TOKEN)) \
	  $(if $(NO_BROWSER),--no-browser) $(LAB_ARGS)

# Rewrite book/*.md exactly as jupytext writes them when JupyterLab saves them (so that
# opening a notebook never changes it); `make notebooks-check` only reports.
notebooks-fmt: $(STAMP)
	$(BIN)/python -m lawgov.publish.notebook_text

notebooks-check: $(STAMP)
	$(BIN)/python -m lawgov.publish.notebook_text --check

# The data package alone (make book also writes it into the book's downloads).
export: $(STAMP)
	$(BIN)/lawgov export dist/data

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# Re-resolve the locks after changing dependencies in pyproject.toml: the build and tests
# (.venv), then JupyterLab's environment (.venv-lab) with the same versions where they overlap.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra book --extra test --python-version 3.11 \
	  --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra lab --python-version 3.11 \
	  --generate-hashes -c requirements.lock -o requirements-lab.lock

clean:
	rm -rf book/_build

# Ruff (pyproject.toml [tool.ruff]) over src/, tests/, benchmarks/ and book/_ext/: the code as
# `ruff format` writes it, and no lint finding. `make test` runs it first.
lint: $(STAMP)
	$(BIN)/ruff format --check
	$(BIN)/ruff check

# The quick tier: lint, then every test that needs no built book, no browser, no environment
# of its own and no long run of fresh kernels (the markers of pyproject.toml), in about a minute.
check: lint
	$(BIN)/python -m pytest -n 2 -m "not book and not browser and not venv and not slow"
