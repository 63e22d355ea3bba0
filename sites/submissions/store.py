"""Park profile versions with a review step, in SQLite (embedded) or PostgreSQL (hosted).

A park manager *proposes* a version; a curator *publishes* or *rejects* it (with a reason);
:meth:`SubmissionStore.accept` proposes and publishes in one transaction (the local
administrator's command line). The public reads — :meth:`~SubmissionStore.current_profiles`,
:meth:`~SubmissionStore.accepted`, :meth:`~SubmissionStore.data_version`,
:meth:`~SubmissionStore.export_toml` — see only published versions.

Every write is one transaction, serialised against other writers (see
:mod:`sites.submissions.database`): a crash or ``kill -9`` mid-write loses only that write, never
a version published before. History is append-only on both backends (triggers refuse UPDATE and
DELETE): a decision is a new ``reviews`` row, a revert is a new version that restores the state
before the version it undoes, or removes the override so the shipped profile applies again.
Profiles are stored as JSON text in the catalog's profile layout — never pickled.

A version may only be published while the version it was proposed against (its ``base``) is
still the one in force; otherwise publishing it would silently undo whatever was published in
between, so the curator rejects it and the manager proposes again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from sites.errors import Problem
from sites.model import Park
from sites.profile import parse_profile
from sites.submissions import database as db
from sites.submissions.database import REVIEWS, VERSIONS
from sites.submissions.location import default_db_path
from sites.submissions.templates import profile_mapping, toml_bytes

URL_VAR: Final = db.URL_VAR
SCHEMA_VERSION: Final = db.HEAD
SUBMITTER_LIMIT: Final = 200
COMMENT_LIMIT: Final = 2000
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Action(StrEnum):
    ACCEPT = "accept"
    """A submitted profile (proposed, then published or rejected)."""
    REVERT = "revert"
    """A curator's undo of the latest version in force (published at once)."""


class State(StrEnum):
    PROPOSED = "proposed"
    PUBLISHED = "published"
    REJECTED = "rejected"


class StoreError(ValueError):
    """A store operation was refused (bad submitter text, nothing to revert, no such version,
    a version that is not pending, an unreadable database)."""


@dataclass(frozen=True, slots=True)
class Version:
    """One record of a park's history. ``profile`` is ``None`` when the shipped profile applies."""

    park_id: str
    version: int
    action: Action
    profile: Mapping[str, Any] | None = field(repr=False)
    submitter: str
    """Who proposed it (for a revert: the curator)."""
    comment: str
    created_at: str
    """When it was proposed; ISO 8601, UTC."""
    reverts: int | None = None
    """For a revert: the version it undid."""
    state: State = State.PUBLISHED
    base: int | None = None
    """The version in force when it was proposed (``None``: the shipped profile); its diff base."""
    reviewed_by: str | None = None
    """The curator who published or rejected it."""
    reviewed_at: str | None = None
    reason: str = ""
    """The curator's reason for a rejection, or comment on publishing."""

    @property
    def proposed_by(self) -> str:
        return self.submitter

    @property
    def published_by(self) -> str | None:
        return self.reviewed_by if self.state is State.PUBLISHED else None

    @property
    def published_at(self) -> str | None:
        return self.reviewed_at if self.state is State.PUBLISHED else None

    @property
    def label(self) -> str:
        """``"v3 of 'kokkola-kip'"`` (for messages)."""
        return f"v{self.version} of {self.park_id!r}"


def default_store(environ: Mapping[str, str] | None = None) -> SubmissionStore:
    """PostgreSQL when ``$PARKBENCH_DATABASE_URL`` is set, else SQLite at :func:`default_db_path`.

    Raises
    ------
    StoreError
        When ``$PARKBENCH_DATABASE_URL`` is not a PostgreSQL or SQLite URL.
    """
    try:
        url = db.database_url(environ)
    except ValueError as exc:
        raise StoreError(str(exc)) from exc
    return SubmissionStore.from_url(url) if url else SubmissionStore(default_db_path(environ))


def effective_stack(history: Sequence[Version]) -> list[Version]:
    """The published versions still in force, oldest first (each revert pops the one it undid)."""
    stack: list[Version] = []
    for record in history:
        if record.state is not State.PUBLISHED:
            continue
        if record.action is Action.ACCEPT:
            stack.append(record)
        else:
            stack = [v for v in stack if v.version != record.reverts]
    return stack


def in_force(history: Sequence[Version]) -> Version | None:
    """The latest published version (whose profile applies), or ``None``."""
    published = [v for v in history if v.state is State.PUBLISHED]
    return published[-1] if published else None


def _clean(value: str, *, name: str, limit: int, required: bool, multiline: bool) -> str:
    if not isinstance(value, str):
        raise StoreError(f"{name} must be text")
    text = value.strip()
    if required and not text:
        raise StoreError(f"{name} is required")
    if len(text) > limit:
        raise StoreError(f"{name} is too long ({len(text)} characters; at most {limit})")
    if _CONTROL.search(text) or (not multiline and ("\n" in text or "\r" in text)):
        raise StoreError(f"{name} contains control characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise StoreError(f"{name} contains characters that cannot be stored "
                         f"(position {exc.start})") from exc
    return text


def _profile_text(profile: Mapping[str, Any] | None) -> str | None:
    if profile is None:
        return None
    text = json.dumps(profile, ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise StoreError(f"the profile contains text that cannot be stored "
                         f"(lone surrogate near {text[max(0, exc.start - 30):exc.start]!r})"
                         ) from exc
    return text


def _brief(exc: BaseException) -> str:
    """The driver's own first line (no SQL statement or parameters, which may be long)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _stamp(now: dt.datetime | None) -> str:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")


_SELECT: Final = (
    sa.select(VERSIONS, REVIEWS.c.state, REVIEWS.c.reviewer, REVIEWS.c.reason,
              REVIEWS.c.reviewed_at)
    .select_from(VERSIONS.outerjoin(REVIEWS, REVIEWS.c.version_id == VERSIONS.c.id)))


def _row_version(row: Row[Any]) -> Version:
    m = row._mapping
    profile = json.loads(m["profile"]) if m["profile"] is not None else None
    return Version(m["park_id"], m["version"], Action(m["action"]), profile, m["submitter"],
                   m["comment"], m["created_at"], m["reverts"],
                   state=State(m["state"] or State.PROPOSED), base=m["base"],
                   reviewed_by=m["reviewer"], reviewed_at=m["reviewed_at"],
                   reason=m["reason"] or "")


def _history(conn: Connection, park_id: str) -> list[Version]:
    rows = conn.execute(_SELECT.where(VERSIONS.c.park_id == park_id)
                        .order_by(VERSIONS.c.version)).fetchall()
    return [_row_version(r) for r in rows]


@dataclass(frozen=True)
class SubmissionStore:
    """Versions of park profiles: the SQLite file at ``path`` (created on the first write), or
    the PostgreSQL database at ``url`` (see :meth:`from_url`).

    The schema is created or migrated on the first write, or on the first read of a database
    with an older schema. One connection per operation (no pool): a store is cheap to create.
    """

    path: Path | None
    timeout_s: float = 30.0
    url: str | None = None
    """A SQLAlchemy URL (``postgresql+psycopg://...``); when set, ``path`` is ``None``."""

    @classmethod
    def from_url(cls, url: str, *, timeout_s: float = 30.0) -> SubmissionStore:
        """A store at a database URL; ``postgresql://`` uses psycopg 3, ``sqlite:///FILE`` a
        file."""
        try:
            url = db.normalise_url(url)
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
        if url.startswith("sqlite"):
            return cls(Path(sa.make_url(url).database or ""), timeout_s=timeout_s)
        return cls(None, timeout_s=timeout_s, url=url)

    @cached_property
    def _engine(self) -> Engine:
        if self.url is not None:
            return db.postgresql_engine(self.url, timeout_s=self.timeout_s)
        assert self.path is not None
        return db.sqlite_engine(self.path, timeout_s=self.timeout_s)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return "sqlite" if self.url is None else "postgresql"

    @property
    def location(self) -> str:
        """Where the data lives, for messages: the file, or the URL without its password."""
        if self.url is None:
            return str(self.path)
        return sa.make_url(self.url).render_as_string(hide_password=True)

    # --- connections -------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One atomic, serialised write transaction on a migrated schema; rolled back on error."""
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._engine.connect()
        except (OSError, SQLAlchemyError) as exc:
            raise StoreError(f"the submissions database cannot be opened: {_brief(exc)}"
                             ) from exc
        try:
            conn.execution_options(**{db.WRITE: True})
            with conn.begin():
                db.lock_for_writing(conn, timeout_s=self.timeout_s)
                if db.revision(conn) != db.HEAD:
                    db.upgrade(conn)
                yield conn
        except IntegrityError as exc:
            raise StoreError("the write conflicts with another one made at the same time; "
                             f"nothing was stored ({_brief(exc)})") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"the submissions database cannot be written: {_brief(exc)}"
                             ) from exc
        except db.SchemaError as exc:
            raise StoreError(f"the submissions database has a schema this program does not "
                             f"know (a newer parkbench?): {exc}") from exc
        finally:
            conn.close()

    @contextmanager
    def _read(self) -> Iterator[Connection | None]:
        """A read transaction, or ``None`` when no database (or no table) exists yet."""
        if self.path is not None and not self.path.exists():
            yield None
            return
        try:
            with self._engine.connect() as conn:
                found = db.revision(conn)
                if found not in (None, db.HEAD):
                    conn.rollback()
                    with self._write():
                        pass  # migrates an older schema
                    found = db.revision(conn)
                yield conn if found is not None else None
        except SQLAlchemyError as exc:
            raise StoreError(f"the submissions database cannot be read: {_brief(exc)}") from exc

    # --- reading -----------------------------------------------------------------------------

    def history(self, park_id: str, *, include_unpublished: bool = False) -> tuple[Version, ...]:
        """A park's versions, oldest first: the published ones, or every one (proposed and
        rejected too) with ``include_unpublished`` (curators, the local administrator)."""
        with self._read() as conn:
            if conn is None:
                return ()
            history = _history(conn, park_id)
        return tuple(v for v in history
                     if include_unpublished or v.state is State.PUBLISHED)

    def get(self, park_id: str, version: int, *,
            include_unpublished: bool = False) -> Version:
        """One version (e.g. a proposal and then its ``base``, to show the diff a curator
        reviews).

        Raises
        ------
        StoreError
            When there is no such version (or it is unpublished and ``include_unpublished`` is
            false).
        """
        found = next((v for v in self.history(park_id, include_unpublished=include_unpublished)
                      if v.version == version), None)
        if found is None:
            raise StoreError(f"{park_id!r} has no version {version}")
        return found

    def park_ids(self, *, include_unpublished: bool = False) -> tuple[str, ...]:
        """Ids of every park with a published history (or with any history)."""
        query = sa.select(VERSIONS.c.park_id).distinct().order_by(VERSIONS.c.park_id)
        if not include_unpublished:
            query = query.join(REVIEWS, REVIEWS.c.version_id == VERSIONS.c.id).where(
                REVIEWS.c.state == State.PUBLISHED.value)
        with self._read() as conn:
            if conn is None:
                return ()
            return tuple(r[0] for r in conn.execute(query))

    def queue(self) -> tuple[Version, ...]:
        """Proposed versions awaiting review, oldest first (every park)."""
        with self._read() as conn:
            if conn is None:
                return ()
            rows = conn.execute(_SELECT.where(REVIEWS.c.id.is_(None))
                                .order_by(VERSIONS.c.id)).fetchall()
        return tuple(_row_version(r) for r in rows)

    def data_version(self) -> int:
        """Grows with every decision (the newest review's id); a cache key for the catalog.

        ``0`` for an empty store, ``-1`` when the database cannot be read (the catalog then
        shows the shipped parks).
        """
        try:
            with self._read() as conn:
                if conn is None:
                    return 0
                return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(REVIEWS.c.id),
                                                                   0))).scalar_one())
        except StoreError:
            return -1

    def current_profiles(self) -> dict[str, Mapping[str, Any]]:
        """The published profile in force per park id (parks whose override was removed are
        left out)."""
        latest = (sa.select(sa.func.max(REVIEWS.c.id))
                  .select_from(REVIEWS.join(VERSIONS, REVIEWS.c.version_id == VERSIONS.c.id))
                  .where(REVIEWS.c.state == State.PUBLISHED.value)
                  .group_by(VERSIONS.c.park_id))
        query = (sa.select(VERSIONS.c.park_id, VERSIONS.c.profile)
                 .join(REVIEWS, REVIEWS.c.version_id == VERSIONS.c.id)
                 .where(REVIEWS.c.id.in_(latest), VERSIONS.c.profile.is_not(None))
                 .order_by(VERSIONS.c.park_id))
        with self._read() as conn:
            if conn is None:
                return {}
            rows = conn.execute(query).fetchall()
        return {r.park_id: json.loads(r.profile) for r in rows}

    def accepted(self, *, today: dt.date | None = None
                 ) -> tuple[tuple[Park, ...], tuple[Problem, ...]]:
        """The published parks in force, re-checked; a stored profile that no longer passes is
        reported.

        Never raises: an unreadable database is reported as a problem and adds no park.
        """
        parks: list[Park] = []
        problems: list[Problem] = []
        try:
            profiles = self.current_profiles()
        except StoreError as exc:
            where = self.path.name if self.path is not None else "PostgreSQL"
            return (), (Problem(where, "(database)", str(exc)),)
        for park_id, profile in profiles.items():
            result = parse_profile(profile, origin=f"submission {park_id}", today=today)
            if result.park is not None:
                parks.append(result.park)
            problems += result.problems
        return tuple(parks), tuple(problems)

    def accepted_parks(self, *, today: dt.date | None = None) -> tuple[Park, ...]:
        """The parks in force (the overrides for :func:`sites.catalog.load_catalog`)."""
        return self.accepted(today=today)[0]

    def export_toml(self, park_id: str, *, version: int | None = None,
                    include_unpublished: bool = False) -> bytes:
        """A version (default: the one in force) in the shipped TOML profile format."""
        history = self.history(park_id, include_unpublished=include_unpublished)
        if not history:
            raise StoreError(f"no submissions for {park_id!r}")
        record = in_force(history) if version is None else next(
            (v for v in history if v.version == version), None)
        if record is None:
            raise StoreError(f"{park_id!r} has no version {version}")
        if record.profile is None:
            raise StoreError(f"version {record.version} of {park_id!r} removes the override; "
                             "the shipped profile applies")
        return toml_bytes(record.profile)

    def integrity(self) -> str:
        """``"ok"`` when the database is sound (SQLite: ``PRAGMA integrity_check``; PostgreSQL:
        every review belongs to a version of the right shape)."""
        with self._read() as conn:
            if conn is None:
                return "ok"
            if conn.dialect.name == "sqlite":
                return str(conn.execute(sa.text("PRAGMA integrity_check")).scalar_one())
            orphans = conn.execute(sa.text(
                "SELECT count(*) FROM reviews r LEFT JOIN versions v ON v.id = r.version_id "
                "WHERE v.id IS NULL OR (v.action = 'revert' AND r.state <> 'published')"
            )).scalar_one()
            return "ok" if orphans == 0 else f"{orphans} review(s) without a matching version"

    # --- writing -----------------------------------------------------------------------------

    def migrate(self) -> str:
        """Create or upgrade the schema now (it otherwise happens on the first write); returns
        the schema revision."""
        with self._write() as conn:
            return str(db.revision(conn))

    def propose(self, park: Park, *, submitter: str, comment: str = "",
                now: dt.datetime | None = None) -> Version:
        """Store ``park`` as its next version, awaiting a curator (state ``proposed``)."""
        who = _clean(submitter, name="submitter", limit=SUBMITTER_LIMIT, required=True,
                     multiline=False)
        why = _clean(comment, name="comment", limit=COMMENT_LIMIT, required=False,
                     multiline=True)
        text = _profile_text(profile_mapping(park))
        with self._write() as conn:
            return self._insert(conn, park.id, Action.ACCEPT, text, None, who=who, why=why,
                                stamp=_stamp(now))

    def publish(self, park_id: str, version: int, *, curator: str, comment: str = "",
                now: dt.datetime | None = None) -> Version:
        """Publish a proposed version: it becomes the one in force.

        Raises
        ------
        StoreError
            When the version does not exist, is not pending, or was proposed against a version
            that is no longer in force (publishing it would undo what was published since).
        """
        who = _clean(curator, name="curator", limit=SUBMITTER_LIMIT, required=True,
                     multiline=False)
        why = _clean(comment, name="comment", limit=COMMENT_LIMIT, required=False,
                     multiline=True)
        with self._write() as conn:
            history = _history(conn, park_id)
            record = self._pending(history, park_id, version, verb="published")
            current = in_force(history)
            head = current.version if current else None
            if record.base != head:
                raise StoreError(
                    f"{record.label} was proposed against "
                    f"{_describe(record.base)}, but {_describe(head)} is in force now; "
                    "publishing it would undo the changes published since — reject it and "
                    "propose again")
            return self._review(conn, record, State.PUBLISHED, who=who, why=why,
                                stamp=_stamp(now))

    def reject(self, park_id: str, version: int, *, curator: str, reason: str,
               now: dt.datetime | None = None) -> Version:
        """Reject a proposed version with a reason (kept in the history)."""
        who = _clean(curator, name="curator", limit=SUBMITTER_LIMIT, required=True,
                     multiline=False)
        why = _clean(reason, name="reason", limit=COMMENT_LIMIT, required=True, multiline=True)
        with self._write() as conn:
            record = self._pending(_history(conn, park_id), park_id, version, verb="rejected")
            return self._review(conn, record, State.REJECTED, who=who, why=why,
                                stamp=_stamp(now))

    def accept(self, park: Park, *, submitter: str, comment: str = "",
               now: dt.datetime | None = None) -> Version:
        """Propose and publish ``park`` in one transaction (the local administrator's import);
        ``submitter`` is both proposer and publisher."""
        who = _clean(submitter, name="submitter", limit=SUBMITTER_LIMIT, required=True,
                     multiline=False)
        why = _clean(comment, name="comment", limit=COMMENT_LIMIT, required=False,
                     multiline=True)
        text = _profile_text(profile_mapping(park))
        stamp = _stamp(now)
        with self._write() as conn:
            record = self._insert(conn, park.id, Action.ACCEPT, text, None, who=who, why=why,
                                  stamp=stamp)
            return self._review(conn, record, State.PUBLISHED, who=who, why="", stamp=stamp)

    def revert(self, park_id: str, *, submitter: str, comment: str = "",
               now: dt.datetime | None = None) -> Version:
        """Undo the latest version in force (a curator action, published at once): restore the
        one before it, or the shipped profile."""
        who = _clean(submitter, name="submitter", limit=SUBMITTER_LIMIT, required=True,
                     multiline=False)
        why = _clean(comment, name="comment", limit=COMMENT_LIMIT, required=False,
                     multiline=True)
        stamp = _stamp(now)
        with self._write() as conn:
            stack = effective_stack(_history(conn, park_id))
            if not stack:
                raise StoreError(f"nothing to revert for {park_id!r}")
            undone = stack.pop().version
            text = _profile_text(stack[-1].profile if stack else None)
            record = self._insert(conn, park_id, Action.REVERT, text, undone, who=who, why=why,
                                  stamp=stamp)
            return self._review(conn, record, State.PUBLISHED, who=who, why="", stamp=stamp)

    @staticmethod
    def _pending(history: Sequence[Version], park_id: str, version: int, *,
                 verb: str) -> Version:
        record = next((v for v in history if v.version == version), None)
        if record is None:
            raise StoreError(f"{park_id!r} has no version {version}")
        if record.state is not State.PROPOSED:
            raise StoreError(f"{record.label} cannot be {verb}: it is already {record.state} "
                             f"(by {record.reviewed_by} at {record.reviewed_at}); "
                             "only a proposed version can be published or rejected")
        return record

    @staticmethod
    def _insert(conn: Connection, park_id: str, action: Action, text: str | None,
                reverts: int | None, *, who: str, why: str, stamp: str) -> Version:
        history = _history(conn, park_id)
        current = in_force(history)
        base = current.version if current else None
        number = (history[-1].version if history else 0) + 1
        conn.execute(VERSIONS.insert().values(
            park_id=park_id, version=number, action=action.value, profile=text,
            reverts=reverts, submitter=who, comment=why, created_at=stamp, base=base))
        return Version(park_id, number, action, None if text is None else json.loads(text),
                       who, why, stamp, reverts, state=State.PROPOSED, base=base)

    @staticmethod
    def _review(conn: Connection, record: Version, state: State, *, who: str, why: str,
                stamp: str) -> Version:
        version_id = conn.execute(
            sa.select(VERSIONS.c.id).where(VERSIONS.c.park_id == record.park_id,
                                           VERSIONS.c.version == record.version)).scalar_one()
        conn.execute(REVIEWS.insert().values(version_id=version_id, state=state.value,
                                             reviewer=who, reason=why, reviewed_at=stamp))
        return Version(record.park_id, record.version, record.action, record.profile,
                       record.submitter, record.comment, record.created_at, record.reverts,
                       state=state, base=record.base, reviewed_by=who, reviewed_at=stamp,
                       reason=why)


def _describe(version: int | None) -> str:
    return "the shipped profile" if version is None else f"v{version}"
