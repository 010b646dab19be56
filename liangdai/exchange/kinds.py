"""What kind of workbook a file is (issue 11, "file kinds"). python-calamine reads .xlsx, .xlsm,
.xls and .ods alike; the kind is told from the file's bytes (a file keeps its kind whatever it is
named), and every refusal names it. A WPS .et file, an encrypted workbook and a file that is no
workbook at all are refused here, each with what to do.
"""

import zipfile
import zlib
from io import BytesIO
from pathlib import PurePath

from .reading import BROKEN, ENCRYPTED, FileError

XLSX, XLSM, XLS, ODS = ".xlsx", ".xlsm", ".xls", ".ods"
LABELS = {
    XLSX: "Excel 工作簿 .xlsx",
    XLSM: "Excel 启用宏的工作簿 .xlsm",
    XLS: "Excel 97-2003 工作簿 .xls",
    ODS: "OpenDocument 表格 .ods",
}
ACCEPTED = "、".join(LABELS)  # for the messages
ACCEPT_ATTRIBUTE = ",".join(LABELS)  # for the upload field's accept=
WPS = (".et", ".ett")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
SMALL_MEMBER = 64 * 1024  # what is read of a member to tell the kind: never a whole sheet


def extension(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


def kind_of(data: bytes, filename: str) -> str:
    """One of XLSX, XLSM, XLS, ODS, told from the bytes; FileError (in Chinese, naming the kind)
    for a WPS .et file, an encrypted workbook or a file that is no workbook."""
    named = extension(filename)
    if named in WPS:
        raise FileError("WPS 表格文件（.et）不能直接导入：请在 WPS 中另存为 .xlsx")
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            # Excel keeps an encrypted .xlsx or .xlsm inside an OLE file: only its name tells which.
            raise FileError(ENCRYPTED, LABELS[named] if named in (XLSX, XLSM) else "Excel 工作簿")
        return XLS
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data, named)
    raise FileError(_not_a_workbook(named))


def _not_a_workbook(named: str) -> str:
    what = f"该文件（{named}）" if named else "该文件"
    return (
        f"{what}不是可导入的工作簿（可导入 {ACCEPTED}）。由其他系统导出的“.xls”可能是网页或文本文件，"
        "请用 Excel 或 WPS 打开后另存为 .xlsx"
    )


def _zip_kind(data: bytes, named: str) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as book:
            names = {n.lower(): n for n in book.namelist()}
            if "mimetype" in names and _head(book, names["mimetype"]).startswith(ODS_MIMETYPE):
                if b"encryption-data" in _head(book, names.get("meta-inf/manifest.xml")):
                    raise FileError(ENCRYPTED, LABELS[ODS])
                return ODS
            if "xl/workbook.xml" in names:
                types = _head(book, names.get("[content_types].xml"))
                return XLSM if "xl/vbaproject.bin" in names or b"macroEnabled" in types else XLSX
            if "xl/workbook.bin" in names:
                raise FileError("暂不支持 Excel 二进制工作簿（.xlsb）：请在 Excel 中另存为 .xlsx")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError):
        raise FileError(BROKEN, LABELS.get(named, "")) from None
    raise FileError(_not_a_workbook(named))


def _head(book: zipfile.ZipFile, name: str | None) -> bytes:
    """The first SMALL_MEMBER bytes of a member ('' when there is none)."""
    if name is None:
        return b""
    with book.open(name) as member:
        return member.read(SMALL_MEMBER)
