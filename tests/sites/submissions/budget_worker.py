"""Check corpus files one after another under an address-space limit; one JSON line per file.

Run by ``test_submission_budget.py`` as ``python budget_worker.py LIMIT_BYTES SECONDS FILE...``.
Each file gets its own alarm of ``SECONDS``; the process as a whole runs under ``RLIMIT_AS``.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
import time
from pathlib import Path
from types import FrameType


class Overtime(BaseException):
    """Raised by the alarm: escapes the readers' ``except Exception`` on purpose."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Overtime


def main(argv: list[str]) -> int:
    limit, seconds, files = int(argv[0]), float(argv[1]), argv[2:]
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    root = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(root))
    from sites.catalog import load_catalog
    from sites.submissions import check_submission
    from tests.support.clock import DATA_TODAY

    catalog = load_catalog()
    signal.signal(signal.SIGALRM, _alarm)
    for name in files:
        path = Path(name)
        record: dict[str, object] = {"name": path.name}
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            sub = check_submission(path.read_bytes(), filename=path.name, catalog=catalog,
                                   today=DATA_TODAY)
            record |= {"ok": sub.ok, "problems": [[p.field, p.problem, p.expected]
                                                  for p in sub.problems[:5]]}
        except Overtime:
            record["overtime"] = True
        except BaseException as exc:  # report it; the test asserts none happen
            record["raised"] = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        record["seconds"] = round(time.perf_counter() - start, 3)
        record["max_rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
