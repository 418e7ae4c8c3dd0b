"""Sweeps over an intervention's week or values: one design point per level, the same seeds."""

import pyarrow.parquet as pq
import pytest

from orglearn.cli import main
from orglearn.experiments.factors import FactorError, parse_factor

SCENARIO = """
[scenario]
extends = "directive"

[[interventions]]
name = "new_director"
week = 5
set = { "management.style" = "aligning" }
"""


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_an_interventions_week_is_a_factor_of_whole_weeks():
    factor = parse_factor("interventions.new_director.week", "5,10,15", "grid", "--vary")
    assert factor.levels == (5, 10, 15) and factor.parameter.type == "int"
    value = parse_factor("interventions.new_director.management.participation", "0:1:3", "grid", "--vary")
    assert value.levels == (0.0, 0.5, 1.0)
    with pytest.raises(FactorError, match="give the weeks to sample from"):
        parse_factor("interventions.new_director.week", "", "lhs", "--vary")
    with pytest.raises(FactorError, match="with KEY a setting that can change during a run"):
        parse_factor("interventions.new_director.organization.people", "10,20", "grid", "--vary")


def test_a_sweep_over_the_week_gives_one_point_per_week_with_the_same_seeds(tmp_path, capsys):
    scenario = tmp_path / "nd.toml"
    scenario.write_text(SCENARIO, "utf-8")
    out = tmp_path / "sweep"
    status, _, _ = run(
        capsys, "sweep", "--scenario", scenario, "--vary", "interventions.new_director.week=3,6,9",
        "--set", "organization.people=20", "--steps", "12", "--replications", "2", "--common-seeds",
        "--seed", "1", "--serial", "--quiet", "--out", out,
    )  # fmt: skip
    assert status == 0
    runs = pq.read_table(out / "runs").to_pandas().sort_values(["point", "replication"])
    assert sorted(runs.point.unique()) == [0, 1, 2]
    seeds = runs.pivot(index="replication", columns="point", values="seed")
    assert (seeds.nunique(axis=1) == 1).all()  # every week faces the same seeds
    status, text, _ = run(capsys, "summarize", out, "--by", "interventions.new_director.week")
    assert status == 0 and "interventions.new_director.week" in text
    status, text, _ = run(capsys, "summarize", out, "--statistic", "recovery", "--metric", "fit_org")
    assert status == 0 and "until settled" in text  # each run counted from its own week


def test_recovery_needs_the_week_it_counts_from(tmp_path, capsys):
    out = tmp_path / "plain"
    args = ["--set", "organization.people=20", "--steps", "30", "--seed", "1", "--serial", "--quiet"]
    assert run(capsys, "sweep", "--vary", "network.voice=0,1", *args, "--out", out)[0] == 0
    status, _, err = run(capsys, "summarize", out, "--statistic", "recovery")
    assert status == 2 and "give --since WEEK" in err
    status, text, _ = run(capsys, "summarize", out, "--statistic", "recovery", "--since", "5")
    assert status == 0 and "from week 5 until settled" in text


def test_a_week_after_the_last_one_is_refused_before_anything_runs(tmp_path, capsys):
    scenario = tmp_path / "nd.toml"
    scenario.write_text(SCENARIO, "utf-8")
    status, _, err = run(
        capsys, "sweep", "--scenario", scenario, "--vary", "interventions.new_director.week=3,30",
        "--steps", "12", "--serial", "--quiet", "--out", tmp_path / "s",
    )  # fmt: skip
    assert status == 2
    assert "intervention 'new_director' (week 30): comes after the last week of the run (12)" in err
    assert not (tmp_path / "s" / "runs").exists()
