"""Each command of the `liangdai` command line, one module each."""

from . import approval, backup, bonus, briefing, demo, divisions, export, importing, indicators, migrate, run, users

COMMANDS = [run, migrate, divisions, demo, users, importing, export, indicators, briefing, bonus, approval, backup]
