"""A model comes in by one door: a toy model, registered and nothing else, runs everywhere.

The toy is a thermostat: a level starts at a seeded random value and moves a share ``rate`` of
the way toward ``target`` each step, and comes to rest once it is within ``tolerance`` of it. It
has its own parameter table and named scenario in a folder of its own, a Mesa-free model, its
metrics and a headless run, so `orglearn run`, `orglearn sweep` and the app can run it only if
they ask the registry for everything.
"""

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from orglearn import registry
from orglearn.cli import main
from orglearn.registry import Description, describe_model

PARAMETERS = """
[toy.rate]
type = "float"
default = 0.5
min = 0.0
max = 1.0
property = "learning"
source = "assumed"
label = { en = "Rate", nl = "Tempo" }
help = { en = "Share of the gap closed each step.", nl = "Deel van het verschil dat elke stap dicht gaat." }

[toy.target]
type = "float"
default = 1.0
min = -10.0
max = 10.0
property = "direction"
source = "assumed"
label = { en = "Target", nl = "Doel" }
help = { en = "Where the level goes.", nl = "Waar het niveau heen gaat." }
"""

BASELINE = """[scenario]
model = "toy"
description.en = "A thermostat."
description.nl = "Een thermostaat."
"""

COLUMNS = {"level": "The level now.", "gap": "How far the level is from the target."}
TOLERANCE = 1e-3


class Thermostat:
    """The toy model: what :class:`orglearn.registry.Simulation` asks, and nothing more."""

    def __init__(self, values: Mapping[str, float], seed: int) -> None:
        self.rate, self.target = values["toy.rate"], values["toy.target"]
        self.level = float(np.random.default_rng(seed).uniform(-5, 5))
        self.week, self.running, self.rows = 0, True, []
        self._record()

    def _record(self) -> None:
        self.rows.append((self.week, self.level, abs(self.target - self.level)))

    def step(self) -> None:
        self.level += self.rate * (self.target - self.level)
        self.week += 1
        self._record()
        self.running = abs(self.target - self.level) > TOLERANCE

    def metrics(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=["step", *COLUMNS])

    def snapshot(self) -> pd.DataFrame:
        return pd.DataFrame({"step": [self.week], "id": [0], "level": [self.level]})

    def ties_frame(self) -> None:
        return None

    def interventions_by_week(self, steps: pd.Series) -> pd.Series:
        return steps.map(lambda _: "")


def headless(scenario, seed: int, steps: Sequence[int], metrics: Sequence[str]) -> np.ndarray:
    """The sweep's run: the Mesa-free model itself, measured at the kept steps."""
    model = Thermostat(scenario.values, seed)
    rows = []
    for step in steps:
        while model.week < step:
            model.step()
        rows.append([dict(zip(["step", *COLUMNS], model.rows[-1], strict=True))[m] for m in metrics])
    return np.asarray(rows, dtype=float)


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """The toy model, registered for one test (the registry is as before afterwards)."""
    folder = tmp_path / "toy_model"
    folder.mkdir()
    (folder / "parameters.toml").write_text(PARAMETERS, "utf-8")
    (folder / "baseline.toml").write_text(BASELINE, "utf-8")
    entry = Description(
        name="toy",
        label={"en": "a thermostat", "nl": "een thermostaat"},
        unit="step",
        default="baseline",
        start="baseline",
        engines=("fast",),
        headline=lambda: ("level", "gap"),
        find_folder=lambda: Path(folder),
        find_problems=lambda values, where: [],
        builder=lambda scenario, seed, engine: Thermostat(scenario.values, seed),
        metric_table=lambda: COLUMNS,
        headless=headless,
        rule_table=lambda: {"close": {"en": "Close the gap.", "nl": "Sluit het gat.", "title": {}}},
    )
    monkeypatch.setitem(registry.MODELS, "toy", entry)
    monkeypatch.chdir(tmp_path)
    return entry


def test_the_shipped_models_are_described_once():
    assert list(registry.MODELS) == ["orglearn", "march1991"]
    assert describe_model(None).name == registry.DEFAULT_MODEL == "orglearn"
    assert describe_model("march1991").unit == "period" and describe_model("orglearn").unit == "week"
    assert "equilibrium_period" in describe_model("march1991").sweep_metrics()
    assert "equilibrium_period" not in describe_model("march1991").metrics()


def test_an_unknown_model_is_refused_by_name():
    with pytest.raises(Exception, match="model 'nope' is not one of orglearn, march1991"):
        describe_model("nope")


def test_a_registered_model_runs_from_the_command_line(toy, tmp_path, capsys):
    status = main(["run", "--model", "toy", "--steps", "50", "--seed", "3", "--out", str(tmp_path / "run")])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "orglearn run: toy scenario baseline, 1 people" in out and "level" in out
    metrics = pd.read_csv(tmp_path / "run" / "metrics.csv")
    rest = int(metrics["step"].iloc[-1])
    assert 0 < rest < 50  # stopped at rest, by the same loop as every model
    assert abs(metrics["gap"].iloc[-1]) <= TOLERANCE < abs(metrics["gap"].iloc[-2])
    assert json.loads((tmp_path / "run" / "metadata.json").read_text())["model"] == "toy"
    assert main(["run", "--model", "toy", "--engine", "readable", "--out", str(tmp_path / "r")]) == 2
    assert "runs on fast only" in capsys.readouterr().err


def test_a_registered_model_sweeps_and_summarizes(toy, tmp_path, capsys):
    out = tmp_path / "sweep"
    args = ["sweep", "--model", "toy", "--vary", "rate=0.1,0.9", "--replications", "2"]
    args += ["--steps", "20", "--every", "10", "--seed", "5", "--serial", "--out", str(out)]
    status = main(args)
    text = capsys.readouterr().out
    assert status == 0, text
    assert "2 design points × 2 replications = 4 runs of 20 steps" in text
    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["spec"]["model"] == "toy" and metadata["counts"]["ok"] == 4
    assert main(["summarize", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "gap — How far the level is from the target" in summary


def test_a_registered_model_is_offered_by_the_app(toy):
    from orglearn.app.model_view import app_model
    from orglearn.app.session import Session

    shown = app_model("toy")
    assert (shown.start, shown.unit, shown.charts) == ("baseline", "step", ())
    session = Session()
    session.choose_model("toy")
    session.step(3)
    assert session.model_name == "toy" and session.week == 3
    assert not math.isnan(session.model.level)


def test_a_registered_model_is_compared_on_paired_seeds_and_comes_to_rest(toy):
    from orglearn.app.compare import run_pair
    from orglearn.scenarios import load_scenario

    slow = load_scenario("baseline", {"toy.rate": 0.1}, model="toy")
    fast = load_scenario("baseline", {"toy.rate": 0.9}, model="toy")
    comparison = run_pair((slow, fast), (1, 2), 200)
    a, b = comparison.series("gap")
    assert a.shape[0] == b.shape[0] == 2
    assert a[0, 0] == b[0, 0]  # the same seed, the same start
    assert a.shape == b.shape and a.shape[1] < 201  # stopped once every run was at rest
    assert len(comparison.frames_b[0]) < len(comparison.frames_a[0])  # the fast one came to rest first
    assert b[0, -1] == comparison.frames_b[0]["gap"].iloc[-1]  # and keeps its value at rest
