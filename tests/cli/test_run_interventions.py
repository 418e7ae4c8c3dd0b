"""`orglearn run` with interventions: --intervene, the marked weeks, clear errors, recovery."""

import pandas as pd

from orglearn.cli import main


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_intervene_marks_its_week_and_the_run_reproduces_from_its_scenario_file(tmp_path, capsys):
    out = tmp_path / "r"
    args = [
        "run",
        "--scenario",
        "directive",
        "--steps",
        "30",
        "--seed",
        "3",
        "--set",
        "organization.people=30",
    ]
    status, text, _ = run(capsys, *args, "--out", out, "--intervene", "10:management.style=aligning")
    assert status == 0
    assert "after intervene_1 (week 10): goal_alignment_org" in text
    metrics = pd.read_csv(out / "metrics.csv", keep_default_na=False)
    assert list(metrics.loc[metrics.intervention != "", "step"]) == [10]
    again = tmp_path / "again"
    status, _, _ = run(
        capsys, "run", "--scenario", out / "scenario.toml", "--steps", "30", "--seed", "3", "--out", again
    )
    assert status == 0
    assert (out / "metrics.csv").read_bytes() == (again / "metrics.csv").read_bytes()


def test_bad_interventions_on_the_command_line_get_clear_messages(tmp_path, capsys):
    base = ["run", "--scenario", "baseline", "--steps", "20", "--out", tmp_path / "r"]
    for given, expected in [
        ("30:network.voice=1", "comes after the last week of the run (20)"),
        ("5:organization.people=10", "organization.people: cannot change during a run"),
        ("5:network.voice=3", "network.voice: 3 is not allowed"),
        ("network.voice=1", "expected WEEK:KEY=VALUE"),
    ]:
        status, _, err = run(capsys, *base, "--intervene", given)
        assert status == 2 and expected in err, (given, err)
    assert not (tmp_path / "r").exists()
