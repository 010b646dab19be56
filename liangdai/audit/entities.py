"""What each audited entity is, told by the app that records it.

An audit row names its entity by a short key ("holding", "ruleset"); the app that owns the record
registers, in its `AppConfig.ready()`, what the key means: its Chinese name, the model whose fields
label the row's values, the labels of keys its services add beyond the model's fields, and, where
a field-by-field reading says little (a rule's JSON), its own reading of a row. The audit app thus
reads every row without importing any app above it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

# A row read by its app: its subject (which record) and its changes as (label, before, after).
Reading = tuple[str, list[tuple[str, str, str]]]


@dataclass(frozen=True)
class Entity:
    label: str  # what the record is called, in Chinese
    model: str = ""  # "app_label.Model" whose fields the row's values are
    keys: dict[str, str] = field(default_factory=dict)  # labels of the keys that are no field of it
    read: Callable[..., Reading] | None = None  # the app's own reading of a row, else field by field


ENTITIES: dict[str, Entity] = {}


def register(name: str, label: str, model: str = "", *, keys: dict | None = None, read=None) -> None:
    """Say what the audit rows of entity `name` are (idempotent: `ready()` may run twice)."""
    ENTITIES[name] = Entity(label, model, dict(keys or {}), read)


def entity_of(name: str) -> Entity | None:
    return ENTITIES.get(name)
