"""The benchmark suite runs from the command line and writes valid JSON; it is never a timed test.

CI runs the smallest mode (``--mode smoke``): every section once, on tiny organizations. Nothing
here checks how fast anything is, only that each section measured something and that the report
reads it; the targets' verdicts may be anything on a busy machine.
"""

import json
import math

import pytest

from orglearn.benchmarks import report, startup, timing
from orglearn.cli import main

SECTIONS = ("engine", "memory", "startup", "sweep")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "smoke.json"
    assert main(["bench", "--mode", "smoke", "--quiet", "--out", str(out)]) == 0
    assert "| target | measured | met |" in out.with_suffix(".md").read_text()
    return json.loads(out.read_text())


def test_the_smoke_run_measures_every_section_and_writes_json(smoke):
    assert smoke["schema"] == 1
    assert smoke["mode"] == "smoke"
    assert smoke["machine"]["cores"] >= 1
    assert set(SECTIONS) <= set(smoke)
    forms = {form for row in smoke["engine"]["rows"] for form in row["us_per_person_week"]}
    assert forms == {"mesa", "headless", "readable"}
    for row in smoke["engine"]["rows"]:
        assert all(value > 0 for value in row["us_per_person_week"].values())
        assert len(next(iter(row["samples"].values()))) == row["repeats"]
    assert {probe["form"] for probe in smoke["memory"]["per_person"]} == {"mesa", "headless"}
    assert all(probe["peak_bytes"] > 0 for probe in smoke["memory"]["big"])
    assert smoke["startup"]["seconds"]["orglearn_run"] > 0
    assert smoke["startup"]["forbidden"] == []  # a property of the command line, not of speed
    assert smoke["sweep"]["engine"]["runs"] + smoke["sweep"]["batch_run"]["runs"] > 0


def test_every_target_is_reported_met_missed_or_not_measured(smoke):
    names = [target["name"] for target in smoke["targets"]]
    assert len(names) == 8
    assert all(target["met"] in (True, False, None) for target in smoke["targets"])


def test_one_section_can_run_alone(tmp_path, capsys):
    out = tmp_path / "startup.json"
    assert main(["bench", "--mode", "smoke", "--only", "startup", "--quiet", "--out", str(out)]) == 0
    results = json.loads(out.read_text())
    assert "startup" in results and "engine" not in results
    assert "Start-up" in capsys.readouterr().out


def test_an_unknown_section_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["bench", "--only", "speed"])
    assert stop.value.code == 2
    assert "use one or more of" in capsys.readouterr().err


def test_ratios_are_paired_medians_and_exponents_are_log_log_slopes():
    ratio, spread = timing.paired_ratio([2.0, 4.0, 9.0], [1.0, 1.0, 3.0])
    assert (ratio, spread) == (3.0, pytest.approx(2 / 3))
    assert timing.scaling_exponent([1e3, 1e4, 1e5], [1.0, 10.0, 100.0]) == pytest.approx(1.0)
    assert timing.scaling_exponent([1e3, 1e5], [1.0, 1e4]) == pytest.approx(2.0)
    assert math.isnan(timing.scaling_exponent([1e3], [1.0]))
    assert timing.weeks_for(0.3, 1.0) == 4  # even, and at least the budget
    assert timing.weeks_for(10.0, 1.0) == 2
    seen = []
    times = timing.lockstep({"a": lambda: seen.append("a"), "b": lambda: seen.append("b")}, 2, 2)
    assert seen == ["a", "a", "b", "b", "b", "b", "a", "a"]  # turns rotate between repeats
    assert [len(v) for v in times.values()] == [2, 2]


def test_targets_are_judged_from_the_results():
    row = {
        "kind": "network_org",
        "people": 1_000,
        "ties": 4_000,
        "us_per_person_week": {"mesa": 4.0, "headless": 3.0, "readable": 180.0},
        "spread": {"mesa": 0.1, "headless": 0.1, "readable": 0.1},
        "ratios": {"readable/mesa": {"median": 45.0}, "mesa/headless": {"median": 1.3}},
    }
    results = {
        "engine": {
            "rows": [row],
            "scaling": {
                "network_org": {
                    "headless": {
                        "from": 1_000,
                        "to": 100_000,
                        "exponent_people": 1.05,
                        "exponent_people_and_ties": 1.04,
                    }
                }
            },
        }
    }
    verdicts = {target["name"]: target["met"] for target in report.targets(results)}
    assert verdicts["engine vs readable step at N = 1,000"] is True
    assert verdicts["engine vs readable step at N = 10,000"] is None
    assert verdicts["engine with Mesa agents vs headless, N ≥ 1,000"] is False
    assert verdicts["cost per week vs people, 1,000 → 100,000 (exponent)"] is True
    assert "Targets" in report.table({**results, "targets": report.targets(results)})


def test_the_import_check_reads_pythons_import_profile():
    modules = {"mesa": 0.5, "orglearn.cli": 0.01, "matplotlib.pyplot": 0.2, "dask": 0.1, "daskish": 0.1}
    assert startup.forbidden(modules) == ["dask", "matplotlib.pyplot"]
