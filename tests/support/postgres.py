"""A throw-away PostgreSQL cluster for tests: ``initdb`` into a temp dir, ``pg_ctl start`` on a
Unix socket (no TCP listener), torn down and deleted afterwards.

    with start_postgres() as url:          # postgresql+psycopg://postgres@/postgres?host=...
        with fresh_database(url) as db_url:
            SubmissionStore.from_url(db_url)

The server binaries come from ``$PARKBENCH_PG_BINDIR``, ``/usr/lib/postgresql/*/bin`` (Debian's
``postgresql`` package) or ``$PATH``. PostgreSQL refuses to run as root, so under root the
cluster belongs to the ``postgres`` system user (created by the Debian package) or, when that is
missing, to a ``parkbench-pg`` user created with ``useradd``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

SUPERUSER = "postgres"
FALLBACK_OS_USER = "parkbench-pg"


def bindir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or ``None`` when missing."""
    candidates = [os.environ.get("PARKBENCH_PG_BINDIR", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    found = shutil.which("initdb")
    candidates.append(str(Path(found).parent) if found else "")
    for folder in filter(None, candidates):
        if all((Path(folder) / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def _os_user() -> str | None:
    """The unprivileged user to run the server as (``None``: the current, non-root user)."""
    if os.geteuid() != 0:
        return None
    for name in (SUPERUSER, FALLBACK_OS_USER):
        with suppress(KeyError):
            pwd.getpwnam(name)
            return name
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    FALLBACK_OS_USER], check=True, capture_output=True)
    return FALLBACK_OS_USER


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(args: list[str], *, user: str | None, cwd: Path) -> None:
    """Run a server tool as ``user`` in ``cwd`` (a folder that user may enter); on failure raise
    with its output and the server log."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    try:
        subprocess.run(args, user=user, env=env, cwd=cwd, text=True, capture_output=True,
                       check=True, timeout=120)
    except subprocess.CalledProcessError as exc:
        log = cwd / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"{Path(args[0]).name} failed ({exc.returncode}):\n{exc.stdout}\n"
                           f"{exc.stderr}\n{tail}") from exc


@contextmanager
def start_postgres(tmpdir: Path | None = None) -> Iterator[str]:
    """Start a new cluster and yield its superuser URL (database ``postgres``).

    ``tmpdir`` is where the cluster goes; a short private folder under the system temp dir is
    used instead when it is missing, too long for a Unix socket path, or (under root) not
    reachable by the server's user.

    Raises
    ------
    FileNotFoundError
        When the PostgreSQL server binaries are not installed.
    """
    tools = bindir()
    if tools is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found; "
                                "apt-get install postgresql")
    user = _os_user()
    base = Path(tempfile.mkdtemp(prefix="pg-", dir=_usable(tmpdir, user=user)))
    data, sock, port = base / "data", base / "sock", _free_port()
    sock.mkdir()
    if user is not None:
        record = pwd.getpwnam(user)
        for path in (base, sock):
            os.chown(path, record.pw_uid, record.pw_gid)
    try:
        _run([str(tools / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust",
              "-E", "UTF8", "--no-sync", "--no-instructions"], user=user, cwd=base)
        options = (f"-k {sock} -p {port} -c listen_addresses='' -c max_connections=60 "
                   "-c shared_buffers=16MB")
        _run([str(tools / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w",
              "-t", "60", "-o", options, "start"], user=user, cwd=base)
        try:
            yield f"postgresql+psycopg://{SUPERUSER}@/postgres?host={sock}&port={port}"
        finally:
            with suppress(subprocess.SubprocessError, RuntimeError):
                _run([str(tools / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                     user=user, cwd=base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _usable(tmpdir: Path | None, *, user: str | None) -> str | None:
    if tmpdir is None or len(str(tmpdir)) > 60:  # sockets: ~107 bytes incl. the file name
        return None
    if user is not None:  # every parent must be traversable by the server's user
        for parent in [tmpdir, *tmpdir.parents]:
            if not parent.stat().st_mode & 0o001:
                return None
    return str(tmpdir)


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server; yields its URL and drops it afterwards."""
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT",
                             poolclass=sa.pool.NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            yield server_url.replace("/postgres?", f"/{name}?", 1)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
