"""Kill a writer with SIGKILL mid-write: every version accepted before survives, the file is sound.

The child prints each version number after ``accept`` returns (the transaction committed); the
parent kills it at a random moment while it keeps writing, then checks every acknowledged version
is stored and ``PRAGMA integrity_check`` is ``ok``. A second case kills a writer holding an open
transaction that has already spilled pages into the WAL; none of that transaction may appear.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sites.submissions import SubmissionStore

ROOT = Path(__file__).resolve().parents[3]

WRITER = textwrap.dedent("""
    import copy, sys
    from pathlib import Path
    from sites.catalog import load_catalog
    from sites.profile import parse_profile
    from sites.submissions import SubmissionStore
    from sites.submissions.templates import profile_mapping

    store = SubmissionStore(Path(sys.argv[1]))
    base = profile_mapping(load_catalog().by_id("kokkola-kip"))
    i = 0
    while True:
        i += 1
        data = copy.deepcopy(base)
        data["facts"]["employees"] = {"value": i, "unit": "persons", "status": "published",
                                      "as_of": "2026", "source": "https://kip.fi/"}
        park = parse_profile(data, origin="w").park
        version = store.accept(park, submitter="writer", comment="x" * 1500)
        print(version.version, flush=True)
""")

HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from sites.submissions import SubmissionStore

    store = SubmissionStore(Path(sys.argv[1]))
    with store._write() as conn:
        for n in range(3000):   # far more than the page cache: pages spill into the WAL
            conn.execute("INSERT INTO versions (park_id, version, action, profile, submitter, "
                         "comment, created_at) VALUES ('ghost', ?, 'accept', NULL, 'g', ?, 'now')",
                         (n + 1, "y" * 1900))
        print("inside", flush=True)
        import time
        time.sleep(60)
""")


def _spawn(script: str, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", script, str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _acknowledged_until_killed(db: Path, *, at_least: int, seed: int) -> list[int]:
    child = _spawn(WRITER, db)
    assert child.stdout is not None
    seen: list[int] = []
    try:
        while len(seen) < at_least:
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "writer died"
            seen.append(int(line))
        time.sleep(random.Random(seed).uniform(0, 0.05))  # land somewhere inside a write
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return seen


@pytest.mark.parametrize("seed", range(3))
def test_kill_during_writes_keeps_every_acknowledged_version(tmp_path: Path, seed: int) -> None:
    db = tmp_path / "db.sqlite"
    acknowledged = _acknowledged_until_killed(db, at_least=5, seed=seed)
    acknowledged += _acknowledged_until_killed(db, at_least=5, seed=seed + 10)
    store = SubmissionStore(db)
    assert store.integrity() == "ok"
    stored = [v.version for v in store.history("kokkola-kip")]
    assert set(acknowledged) <= set(stored)
    assert stored == list(range(1, len(stored) + 1))  # no gaps, no half-written version
    latest = store.history("kokkola-kip")[-1]
    assert latest.profile is not None and latest.profile["facts"]["employees"]["value"] >= 1
    assert store.accepted_parks()  # the newest version still parses into a park


def test_kill_inside_an_open_transaction_loses_only_that_transaction(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    acknowledged = _acknowledged_until_killed(db, at_least=3, seed=1)
    holder = _spawn(HOLDER, db)
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "inside"
        assert Path(f"{db}-wal").stat().st_size > 1_000_000  # uncommitted frames on disk
        os.kill(holder.pid, signal.SIGKILL)
    finally:
        if holder.poll() is None:
            os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
        holder.stdout.close()
        if holder.stderr:
            holder.stderr.close()
    store = SubmissionStore(db)
    assert store.integrity() == "ok"
    assert store.history("ghost") == ()
    assert set(acknowledged) <= {v.version for v in store.history("kokkola-kip")}
    assert store.park_ids() == ("kokkola-kip",)
