"""Every definition names a registered figure (a renamed figure cannot leave its definition behind)."""

from liangdai.indicators.definitions import DEFINITIONS, definition_of
from liangdai.indicators.registry import REGISTRY


def test_every_definition_is_of_a_registered_figure():
    registered = {indicator.id for indicator in REGISTRY.indicators()}
    assert set(DEFINITIONS) <= registered


def test_a_figure_without_a_definition_is_defined_by_its_label():
    indicator = next(i for i in REGISTRY.indicators() if i.id not in DEFINITIONS)
    assert definition_of(indicator) == indicator.label
