"""``python -m sites import|history|revert|export|queue|publish|reject`` end to end (in process,
temp database), on SQLite (``--db``) and on PostgreSQL (``$PARKBENCH_DATABASE_URL``, which must
leave no SQLite file behind)."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sites.__main__ import main
from sites.model import Park
from sites.submissions import SubmissionStore, default_store
from sites.submissions.templates import excel_bytes, toml_bytes


def _write(tmp_path: Path, data: dict[str, Any], name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(excel_bytes(data) if name.endswith(".xlsx") else toml_bytes(data))
    return path


@pytest.fixture
def db_args(backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """``["--db", FILE]`` on SQLite; on PostgreSQL no option, the URL in the environment and a
    ``$PARKBENCH_DB`` that must never be created."""
    sqlite_file = tmp_path / "must-not-exist.sqlite"
    monkeypatch.setenv("PARKBENCH_DB", str(sqlite_file))
    if backend == "sqlite":
        monkeypatch.delenv("PARKBENCH_DATABASE_URL", raising=False)
        yield ["--db", str(tmp_path / "db.sqlite")]
        return
    url = request.getfixturevalue("postgres_url")
    monkeypatch.setenv("PARKBENCH_DATABASE_URL", url.replace("postgresql+psycopg://",
                                                             "postgresql://"))
    yield []
    assert not sqlite_file.exists() and not (tmp_path / "db.sqlite").exists()
    assert SubmissionStore.from_url(url).park_ids(include_unpublished=True)


def test_import_accept_history_revert_export(tmp_path: Path, kip_data: dict[str, Any],
                                             db_args: list[str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    data = copy.deepcopy(kip_data)
    data["facts"]["steam_price_eur_mwh"] = {"value": 0.038, "unit": "EUR/kWh",
                                            "status": "published", "as_of": "2026",
                                            "source": "https://kip.fi/prices"}
    path = _write(tmp_path, data, "kip.xlsx")
    assert main(["import", str(path), *db_args]) == 0
    out = capsys.readouterr().out
    assert "converted steam_price_eur_mwh: 0.038 EUR/kWh x 1000 = 38 EUR/MWh" in out
    assert "added     facts.steam_price_eur_mwh: unknown -> 38 EUR/MWh" in out
    assert main(["history", "kokkola-kip", *db_args]) == 1  # checked only: nothing stored
    assert main(["import", str(path), *db_args, "--accept", "--submitter", "KIP",
                 "--comment", "tariff 2026"]) == 0
    assert "as version 1" in capsys.readouterr().out
    assert main(["export", "kokkola-kip", *db_args, "-o", str(tmp_path / "out.toml")]) == 0
    exported = tomllib.loads((tmp_path / "out.toml").read_text(encoding="utf-8"))
    assert exported["facts"]["steam_price_eur_mwh"]["value"] == 38
    assert main(["revert", "kokkola-kip", *db_args, "--submitter", "maintainer"]) == 0
    assert "the shipped profile applies" in capsys.readouterr().out
    assert main(["history", "kokkola-kip", *db_args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "revert (undid v1)" in lines[1]
    assert lines[0].split("\t")[4:6] == ["KIP", "'tariff 2026'"]
    assert lines[0].split("\t")[6].startswith("published by KIP at 20")


def test_queue_publish_reject(kip: Park, db_args: list[str],
                              capsys: pytest.CaptureFixture[str]) -> None:
    store = SubmissionStore(Path(db_args[1])) if db_args else default_store()
    store.propose(kip, submitter="manager@kip.fi", comment="new plots")
    store.propose(kip, submitter="other@kip.fi")
    assert main(["queue", *db_args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["kokkola-kip", "v1"],
                                                         ["kokkola-kip", "v2"]]
    assert lines[0].split("\t")[3:] == ["manager@kip.fi", "proposed (base shipped profile)",
                                        "'new plots'"]
    assert main(["publish", "kokkola-kip", "1", "--curator", "cur", *db_args]) == 0
    assert "published kokkola-kip v1 (proposed by manager@kip.fi); now in force" in \
        capsys.readouterr().out
    assert main(["publish", "kokkola-kip", "2", "--curator", "cur", *db_args]) == 1
    assert "not published: v2 of 'kokkola-kip' was proposed against the shipped profile" in \
        capsys.readouterr().err
    assert main(["reject", "kokkola-kip", "2", "--curator", "cur", "--reason", "stale",
                 *db_args]) == 0
    assert main(["reject", "kokkola-kip", "2", "--curator", "cur", "--reason", "again",
                 *db_args]) == 1
    assert "already rejected" in capsys.readouterr().err
    assert main(["queue", *db_args]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no proposals" in captured.err
    assert main(["history", "kokkola-kip", *db_args]) == 0
    last = capsys.readouterr().out.splitlines()[-1].split("\t")
    assert last[0] == "v2" and last[6].startswith("rejected by cur at ")
    assert last[6].endswith(": 'stale'")


def test_a_bad_database_url_is_reported(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARKBENCH_DATABASE_URL", "mysql://x/y")
    assert main(["queue"]) == 2
    assert "unsupported scheme 'mysql'" in capsys.readouterr().err


def test_import_with_problems_applies_nothing(tmp_path: Path, kip_data: dict[str, Any],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "db.sqlite"
    data = copy.deepcopy(kip_data)
    data["location"] |= {"lat": 23.0298, "lon": 63.8435}
    path = _write(tmp_path, data, "kip.toml")
    assert main(["import", str(path), "--db", str(db), "--accept", "--submitter", "x"]) == 1
    captured = capsys.readouterr()
    assert "look swapped" in captured.out and "nothing applied" in captured.err
    assert not db.exists()


def test_accept_needs_a_submitter(tmp_path: Path, kip_data: dict[str, Any]) -> None:
    path = _write(tmp_path, kip_data, "kip.toml")
    with pytest.raises(SystemExit):
        main(["import", str(path), "--accept", "--db", str(tmp_path / "db")])


def test_hostile_corpus_file_via_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    assert main(["import", str(corpus / "zip_bomb.xlsx"), "--db", str(tmp_path / "d")]) == 1
    assert "zip bomb" in capsys.readouterr().out


def test_migrate_creates_the_schema_ahead_of_the_first_write(db_args: list[str],
                                                             capsys: pytest.CaptureFixture[str],
                                                             kip: Park) -> None:
    assert main(["migrate", *db_args]) == 0
    assert "schema at revision 0002 in " in capsys.readouterr().out
    store = SubmissionStore(Path(db_args[1])) if db_args else default_store()
    assert store.data_version() == 0 and store.integrity() == "ok"
    store.propose(kip, submitter="m")  # the pg variant's fixture wants some history
