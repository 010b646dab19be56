"""Every write of the assessment app (DOMAIN.md part 2): star ratings with their weak-and-lax flag,
cadres' appraisals and the county's bonus budget. The single-record services serve the pages; the
bulk ones write what the sheets 星级评定 and 个人考核 have checked with the same rules (`rules`) in the
import's transaction. Each raises DomainError with a Chinese message and, in `column`, the field it
concerns, and audits what it writes in the same transaction."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from liangdai.audit.services import record, save_recorded, snapshot
from liangdai.cadres.models import Person, WeakOrganisation
from liangdai.core.errors import DomainError, NotFound
from liangdai.exchange.writes import existing_by_key, upsert
from liangdai.org.models import Division, Level, Role
from liangdai.org.scoping import check_code, require_write, visible_persons, writable_village

from . import approvals, rules
from .models import Appraisal, BonusBudget, StarRating
from .selectors import held_spans, latest_villages


@transaction.atomic
def bonus_budget_set(*, actor, county: str, year: int, amount: int) -> BonusBudget:
    """The county sets (or changes) its bonus total for `year` (DOMAIN.md part 2): the organisation
    department, that is a reviewer of the county or above, or the system."""
    check_code(actor, county)
    if actor.role not in {Role.REVIEWER, Role.SYSTEM}:
        raise PermissionDenied("无权设置奖励总额：须为县级及以上组织部门的审核用户")
    if not Division.objects.filter(code=county, level=Level.COUNTY).exists():
        raise DomainError(f"县级区划代码 {county} 不存在")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise DomainError("奖励总额应为不小于0的整数（元）")
    existing = BonusBudget.objects.filter(county_id=county, year=year).first()
    before = existing.amount if existing else None
    budget, _ = BonusBudget.objects.update_or_create(county_id=county, year=year, defaults={"amount": amount})
    record(
        actor=actor,
        action="设置奖励总额",
        entity="bonus_budget",
        entity_id=budget.pk,
        code=county,
        before={"amount": before} if existing else None,
        after={"year": year, "amount": amount},
    )
    return budget


def _raise_if(problem: str | None, column: str | None) -> None:
    if problem:
        raise DomainError(problem, column=column)


def _check_rating(village: str, year, score, stars, weak: bool | None, weak_reason: str) -> tuple[Decimal, int]:
    """The rules of the 星级评定 sheet; returns the score as stored and the stars that follow."""
    _raise_if(rules.year_problem(year), "year")
    _raise_if(rules.score_problem(score), "score")
    score = Decimal(str(score)).quantize(Decimal("0.01"))
    _raise_if(rules.weak_reason_problem(weak, weak_reason), "weak_reason")
    expected = rules.thresholds_for(village, year).stars(score)
    _raise_if(rules.stars_problem(year, score, stars, expected), "stars")
    flagged = WeakOrganisation.objects.filter(village_id=village, year=year).exists()
    _raise_if(rules.weak_withdrawal_problem(year, weak, flagged), "weak")
    return score, expected


def _flag(actor, village: str, year: int, reason: str) -> None:
    """The village's weak-and-lax flag of `year`, given with its rating: created, or its reason changed."""
    weak = WeakOrganisation.objects.select_for_update().filter(village_id=village, year=year).first()
    if weak is not None and weak.reason == reason:
        return
    before = snapshot(weak)
    weak = weak or WeakOrganisation(village_id=village, year=year, flagged_on=rules.flag_day(year))
    weak.reason = reason
    weak.save()
    action = "修改软弱涣散原因" if before else "认定软弱涣散"
    after = snapshot(weak)
    record(actor=actor, action=action, entity="weak", entity_id=weak.pk, code=village, before=before, after=after)


@transaction.atomic
def star_rating_save(
    *,
    actor,
    village: str,
    year: int,
    score: Decimal | None = None,
    items: dict[str, Decimal] | None = None,
    stars: int | None = None,
    weak: bool | None = None,
    weak_reason: str = "",
) -> StarRating:
    """A village party organisation's rating of `year` (DOMAIN.md part 2), created or changed, from
    its total `score` or from the points of each item of the year's rubric (`items`, by item name;
    the score is then their total, and a `score` given too must equal it). The stars follow from
    the score by the year's thresholds (`stars`, if given, must agree). `weak` True flags the
    organisation weak and lax for the year with `weak_reason`; None says nothing about it; False is
    refused while a flag is on record (it ends by rectification)."""
    writable_village(actor, village)
    _raise_if(approvals.locked_problem([village[:9]], year), None)
    weak_reason = (weak_reason or "").strip()
    if items is not None:
        _raise_if(rules.year_problem(year), "year")
        total = rules.items_total(village, year, items)
        _raise_if(rules.items_score_problem(score, total), "score")
        score = total
    score, stars = _check_rating(village, year, score, stars, weak, weak_reason)
    rating = StarRating.objects.select_for_update().filter(village_id=village, year=year).first()
    before = snapshot(rating)
    rating = rating or StarRating(village_id=village, year=year)
    rating.score, rating.stars = score, stars
    rating.items = {name: f"{points:f}" for name, points in items.items()} if items is not None else None
    save_recorded(rating, actor=actor, before=before, entity="star_rating", label="星级评定", code=village)
    if weak:
        _flag(actor, village, year, weak_reason)
    return rating


@transaction.atomic
def appraisal_save(*, actor, person: Person, year: int, grade: str) -> Appraisal:
    """A cadre's grade of `year` (个人考核), created or changed, for a year in which they held a
    position in the actor's area. A person the actor may not see is NotFound."""
    if not visible_persons(actor, Person.objects.filter(pk=person.pk)).exists():
        raise NotFound(person.pk)
    require_write(actor)
    _raise_if(rules.year_problem(year), "year")
    _raise_if(rules.grade_problem(grade), "grade")
    spans = held_spans(actor, [person.id_number], lock=True).get(person.id_number, [])
    _raise_if(rules.appraisal_problem(year, spans), "year")
    _raise_if(approvals.locked_problem({s.village[:9] for s in spans if s.covers_year(year)}, year), None)
    appraisal = Appraisal.objects.select_for_update().filter(person=person, year=year).first()
    if appraisal is not None and appraisal.grade == grade:
        return appraisal
    before = snapshot(appraisal)
    appraisal = appraisal or Appraisal(person=person, year=year)
    appraisal.grade = grade
    village = max((s for s in spans if s.covers_year(year)), key=lambda s: s.start).village
    save_recorded(appraisal, actor=actor, before=before, entity="appraisal", label="考核等次", code=village)
    return appraisal


def _rating_key(o) -> tuple:
    return (o.village_id, o.year)


@transaction.atomic
def star_ratings_import(*, ctx, ratings: list[StarRating], flags: list[WeakOrganisation]) -> tuple[int, int]:
    """Write the ratings of an import and the weak-and-lax flags given with them (new ones, or a
    changed reason), checked by the 星级评定 sheet with `rules`. The sheet gives totals: a rating
    scored item by item keeps its items while its total is unchanged, and loses them when the total
    changes. Returns the ratings (created, updated)."""
    existing = existing_by_key(StarRating.objects.all(), "village_id", {r.village_id for r in ratings}, _rating_key)
    for rating in ratings:
        old = existing.get(_rating_key(rating))
        rating.items = old.items if old is not None and old.score == rating.score else None
    created, updated = upsert(
        ctx,
        model=StarRating,
        entity="star_rating",
        items=ratings,
        existing=existing,
        key=_rating_key,
        fields=["score", "stars", "items"],
        code=lambda o: o.village_id,
    )
    upsert(
        ctx,
        model=WeakOrganisation,
        entity="weak",
        items=flags,
        existing=existing_by_key(
            WeakOrganisation.objects.all(), "village_id", {w.village_id for w in flags}, _rating_key
        ),
        key=_rating_key,
        fields=["reason"],
        code=lambda o: o.village_id,
    )
    return created, updated


@transaction.atomic
def appraisals_import(*, ctx, appraisals: list[Appraisal]) -> tuple[int, int]:
    """Write the appraisals of an import, checked by the 个人考核 sheet with `rules`; each audit row
    is filed under the village of the person's latest holding. Returns (created, updated)."""
    person_ids = {a.person_id for a in appraisals}
    villages = latest_villages(person_ids)
    return upsert(
        ctx,
        model=Appraisal,
        entity="appraisal",
        items=appraisals,
        existing=existing_by_key(Appraisal.objects.all(), "person_id", person_ids, lambda o: (o.person_id, o.year)),
        key=lambda o: (o.person_id, o.year),
        fields=["grade"],
        code=lambda o: villages.get(o.person_id, ""),
    )
