"""The append-only audit log: a database trigger refuses UPDATE and DELETE on both engines."""

from django.conf import settings
from django.db import models


class AuditLog(models.Model):
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False
    )
    actor_name = models.CharField("操作人", max_length=150)
    ip = models.CharField("来源地址", max_length=45, blank=True)
    action = models.CharField("操作", max_length=40)
    entity = models.CharField("对象类型", max_length=40, blank=True)
    entity_id = models.CharField("对象", max_length=80, blank=True)
    # The village (or division) code the record lies under: the audit log is scoped like the facts.
    code = models.CharField("区划代码", max_length=12, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    result = models.CharField("结果", max_length=20, default="成功")
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["entity", "entity_id"], name="audit_entity"),
            # The audit pages filter by area prefix and page by id: one index serves both.
            models.Index(fields=["code", "id"], name="audit_code_id", opclasses=["varchar_pattern_ops", "int8_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.entity} {self.entity_id}"
