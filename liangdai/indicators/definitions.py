"""The definitions of DOMAIN.md's figure table, in Chinese, for the briefing's appendix and the
figure tables: D is the as-of date, F the start of the period. A figure not listed here is defined
by its label in the registry."""

DEFINITIONS: dict[str, str] = {
    "villages": "行政村个数（区划代码12位、第10位为2）",
    "venues_built": "建设方式为新建或扩建、完成日期在统计期间内的村级组织活动场所",
    "venues_ge_200": "活动场所面积200平方米及以上的行政村（无场所的不计）",
    "venues_ge_200_share": "活动场所面积200平方米及以上的行政村 ÷ 行政村",
    "venues_ge_500_share": "活动场所面积500平方米及以上的行政村 ÷ 行政村",
    "secretaries": "截止日期在任的村党组织书记",
    "secretaries_replaced": "以“调整撤换”结束、结束日期在统计期间内的村党组织书记任职",
    "secretary_avg_age": "在任村党组织书记截止日期的平均年龄",
    "secretary_under_60_share": "60岁以下的在任书记 ÷ 在任书记",
    "secretary_high_school_share": "高中及以上学历的在任书记 ÷ 在任书记",
    "secretary_wealth_leader_share": "截止日期同为致富带头人的在任书记 ÷ 在任书记",
    "secretary_director_share": "截止日期同时担任本村村委会主任的在任书记 ÷ 在任书记（“一肩挑”）",
    "trainees_region": "自治区级培训班的学员人次（乡镇级班次不计入比例）",
    "trainees_city": "市级培训班的学员人次",
    "trainees_county": "县级培训班的学员人次",
    "training_ratio": "自治区、市、县三级学员人次除以其最大公约数，记为 a:b:c",
    "demo_classes": "有本地学员的自治区级示范培训班",
    "demo_bases": "上述示范班所在的不同培训基地",
    "demo_trainees": "在上述示范班受训的不同人员",
    "wealth_leaders": "截止日期在册、家在本地村的致富带头人（认定日期不晚于截止日期，未退出或退出日期不早于截止日期）",
    "people_driven": "上述致富带头人带动人数之和",
    "bonus_budget": "县当年设定、按规则分配的村干部报酬奖励总额",
}


def definition_of(indicator) -> str:
    """What a registered figure counts: DOMAIN.md's definition where it gives one, else its label."""
    return DEFINITIONS.get(indicator.id, indicator.label)
