from django.conf import settings
from django.db import models


class ImportRecord(models.Model):
    """Each import: who, when, the file's SHA-256, rows read, created, updated."""

    at = models.DateTimeField("时间", auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, verbose_name="导入人")
    filename = models.CharField("文件名", max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    committed = models.BooleanField("已写入", default=False)
    rows_read = models.PositiveIntegerField("读取行数", default=0)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    errors = models.PositiveIntegerField("错误数", default=0)
    detail = models.JSONField("各表统计", default=dict)
    # The area of the importing user, so the import history is scoped like the facts.
    code = models.CharField("区划代码", max_length=12, blank=True)
    # A file that could not be used at all (not a workbook, encrypted, no header row…) is recorded
    # too, with the reason it was refused; a workbook that failed validation, with its first error.
    refused = models.BooleanField("无法使用", default=False)
    reason = models.CharField("原因", max_length=500, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.filename} {self.at:%Y-%m-%d %H:%M}"
