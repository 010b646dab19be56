"""Every kind of record the services audit is registered by its app (`audit.entities`), so the audit
log, the village history and the person history name it in Chinese and label its fields."""

import re
from pathlib import Path

from liangdai.audit.display import entity_label, entity_model
from liangdai.audit.entities import ENTITIES

ROOT = Path(__file__).resolve().parents[2]
RECORDED = re.compile(r'\bentity="([a-z_]+)"')


def _recorded_entities() -> set[str]:
    """The entity keys written by the code outside tests (services, imports, commands)."""
    found: set[str] = set()
    for path in ROOT.rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            found |= set(RECORDED.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_audited_entity_is_registered_with_a_chinese_name():
    recorded = _recorded_entities()
    assert {"holding", "ruleset", "enrolment", "import"} <= recorded  # the scan finds them
    missing = recorded - set(ENTITIES)
    assert not missing, f"not registered in audit.entities: {sorted(missing)}"
    for name in recorded:
        assert not entity_label(name).isascii(), name


def test_a_registered_model_is_found_and_an_unknown_entity_reads_as_itself():
    assert entity_model("holding")._meta.label == "cadres.Holding"
    assert entity_model("export") is None  # an entity without a model of its own
    assert entity_label("no_such_thing") == "no_such_thing"
