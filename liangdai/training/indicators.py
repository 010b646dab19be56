"""Figures of training (DOMAIN.md part 4 and the acceptance table): rotation training shared by
region, city and county (2:3:5), the region's demonstration classes and bases, coverage."""

import math

from django.utils.translation import gettext_noop as N_

from liangdai.cadres.models import Holding
from liangdai.core.memo import per_request
from liangdai.indicators.registry import Indicator, Query, figure_group, share
from liangdai.leaders.indicators import secretaries_on
from liangdai.leaders.models import WealthLeader

from .models import Enrolment, Level
from .selectors import training_village

TRAINING = N_("培训")
LEVEL_IDS = {
    Level.REGION: "trainees_region",
    Level.CITY: "trainees_city",
    Level.COUNTY: "trainees_county",
    Level.TOWNSHIP: "trainees_township",
}


@per_request
def trainees(q: Query) -> tuple[tuple, ...]:
    """Trainees of the node (DOMAIN.md): completed enrolments in classes that ended within [F, D],
    each counted for the node of the trainee's village. Rows: (person, class, level, demo, base).

    One query: below the country, the enrolments of the persons who ever held a position or were a
    wealth leader under the node (each found through its own prefix index), each kept when the
    person's village for training (`selectors.training_village`, read by person) lies under the
    node; so a township reads its own trainees and not every enrolment in the database."""
    enrolments = Enrolment.objects.filter(completed=True, training_class__end__range=(q.start, q.as_of))
    if q.code:
        holders = Holding.objects.filter(village__code__startswith=q.code).order_by().values("person_id")
        leaders = WealthLeader.objects.filter(village__code__startswith=q.code).order_by().values("person_id")
        enrolments = enrolments.filter(person_id__in=holders.union(leaders))
    rows = (
        enrolments.annotate(village=training_village(q.as_of))
        .filter(village__startswith=q.code)
        .values_list(
            "person_id",
            "training_class_id",
            "training_class__level",
            "training_class__is_demo",
            "training_class__base",
        )
    )
    return tuple(sorted(rows))


def ratio(counts: list[int]) -> str | None:
    """`a:b:c` divided by the greatest common divisor; None when all are zero."""
    divisor = math.gcd(*counts)
    return ":".join(str(n // divisor) for n in counts) if divisor else None


@figure_group(
    Indicator("trainees_region", N_("自治区级培训学员"), N_("人次"), TRAINING),
    Indicator("trainees_city", N_("市级培训学员"), N_("人次"), TRAINING),
    Indicator("trainees_county", N_("县级培训学员"), N_("人次"), TRAINING),
    Indicator("trainees_township", N_("乡镇级培训学员"), N_("人次"), TRAINING),
    Indicator("training_ratio", N_("自治区、市、县培训比例"), "", TRAINING),
    Indicator("demo_classes", N_("自治区示范培训班"), N_("个"), TRAINING),
    Indicator("demo_bases", N_("示范培训基地"), N_("个"), TRAINING),
    Indicator("demo_trainees", N_("示范班培训人数"), N_("人"), TRAINING),
    Indicator("secretaries_untrained", N_("期间未参加培训的书记"), N_("人"), TRAINING),
    Indicator("secretary_training_share", N_("书记培训覆盖率"), N_("%"), TRAINING, 1),
)
def training_figures(q: Query) -> dict:
    rows = trainees(q)
    counts = dict.fromkeys(LEVEL_IDS.values(), 0)
    for _, _, level, _, _ in rows:
        counts[LEVEL_IDS[level]] += 1
    demo = [r for r in rows if r[2] == Level.REGION and r[3]]
    trained = {r[0] for r in rows}
    secretaries = list(secretaries_on(q.code, q.as_of).values_list("person_id", flat=True))
    covered = sum(1 for p in secretaries if p in trained)
    return counts | {
        "training_ratio": ratio([counts["trainees_region"], counts["trainees_city"], counts["trainees_county"]]),
        "demo_classes": len({r[1] for r in demo}),
        "demo_bases": len({r[4] for r in demo if r[4]}),
        "demo_trainees": len({r[0] for r in demo}),
        "secretaries_untrained": len(secretaries) - covered,
        "secretary_training_share": share(covered, len(secretaries)),
    }
