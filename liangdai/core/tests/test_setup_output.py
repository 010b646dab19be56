"""`make setup` tells a newcomer what it is doing in one line a step, and otherwise only what went
wrong (issue 11, the first hour): no echoed commands, no pip warnings or npm summary, no
"processing file" lines; errors still reach the terminal."""

import re
from pathlib import Path

from django.conf import settings

MAKEFILE = Path(settings.BASE_DIR) / "Makefile"
SETUP_TARGETS = ("$(VENV_STAMP)", "$(NPM_STAMP)", "$(EN_MO)", "cjk-font")


def recipes() -> dict[str, list[str]]:
    """Each rule's target -> its recipe lines (continuations joined)."""
    rules: dict[str, list[str]] = {}
    target = None
    text = MAKEFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith("\t") and target:
            rules[target].append(line[1:])
        elif re.match(r"^[^\s#][^=]*:(?!=)", line):
            target = line.split(":", 1)[0].strip()
            rules[target] = []
        elif line.strip():
            target = None
    return rules


def test_setup_is_made_of_the_steps_checked_here():
    setup = next(line for line in MAKEFILE.read_text(encoding="utf-8").splitlines() if line.startswith("setup:"))
    assert set(setup.split(":", 1)[1].split()) == set(SETUP_TARGETS)


def test_no_setup_step_echoes_its_commands():
    rules = recipes()
    for target in SETUP_TARGETS:
        assert rules[target], target
        assert all(line.startswith("@") for line in rules[target]), (target, rules[target])


def test_each_step_announces_itself_once():
    rules = recipes()
    for target in ("$(VENV_STAMP)", "$(NPM_STAMP)", "$(EN_MO)"):
        assert sum('echo "setup: ' in line for line in rules[target]) == 1, target


def test_the_tools_print_errors_only():
    text = MAKEFILE.read_text(encoding="utf-8")
    pip = re.search(r"^PIP := (.+)$", text, re.MULTILINE)[1]
    assert "-qq" in pip.split() and "--disable-pip-version-check" in pip.split()
    installs = [line for rule in recipes().values() for line in rule if "pip install" in line or "$(PIP)" in line]
    assert installs and all("$(PIP)" in line for line in installs)
    [npm] = [line for line in recipes()["$(NPM_STAMP)"] if "npm ci" in line]
    assert "--loglevel=error" in npm and npm.rstrip().endswith(">/dev/null") and "2>" not in npm
    [compile_line] = [line for line in recipes()["$(EN_MO)"] if "compilemessages" in line]
    assert " -v0 " in compile_line
