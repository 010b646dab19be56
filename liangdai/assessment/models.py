"""Performance that pays (DOMAIN.md part 2): yearly star ratings of village party organisations,
yearly grades of cadres, and the county's bonus budget shared by them."""

from django.db import models

from liangdai.cadres.models import Person
from liangdai.org.models import Division


class StarRating(models.Model):
    """A village party organisation's stars (0-5) for a year, from its rubric score."""

    village = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="村")
    year = models.PositiveSmallIntegerField("年度")
    score = models.DecimalField("得分", max_digits=5, decimal_places=2)
    stars = models.PositiveSmallIntegerField("星级")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["village", "year"], name="star_village_year"),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100), name="star_score_range"),
            models.CheckConstraint(condition=models.Q(stars__lte=5), name="star_stars_range"),
        ]
        indexes = [models.Index(fields=["village"], name="star_prefix", opclasses=["varchar_pattern_ops"])]
        ordering = ["village", "year"]

    def __str__(self) -> str:
        return f"{self.village_id} {self.year} {self.stars}星"


class Grade(models.TextChoices):
    EXCELLENT = "优秀", "优秀"
    COMPETENT = "称职", "称职"
    BASIC = "基本称职", "基本称职"
    INCOMPETENT = "不称职", "不称职"


class Appraisal(models.Model):
    """A cadre's yearly grade (个人考核)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appraisals", verbose_name="人员")
    year = models.PositiveSmallIntegerField("年度")
    grade = models.CharField("考核等次", max_length=4, choices=Grade.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="appraisal_person_year")]
        ordering = ["person", "year"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year} {self.grade}"


class BonusBudget(models.Model):
    """The bonus total a county sets for a year (Yanchi county 2018: 3,522,000 yuan)."""

    county = models.ForeignKey(Division, on_delete=models.PROTECT, verbose_name="县")
    year = models.PositiveSmallIntegerField("年度")
    amount = models.PositiveBigIntegerField("奖励总额（元）")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["county", "year"], name="bonus_county_year")]
        indexes = [models.Index(fields=["county"], name="bonus_prefix", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return f"{self.county_id} {self.year} {self.amount}"
