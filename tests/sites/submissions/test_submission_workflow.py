"""Propose → review → publish on both backends: the public sees only published versions; a
decision is made once; racing publishers do not both win."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest

from sites.model import Park
from sites.submissions import StoreError, SubmissionStore
from sites.submissions.store import Action, State
from tests.sites.submissions.conftest import TODAY, variant

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def test_a_proposal_is_invisible_until_published(store: SubmissionStore, kip: Park) -> None:
    new = variant(kip, free_land_ha=55)
    proposed = store.propose(new, submitter="manager@kip.fi", comment="2026 land", now=_at(0))
    assert (proposed.version, proposed.state, proposed.base) == (1, State.PROPOSED, None)
    assert proposed.published_by is None and proposed.proposed_by == "manager@kip.fi"
    assert store.accepted_parks(today=TODAY) == () and store.current_profiles() == {}
    assert store.data_version() == 0 and store.park_ids() == ()
    assert store.history("kokkola-kip") == ()
    assert [v.version for v in store.history("kokkola-kip", include_unpublished=True)] == [1]
    assert store.park_ids(include_unpublished=True) == ("kokkola-kip",)
    with pytest.raises(StoreError, match="no submissions"):
        store.export_toml("kokkola-kip", version=1)
    assert b"free_land_ha" in store.export_toml("kokkola-kip", version=1,
                                                include_unpublished=True)
    assert [(v.park_id, v.version) for v in store.queue()] == [("kokkola-kip", 1)]

    published = store.publish("kokkola-kip", 1, curator="curator@example.org",
                              comment="checked against kip.fi", now=_at(5))
    assert (published.state, published.published_by, published.published_at) == (
        State.PUBLISHED, "curator@example.org", "2026-12-01T09:05:00+00:00")
    assert published.reason == "checked against kip.fi"
    assert store.accepted_parks(today=TODAY) == (new,) and store.queue() == ()
    assert store.data_version() == 1
    (record,) = store.history("kokkola-kip")
    assert (record.proposed_by, record.created_at, record.published_by, record.published_at) == (
        "manager@kip.fi", "2026-12-01T09:00:00+00:00", "curator@example.org",
        "2026-12-01T09:05:00+00:00")


def test_get_a_proposal_and_its_base(store: SubmissionStore, kip: Park) -> None:
    store.accept(variant(kip, free_land_ha=55), submitter="admin")
    store.propose(variant(kip, free_land_ha=45), submitter="m")
    proposal = store.get("kokkola-kip", 2, include_unpublished=True)
    assert proposal.state is State.PROPOSED and proposal.base == 1
    base = store.get("kokkola-kip", proposal.base)
    assert base.profile is not None and base.profile["facts"]["free_land_ha"]["value"] == 55
    with pytest.raises(StoreError, match="has no version 2"):
        store.get("kokkola-kip", 2)  # the public does not see proposals


def test_reject_keeps_the_version_in_force(store: SubmissionStore, kip: Park) -> None:
    first = variant(kip, free_land_ha=55)
    store.accept(first, submitter="admin")
    store.propose(variant(kip, free_land_ha=5), submitter="m")
    with pytest.raises(StoreError, match="reason is required"):
        store.reject("kokkola-kip", 2, curator="c", reason="  ")
    rejected = store.reject("kokkola-kip", 2, curator="c", reason="5 ha contradicts kip.fi",
                            now=_at(1))
    assert (rejected.state, rejected.reason, rejected.reviewed_by) == (
        State.REJECTED, "5 ha contradicts kip.fi", "c")
    assert rejected.published_by is None and rejected.published_at is None
    assert store.accepted_parks(today=TODAY) == (first,) and store.queue() == ()
    assert [v.state for v in store.history("kokkola-kip", include_unpublished=True)] == [
        State.PUBLISHED, State.REJECTED]
    assert store.data_version() == 2  # a decision: caches may re-read, nothing public changed


@pytest.mark.parametrize("decide", ["publish", "reject"])
def test_only_a_pending_version_can_be_decided(store: SubmissionStore, kip: Park,
                                               decide: str) -> None:
    def act(version: int) -> object:
        if decide == "publish":
            return store.publish("kokkola-kip", version, curator="c2")
        return store.reject("kokkola-kip", version, curator="c2", reason="no")

    store.accept(kip, submitter="admin", now=_at(0))
    with pytest.raises(StoreError, match=rf"v1 of 'kokkola-kip' cannot be {decide}ed: it is "
                                         r"already published \(by admin at 2026-12-01T09:00"):
        act(1)
    store.propose(variant(kip, employees=2500), submitter="m")
    store.reject("kokkola-kip", 2, curator="c1", reason="unsourced")
    with pytest.raises(StoreError, match="already rejected"):
        act(2)
    with pytest.raises(StoreError, match="'kokkola-kip' has no version 7"):
        act(7)
    with pytest.raises(StoreError, match="'nowhere' has no version 1"):
        store.publish("nowhere", 1, curator="c")
    assert len(store.history("kokkola-kip", include_unpublished=True)) == 2


def test_a_stale_proposal_cannot_be_published(store: SubmissionStore, kip: Park) -> None:
    store.propose(variant(kip, employees=2500), submitter="m1")
    store.propose(variant(kip, employees=2600), submitter="m2")
    assert [v.base for v in store.queue()] == [None, None]
    store.publish("kokkola-kip", 2, curator="c")
    with pytest.raises(StoreError, match=r"v1 of 'kokkola-kip' was proposed against the shipped "
                                         r"profile, but v2 is in force now"):
        store.publish("kokkola-kip", 1, curator="c")
    store.reject("kokkola-kip", 1, curator="c", reason="superseded by v2")
    third = store.propose(variant(kip, employees=2700), submitter="m1")
    assert third.base == 2
    store.revert("kokkola-kip", submitter="c")
    with pytest.raises(StoreError, match="proposed against v2, but v4 is in force now"):
        store.publish("kokkola-kip", 3, curator="c")


def test_revert_skips_proposals_and_rejections(store: SubmissionStore, kip: Park) -> None:
    one = variant(kip, free_land_ha=50)
    store.accept(one, submitter="a")
    store.propose(variant(kip, free_land_ha=40), submitter="m")
    store.reject("kokkola-kip", 2, curator="c", reason="no")
    store.propose(variant(kip, free_land_ha=30), submitter="m")
    store.publish("kokkola-kip", 3, curator="c")
    store.propose(variant(kip, free_land_ha=20), submitter="m")  # pending, base v3
    undo = store.revert("kokkola-kip", submitter="c", now=_at(9))
    assert (undo.version, undo.reverts, undo.action, undo.state) == (
        5, 3, Action.REVERT, State.PUBLISHED)
    assert (undo.published_by, undo.published_at) == ("c", "2026-12-01T09:09:00+00:00")
    assert store.accepted_parks(today=TODAY) == (one,)
    assert [v.version for v in store.history("kokkola-kip")] == [1, 3, 5]
    assert [v.version for v in store.queue()] == [4]


def test_curator_and_reason_text_is_checked(store: SubmissionStore, kip: Park) -> None:
    store.propose(kip, submitter="m")
    with pytest.raises(StoreError, match="curator is required"):
        store.publish("kokkola-kip", 1, curator="")
    with pytest.raises(StoreError, match="curator contains control characters"):
        store.reject("kokkola-kip", 1, curator="c\x1b[31m", reason="x")
    with pytest.raises(StoreError, match="reason is too long"):
        store.reject("kokkola-kip", 1, curator="c", reason="x" * 2001)
    assert store.queue()[0].state is State.PROPOSED


def _race(count: int, action: Callable[[int], object]) -> tuple[list[object], list[Exception]]:
    """Run ``action(i)`` in ``count`` threads released at once."""
    barrier = threading.Barrier(count)
    wins: list[object] = []
    losses: list[Exception] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        barrier.wait()
        try:
            result = action(i)
        except StoreError as exc:
            with lock:
                losses.append(exc)
        else:
            with lock:
                wins.append(result)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return wins, losses


def test_racing_publishers_of_one_version_do_not_both_win(store: SubmissionStore,
                                                          kip: Park) -> None:
    store.propose(variant(kip, employees=2500), submitter="m")
    wins, losses = _race(6, lambda i: store.publish("kokkola-kip", 1, curator=f"c{i}"))
    assert len(wins) == 1 and len(losses) == 5
    assert all("already published" in str(exc) for exc in losses)
    (record,) = store.history("kokkola-kip")
    assert record.published_by == wins[0].published_by  # type: ignore[attr-defined]
    assert store.data_version() == 1


def test_racing_publishers_of_rival_proposals_do_not_both_win(store: SubmissionStore,
                                                              kip: Park) -> None:
    for i in range(4):
        store.propose(variant(kip, employees=2500 + i), submitter=f"m{i}")
    wins, losses = _race(4, lambda i: store.publish("kokkola-kip", i + 1, curator=f"c{i}"))
    assert len(wins) == 1 and len(losses) == 3
    assert all("is in force now" in str(exc) for exc in losses)
    assert len(store.history("kokkola-kip")) == 1


def test_racing_publish_and_reject_of_one_version(store: SubmissionStore, kip: Park) -> None:
    store.propose(variant(kip, employees=2500), submitter="m")

    def act(i: int) -> object:
        if i % 2:
            return store.reject("kokkola-kip", 1, curator=f"c{i}", reason="no")
        return store.publish("kokkola-kip", 1, curator=f"c{i}")

    wins, losses = _race(6, act)
    assert len(wins) == 1 and len(losses) == 5
    (record,) = store.history("kokkola-kip", include_unpublished=True)
    assert record.state is wins[0].state  # type: ignore[attr-defined]


def test_the_database_itself_allows_one_review_per_version(store: SubmissionStore,
                                                          kip: Park) -> None:
    """Belt and braces under the write lock: ``UNIQUE (version_id)`` refuses a second decision
    even from a client that bypasses the store."""
    import sqlalchemy as sa

    store.accept(kip, submitter="a")
    with store._engine.connect() as conn, pytest.raises(sa.exc.IntegrityError):
        conn.execute(sa.text("INSERT INTO reviews (version_id, state, reviewer, reason, "
                             "reviewed_at) SELECT id, 'rejected', 'x', 'y', 'now' FROM versions"))
    assert store.history("kokkola-kip")[0].state is State.PUBLISHED
