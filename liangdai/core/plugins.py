"""Where a domain app plugs into the pages and the backup. Each app's `AppConfig.ready()` adds its
parts here (its sheets go to `exchange.sheets.SHEETS`, its figures to `indicators.registry.REGISTRY`),
so that no lower layer imports a domain app and the import graph points only downward.

Parts are kept in the order they are added: the order of INSTALLED_APPS, which is also the order in
which the apps' models depend on each other.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class Panel:
    """A section of a page: a template included with the variable `panel` set to `context(actor, query)`."""

    template: str
    context: Callable[..., dict]


NODE_PANELS: list[Panel] = []  # sections of a node page: context(actor, figures Query)
WARNING_PANELS: list[Panel] = []  # sections of the warnings page: context(actor, node, as_of)
VILLAGE_PANELS: list[Panel] = []  # sections of a village's page: context(actor, village Division, year)
PERSON_PANELS: list[Panel] = []  # sections of a person's page, their story: context(actor, person)
BACKUP_MODELS: list[type[Model]] = []  # every table that `liangdai backup` writes, parents first
# The stars of the villages under a node in a year, from the app that rates them (assessment, above
# training, which plans by them): stars(code, year) -> {village code: stars}.
VILLAGE_STARS: list[Callable[[str, int], dict[str, int]]] = []


def add_node_panel(template: str, context: Callable[..., dict]) -> None:
    _add(NODE_PANELS, Panel(template, context))


def add_warning_panel(template: str, context: Callable[..., dict]) -> None:
    _add(WARNING_PANELS, Panel(template, context))


def add_village_panel(template: str, context: Callable[..., dict]) -> None:
    _add(VILLAGE_PANELS, Panel(template, context))


def add_person_panel(template: str, context: Callable[..., dict]) -> None:
    _add(PERSON_PANELS, Panel(template, context))


def add_village_stars(stars: Callable[[str, int], dict[str, int]]) -> None:
    _add(VILLAGE_STARS, stars)


def village_stars(code: str, year: int) -> dict[str, int]:
    """The stars of the villages under `code` in `year` that the registered apps know (none: {})."""
    found: dict[str, int] = {}
    for stars in VILLAGE_STARS:
        found |= stars(code, year)
    return found


def add_backup_models(*models: type[Model]) -> None:
    for model in models:
        _add(BACKUP_MODELS, model)


def _add(registry: list, item) -> None:
    # ready() may run twice in one process (tests that reload apps): adding is idempotent.
    if item not in registry:
        registry.append(item)


def render_panels(panels: list[Panel], *args) -> list[tuple[str, dict]]:
    """Each panel's template and its context, for `{% for template, panel in panels %}{% include template %}`."""
    return [(p.template, p.context(*args)) for p in panels]
