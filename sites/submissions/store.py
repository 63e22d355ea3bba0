"""Accepted submissions, kept with their history in an embedded SQLite database.

Every write is one ``BEGIN IMMEDIATE`` transaction in WAL mode with ``synchronous=FULL``: a crash or
``kill -9`` mid-write loses only that write, never a version accepted before. History is
append-only (triggers refuse UPDATE and DELETE): a revert is a new version that restores the
state before the version it undoes, or removes the override so the shipped profile applies again.
Profiles are stored as JSON text in the catalog's profile layout — never pickled.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

from sites.errors import Problem
from sites.model import Park
from sites.profile import parse_profile
from sites.submissions.templates import profile_mapping, toml_bytes

ENV_VAR: Final = "PARKBENCH_DB"
DEFAULT_PATH: Final = Path(__file__).resolve().parents[2] / "var" / "submissions.sqlite"
SCHEMA_VERSION: Final = 1
SUBMITTER_LIMIT: Final = 200
COMMENT_LIMIT: Final = 2000
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    park_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    action TEXT NOT NULL CHECK (action IN ('accept', 'revert')),
    profile TEXT CHECK (profile IS NULL OR json_valid(profile)),
    reverts INTEGER,
    submitter TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (park_id, version)
);
CREATE TRIGGER IF NOT EXISTS versions_no_update BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS versions_no_delete BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END;
"""


class Action(StrEnum):
    ACCEPT = "accept"
    REVERT = "revert"


class StoreError(ValueError):
    """A store operation was refused (bad submitter text, nothing to revert, no such version)."""


@dataclass(frozen=True, slots=True)
class Version:
    """One record of a park's history. ``profile`` is ``None`` when the shipped profile applies."""

    park_id: str
    version: int
    action: Action
    profile: Mapping[str, Any] | None
    submitter: str
    comment: str
    created_at: str
    """ISO 8601, UTC."""
    reverts: int | None = None
    """For a revert: the version it undid."""


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$PARKBENCH_DB`` when set, else ``var/submissions.sqlite`` in the repository."""
    value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else DEFAULT_PATH


def default_store() -> SubmissionStore:
    return SubmissionStore(default_db_path())


def effective_stack(history: Sequence[Version]) -> list[Version]:
    """The accepted versions still in force, oldest first (each revert pops the one it undid)."""
    stack: list[Version] = []
    for record in history:
        if record.action is Action.ACCEPT:
            stack.append(record)
        else:
            stack = [v for v in stack if v.version != record.reverts]
    return stack


def _clean(value: str, *, name: str, limit: int, required: bool, multiline: bool) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not isinstance(value, str):
        raise StoreError(f"{name} must be text")
    if required and not text:
        raise StoreError(f"{name} is required")
    if len(text) > limit:
        raise StoreError(f"{name} is too long ({len(text)} characters; at most {limit})")
    if _CONTROL.search(text) or (not multiline and ("\n" in text or "\r" in text)):
        raise StoreError(f"{name} contains control characters")
    return text


def _row_version(row: sqlite3.Row) -> Version:
    profile = json.loads(row["profile"]) if row["profile"] is not None else None
    return Version(row["park_id"], row["version"], Action(row["action"]), profile,
                   row["submitter"], row["comment"], row["created_at"], row["reverts"])


@dataclass(frozen=True, slots=True)
class SubmissionStore:
    """Versions of park profiles in the SQLite file at ``path`` (created on the first write)."""

    path: Path
    timeout_s: float = 30.0

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout_s, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout_s * 1000)}")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One atomic write transaction; rolled back on any error."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"the submissions database cannot be opened: {exc}") from exc
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(f"BEGIN IMMEDIATE; {_SCHEMA}; "
                               f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"the submissions database cannot be written: {exc}") from exc
        finally:
            conn.close()

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection | None]:
        """A read connection, or ``None`` when no database (or no table) exists yet."""
        if not self.path.exists():
            yield None
            return
        try:
            conn = self._connect()
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                 "AND name = 'versions'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the submissions database cannot be read: {exc}") from exc
        try:
            yield conn if found else None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"the submissions database cannot be read: {exc}") from exc
        finally:
            conn.close()

    # --- reading -----------------------------------------------------------------------------

    def history(self, park_id: str) -> tuple[Version, ...]:
        """Every version of a park, oldest first."""
        with self._read() as conn:
            if conn is None:
                return ()
            rows = conn.execute("SELECT * FROM versions WHERE park_id = ? ORDER BY version",
                                (park_id,)).fetchall()
        return tuple(_row_version(r) for r in rows)

    def park_ids(self) -> tuple[str, ...]:
        """Ids of every park with a history."""
        with self._read() as conn:
            if conn is None:
                return ()
            rows = conn.execute("SELECT DISTINCT park_id FROM versions ORDER BY park_id")
            return tuple(r[0] for r in rows)

    def data_version(self) -> int:
        """Grows with every write (the newest record's id); a cache key for the catalog.

        ``-1`` when the database cannot be read (the catalog then shows the shipped parks).
        """
        try:
            with self._read() as conn:
                if conn is None:
                    return 0
                return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM versions")
                           .fetchone()[0])
        except StoreError:
            return -1

    def current_profiles(self) -> dict[str, Mapping[str, Any]]:
        """The profile in force per park id (parks whose override was removed are left out)."""
        with self._read() as conn:
            if conn is None:
                return {}
            rows = conn.execute(
                "SELECT v.* FROM versions v JOIN (SELECT park_id, MAX(version) AS version "
                "FROM versions GROUP BY park_id) latest USING (park_id, version) "
                "WHERE v.profile IS NOT NULL ORDER BY v.park_id").fetchall()
        return {r["park_id"]: json.loads(r["profile"]) for r in rows}

    def accepted(self, *, today: dt.date | None = None
                 ) -> tuple[tuple[Park, ...], tuple[Problem, ...]]:
        """The parks in force, re-checked; a stored profile that no longer passes is reported.

        Never raises: an unreadable database is reported as a problem and adds no park.
        """
        parks: list[Park] = []
        problems: list[Problem] = []
        try:
            profiles = self.current_profiles()
        except StoreError as exc:
            return (), (Problem(self.path.name, "(database)", str(exc)),)
        for park_id, profile in profiles.items():
            result = parse_profile(profile, origin=f"submission {park_id}", today=today)
            if result.park is not None:
                parks.append(result.park)
            problems += result.problems
        return tuple(parks), tuple(problems)

    def accepted_parks(self, *, today: dt.date | None = None) -> tuple[Park, ...]:
        """The parks in force (the overrides for :func:`sites.catalog.load_catalog`)."""
        return self.accepted(today=today)[0]

    def export_toml(self, park_id: str, *, version: int | None = None) -> bytes:
        """A version (default: the one in force) in the shipped TOML profile format."""
        history = self.history(park_id)
        if not history:
            raise StoreError(f"no submissions for {park_id!r}")
        record = history[-1] if version is None else next(
            (v for v in history if v.version == version), None)
        if record is None:
            raise StoreError(f"{park_id!r} has no version {version}")
        if record.profile is None:
            raise StoreError(f"version {record.version} of {park_id!r} removes the override; "
                             "the shipped profile applies")
        return toml_bytes(record.profile)

    # --- writing -----------------------------------------------------------------------------

    def accept(self, park: Park, *, submitter: str, comment: str = "",
               now: dt.datetime | None = None) -> Version:
        """Store ``park`` as its next version."""
        profile = profile_mapping(park)
        return self._append(park.id, Action.ACCEPT, profile, None, submitter=submitter,
                            comment=comment, now=now)

    def revert(self, park_id: str, *, submitter: str, comment: str = "",
               now: dt.datetime | None = None) -> Version:
        """Undo the latest version in force: restore the one before it, or the shipped profile."""
        return self._append(park_id, Action.REVERT, None, None, submitter=submitter,
                            comment=comment, now=now)

    def _append(self, park_id: str, action: Action, profile: Mapping[str, Any] | None,
                reverts: int | None, *, submitter: str, comment: str,
                now: dt.datetime | None) -> Version:
        who = _clean(submitter, name="submitter", limit=SUBMITTER_LIMIT, required=True,
                     multiline=False)
        why = _clean(comment, name="comment", limit=COMMENT_LIMIT, required=False,
                     multiline=True)
        stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
        with self._write() as conn:
            rows = conn.execute("SELECT * FROM versions WHERE park_id = ? ORDER BY version",
                                (park_id,)).fetchall()
            history = [_row_version(r) for r in rows]
            if action is Action.REVERT:
                stack = effective_stack(history)
                if not stack:
                    raise StoreError(f"nothing to revert for {park_id!r}")
                reverts = stack.pop().version
                profile = stack[-1].profile if stack else None
            number = (history[-1].version if history else 0) + 1
            text = None if profile is None else json.dumps(profile, ensure_ascii=False,
                                                           allow_nan=False)
            conn.execute("INSERT INTO versions (park_id, version, action, profile, reverts, "
                         "submitter, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (park_id, number, action.value, text, reverts, who, why, stamp))
        return Version(park_id, number, action, None if text is None else json.loads(text),
                       who, why, stamp, reverts)

    def integrity(self) -> str:
        """``PRAGMA integrity_check`` ("ok" when the file is sound)."""
        with self._read() as conn:
            if conn is None:
                return "ok"
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
