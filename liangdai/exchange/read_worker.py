"""The workbook reader's own process (`reading.read_sheets` starts it): reads a workbook (.xlsx,
.xlsm, .xls or .ods: calamine finds which from its bytes) from stdin under the memory and CPU
limits given on its command line and writes each sheet's rows to stdout as a pickle. Standard
library and python-calamine only: it starts in a few tens of milliseconds and never sets up
Django, so a file that makes calamine abort kills this process and nothing else.

    python -I read_worker.py MEMORY_BYTES CPU_SECONDS < book.xls > sheets.pickle

Exit 0: the pickle is on stdout; 3: calamine refused the file (on stderr, one word of `REFUSALS`
on the first line, calamine's own text after it); anything else (a MemoryError, an abort, a
signal): the file is too big or broken.
"""

import io
import pickle
import resource
import sys

CALAMINE_REFUSED = 3
# Why calamine refused a file, as the first line of stderr: reading.py words it for the user.
REFUSALS = ("password", "broken")


def main() -> int:
    memory, seconds = int(sys.argv[1]), int(sys.argv[2])
    # Before calamine is even imported, so that every allocation of the reading counts.
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    data = sys.stdin.buffer.read()
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    except PasswordError as exc:
        sys.stderr.write(f"password\n{exc}")
        return CALAMINE_REFUSED
    except (CalamineError, ValueError, OSError) as exc:
        sys.stderr.write(f"broken\n{exc}")
        return CALAMINE_REFUSED
    del data, book
    pickler = pickle.Pickler(sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: cells hold no shared references, and this halves the dump time
    pickler.dump(sheets)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
