"""Panels that other apps add to the node page: (template name, context function(actor, query) -> dict).

The node view calls `panels(actor, query)` and includes each template with the variable `panel` set to
its context (`{% for template, panel in panels %}{% include template %}{% endfor %}`). Functions are
named by dotted path so this module imports no app.
"""

from importlib import import_module

NODE_PANELS: list[tuple[str, str]] = [
    ("cadres/node_panel.html", "liangdai.cadres.selectors.node_panel"),
]


def panels(actor, query) -> list[tuple[str, dict]]:
    """Each panel's template and its context for the node and period of `query`."""
    found = []
    for template, path in NODE_PANELS:
        module, name = path.rsplit(".", 1)
        found.append((template, getattr(import_module(module), name)(actor, query)))
    return found
