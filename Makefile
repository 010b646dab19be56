# The two commands: `make run` and `make test`. Both install through `make setup`.
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NPM_STAMP := node_modules/.installed
EN_MO := liangdai/locale/en/LC_MESSAGES/django.mo

.PHONY: setup cjk-font run test lint bench clean

setup: $(VENV_STAMP) $(NPM_STAMP) $(EN_MO) cjk-font

# Setup says what it is doing in one line a step and otherwise only what went wrong: pip at -qq
# shows errors, not warnings; npm's summary goes to /dev/null, its errors to the terminal.
PIP := $(PY) -m pip install -qq --disable-pip-version-check

$(VENV_STAMP): pyproject.toml
	@echo "setup: Python packages in .venv (a few minutes the first time)"
	@test -x $(PY) || python3 -m venv .venv
	@$(PIP) --upgrade pip
	@$(PIP) -e '.[dev]'
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	@echo "setup: npm packages in node_modules"
	@npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

# English needs the compiled catalogue (not committed). Without GNU gettext's msgfmt the system
# still runs, in Chinese only.
$(EN_MO): liangdai/locale/en/LC_MESSAGES/django.po | $(VENV_STAMP)
	@if command -v msgfmt >/dev/null 2>&1; then \
		echo "setup: English message catalogue"; \
		$(PY) -m django compilemessages -v0 --settings=liangdai.settings --ignore='.venv/*' --ignore='node_modules/*'; \
	else \
		echo "notice: msgfmt (GNU gettext) not found; English is unavailable until it is installed and 'make setup' is run again."; \
	fi

# The Word briefing draws its charts with a CJK font: fonts-wqy-microhei (one 5 MB file of
# Simplified Chinese glyphs; fonts-noto-cjk is over ten times larger). Installed with apt-get when
# missing and running as root; otherwise a notice, and the briefing leaves its charts out.
WQY_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
cjk-font:
	@if [ -e $(WQY_FONT) ] || (command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .); then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		export DEBIAN_FRONTEND=noninteractive; \
		{ apt-get install -y -qq fonts-wqy-microhei || { apt-get update -qq && apt-get install -y -qq fonts-wqy-microhei; }; } >/dev/null 2>&1 \
			|| echo "notice: could not install fonts-wqy-microhei; the Word briefing leaves its charts out."; \
	else \
		echo "notice: no CJK font; run 'apt-get install fonts-wqy-microhei' as root, or the Word briefing leaves its charts out."; \
	fi

run: setup
	@.venv/bin/liangdai run

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
