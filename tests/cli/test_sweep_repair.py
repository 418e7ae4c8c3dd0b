"""Sweep folders that went wrong: changed inputs, lost or stale metadata, damaged parts, `--check`."""

import errno
import json
from pathlib import Path

import pandas as pd
import pytest

from orglearn.cli import main
from orglearn.experiments.store import ResultStore

TINY = ["--set", "organization.people=20", "--steps", "4", "--seed", "7", "--serial", "--quiet"]
VARY = ["--vary", "network.voice=0.2,0.5,0.8", "--replications", "2"]
PEOPLE = "id,team,role,reports_to\nboss,top,director,\n" + "".join(
    f"l{t},t{t},team_lead,boss\n" + "".join(f"s{t}{k},t{t},staff,l{t}\n" for k in range(4)) for t in range(2)
)


def call(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def sweep_args(out: Path, *extra: str) -> list[str]:
    return ["sweep", *VARY, "--out", str(out), *TINY, *extra]


@pytest.fixture
def done(tmp_path, capsys):
    """A complete sweep of 6 runs (3 points × 2 replications)."""
    out = tmp_path / "s"
    assert call(capsys, *sweep_args(out))[0] == 0
    return out


def runs_of(folder: Path) -> pd.DataFrame:
    return ResultStore(folder).runs(["seed", "status"])


# --- 9: the inputs a sweep reads ---------------------------------------------------------------


def test_a_changed_org_chart_is_refused_by_name(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    chart = tmp_path / "people.csv"
    chart.write_text(PEOPLE)
    args = ["sweep", *VARY, "--set", "organization.chart=people.csv", "--out", "r", *TINY]
    assert call(capsys, *args)[0] == 0
    inputs = json.loads((tmp_path / "r" / "metadata.json").read_text())["inputs"]
    assert str(chart) in inputs and len(inputs[str(chart)]) == 64  # its sha256
    (tmp_path / "r" / "runs" / "part-000001.parquet").unlink()  # as if interrupted before the end
    chart.write_text(PEOPLE.replace("s00,t0,staff,l0\n", ""))
    for command in (args, ["sweep", "--resume", "--out", "r"]):
        status, _, err = call(capsys, *command)
        assert status == 2
        assert f"{chart}: changed since the sweep in r started" in err
    assert not list((tmp_path / "r" / "runs").glob("part-*.parquet"))  # nothing ran on the new chart
    chart.write_text(PEOPLE)
    assert call(capsys, *args)[0] == 0


# --- 10: a folder that lost its metadata.json --------------------------------------------------


def test_a_folder_without_metadata_refuses_another_sweep(done, capsys):
    before = runs_of(done)
    (done / "metadata.json").unlink()
    other = ["8" if a == "7" else a for a in sweep_args(done)]  # another master seed
    status, _, err = call(capsys, *other)
    assert status == 2
    assert "lost its metadata.json" in err and "another sweep" in err
    pd.testing.assert_frame_equal(runs_of(done), before)
    assert not (done / "metadata.json").exists()


def test_a_folder_without_metadata_is_rebuilt_by_its_own_sweep(done, capsys):
    before = runs_of(done)
    (done / "metadata.json").unlink()
    status, _, err = call(capsys, "sweep", "--resume", "--out", done)
    assert status == 0, err
    meta = json.loads((done / "metadata.json").read_text())
    assert (meta["status"], meta["counts"]) == ("complete", {"ok": 6, "failed": 0, "missing": 0})
    pd.testing.assert_frame_equal(runs_of(done), before)


# --- 11: metadata left stale by a crash in the last step ---------------------------------------


def test_metadata_left_stale_by_the_last_step_is_repaired_by_a_rerun(tmp_path, capsys, monkeypatch):
    out = tmp_path / "stale"

    def full(self):
        raise OSError(errno.EFBIG, "File too large")

    monkeypatch.setattr(ResultStore, "compact", full)
    status, _, err = call(capsys, *sweep_args(out))
    assert status == 2 and "File too large" in err
    assert json.loads((out / "metadata.json").read_text())["counts"]["ok"] == 0
    monkeypatch.undo()
    status, _, err = call(capsys, *sweep_args(out))
    assert status == 0
    meta = json.loads((out / "metadata.json").read_text())
    assert (meta["status"], meta["counts"]) == ("complete", {"ok": 6, "failed": 0, "missing": 0})
    assert "metadata.json" in err and "repaired" in err
    assert len(list((out / "runs").glob("part-*.parquet"))) == 1  # compacted as a complete sweep is
    status, text, _ = call(capsys, "summarize", out)
    assert status == 0 and "6 runs ok, 0 failed, 0 missing" in text


# --- 12: a damaged part ------------------------------------------------------------------------


def damage(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_a_damaged_part_is_named_by_the_analysis(done, capsys):
    part = sorted((done / "runs").glob("part-*.parquet"))[0]
    damage(part)
    status, _, err = call(capsys, "summarize", done)
    assert status == 2
    assert f"{part}: is damaged" in err and f"orglearn sweep --check {done}" in err


def test_a_damaged_part_is_set_aside_and_its_runs_run_again(done, capsys):
    before = runs_of(done)
    part = sorted((done / "runs").glob("part-*.parquet"))[0]
    damage(part)
    status, _, err = call(capsys, *sweep_args(done))
    assert status == 0, err
    assert part.name in err and "damaged" in err
    assert (done / "damaged" / "runs" / part.name).is_file()  # kept, not deleted
    assert (done / "damaged" / "metrics" / part.name).is_file()
    pd.testing.assert_frame_equal(runs_of(done), before)
    assert json.loads((done / "metadata.json").read_text())["counts"]["ok"] == 6


# --- orglearn sweep --check --------------------------------------------------------------------


def test_check_says_a_whole_sweep_is_whole(done, capsys):
    status, text, _ = call(capsys, "sweep", "--check", done)
    assert status == 0
    assert "6 of 6 runs ok" in text and "nothing to repair" in text


def test_check_repairs_what_it_can(done, capsys):
    meta = json.loads((done / "metadata.json").read_text())
    meta.update(status="running", counts={"ok": 0, "failed": 0, "missing": 6})
    (done / "metadata.json").write_text(json.dumps(meta))
    metrics = sorted((done / "metrics").glob("part-*.parquet"))[-1]
    damage(metrics)
    status, text, _ = call(capsys, "sweep", "--check", done)
    assert status == 0
    assert f"{metrics.name}" in text and "set aside" in text
    assert "metadata.json" in text and "repaired" in text
    meta = json.loads((done / "metadata.json").read_text())
    assert meta["counts"]["missing"] == 6 and meta["status"] == "incomplete"
    assert (done / "damaged" / "metrics" / metrics.name).is_file()
    status, text, _ = call(capsys, "sweep", "--check", done)
    assert status == 0 and "nothing to repair" in text and "6 runs missing" in text


def test_check_cannot_repair_a_folder_without_metadata_or_runs(done, capsys):
    (done / "metadata.json").unlink()
    damage(next((done / "runs").glob("part-*.parquet")))
    status, _, err = call(capsys, "sweep", "--check", done)
    assert status == 2
    assert "metadata.json" in err and "cannot be repaired" in err


# --- the size of a sweep, before it starts -----------------------------------------------------


def test_a_huge_grid_is_refused_with_its_size_unless_yes(tmp_path, capsys):
    args = ["sweep", "--vary", "network.voice=0:1:1000", "--vary", "network.bridging=0:1:1000"]
    status, _, err = call(capsys, *args, "--out", tmp_path / "big", *TINY)
    assert status == 2
    assert "1,000,000 runs" in err and "--yes" in err
    assert not (tmp_path / "big").exists()


def test_the_run_count_is_said_before_starting(tmp_path, capsys):
    args = [a for a in sweep_args(tmp_path / "n") if a != "--quiet"]
    status, _, err = call(capsys, *args)
    assert status == 0 and "6 runs (3 design points × 2 replications)" in err


def test_an_organization_too_large_for_memory_is_refused(tmp_path, capsys, monkeypatch):
    import psutil

    class Little:
        available = 64 * 2**20

    monkeypatch.setattr(psutil, "virtual_memory", lambda: Little())
    args = ["sweep", "--vary", "network.voice=0.2,0.8", "--set", "organization.people=100000"]
    status, _, err = call(capsys, *args, "--steps", "1", "--serial", "--quiet", "--out", tmp_path / "m")
    assert status == 2
    assert "organization.people" in err and "100,000" in err and "64 MiB" in err
    assert not (tmp_path / "m").exists()
