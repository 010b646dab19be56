# The two commands: `make run` and `make test`. Both install through `make setup`.
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NPM_STAMP := node_modules/.installed
EN_MO := liangdai/locale/en/LC_MESSAGES/django.mo

.PHONY: setup run test lint bench clean

setup: $(VENV_STAMP) $(NPM_STAMP) $(EN_MO)

$(VENV_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# English needs the compiled catalogue (not committed). Without GNU gettext's msgfmt the system
# still runs, in Chinese only.
$(EN_MO): liangdai/locale/en/LC_MESSAGES/django.po | $(VENV_STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) -m django compilemessages --settings=liangdai.settings --ignore='.venv/*' --ignore='node_modules/*'; \
	else \
		echo "notice: msgfmt (GNU gettext) not found; English is unavailable until it is installed and 'make setup' is run again."; \
	fi

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
