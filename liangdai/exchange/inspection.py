"""A cheap look at an uploaded workbook before anything reads it (issue 12).

The standard library alone, streaming each zip member in 1 MiB pieces and scanning bytes: no XML
parser runs, so nothing a file declares (an external entity, an entity expansion) is resolved, and
memory stays at a few MiB whatever the file. It refuses what no real workbook holds, saying why:

- `MAX_ROWS` 200,000 rows and `MAX_COLUMNS` 200 columns: a county's largest workbook holds some
  tens of thousands of rows of at most ~20 columns (DESIGN.md, Scale; the suite imports 50,000
  rows). calamine allocates the whole rectangle from A1 to the last cell, so one cell at
  XFD1048576 asks for 17 billion cells (512 GiB) and a cell at Z1048576 for 1.2 GB. Both the
  sheet's declared `<dimension>` and the position of every cell count.
- `MAX_CELLS` 4,000,000 cells in that rectangle (200,000 rows x 20 columns): read, they take
  ~600 MB, within the reading worker's 1 GiB (reading.py).
- `MAX_TEXT` 32,767 characters in one cell, shared or inline: Excel's own limit, so no file that
  Excel or WPS saved exceeds it; one 200 MB cell cost 870 MB and 31 s to read.
- `MAX_UNCOMPRESSED` 256 MiB for all members together: 200,000 rows x 15 columns of inline strings
  is 145 MB of sheet XML.
- `MAX_RATIO` 100: a member over 1 MiB that inflates more than 100 times is a zip bomb (Apache
  POI's ZipSecureFile uses the same threshold; real sheets inflate 5-15 times, 500 MB of zeros
  ~1,000 times).
- `MAX_MEMBERS` 10,000 zip members; a workbook has a few dozen.
- DOCTYPE and ENTITY declarations (XXE, "billion laughs") and NUL bytes (UTF-16 XML, which these
  byte patterns would not see) in any XML member: Excel and WPS never write them.
- In an .ods, the rectangle up to the last cell with content, counting the rows and cells that
  `number-rows-repeated` and `number-columns-repeated` repeat (a 1 KB file can repeat one cell a
  million times; the empty rows LibreOffice repeats to the sheet's end do not count).

What kind of file it is (and whether it is encrypted) kinds.py has told before. An .xls is an OLE
compound file, not a zip: nothing here looks into it, and the reading worker's limits alone apply.
A zip directory can lie about sizes; the reading worker's memory and time limits catch that.
"""

import re
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO

from .kinds import ODS, XLS
from .reading import BROKEN, ENCRYPTED, FileError

MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 4_000_000
MAX_TEXT = 32_767
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024  # smaller members may inflate as much as they like
MAX_MEMBERS = 10_000

CHUNK = 1024 * 1024
MAX_TEXT_RUN = 1024 * 1024  # bytes between two tags; more than any cell's text can take
LONG_TEXT = f"工作簿中有单元格文字超过 {MAX_TEXT} 个字符（Excel 的上限），疑似恶意构造的文件"
DECLARATION = "工作簿中含有 DOCTYPE/ENTITY 声明或非 UTF-8 编码的内容（可能是 XXE 攻击），已拒绝"


def inspect_workbook(data: bytes, kind: str) -> None:
    """Raise FileError for a workbook of `kind` (kinds.py) that no real workbook resembles."""
    if kind == XLS:
        return
    try:
        with zipfile.ZipFile(BytesIO(data)) as book:
            members = book.infolist()
            _check_sizes(members)
            for member in members:
                _check_member(book, member, kind)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
        raise FileError(BROKEN) from None


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise FileError(f"工作簿内部文件多达 {len(members)} 个，不是正常的 Excel 工作簿")
    for m in members:
        ratio = m.file_size // max(m.compress_size, 1)
        if m.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise FileError(f"工作簿内部文件 {m.filename} 的压缩比异常（{ratio} 倍），疑似恶意构造的压缩包（压缩炸弹）")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise FileError(f"工作簿解压后达 {total // 2**20} MB，超过上限 {MAX_UNCOMPRESSED // 2**20} MB，请拆分后再导入")


def _check_member(book: zipfile.ZipFile, member: zipfile.ZipInfo, kind: str) -> None:
    if member.flag_bits & 0x1:
        raise FileError(ENCRYPTED)
    name = member.filename.lower()
    if not name.endswith((".xml", ".rels")):
        return  # images, the VBA project: calamine does not parse them
    regions = _regions(book, member)
    if kind == ODS and name == "content.xml":
        _check_ods_content(regions)
    elif name.endswith("sharedstrings.xml"):
        _check_shared_strings(regions)
    else:
        _check_sheet(regions)


_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _regions(book: zipfile.ZipFile, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's XML in pieces of about CHUNK bytes, each ending just after a `>`: no tag is
    split between two pieces."""
    carry = b""
    with book.open(member) as stream:
        while chunk := stream.read(CHUNK):
            buffer = carry + chunk
            if b"\x00" in chunk or (b"<!" in buffer and _DECLARATION.search(buffer)):
                raise FileError(DECLARATION)
            cut = buffer.rfind(b">") + 1
            carry = buffer[cut:]
            if len(carry) > MAX_TEXT_RUN:
                raise FileError(LONG_TEXT)
            yield buffer[:cut]


_TAG = re.compile(rb"<[^>]*>")
_LAYOUT = re.compile(rb">\s+<")
_ENTITY = re.compile(rb"&#?\w+;")


def _text_length(xml: bytes) -> int:
    """Characters of text in a piece of XML, an entity counting as one, the line breaks and
    indentation between tags as none."""
    text = _TAG.sub(b"", _LAYOUT.sub(b"><", xml))
    return len(_ENTITY.sub(b"&", text).decode("utf-8", "replace"))


class _Texts:
    """Each item's text (a cell's, a shared string's) fits in a cell, however many runs and pieces
    it spans. A character takes at least one byte, so most items pass on their length alone."""

    def __init__(self, end: bytes):
        self.end = end  # the item's closing tag
        self.pending = 0  # characters of the item that the previous piece left unfinished

    def feed(self, xml: bytes) -> None:
        items = xml.split(self.end)
        last = items.pop()
        if items:
            first = items[0]
            if self.pending + len(first) > MAX_TEXT and self.pending + _text_length(first) > MAX_TEXT:
                raise FileError(LONG_TEXT)
            self.pending = 0
            if max(map(len, items)) > MAX_TEXT and max(map(_text_length, items)) > MAX_TEXT:
                raise FileError(LONG_TEXT)
        self.pending += _text_length(last) if len(last) > 64 else len(last)  # short: its length bounds it
        if self.pending > MAX_TEXT:
            raise FileError(LONG_TEXT)


_SST = re.compile(rb"<(?:([\w.-]+):)?sst(?=[\s/>])")


def _check_shared_strings(regions: Iterator[bytes]) -> None:
    texts = None
    for xml in regions:
        if texts is None:
            root = _SST.search(xml)
            if root is None:
                continue
            texts = _Texts(b"</" + _prefix(root) + b"si>")
        texts.feed(xml)


def _prefix(match: re.Match) -> bytes:
    """`x:` for elements written `<x:c>`, nothing for `<c>`."""
    return match.group(1) + b":" if match.group(1) else b""


_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_DATA_START = re.compile(rb"<(?:([\w.-]+):)?sheetData(?=[\s/>])[^>]*>")


def _check_sheet(regions: Iterator[bytes]) -> None:
    """Every XML member but the shared strings; for a worksheet, its declared dimension, the
    rectangle from A1 to its last cell (what calamine allocates) and its cells' texts."""
    extent = _Extent()
    walk = texts = end = None
    for region in regions:
        xml = region
        if walk is None:
            if declared := _DIMENSION.search(xml):
                for ref in declared.group(1).split(b":"):
                    extent.add(*_cell_of(ref))
                extent.check()
            start = _DATA_START.search(xml)
            if start is None:
                continue
            if start.group().endswith(b"/>"):
                return
            prefix = _prefix(start)
            walk, texts, end = _Walk(prefix, extent), _Texts(b"</" + prefix + b"c>"), b"</" + prefix + b"sheetData>"
            xml = xml[start.end() :]
        stop = xml.find(end)
        if stop >= 0:
            xml = xml[:stop]
        texts.feed(xml)
        walk.feed(xml)
        extent.check()
        if stop >= 0:
            return


_REFERENCE = re.compile(rb"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def _cell_of(ref: bytes) -> tuple[int, int]:
    """(row, column), both from 1, of a reference like B12; (0, 0) for what is not one."""
    match = _REFERENCE.fullmatch(ref.strip())
    return (int(match.group(2)), _column_number(match.group(1))) if match else (0, 0)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


class _Extent:
    """The rectangle from A1 to the last row and column seen."""

    def __init__(self):
        self.rows = self.columns = 0

    def add(self, row: int, column: int) -> None:
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)

    def check(self) -> None:
        if self.rows > MAX_ROWS or self.columns > MAX_COLUMNS or self.rows * self.columns > MAX_CELLS:
            raise FileError(
                f"工作表的范围达 {self.rows} 行 × {self.columns} 列，超过上限（{MAX_ROWS} 行、{MAX_COLUMNS} 列、"
                f"共 {MAX_CELLS} 个单元格），请删除多余的空白行列或拆分后再导入"
            )


_R_ATTRIBUTE = re.compile(rb"(?:^|\s)r\s*=\s*[\"']\$?([A-Za-z]{0,3})\$?(\d{0,7})[\"']")


class _Walk:
    """Where each row and cell of a sheet lies. What Excel and WPS write (`<row r="5">`, `<c r="B5"`
    first) is read in one pass of C per piece; anything else (a row or cell without `r`, which
    follows the one before it as calamine reads it) tag by tag."""

    def __init__(self, prefix: bytes, extent: _Extent):
        # Inside sheetData no other element starts with `<c` or `<row`: counting these finds every
        # cell and row (and an odd element only sends the piece to the slow walk).
        self.cell, self.row_tag = cell, row = b"<" + prefix + b"c", b"<" + prefix + b"row"
        self.columns = re.compile(re.escape(cell) + rb' r="([A-Z]{1,3})[1-9]')
        self.numbers = re.compile(re.escape(cell) + rb' r="[A-Z]{1,3}([1-9]\d{0,6})"')
        self.rows = re.compile(re.escape(row) + rb' r="([1-9]\d{0,6})"')
        self.tags = re.compile(rb"<" + re.escape(prefix) + rb"(row|c)(?=[\s/>])([^>]*)>")
        self.extent = extent
        self.row = self.column = 0  # the last row and cell seen, for one without `r` after them

    def feed(self, xml: bytes) -> None:
        columns, numbers, rows = self.columns.findall(xml), self.numbers.findall(xml), self.rows.findall(xml)
        cells = xml.count(self.cell)
        if not (cells == len(columns) == len(numbers)) or len(rows) != xml.count(self.row_tag):
            self._tag_by_tag(xml)
            return
        if cells:  # sets first: a few hundred distinct columns and rows, where there are 300,000 cells
            self.extent.add(max(map(int, set(numbers))), max(map(_column_number, set(columns))))
            self.row, self.column = int(numbers[-1]), _column_number(columns[-1])
        if rows and xml.rfind(self.row_tag) > xml.rfind(self.cell):
            self.row, self.column = int(rows[-1]), 0

    def _tag_by_tag(self, xml: bytes) -> None:
        for tag, attributes in self.tags.findall(xml):
            ref = _R_ATTRIBUTE.search(attributes)
            if tag == b"row":
                self.row = int(ref.group(2)) if ref and ref.group(2) else self.row + 1
                self.column = 0
                continue
            self.column = _column_number(ref.group(1)) if ref and ref.group(1) else self.column + 1
            if ref and ref.group(2):
                self.row = int(ref.group(2))
            self.extent.add(self.row, self.column)


_ODS_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>")
_ROWS_REPEATED = re.compile(rb"number-rows-repeated\s*=\s*[\"'](\d{1,12})")
_COLUMNS_REPEATED = re.compile(rb"number-columns-repeated\s*=\s*[\"'](\d{1,12})")
_VALUE_TYPE = re.compile(rb"value-type\s*=")


def _check_ods_content(regions: Iterator[bytes]) -> None:
    """The sheets of an .ods: each one's rectangle up to its last cell with content, and its cells'
    texts (the text of a cell repeated counts once: its length, not the copies, is what is
    limited; the copies count as cells)."""
    walk, texts = _OdsWalk(), _Texts(b"</table:table-cell>")
    for xml in regions:
        texts.feed(xml)
        walk.feed(xml)


class _OdsWalk:
    """Rows and cells of an .ods content.xml, with their repetitions. A cell written `<…/>` with no
    value type is empty; an empty row, however often repeated, adds nothing to the rectangle."""

    def __init__(self):
        self.extent = _Extent()
        self.row = self.repeat = self.column = self.filled = 0

    def feed(self, xml: bytes) -> None:
        for closing, tag, attributes in _ODS_TAG.findall(xml):
            if tag == b"table":
                self.row = 0 if not closing else self.row
            elif tag == b"table-row":
                self._row(closing, attributes)
            elif not closing:
                repeated = _COLUMNS_REPEATED.search(attributes)
                self.column += int(repeated.group(1)) if repeated else 1
                if not attributes.endswith(b"/") or _VALUE_TYPE.search(attributes):
                    self.filled = self.column
        self.extent.check()

    def _row(self, closing: bytes, attributes: bytes) -> None:
        if not closing:
            repeated = _ROWS_REPEATED.search(attributes)
            self.repeat, self.column, self.filled = int(repeated.group(1)) if repeated else 1, 0, 0
        if closing or attributes.endswith(b"/"):
            if self.filled:
                self.extent.add(self.row + self.repeat, self.filled)
            self.row += self.repeat
