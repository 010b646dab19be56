"""Assessment feeds the stars of a year to the apps below it (the training plan's region places go
first to secretaries of villages with three stars or more) through `core.plugins.village_stars`."""

from liangdai.core import plugins
from liangdai.leaders.tests.makers import OUTSIDE, V1, V2, make_rating


def test_the_stars_of_a_node_and_year_reach_the_plugin_point(db):
    make_rating(V1, 2018, 3)
    make_rating(V2, 2018, 1)
    make_rating(V1, 2019, 5)
    make_rating(OUTSIDE, 2018, 4)
    assert plugins.village_stars("640402103", 2018) == {V1: 3, V2: 1}
    assert plugins.village_stars("640402103", 2017) == {}
