"""The `liangdai` command line (DESIGN.md): a thin parser over the services."""

import argparse
import os
import sys

import django


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liangdai.settings")
    django.setup()


def build_parser() -> argparse.ArgumentParser:
    from liangdai.commands import COMMANDS

    parser = argparse.ArgumentParser(prog="liangdai", description="两个带头人 信息系统")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_to(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    _setup()
    args = build_parser().parse_args(argv)
    from liangdai.commands.common import ensure_schema

    stop = ensure_schema(args)
    if stop is not None:
        return stop
    from django.conf import settings
    from django.utils import translation

    # The command line speaks Chinese (DESIGN.md), whatever language the process last used.
    with translation.override(settings.LANGUAGE_CODE):
        code = args.handler(args)
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
