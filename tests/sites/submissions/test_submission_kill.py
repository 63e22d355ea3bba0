"""Kill a writer with SIGKILL mid-write, on SQLite and on PostgreSQL: every version published
before survives and the database is sound.

The child prints each version number after it is published (the transaction committed): by
``accept`` (propose and publish in one transaction) or by ``propose`` then ``publish`` (two). The
parent kills it at a random moment while it keeps writing, then checks every acknowledged
version is stored and published, and that nothing is half-written. A second case kills a writer
holding an open transaction that has already written thousands of rows (on SQLite: spilled into
the WAL); none of that transaction may appear. On PostgreSQL a third case SIGKILLs the *server*
processes serving the writer, mid-write (the postmaster then runs crash recovery).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from sites.submissions import SubmissionStore
from sites.submissions.store import State

ROOT = Path(__file__).resolve().parents[3]

OPEN = """
def open_store(target):
    from pathlib import Path
    from sites.submissions import SubmissionStore
    return SubmissionStore.from_url(target) if "://" in target else SubmissionStore(Path(target))
"""

WRITER = textwrap.dedent(OPEN + """
import copy, sys, time
from sites.catalog import load_catalog
from sites.profile import parse_profile
from sites.submissions import StoreError
from sites.submissions.templates import profile_mapping

store = open_store(sys.argv[1])
base = profile_mapping(load_catalog().by_id("kokkola-kip"))
i = 0
while True:
    i += 1
    data = copy.deepcopy(base)
    data["facts"]["employees"] = {"value": i, "unit": "persons", "status": "published",
                                  "as_of": "2026", "source": "https://kip.fi/"}
    park = parse_profile(data, origin="w").park
    try:
        if i % 2:
            version = store.accept(park, submitter="writer", comment="x" * 1500)
        else:
            proposed = store.propose(park, submitter="writer", comment="y" * 1500)
            version = store.publish(proposed.park_id, proposed.version, curator="curator")
    except StoreError as exc:  # the server was killed under us: retry once it is back
        print("error", exc, file=sys.stderr, flush=True)
        time.sleep(0.2)
        continue
    print(version.version, flush=True)
""")

HOLDER = textwrap.dedent(OPEN + """
import sys, time
import sqlalchemy as sa

store = open_store(sys.argv[1])
with store._write() as conn:
    for n in range(3000):   # far more than the page cache: pages spill into the WAL
        conn.execute(sa.text("INSERT INTO versions (park_id, version, action, profile, "
                             "submitter, comment, created_at) VALUES "
                             "('ghost', :n, 'accept', NULL, 'g', :c, 'now')"),
                     {"n": n + 1, "c": "y" * 1900})
    print("inside", flush=True)
    time.sleep(60)
""")


@pytest.fixture
def target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where the child writes: a SQLite file or a fresh PostgreSQL database URL."""
    if backend == "sqlite":
        return str(tmp_path / "db.sqlite")
    return str(request.getfixturevalue("postgres_url"))


def _open(target: str) -> SubmissionStore:
    return SubmissionStore.from_url(target) if "://" in target else SubmissionStore(Path(target))


def _spawn(script: str, db: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", script, str(db)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _acknowledged_until_killed(db: str, *, at_least: int, seed: int) -> list[int]:
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


def _check(store: SubmissionStore, acknowledged: list[int], *, max_pending: int = 1) -> None:
    assert store.integrity() == "ok"
    history = store.history("kokkola-kip", include_unpublished=True)
    stored = [v.version for v in history]
    published = {v.version for v in history if v.state is State.PUBLISHED}
    assert set(acknowledged) <= published
    assert stored == list(range(1, len(stored) + 1))  # no gaps, no half-written version
    # at most the version being published when the writer died is left pending
    assert len(stored) - len(published) <= max_pending
    latest = store.history("kokkola-kip")[-1]
    assert latest.profile is not None and latest.profile["facts"]["employees"]["value"] >= 1
    assert store.accepted_parks()  # the newest version still parses into a park


@pytest.mark.parametrize("seed", range(3))
def test_kill_during_writes_keeps_every_published_version(target: str, seed: int) -> None:
    acknowledged = _acknowledged_until_killed(target, at_least=5, seed=seed)
    acknowledged += _acknowledged_until_killed(target, at_least=5, seed=seed + 10)
    _check(_open(target), acknowledged, max_pending=2)  # one per kill


def _kill(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    for stream in (child.stdout, child.stderr):
        if stream:
            stream.close()


def test_kill_inside_an_open_transaction_loses_only_that_transaction(target: str) -> None:
    acknowledged = _acknowledged_until_killed(target, at_least=3, seed=1)
    holder = _spawn(HOLDER, target)
    assert holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "inside", (
            holder.stderr.read() if holder.stderr else "")
        if "://" not in target:
            assert Path(f"{target}-wal").stat().st_size > 1_000_000  # uncommitted frames
        os.kill(holder.pid, signal.SIGKILL)
    finally:
        _kill(holder)
    store = _open(target)
    assert store.history("ghost", include_unpublished=True) == ()
    _check(store, acknowledged)
    assert store.park_ids(include_unpublished=True) == ("kokkola-kip",)
    # the killed transaction's lock is gone: the next write goes through at once
    started = time.monotonic()
    store.revert("kokkola-kip", submitter="after")
    assert time.monotonic() - started < 10


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[str]:
    """A PostgreSQL cluster of its own (crash recovery must not disturb the session's)."""
    from tests.support.postgres import bindir, fresh_database, start_postgres

    if bindir() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries not found; .ci/run must install postgresql")
        pytest.skip("PostgreSQL server not installed")
    with start_postgres(tmp_path) as server, fresh_database(server) as url:
        yield url


def _server_pids(url: str) -> list[int]:
    """The backends serving other clients of ``url``'s database."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()")).fetchall()
        return [int(r[0]) for r in rows]
    except sa.exc.OperationalError:  # still recovering from the previous kill
        return []
    finally:
        engine.dispose()


def test_sigkill_of_the_postgresql_server_mid_write(own_server: str) -> None:
    """SIGKILL the server backends while the writer publishes; the postmaster resets every
    session and recovers from its WAL. The writer retries; nothing acknowledged is lost."""
    child = _spawn(WRITER, own_server)
    assert child.stdout is not None
    seen: list[int] = []
    kills = 0
    rng = random.Random(7)
    try:
        deadline = time.monotonic() + 90
        while kills < 3 and time.monotonic() < deadline:
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "writer died"
            seen.append(int(line))
            if len(seen) % 4 == 0:
                time.sleep(rng.uniform(0, 0.03))
                for pid in _server_pids(own_server):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:  # that connection closed in the meantime
                        continue
                    kills += 1
                    break
        for _ in range(3):  # the writer carries on after recovery
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "writer died"
            seen.append(int(line))
    finally:
        _kill(child)
    assert kills == 3
    _check(_open(own_server), seen, max_pending=kills)
