"""The defaults of DOMAIN.md, in force until the region or a county sets its own."""

DEFAULTS: dict[str, dict] = {
    # Service-for-the-people fund by registered population: [minimum population, yuan].
    "fund_tiers": {"tiers": [[0, 50000], [1000, 60000], [2000, 80000], [3000, 100000]]},
    # The items of the village rating with their maximum points, adding up to 100 (the report's
    # five fields of a village party organisation's work).
    "rubric": {"items": [["班子建设", 20], ["党员队伍", 20], ["组织生活", 20], ["发展集体经济", 20], ["服务群众", 20]]},
    # Stars from the score: [minimum score, stars], highest first; below the last, 0 stars.
    "star_thresholds": {"thresholds": [[90, 5], [80, 4], [70, 3], [60, 2], [50, 1]]},
    "bonus_factors": {
        "grade": {"优秀": 1.2, "称职": 1.0, "基本称职": 0.5, "不称职": 0},
        "position": {"党组织书记": 1.0, "村委会主任": 1.0, "other": 0.8},
    },
    # Large: drives 50+ households or earns 500,000+ yuan a year (50 万元); medium: 10+ or 100,000+.
    "leader_tiers": {"large": {"households": 50, "income": 50}, "medium": {"households": 10, "income": 10}},
    "training_ratio": {"region": 2, "city": 3, "county": 5},
}
