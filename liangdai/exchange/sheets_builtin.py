"""Importing this module registers every sheet the system knows, each declared in its own app."""

from liangdai.assessment import sheets as assessment_sheets  # noqa: F401
from liangdai.cadres import sheets as cadre_sheets  # noqa: F401
from liangdai.leaders import sheets as leader_sheets  # noqa: F401
from liangdai.party import sheets as party_sheets  # noqa: F401
from liangdai.training import sheets as training_sheets  # noqa: F401
from liangdai.villages import sheets as village_sheets  # noqa: F401
