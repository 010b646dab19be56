"""Importing this module registers every sheet the system knows, each declared in its own app."""

from liangdai.cadres import sheets as cadre_sheets  # noqa: F401
from liangdai.villages import sheets as village_sheets  # noqa: F401
