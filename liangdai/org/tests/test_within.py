"""An actor narrowed to a node (`scoping.Within`, for an export of one node): the part of their area
under the node, never wider; nothing when the node lies outside; the system narrowed to the node."""

import pytest

from liangdai.core.testing import make_user
from liangdai.org.scoping import Within, area_prefix, can_reveal

TOWNSHIP = "640402103"
VILLAGE = "640402103200"


@pytest.mark.parametrize(
    ("code", "narrowed"),
    [
        (VILLAGE, VILLAGE),  # a node inside the area: that node
        ("640402", TOWNSHIP),  # a node above the area: the area itself, not the node
        ("64", TOWNSHIP),
        ("640402100", None),  # a neighbouring township: nothing
        ("640425", None),
    ],
)
def test_a_clerk_narrowed_to_a_node_keeps_within_their_area(clerk, code, narrowed):
    assert area_prefix(Within(clerk, code)) == narrowed


def test_the_system_narrowed_to_a_node_sees_that_node(system):
    assert area_prefix(Within(system, "640425")) == "640425"
    assert can_reveal(Within(system, "640425"))


def test_a_user_without_an_area_narrowed_to_a_node_still_sees_nothing(db):
    admin = make_user("sysadmin1", "64", "sysadmin")
    assert area_prefix(Within(admin, VILLAGE)) is None


def test_the_reveal_right_stays_the_actors_own(clerk):
    assert not can_reveal(Within(clerk, VILLAGE))
    clerk.can_reveal = True
    assert can_reveal(Within(clerk, VILLAGE))
