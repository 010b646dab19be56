"""Reading an uploaded workbook in a worker process, so that no file can take the server down
(issue 12). `inspection.inspect_workbook` refuses first what no real workbook resembles;
`read_sheets` then reads with python-calamine in its own process (`read_worker.py`) under a memory
and a time limit. Whatever slips past the inspection (a zip whose directory lies about its sizes, a
corruption that trips calamine) kills that process only; the server answers the next request.

- `MEMORY_LIMIT` 1 GiB of address space: the largest workbook the inspection lets through
  (4,000,000 cells) reads within ~600 MB (~140 bytes a cell; 3 million cells peaked at 465 MB).
- `TIME_LIMIT` 60 s of wall-clock time, then the worker is killed: that workbook reads in ~8 s.
"""

import logging
import math
import pickle
import subprocess
import sys
import threading
from io import BytesIO
from pathlib import Path

logger = logging.getLogger(__name__)

MEMORY_LIMIT = 1024 * 1024 * 1024
TIME_LIMIT = 60
WORKER = Path(__file__).with_name("read_worker.py")
CALAMINE_REFUSED = 3  # read_worker.py's exit code when calamine refuses the file
# At most two workbooks are read at once per server process: waitress serves 8 threads, and 8
# workers of 1 GiB each could exhaust a small server on their own.
_READERS = threading.BoundedSemaphore(2)

TOO_BIG = "工作簿过大或已损坏，无法读取（{}）"
ENCRYPTED = "工作簿已加密，请取消密码后再导入"
BROKEN = "工作簿已损坏或格式不对，无法读取：请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"


class FileError(Exception):
    """The file cannot be used at all (exit code 2): `reason` in Chinese, and the `kind` of file it
    was read as (kinds.LABELS), named after the reason in `message`."""

    def __init__(self, reason: str, kind: str = ""):
        self.reason, self.kind = reason, kind
        self.message = f"{reason}（{kind}）" if kind else reason
        super().__init__(self.message)


class _CellUnpickler(pickle.Unpickler):
    """Cells are str, float, int, bool and datetime values: a worker that a hostile file subverted
    still cannot make this process build anything else."""

    ALLOWED = {("datetime", name) for name in ("date", "datetime", "time", "timedelta", "timezone")}

    def find_class(self, module: str, name: str):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")
        return super().find_class(module, name)


def read_sheets(data: bytes) -> dict[str, list[list]]:
    """Each sheet's rows as `to_python(skip_empty_area=False)` gives them, read in a worker process
    limited to MEMORY_LIMIT bytes and TIME_LIMIT seconds (killed beyond)."""
    command = [sys.executable, "-I", str(WORKER), str(MEMORY_LIMIT), str(math.ceil(TIME_LIMIT))]
    # No backtrace: printing one allocates, and under the memory limit the panic hook then hangs.
    env = {"RUST_BACKTRACE": "0", "LC_ALL": "C.UTF-8"}
    with _READERS:
        try:
            # Our own script and arguments, no shell: the file only ever reaches the worker's stdin.
            done = subprocess.run(  # noqa: S603
                command, input=data, capture_output=True, timeout=TIME_LIMIT, env=env, check=False
            )
        except subprocess.TimeoutExpired:
            raise FileError(TOO_BIG.format(f"读取超过 {TIME_LIMIT} 秒")) from None
    reason = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode == CALAMINE_REFUSED:
        # calamine's own words are English and name its internals: logged, never shown.
        logger.info("calamine refused a workbook: %s", reason[-2000:])
        raise FileError(ENCRYPTED if reason.startswith("password") else BROKEN)
    if done.returncode != 0:
        logger.warning("workbook reader exited with %s: %s", done.returncode, reason[-2000:])
        raise FileError(TOO_BIG.format(f"读取进程异常退出，内存上限 {MEMORY_LIMIT // 2**20} MB"))
    try:
        return _CellUnpickler(BytesIO(done.stdout)).load()  # noqa: S301 (only cell values are allowed)
    except (pickle.UnpicklingError, EOFError, ValueError) as exc:
        logger.warning("workbook reader gave an invalid result: %s", exc)
        raise FileError(TOO_BIG.format("读取结果无效")) from None
