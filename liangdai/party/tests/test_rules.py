"""Properties of the development path rules (DOMAIN.md part 6, EXCHANGE.md 发展党员): any valid path
passes; a path breaking exactly one rule fails with that rule's message, and only that."""

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from liangdai.core.dates import age_on, years_later
from liangdai.party.models import STAGE_ORDER, Stage
from liangdai.party.rules import applicant_from, path_errors

births = st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2000, 12, 31))
days = st.integers(min_value=0, max_value=2000)


@st.composite
def valid_paths(draw, required: tuple[str, ...] = ()) -> tuple[dict[str, dt.date], dt.date]:
    """(stage -> date, birth date) of a path keeping every rule; it holds the `required` stages."""
    birth = draw(births)
    others = [s for s in STAGE_ORDER if s not in required]
    chosen = set(required) | draw(st.sets(st.sampled_from(others), min_size=0 if required else 1))
    dates: dict[str, dt.date] = {}
    previous: tuple[str, dt.date] | None = None
    for stage in [s for s in STAGE_ORDER if s in chosen]:
        if previous is None:
            earliest = applicant_from(birth)  # an applicant is 18; other first stages are older yet
            day = earliest + dt.timedelta(days=draw(days))
        elif (previous[0], stage) == (Stage.ACTIVIST, Stage.CANDIDATE):
            day = years_later(previous[1], 1) + dt.timedelta(days=draw(days))
        elif (previous[0], stage) == (Stage.PROBATIONARY, Stage.FULL):
            shortest, longest = years_later(previous[1], 1), years_later(previous[1], 2)
            day = shortest + dt.timedelta(days=draw(st.integers(0, (longest - shortest).days)))
        else:
            day = previous[1] + dt.timedelta(days=draw(days))
        dates[stage] = day
        previous = (stage, day)
    return dates, birth


@given(valid_paths())
@example(({Stage.APPLICANT: dt.date(1998, 3, 1)}, dt.date(1980, 2, 29)))  # 18 on 1 March, not 28 February
def test_any_valid_path_passes(path):
    dates, birth = path
    assert path_errors(dates, birth) == []


@given(valid_paths().filter(lambda path: len(path[0]) >= 2), st.data())
def test_a_date_going_back_is_that_error_only(path, data):
    dates, birth = path
    present = [s for s in STAGE_ORDER if s in dates]
    i = data.draw(st.integers(0, len(present) - 2))
    earlier, later = present[i], present[i + 1]
    # Moving the earlier stage past the later one breaks their order and nothing else.
    dates[earlier] = dates[later] + dt.timedelta(days=data.draw(st.integers(1, 400)))
    message = f"{later}的日期（{dates[later]}）早于{earlier}的日期（{dates[earlier]}），日期不能倒退"
    assert [(e.stage, e.other, e.message) for e in path_errors(dates, birth)] == [(later, earlier, message)]


@given(valid_paths(required=(Stage.APPLICANT,)), st.data())
def test_an_applicant_under_18_is_that_error_only(path, data):
    dates, birth = path
    applied = data.draw(st.dates(min_value=birth, max_value=applicant_from(birth) - dt.timedelta(days=1)))
    dates[Stage.APPLICANT] = applied
    message = f"申请入党时须年满18周岁（{applied}时为{age_on(birth, applied)}岁）"
    assert [(e.stage, e.message) for e in path_errors(dates, birth)] == [(Stage.APPLICANT, message)]


@given(valid_paths(required=(Stage.ACTIVIST, Stage.CANDIDATE)), st.data())
def test_less_than_a_year_as_activist_is_that_error_only(path, data):
    dates, birth = path
    activist = dates[Stage.ACTIVIST]
    candidate = data.draw(st.dates(min_value=activist, max_value=years_later(activist, 1) - dt.timedelta(days=1)))
    dates[Stage.CANDIDATE] = candidate
    message = f"确定为发展对象（{candidate}）须在成为入党积极分子（{activist}）满一年之后"
    errors = path_errors(dates, birth)
    assert [(e.stage, e.other, e.message) for e in errors] == [(Stage.CANDIDATE, Stage.ACTIVIST, message)]


@given(valid_paths(required=(Stage.PROBATIONARY, Stage.FULL)), st.data())
def test_a_probation_under_a_year_is_that_error_only(path, data):
    dates, birth = path
    probation = dates[Stage.PROBATIONARY]
    due = years_later(probation, 1)
    full = data.draw(st.dates(min_value=probation, max_value=due - dt.timedelta(days=1)))
    dates[Stage.FULL] = full
    message = f"预备期为一年：转为正式党员（{full}）不能早于{due}"
    errors = path_errors(dates, birth)
    assert [(e.stage, e.other, e.message) for e in errors] == [(Stage.FULL, Stage.PROBATIONARY, message)]


@given(valid_paths(required=(Stage.PROBATIONARY, Stage.FULL)), st.integers(1, 2000))
def test_a_probation_over_two_years_is_that_error_only(path, extra):
    dates, birth = path
    deadline = years_later(dates[Stage.PROBATIONARY], 2)
    full = deadline + dt.timedelta(days=extra)
    dates[Stage.FULL] = full
    message = f"预备期最长延长一年：转为正式党员（{full}）不能晚于{deadline}"
    errors = path_errors(dates, birth)
    assert [(e.stage, e.other, e.message) for e in errors] == [(Stage.FULL, Stage.PROBATIONARY, message)]
