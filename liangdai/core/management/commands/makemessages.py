"""Django's makemessages, also extracting `N_("...")`: texts marked with
`gettext_noop as N_` (the figure registry's labels and units) that are stored in Chinese and
translated where they are shown."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
