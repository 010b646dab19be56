"""What comes next on a path (shown on the person page and used by the due lists) agrees with the
rules of a path: the next stage on its earliest day (and, for conversion, its latest) keeps every
rule, and a day outside them breaks exactly one."""

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from liangdai.party.models import STAGE_ORDER, Stage
from liangdai.party.rules import applicant_from, conversion_due_soon, next_stage, path_errors, ready_for_candidate

from .test_rules import births, valid_paths

DAY = dt.timedelta(days=1)
BIRTH = dt.date(1940, 1, 1)  # old enough for any path below


@settings(max_examples=150)
@given(valid_paths())
def test_the_next_stage_on_its_earliest_day_keeps_the_rules_and_a_day_before_breaks_one(path):
    dates, birth = path
    following = next_stage(dates, birth)
    if following is None:
        assert STAGE_ORDER[-1] in dates
        return
    assert STAGE_ORDER.index(following.stage) == max(STAGE_ORDER.index(s) for s in dates) + 1
    assert path_errors(dates | {following.stage: following.earliest}, birth) == []
    errors = path_errors(dates | {following.stage: following.earliest - DAY}, birth)
    assert [e.stage for e in errors] == [following.stage]


@settings(max_examples=100)
@given(valid_paths(required=(Stage.PROBATIONARY,)).filter(lambda path: Stage.FULL not in path[0]))
def test_a_conversion_on_its_latest_day_keeps_the_rules_and_a_day_after_breaks_one(path):
    dates, birth = path
    following = next_stage(dates, birth)
    assert following.stage == Stage.FULL
    assert path_errors(dates | {Stage.FULL: following.latest}, birth) == []
    errors = path_errors(dates | {Stage.FULL: following.latest + DAY}, birth)
    assert [(e.stage, e.other) for e in errors] == [(Stage.FULL, Stage.PROBATIONARY)]


@settings(max_examples=100)
@given(births)
@example(dt.date(1980, 2, 29))
def test_an_empty_path_begins_with_the_application_on_the_18th_birthday(birth):
    following = next_stage({}, birth)
    assert (following.stage, following.earliest, following.latest) == (Stage.APPLICANT, applicant_from(birth), None)
    assert path_errors({Stage.APPLICANT: following.earliest}, birth) == []
    assert [e.stage for e in path_errors({Stage.APPLICANT: following.earliest - DAY}, birth)] == [Stage.APPLICANT]


@settings(max_examples=100)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(-800, 800))
@example(dt.date(2016, 2, 29), 365)  # ready on 28 February 2017
def test_an_activist_is_ready_exactly_when_a_candidate_on_that_day_keeps_the_rules(activist, offset):
    as_of = activist + dt.timedelta(days=offset)
    path = {Stage.ACTIVIST: activist, Stage.CANDIDATE: as_of}
    keeps = path_errors(path, BIRTH) == []
    assert ready_for_candidate(activist, as_of) == (as_of >= activist and keeps)


@settings(max_examples=100)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(0, 800))
def test_a_conversion_is_due_soon_when_its_first_allowed_day_is_within_30_days(probation, offset):
    as_of = probation + dt.timedelta(days=offset)
    allowed = (as_of + n * DAY for n in range(800))
    first = next((d for d in allowed if not path_errors({Stage.PROBATIONARY: probation, Stage.FULL: d}, BIRTH)), None)
    assert conversion_due_soon(probation, as_of) == (first is not None and as_of < first <= as_of + 30 * DAY)
