"""Shared test set-up: Ningxia's divisions loaded once per test database, and the personas every
page, figure and export test uses (STYLE.md): a county user, a township clerk, an outsider."""

import pytest
from hypothesis import HealthCheck, settings

from liangdai.core.testing import make_user

# Property tests judge the code, not the machine: on a shared CI machine the generation of inputs
# can be slow (too_slow) and one example can outlast a deadline while the database is busy. The
# number of examples and every property stay as each test sets them.
settings.register_profile("shared-machine", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("shared-machine")

COUNTY = "640402"  # 原州区
TOWNSHIP = "640402103"  # 官厅镇
OTHER_COUNTY = "640425"  # 彭阳县


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from liangdai.org.divisions import divisions_load
    from liangdai.org.services import system_actor

    with django_db_blocker.unblock():
        divisions_load(actor=system_actor(), province="64")


@pytest.fixture
def client():
    """pytest-django's client, whose force_login also gives the second factor where it is required."""
    from liangdai.core.testing import verified_client_class

    return verified_client_class()()


@pytest.fixture
def system(db):
    from liangdai.org.services import system_actor

    return system_actor()


@pytest.fixture
def county_user(db):
    return make_user("county", COUNTY, "reviewer")


@pytest.fixture
def clerk(db):
    return make_user("clerk", TOWNSHIP, "entry")


@pytest.fixture
def outsider(db):
    """Bob: a clerk of another county, who must see nothing of 原州区."""
    return make_user("outsider", OTHER_COUNTY, "entry")
