"""Imports and exports from the pages. Between validation and commit the uploaded bytes wait under
var/uploads/<sha256>.xlsx; the commit finds them again only through an ImportRecord of the same
user, so no path ever comes from the client."""

import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

from liangdai.audit.services import record_export
from liangdai.core.errors import DomainError, NotFound
from liangdai.org.models import Division
from liangdai.org.scoping import Within, area_prefix, can_write

from .models import ImportRecord
from .pipeline import ImportResult, history_record, import_workbook
from .report import write_error_workbook
from .sheets import Sheet, known_sheets
from .workbooks import export, template

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def upload_dir() -> Path:
    return Path(settings.VAR_DIR) / "uploads"


def upload_path(sha256: str) -> Path:
    if not _SHA256.match(sha256):
        raise NotFound(sha256)
    return upload_dir() / f"{sha256}.xlsx"


def errors_path(record_id: int) -> Path:
    return upload_dir() / f"errors-{int(record_id)}.xlsx"


def _write_file(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def _keep_errors(result: ImportResult, data: bytes) -> None:
    if result.errors and result.record is not None:
        _write_file(errors_path(result.record.pk), write_error_workbook(data, result.errors))


def uploads_purge(max_age_hours: float = 24) -> int:
    """Remove uploads and error workbooks older than `max_age_hours`: a validated file waits a day
    for its commit, then it must be uploaded again. Returns how many files went."""
    cutoff = time.time() - max_age_hours * 3600
    removed = 0
    for path in upload_dir().glob("*.xlsx*"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def upload_validate(*, actor, data: bytes, filename: str) -> ImportResult:
    """Validate an uploaded workbook (nothing written) and keep its bytes for the commit.
    Raises FileError for a file that cannot be used at all."""
    if not can_write(actor):
        raise NotFound("import")
    uploads_purge()
    result = import_workbook(data=data, filename=filename, actor=actor, commit=False)
    path = upload_path(result.sha256)
    if not path.exists():
        _write_file(path, data)
    _keep_errors(result, data)
    return result


def upload_refused(*, actor, filename: str, reason: str) -> ImportRecord:
    """A file the upload form refused before it was read (empty, too large): in the import history
    with its reason like any file that could not be used, and audited."""
    if not can_write(actor):
        raise NotFound("import")
    prefix = area_prefix(actor) or ""
    return history_record(actor=actor, code=prefix, filename=filename, sha256="", refusal=reason, reason=reason)


def upload_commit(*, actor, record_id: int) -> ImportResult:
    """Commit the workbook that the user validated as `record_id`: all or nothing. The rows are
    checked again, since the database may have changed since the validation."""
    if not can_write(actor):
        raise NotFound("import")
    validated = ImportRecord.objects.filter(pk=record_id, user=actor, committed=False).first()
    if validated is None:
        raise NotFound(record_id)
    try:
        data = upload_path(validated.sha256).read_bytes()
    except OSError:
        raise DomainError("上传的文件已失效，请重新上传") from None
    if hashlib.sha256(data).hexdigest() != validated.sha256:
        raise DomainError("上传的文件已失效，请重新上传")
    result = import_workbook(data=data, filename=validated.filename, actor=actor, commit=True)
    _keep_errors(result, data)
    return result


def sheets_named(names: str | None) -> list[Sheet]:
    """The registered sheets, or those among `names` (comma or 、 separated) in template order."""
    sheets = known_sheets()
    if not names:
        return sheets
    wanted = {n.strip() for n in re.split(r"[,，、]", names) if n.strip()}
    chosen = [s for s in sheets if s.name in wanted]
    if not chosen:
        raise NotFound(names)
    return chosen


def template_build(*, names: str | None = None) -> bytes:
    return template(sheets_named(names))


@transaction.atomic
def area_export(*, actor, names: str | None = None, code: str | None = None) -> bytes:
    """The actor's area in the templates' shape, or with `code` the part of it under that division
    (DESIGN.md: `liangdai export`); identity and phone numbers masked as the actor sees them, so
    that the actor can import the file back (`masked`). A division missing or outside the area is
    NotFound, the same answer for both. Audited as 导出."""
    seen = actor if code is None else _within(actor, code)
    prefix = area_prefix(seen)
    if prefix is None:
        raise NotFound("export")
    sheets = sheets_named(names)
    data = export(sheets, seen)
    record_export(
        actor=actor, code=prefix, note="、".join(s.name for s in sheets), held={"sheets": [s.name for s in sheets]}
    )
    return data


def _within(actor, code: str) -> Within:
    if not Division.objects.filter(code=code).exists():
        raise NotFound(code)
    return Within(actor, code)
