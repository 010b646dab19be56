"""The shape of the code (STYLE.md, issue "One rule, one place"): the import graph between apps points
only downward, and only org/scoping.py narrows a query to a user's area. Both read the source
with `ast`, so a new module is held to them the day it is written."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the `liangdai` package
# Lower layers first. An app may import its own layer's modules and any layer below it; within the
# domain layer, the apps in this order (a later app builds on the earlier ones).
LAYERS = [
    ["core"],
    ["audit"],  # every layer writes audit rows, org's accounts and divisions included
    ["org"],
    ["rules", "indicators", "exchange"],
    ["villages"],
    ["cadres"],
    ["leaders"],
    ["party"],
    ["training"],
    ["assessment"],
    ["reports"],
    ["commands", "<project>"],  # the command line, urls, api, demo, settings
]
RANK = {app: i for i, layer in enumerate(LAYERS) for app in layer}


def _app_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return parts[0] if len(parts) > 1 else "<project>"


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).parts
        if "tests" in rel or "migrations" in rel or rel[-1] == "testing.py":
            continue  # test support may reach anything it sets up
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _imported_apps(tree: ast.AST):
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "liangdai" and len(parts) > 1:
                app = parts[1] if parts[1] in RANK else "<project>"
                yield node.lineno, app


def test_every_app_has_a_layer():
    apps = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in ("locale",)}
    assert apps - set(RANK) == set()


def test_no_app_imports_a_higher_layer():
    upward = []
    for path, tree in _sources():
        here = _app_of(path)
        for line, app in _imported_apps(tree):
            if RANK[app] > RANK[here]:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {app}")
    assert upward == []


AREA_NAMES = {"area_prefix", "admin_area", "division_id"}


def _names_in(node: ast.AST) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
    return found


def _area_narrowing(tree: ast.AST):
    """Calls that compare a code with the actor's area by themselves: `x.startswith(<area>)` or a
    `...__startswith=<area>` filter, where <area> comes from `area_prefix`, `admin_area` or a user's
    `division_id` (or a variable named prefix)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr == "startswith":
            arguments = list(node.args)
        else:
            arguments = [k.value for k in node.keywords if k.arg and k.arg.endswith("__startswith")]
        for argument in arguments:
            names = _names_in(argument)
            if names & AREA_NAMES or "prefix" in names:
                yield node.lineno


def test_only_org_scoping_narrows_queries_to_a_users_area():
    found = []
    for path, tree in _sources():
        if path.relative_to(ROOT).parts[0] == "org" and path.name == "scoping.py":
            continue
        found += [f"{path.relative_to(ROOT)}:{line}" for line in _area_narrowing(tree)]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "qs.filter(village__code__startswith=area_prefix(actor))",
        "code.startswith(actor.division_id)",
        "prefix = area_prefix(actor)\ncode.startswith(prefix)",
    ],
)
def test_the_area_check_catches_hand_written_scoping(source):
    assert list(_area_narrowing(ast.parse(source)))


def test_the_area_check_leaves_figures_by_node_alone():
    source = "Holding.objects.filter(village__code__startswith=code)\nq.code.startswith(node.code)"
    assert list(_area_narrowing(ast.parse(source))) == []
