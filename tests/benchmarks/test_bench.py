"""The benchmark suite runs from the command line and writes valid JSON; it is never a timed test.

CI runs the smallest mode (``--mode smoke``): every section once, on tiny organizations. Nothing
here checks how fast anything is, only that each section measured something and that the report
reads it; the targets' verdicts may be anything on a busy machine.
"""

import dataclasses
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orglearn.benchmarks import baseline, report, startup, timing
from orglearn.benchmarks.__main__ import main as bench_main
from orglearn.benchmarks.config import MODES
from orglearn.cli import main

SECTIONS = ("engine", "memory", "startup", "sweep")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "smoke.json"
    assert main(["bench", "--mode", "smoke", "--quiet", "--out", str(out)]) == 0
    assert "| target | measured | met |" in out.with_suffix(".md").read_text()
    return json.loads(out.read_text())


def test_the_smoke_run_measures_every_section_and_writes_json(smoke):
    assert smoke["schema"] == 2
    assert smoke["mode"] == "smoke"
    assert smoke["machine"]["cores"] >= 1
    assert set(SECTIONS) <= set(smoke)
    assert "baseline" not in smoke  # only with --baseline
    for row in smoke["engine"]["rows"]:
        for clock in ("wall", "cpu"):
            assert all(value > 0 for value in row["us_per_person_week"][clock].values())
            assert all(len(samples) == row["repeats"] for samples in row["samples"][clock].values())
            assert all(value > 0 for value in row["cold"]["first_week_seconds"][clock].values())
            assert all(ratio[clock]["median"] > 0 for ratio in row["ratios"].values())
        for form, thread in row["us_per_person_week"]["thread"].items():
            assert (
                0 < thread <= row["us_per_person_week"]["cpu"][form] * 1.001
            )  # a thread is part of the process
        assert row["weeks_per_sample"] == row["calibration"][-1]["count"]
        assert row["calibration"][-1]["fastest_seconds"] >= timing.LEAST_SAMPLE
    forms = {form for row in smoke["engine"]["rows"] for form in row["us_per_person_week"]["cpu"]}
    assert forms == {"mesa", "headless", "readable"}
    assert {probe["form"] for probe in smoke["memory"]["per_person"]} == {"mesa", "headless"}
    assert all(probe["peak_bytes"] > 0 for probe in smoke["memory"]["big"])
    for probe in smoke["memory"]["per_person"]:  # the warm-up is in the process's peak, not the model's
        assert probe["peak_bytes"] >= probe["model_peak_bytes"] >= probe["baseline_bytes"] > 0
    assert all(smoke["startup"]["seconds"][clock]["orglearn_run"] > 0 for clock in ("wall", "cpu"))
    assert smoke["startup"]["forbidden"] == []  # a property of the command line, not of speed


def test_every_sweep_side_runs_every_worker_and_is_read_on_both_clocks(smoke):
    sweep = smoke["sweep"]
    for side in ("engine", "batch_fast", "batch_readable"):
        assert sweep["runs_per_turn"][side] >= 2 * sweep["workers"]
        assert sweep[side]["runs"] == sweep["runs_per_turn"][side] * sweep[side]["turns"]
        assert all(sweep[side][clock]["seconds"] > 0 for clock in ("wall", "cpu"))
        # The workers' CPU is counted: the parent alone mostly waits.
        assert sweep[side]["cpu"]["startup_seconds"] > 0
    assert set(sweep["ratios"]) == {"engine/batch_readable", "batch_fast/batch_readable", "engine/batch_fast"}
    assert all(r[clock]["median"] > 0 for r in sweep["ratios"].values() for clock in ("wall", "cpu"))


def test_every_target_is_reported_met_missed_or_not_measured(smoke):
    names = [target["name"] for target in smoke["targets"]]
    assert len(names) == 11
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
    seen = []
    steps = {"a": timing.local(lambda: seen.append("a")), "b": timing.local(lambda: seen.append("b"))}
    times = timing.lockstep(steps, 2, 2)
    assert seen == ["a", "a", "b", "b", "b", "b", "a", "a"]  # turns rotate between repeats
    assert [len(v) for clock in ("wall", "cpu") for v in times[clock].values()] == [2, 2, 2, 2]


def fake(per_operation: float, counts: list[int]):
    """A variant whose sample lasts ``per_operation`` seconds per operation on both clocks."""

    def timed(n):
        counts.append(n)
        return timing.Sample(n * per_operation, n * per_operation)

    return timed


def test_calibration_grows_the_sample_to_50_ms_for_the_fastest_and_keeps_variants_in_step():
    fast, slow = [], []
    count, rounds = timing.calibrate({"fast": fake(0.001, fast), "slow": fake(0.02, slow)})
    assert count % 2 == 0 and count * 0.001 >= timing.LEAST_SAMPLE
    assert count <= 2 * 1.2 * timing.LEAST_SAMPLE / 0.001  # no needless overshoot
    assert fast == slow == [r["count"] for r in rounds]  # every variant ran the same weeks
    assert rounds[-1]["fastest_seconds"] >= timing.LEAST_SAMPLE
    assert timing.calibrate({"long": fake(0.2, [])})[0] == 2  # already long enough: the least even count


def test_the_stopwatch_counts_the_cpu_of_finished_child_processes():
    burn = [sys.executable, "-c", "sum(i * i for i in range(2_000_000))"]
    with timing.Stopwatch() as watch:
        parent = time.process_time()
        subprocess.run(burn, check=True)
        parent = time.process_time() - parent
    assert watch.cpu > parent + 0.05  # the child's work, not only this process's


def test_sweep_sizes_that_would_leave_a_worker_idle_are_refused():
    with pytest.raises(ValueError, match="batch_runs must be at least"):
        dataclasses.replace(MODES["smoke"], batch_runs=2)


def test_targets_are_judged_from_the_results():
    def ratio(value):
        return {"wall": {"median": value * 0.9, "spread": 0.1}, "cpu": {"median": value, "spread": 0.1}}

    row = {
        "kind": "network_org",
        "people": 1_000,
        "ties": 4_000,
        "ratios": {"readable/mesa": ratio(42.0), "mesa/headless": ratio(1.3)},
        "us_per_person_week": {"wall": {"headless": 0.9}, "cpu": {"headless": 0.7}},
    }
    small = {
        **row,
        "people": 200,
        "ratios": {},
        "us_per_person_week": {"wall": {"headless": 1.1}, "cpu": {"headless": 1.05}},
    }
    fit = {"exponent_people": 1.05, "exponent_people_and_ties": 1.04}
    results = {
        "engine": {
            "rows": [small, row],
            "scaling": {"network_org": {"headless": {"from": 1_000, "to": 100_000, "wall": fit, "cpu": fit}}},
        }
    }
    verdicts = {target["name"]: target["met"] for target in report.targets(results)}
    assert verdicts["engine vs readable step at N = 1,000"] is True  # on CPU; wall would miss it
    assert verdicts["engine vs readable step at N = 10,000"] is None
    assert verdicts["engine with Mesa agents vs headless, N ≥ 1,000"] is False
    assert verdicts["cost per week vs people, 1,000 → 100,000 (exponent)"] is True
    assert verdicts["per person-week, headless, 1,000 people and more"] is True  # on CPU: 0.7 µs
    assert verdicts["per person-week, headless, 200 people"] is False  # 1.05 µs
    assert verdicts["per person-week, headless, 60 people"] is None  # not run
    assert "Targets" in report.table({"targets": report.targets(results)})


def test_the_import_check_reads_pythons_import_profile():
    modules = {"mesa": 0.5, "orglearn.cli": 0.01, "matplotlib.pyplot": 0.2, "dask": 0.1, "daskish": 0.1}
    assert startup.forbidden(modules) == ["dask", "matplotlib.pyplot"]
    seconds = {clock: {"orglearn_run": 1.2, "import_mesa": 1.0} for clock in ("wall", "cpu")}
    ratios = {clock: {"median": 1.2, "spread": 0.0} for clock in ("wall", "cpu")}
    forbidden = ["matplotlib", "matplotlib.pyplot", "dask"]
    found = {"startup": {"forbidden": forbidden, "seconds": seconds, "ratios": ratios}}
    [imports] = [t for t in report.targets(found) if t["name"] == "what `orglearn run` imports"]
    assert imports["detail"] == "dask (1 module), matplotlib (2 modules)"  # grouped, not 200 names


ROOT = Path(__file__).resolve().parents[2]


def test_another_checkout_is_timed_in_turns_with_this_one():
    sizes = dataclasses.replace(
        MODES["smoke"], engine=(60,), headless=(), kinds=("network_org",), baseline_repeats=2
    )
    found = baseline.run(sizes, lambda line: None, ROOT)  # this tree against itself
    assert found["old"]["source"] == str(ROOT / "simulation")
    [row] = found["rows"]
    assert set(row["ratios"]) == {"new:headless/old:headless", "new:mesa/old:mesa"}
    assert all(r[clock]["median"] > 0 for r in row["ratios"].values() for clock in ("wall", "cpu"))
    assert all(len(v) == 2 for v in row["samples"]["cpu"].values())
    assert "mesa wall" in report.table({"baseline": found})  # each ratio named by its form


def fake_checkout(folder: Path) -> Path:
    """A tree whose engine can be built but has no ``step``: an API the benchmark cannot time."""
    (folder / "pyproject.toml").write_text(
        '[tool.setuptools.package-dir]\n"orglearn" = "orglearn"\n'
        '"orglearn.simulation" = "simulation"\n"orglearn.scenarios" = "scenarios"\n'
    )
    for package, text in {
        "orglearn": "",
        "scenarios": "def load_scenario(name, overrides):\n    return name\n",
        "simulation": (
            "class Engine:\n    def __init__(self, setup, rng):\n        self.values = self.state = None\n"
        ),
    }.items():
        (folder / package).mkdir()
        (folder / package / "__init__.py").write_text(text)
    (folder / "simulation" / "recorder.py").write_text(
        "class Recorder:\n    def __init__(self, values):\n        pass\n\n"
        "    def record(self, state):\n        pass\n"
    )
    return folder


def test_a_checkout_with_another_engine_api_fails_with_a_clear_message(tmp_path):
    sizes = dataclasses.replace(MODES["smoke"], engine=(), headless=(60,), kinds=("network_org",))
    with pytest.raises(baseline.BaselineError, match=r"old side .*'Engine' object has no attribute 'step'"):
        baseline.run(sizes, lambda line: None, fake_checkout(tmp_path))


def test_a_folder_without_orglearn_is_refused(tmp_path, capsys):
    command = ["--mode", "smoke", "--only", "engine", "--baseline", str(tmp_path), "--quiet"]
    assert bench_main(command) == 2  # before the engine section runs
    assert "no orglearn package in" in capsys.readouterr().err
    assert bench_main(["--only", "baseline", "--quiet"]) == 2
    assert "needs --baseline" in capsys.readouterr().err


def test_an_older_checkout_runs_only_the_settings_it_knows(tmp_path):
    """Both sides are built from the settings both know, and the run names the rest.

    The old tree's load_scenario refuses a parameter it lacks, so getting as far as its missing
    ``step`` shows that it was never handed one.
    """
    tree = fake_checkout(tmp_path)
    from orglearn.benchmarks.config import settings
    from orglearn.scenarios import parameter_table

    wanted = settings("network_org", 60)
    lacking = sorted(wanted)[:2]
    known = sorted(set(parameter_table()) - set(lacking))
    (tree / "scenarios" / "__init__.py").write_text(
        f"KNOWN = set({known!r})\n\n"
        "def parameter_table():\n    return dict.fromkeys(KNOWN)\n\n"
        "def load_scenario(name, overrides):\n"
        "    unknown = set(overrides) - KNOWN\n"
        "    if unknown:\n        raise ValueError(f'unknown setting {sorted(unknown)}')\n"
        "    return name\n"
    )
    sizes = dataclasses.replace(MODES["smoke"], engine=(), headless=(60,), kinds=("network_org",))
    lines: list[str] = []
    with pytest.raises(baseline.BaselineError, match=r"'Engine' object has no attribute 'step'"):
        baseline.run(sizes, lines.append, tree)
    assert any(f"the old tree lacks {', '.join(lacking)}" in line for line in lines)
