"""python -m metrics score | rank | ahp."""

import itertools
import json
import subprocess
import sys

import pytest

from metrics.brief import TEMPLATE_DIR
from metrics.cli import main
from metrics.methods import METHODS

MATRIX = "name,dur,cap,rel\nA1,5,8,4\nA2,7,6,8\nA3,8,8,6\nA4,7,4,6\n"
WEALTH = ("1,4,9,6,6,5,5\n1/4,1,7,5,5,3,4\n1/9,1/7,1,1/5,1/5,1/7,1/5\n1/6,1/5,5,1,1,1/3,1/3\n"
          "1/6,1/5,5,1,1,1/3,1/3\n1/5,1/3,7,3,3,1,2\n1/5,1/4,5,3,3,1/2,1\n")


@pytest.fixture
def matrix(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text(MATRIX, encoding="utf-8")
    return str(p)


def test_rank_topsis_reproduces_tzeng_huang(matrix, capsys):
    assert main(["rank", "--matrix", matrix, "--types", "+,+,+", "--weights", ".3,.4,.3",
                 "--normalization", "vector"]) == 0  # the published example's normalisation
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "alternative,score,rank"
    assert out[3] == "A3,0.748249,1"


@pytest.mark.parametrize("types", [["--types=-,+,+"], ["--types", "-,+,+"]])
def test_leading_minus_types(matrix, capsys, types):
    assert main(["rank", "--matrix", matrix, *types, "--method", "wsm"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rank", "--matrix", "MATRIX", "--types", "+,+"], "2 criterion types given for 3"),
        (["rank", "--matrix", "MATRIX", "--types", "+,+,+", "--weights", "1,-1,1"], ">= 0"),
        (["rank", "--matrix", "/nonexistent.csv", "--types", "+"], "cannot read"),
        (["rank", "--types", "+"], "required"),
        (["rank", "--matrix", "MATRIX", "--types", "+,+,+", "--method", "x"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        (["rank", "--matrix", "MATRIX", "--types", "+,+,+", "--method", "vikor",
          "--normalization", "max"], "applies to topsis and wsm"),
    ],
)
def test_bad_input_one_line_exit_2(matrix, capsys, args, message):
    args = [matrix if a == "MATRIX" else a for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_ahp_saaty(tmp_path, capsys):
    p = tmp_path / "p.csv"
    p.write_text(WEALTH, encoding="utf-8")
    assert main(["ahp", "--pairwise", str(p)]) == 0
    out = capsys.readouterr().out
    assert "C1,0.427115" in out and "# consistent (CR < 0.10),yes" in out
    p.write_text("1,3\n3,1\n", encoding="utf-8")
    assert main(["ahp", "--pairwise", str(p)]) == 2
    assert "not reciprocal" in capsys.readouterr().err


def test_score_json_and_csv(capsys):
    brief = str(TEMPLATE_DIR / "examples" / "pcam_illustrative.toml")
    assert main(["score", "--brief", brief]) == 0
    doc = json.loads(capsys.readouterr().out)
    site = doc["sites"][0]
    assert {"id", "passes", "reasons", "score", "rank", "annual_bill_eur", "bill",
            "co2_t"} <= set(site)
    assert site["rank"] == 1 and site["bill"][0]["source"]
    assert main(["score", "--brief", brief, "--format", "csv", "--method", "wsm"]) == 0
    assert capsys.readouterr().out.startswith("id,name,country,passes,reasons,score,rank")


def test_module_entry_point(matrix):
    proc = subprocess.run([sys.executable, "-m", "metrics", "rank", "--matrix", matrix,
                           "--types=-,+,+"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith("alternative,score,rank")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATE_DIR.rglob("*.toml")))
def test_score_is_a_0_1_utility_and_rank_1_holds_the_highest(capsys, method, template):
    """Every method's ``score`` is on one 0-1, higher-is-better scale; ``raw_score`` beside it."""
    path = next(TEMPLATE_DIR.rglob(template))
    assert main(["score", "--brief", str(path), "--method", method]) == 0
    doc = json.loads(capsys.readouterr().out)
    ranked = [s for s in doc["sites"] if s["rank"] is not None]
    assert ranked, template
    assert all(0.0 <= s["score"] <= 1.0 for s in ranked)
    assert all(isinstance(s["raw_score"], float) for s in ranked)
    top = max(s["score"] for s in ranked)
    assert all(s["score"] == top for s in ranked if s["rank"] == 1)
    by_rank = sorted(ranked, key=lambda s: s["rank"])
    assert all(a["score"] >= b["score"] - 1e-12 for a, b in itertools.pairwise(by_rank))
