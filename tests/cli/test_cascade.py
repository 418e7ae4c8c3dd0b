"""``orglearn cascade`` from the outside: its files, what they record, and one-line errors."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from orglearn.cli import main
from orglearn.experiments import cascade
from orglearn.scenarios.scenario import scenario_folder

MARCH = scenario_folder("march1991") / "baseline.toml"
SMALL = ["--set", "organization.people=30", "--week", "4", "--weeks", "6"]


def orglearn(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orglearn", *args], capture_output=True, text=True, check=False
    )


def test_cascade_prints_a_line_per_level_and_writes_its_files_with_seeds_and_settings(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["cascade", "--scenario", "network_org", *SMALL, "--seed", "5", "--seeds", "2", "--level", "rules"]
    assert main([*args, "--tolerance", "0.01", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "rules moved by 0.5 on every theme for person" in printed and "seeds 5 to 6" in printed
    for level in cascade.LEVELS:
        assert f"\n  {level} " in printed
    weeks = pd.read_csv(out / "cascade_weeks.csv")
    assert sorted(weeks["seed"].unique()) == [5, 6]
    assert len(weeks) == 2 * 3 * 7 and weeks["week"].min() == 4 and weeks["after"].max() == 6
    people = pd.read_csv(out / "cascade_people.csv")
    assert len(people) == 2 * 30 and people["given"].sum() == 2
    assert list(pd.read_csv(out / "cascade_summary.csv")["level"]) == list(cascade.LEVELS)
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["kind"] == "cascade" and meta["seeds"] == [5, 6] and meta["scenario"] == "network_org"
    assert meta["change"] == {"level": "rules", "size": 0.5, "to": None, "theme": None}
    assert meta["settings"] == {"week": 4, "weeks": 6, "tolerance": 0.01, "speed_share": 0.1}
    assert meta["given"] == list(people.loc[people["given"] & (people["seed"] == 5), "id"].astype(str))
    assert "people = 30" in (out / "scenario.toml").read_text()


def test_the_same_seed_gives_the_same_files(tmp_path):
    for name in ("a", "b"):
        assert main(["cascade", *SMALL, "--seed", "2", "--team", "1", "--out", str(tmp_path / name)]) == 0
    for name in ("cascade_weeks.csv", "cascade_people.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_folder_holding_a_run_or_other_files_is_never_written_over(tmp_path):
    assert main(["run", "--steps", "1", "--seed", "1", "--out", str(tmp_path / "run")]) == 0
    done = orglearn("cascade", *SMALL, "--out", str(tmp_path / "run"), "--overwrite")
    assert done.returncode == 2 and "holds a run, not a cascade experiment" in done.stderr
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("x")
    done = orglearn("cascade", *SMALL, "--out", str(tmp_path / "mine"))
    assert done.returncode == 2 and "holds other files (thesis.txt)" in done.stderr
    assert main(["cascade", *SMALL, "--seed", "1", "--out", str(tmp_path / "c")]) == 0
    done = orglearn("cascade", *SMALL, "--seed", "2", "--out", str(tmp_path / "c"))
    assert done.returncode == 2 and "already holds a cascade experiment" in done.stderr
    assert main(["cascade", *SMALL, "--seed", "2", "--out", str(tmp_path / "c"), "--overwrite"]) == 0
    assert json.loads((tmp_path / "c" / "metadata.json").read_text())["seeds"] == [2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--person", "999"], "--person 999: no such person; use an id from 0 to 119"),
        (["--team", "40"], "--team 40: no such team; use a team from 0 to 16"),
        (["--level", "values"], "--level values: use one of rules, insights, principles"),
        (["--week", "-1"], "argument --week: -1 is negative; use 0 or more"),
        (["--weeks", "0"], "argument --weeks: use 1 or more"),
        (["--week", "100001"], "--week 100001: use a week from 0 to 100000"),
        (
            ["--scenario", "new_director", "--weeks", "10"],
            f"{scenario_folder() / 'new_director.toml'}: intervention 'new_director' (week 100): comes after "
            "the last week of the run (70); use a week from 1 to 70 or run longer",
        ),
        (["--size", "1.5"], "--size 1.5: use a size above 0 and at most 1"),
        (["--size", "big"], "argument --size: 'big' is not a number"),
        (["--theme", "6"], "--theme 6: use a theme from 0 to 5"),
        (["--tolerance", "-0.1"], "--tolerance -0.1: use a difference above 0"),
        (["--person", "3", "--team", "1"], "argument --team: not allowed with argument --person"),
        (["--size", "0.3", "--to", "0.5"], "argument --to: not allowed with argument --size"),
        (["--scenario", str(MARCH)], "--scenario baseline: cascades run the orglearn model only"),
    ],
)
def test_bad_input_gets_one_clear_line_and_no_traceback(tmp_path, args, message):
    done = orglearn("cascade", *args, "--out", str(tmp_path / "X"))
    assert done.returncode == 2
    assert done.stderr.strip() == f"orglearn cascade: {message}"
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "X").exists()


def test_the_help_gives_the_experiments_defaults():
    done = orglearn("cascade", "--help")
    text = " ".join(done.stdout.split())
    for default in (cascade.WEEK, cascade.WEEKS, cascade.SIZE, cascade.TOLERANCE, cascade.SPEED_SHARE):
        assert f"(default: {default})" in text
