"""``orglearn run``, ``scenarios`` and ``parameters`` from the outside, as a user calls them."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from orglearn.cli import main
from orglearn.simulation.metrics import COLUMNS


def orglearn(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orglearn", *args], capture_output=True, text=True, check=False
    )


def test_run_writes_every_file_with_the_promised_contents(tmp_path):
    out = tmp_path / "out"
    code = main(["run", "--scenario", "network_org", "--steps", "12", "--seed", "1", "--out", str(out),
                 "--snapshot-every", "5"])  # fmt: skip
    assert code == 0
    metrics = pd.read_csv(out / "metrics.csv")
    assert list(metrics.columns) == ["step", *COLUMNS]
    assert list(metrics["step"]) == list(range(13))
    agents = pd.read_csv(out / "agents.csv")
    assert sorted(agents["step"].unique()) == [0, 5, 10, 12]
    for column in ("id", "team", "department", "unit", "role", "rules_0", "insights_5", "principles_5"):
        assert column in agents.columns
    assert len(agents) == 4 * 120
    network = pd.read_csv(out / "network.csv")
    assert list(network.columns) == ["source", "target", "quality", "formal"]
    assert network["formal"].sum() == 119
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["seed"] == 1
    assert meta["steps"] == 12
    assert meta["scenario"] == "network_org"
    assert meta["command"][:2] == ["orglearn", "run"] or meta["command"][0] == "orglearn"
    for key in ("orglearn_version", "started", "finished", "packages", "git_commit"):
        assert key in meta
    assert 'kind = "network_org"' in (out / "scenario.toml").read_text()


def test_the_written_scenario_reproduces_the_run(tmp_path):
    assert (
        main(["run", "--scenario", "rake", "--steps", "8", "--seed", "3", "--out", str(tmp_path / "a")]) == 0
    )
    again = tmp_path / "b"
    assert main(["run", "--scenario", str(tmp_path / "a" / "scenario.toml"), "--steps", "8", "--seed", "3",
                 "--out", str(again)]) == 0  # fmt: skip
    assert (tmp_path / "a" / "metrics.csv").read_bytes() == (again / "metrics.csv").read_bytes()


def test_set_changes_a_parameter(tmp_path):
    assert (
        main(
            ["run", "--steps", "1", "--seed", "1", "--out", str(tmp_path), "--set", "organization.people=30"]
        )
        == 0
    )
    assert (pd.read_csv(tmp_path / "agents.csv")["step"] == 0).sum() == 30


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--scenario", "netwrk_org", "--out", "X"], "Did you mean 'network_org'"),
        (
            ["run", "--set", "network.voice=2", "--out", "X"],
            "network.voice: 2 is not allowed: use a number from 0.0 to 1.0",
        ),
        (["run", "--set", "network.voise=1", "--out", "X"], "Did you mean 'network.voice'"),
        (["run", "--set", "novalue", "--out", "X"], "KEY=VALUE"),
        (["run", "--steps", "-3", "--out", "X"], "-3 is negative"),
        (["run", "--seed", "abc", "--out", "X"], "'abc' is not a whole number"),
        (["run", "--steps", "3"], "--out"),
        (["fly"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message_and_no_traceback(tmp_path, args, message):
    args = [str(tmp_path / a) if a == "X" else a for a in args]
    done = orglearn(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "X").exists()


def test_an_earlier_run_is_not_overwritten_by_accident(tmp_path):
    assert main(["run", "--steps", "1", "--seed", "1", "--out", str(tmp_path)]) == 0
    done = orglearn("run", "--steps", "1", "--seed", "2", "--out", str(tmp_path))
    assert done.returncode == 2
    assert "already holds a run" in done.stderr
    assert json.loads((tmp_path / "metadata.json").read_text())["seed"] == 1
    assert main(["run", "--steps", "1", "--seed", "2", "--out", str(tmp_path), "--overwrite"]) == 0


def test_an_unwritable_folder_is_refused_before_running(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = orglearn("run", "--steps", "1", "--out", str(blocker))
    assert done.returncode == 2
    assert "is a file" in done.stderr


def test_a_bad_scenario_file_names_file_key_and_range(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[organization]\npeople = 20\nteam_size = 30\n")
    done = orglearn("run", "--scenario", str(bad), "--out", str(tmp_path / "o"))
    assert done.returncode == 2
    assert f"{bad}: organization.team_size: 30 is larger than organization.people (20)" in done.stderr


def test_scenarios_and_parameters_are_listed_in_both_languages():
    listing = orglearn("scenarios")
    assert listing.returncode == 0
    assert "network_org" in listing.stdout
    assert "Een netwerkorganisatie" in orglearn("scenarios", "--lang", "nl").stdout
    parameters = orglearn("parameters", "--lang", "nl")
    assert "network.voice" in parameters.stdout
    assert "Inspraak" in parameters.stdout


def test_march_runs_from_the_command_line_with_short_names(tmp_path):
    out = tmp_path / "march"
    code = main(["run", "--model", "march1991", "--set", "p1=0.1", "--set", "p2=0.9", "--steps", "2000",
                 "--seed", "1", "--out", str(out)])  # fmt: skip
    assert code == 0
    metrics = pd.read_csv(out / "metrics.csv")
    assert metrics["equilibrium"].iloc[-1] == 1.0  # a closed world stops at rest
    assert len(metrics) < 2001
    assert not (out / "network.csv").exists()
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["model"] == "march1991"
    assert meta["weeks_run"] == len(metrics) - 1
    assert "p2 = 0.9" in (out / "scenario.toml").read_text()
    assert (
        orglearn(
            "run", "--model", "march1991", "--engine", "readable", "--out", str(tmp_path / "x")
        ).returncode
        == 2
    )
