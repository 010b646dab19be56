# The two commands: `make run` and `make test`. Both install through `make setup`.
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NPM_STAMP := node_modules/.installed

.PHONY: setup run test lint e2e bench clean

setup: $(VENV_STAMP) $(NPM_STAMP)

$(VENV_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: setup
	.venv/bin/liangdai run

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	$(PY) -m django makemigrations --check --dry-run --settings=liangdai.settings

test: lint
	$(PY) -m pytest

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf .venv node_modules var/*.sqlite3*
