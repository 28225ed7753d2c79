# Two commands do all the set-up on a fresh machine: `make book` and `make test`.
# Each bootstraps .venv from requirements.lock (exact versions, hashes) on first use.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test lab bench validate export lock clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

validate: $(STAMP)
	$(BIN)/lawgov validate

book: $(STAMP)
	$(BIN)/python -m lawgov.publish.build

test: $(STAMP)
	$(BIN)/python -m pytest -n 2

# JupyterLab opens every MyST .md notebook as a notebook (jupytext's "Jupytext Notebook"
# viewer as the default for markdown/myst, set in the venv's overrides.json, not in ~).
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
lab: $(STAMP)
	@$(BIN)/jupytext-config --settings-file $(LAB_OVERRIDES) set-default-viewer markdown myst
	$(BIN)/jupyter lab --notebook-dir=book $(if $(filter 0,$(shell id -u)),--allow-root)

# The data package alone (make book also writes it into the book's downloads).
export: $(STAMP)
	$(BIN)/lawgov export dist/data

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# Re-resolve the lock after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --extra book --extra test --python-version 3.11 \
	  --generate-hashes -o requirements.lock

clean:
	rm -rf book/_build
