"""``orglearn claims`` end to end at a small size: sweeps, verdicts, charts, report, resume."""

import time

import pytest

from orglearn.cli import main
from orglearn.experiments.claims import run_claims
from orglearn.experiments.claims.literature import literature_checks

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("claims")
    options = {"serial": True, "quiet": True}
    md, page, results = run_claims(out, [3], 3, 2, literature=False, options=options)
    return out, md, page, results


def test_the_report_gives_each_hypothesis_in_both_languages_with_a_verdict(small_run):
    _, md, page, results = small_run
    text = md.read_text("utf-8")
    (claim,) = results
    for c in claim.main:
        assert c.runs == 3
        assert c.hypothesis.text["en"] in text
        assert c.hypothesis.text["nl"] in text
        assert c.verdict in ("supported", "not supported", "reversed")
    assert "95% interval" in text and "95%-interval" in text
    html = page.read_text("utf-8")
    assert html.startswith("<!doctype html>")
    assert claim.main[0].hypothesis.text["nl"] in html


def test_charts_are_images_and_robustness_covers_the_factors_not_named(small_run):
    out, md, _, results = small_run
    (claim,) = results
    for hypothesis_id, chart in claim.charts.items():
        assert (out / chart).read_bytes()[:8] == PNG, hypothesis_id
        assert f"]({chart})" in md.read_text("utf-8")
    for rows in claim.robustness.values():
        labels = [label for label, _ in rows]
        assert labels == [
            "organization.people = 60",
            "organization.people = 480",
            "environment.turbulence = 0.005",
            "environment.turbulence = 0.05",
            "organization.team_size = 5",
            "organization.team_size = 15",
        ]
        assert all(c.runs == 2 for _, c in rows)


def test_running_again_finishes_nothing_twice_and_gives_the_same_numbers(small_run):
    out, _, _, results = small_run
    clock = time.perf_counter()
    _, _, again = run_claims(out, [3], 3, 2, literature=False, options={"serial": True, "quiet": True})
    assert time.perf_counter() - clock < 30  # nothing is run again (a full run takes much longer)
    assert [c.difference for c in again[0].main] == [c.difference for c in results[0].main]


def test_the_model_matches_the_literature_in_its_limit_cases():
    checks = literature_checks(quick=True)
    assert [c.name.split(":")[0] for c in checks] == [
        "DeGroot (1974)",
        "Deffuant–Weisbuch (2000)",
        "March (1991)",
        "Lazer & Friedman (2007)",
    ]
    for check in checks:
        assert check.passed, (check.name, check.obtained)


def test_the_command_line_refuses_bad_arguments(tmp_path, capsys):
    assert main(["claims", "--claims", "9", "--out", str(tmp_path)]) == 2
    assert "no such claim" in capsys.readouterr().err
    assert main(["claims", "--replications", "1", "--out", str(tmp_path)]) == 2
    assert "use 2 or more" in capsys.readouterr().err
