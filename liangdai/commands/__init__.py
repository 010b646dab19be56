"""Each command of the `liangdai` command line, one module each."""

from . import approval, backup, bonus, demo, divisions, importing, indicators, migrate, run, users

COMMANDS = [run, migrate, divisions, demo, users, importing, indicators, bonus, approval, backup]
