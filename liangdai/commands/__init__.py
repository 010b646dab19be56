"""Each command of the `liangdai` command line, one module each."""

from . import backup, bonus, demo, divisions, importing, indicators, run, users

COMMANDS = [run, divisions, demo, users, importing, indicators, bonus, backup]
