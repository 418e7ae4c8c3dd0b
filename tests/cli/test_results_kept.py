"""Results already computed are never lost: `run`, `summarize` and `export` write only their own files.

Every command that writes refuses a folder or file it did not make, replaces its own earlier
output only when asked, and leaves the earlier output whole when a write fails (a full disk is
simulated by making a write function raise ``ENOSPC`` partway through).
"""

import errno
import hashlib
import json
import os
import shutil

import pandas as pd
import pytest

from orglearn.cli import main

TINY = ["--set", "organization.people=20", "--steps", "4", "--seed", "7", "--serial", "--quiet"]


def call(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def contents(folder):
    """Every file below a folder with the hash of its bytes, to show it is unchanged."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A run folder and a sweep folder, made once; tests work on copies."""
    base = tmp_path_factory.mktemp("made")
    assert main(["run", "--steps", "5", "--seed", "1", "--set", "organization.people=20",
                 "--out", str(base / "run")]) == 0  # fmt: skip
    assert main(["sweep", "--vary", "network.voice=0.2,0.8", "--out", str(base / "sweep"), *TINY]) == 0
    return base


@pytest.fixture
def run_folder(made, tmp_path):
    shutil.copytree(made / "run", tmp_path / "r")
    return tmp_path / "r"


@pytest.fixture
def sweep_folder(made, tmp_path):
    shutil.copytree(made / "sweep", tmp_path / "s")
    return tmp_path / "s"


# --- export -----------------------------------------------------------------------------------


def test_export_refuses_a_run_folder_and_leaves_it_whole(run_folder, capsys):
    before = contents(run_folder)
    status, out, err = call(capsys, "export", run_folder)
    assert status == 2
    assert f"{run_folder}: is the folder of one run (orglearn run), not a sweep" in err
    assert "wrote" not in out
    assert contents(run_folder) == before


def test_export_never_writes_over_a_runs_files(sweep_folder, run_folder, capsys):
    before = contents(run_folder)
    for extra in ([], ["--overwrite"]):
        status, _, err = call(capsys, "export", sweep_folder, "--to", run_folder, *extra)
        assert status == 2
        assert f"{run_folder / 'metrics.csv'}: belongs to the run in {run_folder}" in err
    assert contents(run_folder) == before


def test_export_never_writes_into_another_sweeps_folder(sweep_folder, tmp_path, capsys):
    other = tmp_path / "other"
    assert call(capsys, "sweep", "--vary", "network.voice=0.1,0.9", "--out", other, *TINY)[0] == 0
    before = contents(other)
    status, _, err = call(capsys, "export", sweep_folder, "--to", other)
    assert status == 2 and f"--to {other}: holds a sweep's results folder" in err
    assert contents(other) == before


def test_export_replaces_only_its_own_tables_and_only_when_asked(sweep_folder, tmp_path, capsys):
    to = tmp_path / "csv"
    assert call(capsys, "export", sweep_folder, "--to", to)[0] == 0
    first = (to / "metrics.csv").read_text()
    assert len(first.splitlines()) == 1 + 2 * 5
    status, _, err = call(capsys, "export", sweep_folder, "--to", to)
    assert status == 2 and "already holds an exported runs table" in err and "--overwrite" in err
    assert call(capsys, "export", sweep_folder, "--to", to, "--overwrite")[0] == 0
    assert (to / "metrics.csv").read_text() == first
    (to / "runs.csv").write_text("my,own\n1,2\n")
    status, _, err = call(capsys, "export", sweep_folder, "--to", to, "--overwrite")
    assert status == 2 and f"{to / 'runs.csv'}: exists and was not written by orglearn" in err
    assert (to / "runs.csv").read_text() == "my,own\n1,2\n"


def test_export_into_the_sweep_itself_can_be_repeated(sweep_folder, capsys):
    assert call(capsys, "export", sweep_folder)[0] == 0
    assert call(capsys, "export", sweep_folder)[0] == 0
    assert len((sweep_folder / "runs.csv").read_text().splitlines()) == 3
    args = ["sweep", "--vary", "network.voice=0.2,0.8", "--out", sweep_folder, "--csv", *TINY]
    assert call(capsys, *args)[0] == 0  # the same sweep again refreshes its tables
    assert len((sweep_folder / "metrics.csv").read_text().splitlines()) == 1 + 2 * 5


# --- run over a sweep, over another folder, and on a full disk --------------------------------


@pytest.mark.parametrize("extra", [[], ["--overwrite"]])
def test_run_never_writes_over_a_sweep(sweep_folder, capsys, extra):
    before = contents(sweep_folder)
    status, _, err = call(capsys, "run", "--steps", "1", "--out", sweep_folder, *extra)
    assert status == 2
    assert f"--out {sweep_folder}: holds a sweep's results, not a run" in err
    assert "already holds a run" not in err
    assert contents(sweep_folder) == before
    assert call(capsys, "summarize", sweep_folder)[0] == 0


def test_run_never_writes_over_other_files(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_text("chapter 1")
    for extra in ([], ["--overwrite"]):
        status, _, err = call(capsys, "run", "--steps", "1", "--out", folder, *extra)
        assert status == 2 and "holds other files (thesis.docx) and no run" in err
    assert [p.name for p in folder.iterdir()] == ["thesis.docx"]


def test_overwrite_keeps_files_the_run_did_not_write(run_folder, capsys):
    (run_folder / "notes.txt").write_text("mine")
    before = contents(run_folder)
    status, _, err = call(capsys, "run", "--steps", "1", "--out", run_folder, "--overwrite")
    assert status == 2 and "notes.txt" in err and "not the run's" in err
    assert contents(run_folder) == before


def test_overwrite_replaces_the_whole_run(run_folder, capsys):
    status, _, _ = call(capsys, "run", "--steps", "2", "--seed", "9", "--out", run_folder, "--overwrite")
    assert status == 0
    meta = json.loads((run_folder / "metadata.json").read_text())
    assert (meta["kind"], meta["seed"], meta["steps"]) == ("run", 9, 2)
    assert len(pd.read_csv(run_folder / "metrics.csv")) == 3
    assert not (run_folder / "network.csv").exists() or len(pd.read_csv(run_folder / "network.csv"))
    assert sorted(p.name for p in run_folder.parent.iterdir()) == ["r"]


def test_a_run_written_before_runs_said_their_kind_can_be_replaced(run_folder, capsys):
    meta = json.loads((run_folder / "metadata.json").read_text())
    del meta["kind"]
    (run_folder / "metadata.json").write_text(json.dumps(meta))
    status, _, err = call(capsys, "run", "--steps", "1", "--out", run_folder)
    assert status == 2 and "already holds a run" in err
    assert call(capsys, "run", "--steps", "1", "--out", run_folder, "--overwrite")[0] == 0


def test_a_failed_swap_puts_the_earlier_run_back(run_folder, capsys, monkeypatch):
    before = contents(run_folder)
    real = os.rename

    def rename(source, target):
        if str(source).endswith(".tmp"):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real(source, target)

    monkeypatch.setattr(os, "rename", rename)
    status, _, err = call(capsys, "run", "--steps", "1", "--out", run_folder, "--overwrite")
    assert status == 2 and "could not be written (invalid cross-device link)" in err
    assert contents(run_folder) == before
    assert sorted(p.name for p in run_folder.parent.iterdir()) == ["r"]


def test_a_run_into_an_empty_working_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert call(capsys, "run", "--steps", "1", "--out", ".")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["metrics.csv", "agents.csv", "network.csv", "scenario.toml", "metadata.json"]
    )


def full_disk_on(monkeypatch, call_number):
    """Make the ``call_number``-th CSV write stop halfway with 'no space left on device'."""
    original = pd.DataFrame.to_csv
    calls = {"n": 0}

    def to_csv(self, path=None, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == call_number:
            with open(path, "w") as handle:
                handle.write("step,fit\n0,0.")
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)


def test_a_full_disk_during_overwrite_leaves_the_earlier_run_whole(run_folder, capsys, monkeypatch):
    before = contents(run_folder)
    full_disk_on(monkeypatch, 2)  # metrics.csv written, agents.csv cut mid-row
    status, _, err = call(capsys, "run", "--steps", "2", "--seed", "9", "--out", run_folder, "--overwrite")
    assert status == 2
    assert f"--out {run_folder}: could not be written (no space left on device)" in err
    assert "the earlier run there is unchanged" in err
    assert "[Errno" not in err
    assert contents(run_folder) == before
    assert sorted(p.name for p in run_folder.parent.iterdir()) == ["r"]


def test_a_full_disk_on_a_new_run_leaves_nothing_behind(tmp_path, capsys, monkeypatch):
    full_disk_on(monkeypatch, 1)
    status, _, err = call(capsys, "run", "--steps", "1", "--out", tmp_path / "new")
    assert status == 2 and "no space left on device" in err and "nothing was written" in err
    assert list(tmp_path.iterdir()) == []


def test_snapshot_every_must_be_at_least_one(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["run", "--snapshot-every", "0", "--out", str(tmp_path / "x")])
    assert info.value.code == 2
    assert "argument --snapshot-every: use 1 or more" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


# --- summarize --csv --------------------------------------------------------------------------


def test_summarize_never_writes_over_the_sweeps_own_files(sweep_folder, capsys):
    before = contents(sweep_folder)
    for target in ("metadata.json", "sweep.toml", "runs/part-000001.parquet"):
        for extra in ([], ["--overwrite"]):
            status, out, err = call(capsys, "summarize", sweep_folder, "--csv", sweep_folder / target, *extra)
            assert status == 2, target
            assert out == ""  # refused before anything is shown
            assert f"{sweep_folder / target}: belongs to the sweep in {sweep_folder}" in err
    assert contents(sweep_folder) == before
    assert json.loads((sweep_folder / "metadata.json").read_text())["spec"]


def test_summarize_csv_replaces_an_earlier_summary_only_when_asked(sweep_folder, tmp_path, capsys):
    csv = tmp_path / "table.csv"
    assert call(capsys, "summarize", sweep_folder, "--csv", csv)[0] == 0
    first = csv.read_text()
    assert first.splitlines()[0].endswith("metric,runs,mean,sd,ci_low,ci_high")
    status, _, err = call(capsys, "summarize", sweep_folder, "--csv", csv)
    assert status == 2 and f"{csv}: already holds a summary table" in err and "--overwrite" in err
    assert call(capsys, "summarize", sweep_folder, "--csv", csv, "--overwrite")[0] == 0
    assert csv.read_text() == first


def test_summarize_csv_never_writes_over_someone_elses_file(sweep_folder, tmp_path, capsys):
    mine = tmp_path / "grades.csv"
    mine.write_text("name,grade\nann,9\n")
    status, _, err = call(capsys, "summarize", sweep_folder, "--csv", mine, "--overwrite")
    assert status == 2 and f"{mine}: exists and was not written by orglearn" in err
    assert mine.read_text() == "name,grade\nann,9\n"


def test_the_default_summary_is_rewritten_but_not_a_file_of_that_name(sweep_folder, capsys):
    assert call(capsys, "summarize", sweep_folder)[0] == 0
    assert call(capsys, "summarize", sweep_folder, "--by", "network.voice")[0] == 0
    (sweep_folder / "summary.csv").write_text("my notes\n")
    status, _, err = call(capsys, "summarize", sweep_folder)
    assert status == 2 and "was not written by orglearn" in err
    assert (sweep_folder / "summary.csv").read_text() == "my notes\n"


def test_a_full_disk_during_summarize_keeps_the_earlier_summary(sweep_folder, capsys, monkeypatch):
    assert call(capsys, "summarize", sweep_folder)[0] == 0
    before = contents(sweep_folder)
    full_disk_on(monkeypatch, 1)
    status, _, err = call(capsys, "summarize", sweep_folder)
    assert status == 2 and "could not be written (no space left on device)" in err
    assert contents(sweep_folder) == before


# --- folders that are not what a command reads ------------------------------------------------


@pytest.mark.parametrize("command", [["summarize"], ["plot", "--metric", "fit_org"], ["export"]])
def test_a_run_folder_given_to_the_analysis_is_named_as_such(run_folder, capsys, command):
    status, _, err = call(capsys, command[0], run_folder, *command[1:])
    assert status == 2
    assert "is the folder of one run (orglearn run), not a sweep" in err
    assert "metadata.json with the sweep's spec, runs/ and metrics/" in err


def test_a_run_folder_cannot_be_resumed_or_swept_into(run_folder, capsys):
    before = contents(run_folder)
    status, _, err = call(capsys, "sweep", "--resume", "--out", run_folder)
    assert status == 2 and "is the folder of one run (orglearn run), not a sweep" in err
    status, _, err = call(capsys, "sweep", "--out", run_folder, *TINY)
    assert status == 2 and "is the folder of one run (orglearn run), not a sweep" in err
    assert contents(run_folder) == before


def test_a_sweep_without_runs_or_spec_gets_a_clear_message(sweep_folder, capsys):
    shutil.rmtree(sweep_folder / "runs")
    status, _, err = call(capsys, "summarize", sweep_folder)
    assert status == 2 and f"{sweep_folder}: has no runs/ folder" in err
    meta = json.loads((sweep_folder / "metadata.json").read_text())
    del meta["spec"]
    meta.pop("kind", None)
    (sweep_folder / "metadata.json").write_text(json.dumps(meta))
    for command in (["summarize", sweep_folder], ["sweep", "--resume", "--out", sweep_folder]):
        status, _, err = call(capsys, *command)
        assert status == 2
        assert f"{sweep_folder / 'metadata.json'}: has no 'spec'" in err


def test_sensitivity_names_the_chart_formats(sweep_folder, capsys):
    status, _, err = call(capsys, "sensitivity", sweep_folder, "--metric", "fit_org", "--out", "x.txt")
    assert status == 2 and "--out x.txt: use a file ending in .png, .svg, .pdf" in err


def test_claims_never_write_into_a_run_or_a_sweep(run_folder, sweep_folder, capsys):
    for folder, what in ((run_folder, "the folder of one run"), (sweep_folder, "a sweep's results folder")):
        before = contents(folder)
        status, _, err = call(capsys, "claims", "--claims", "3", "--serial", "--quiet", "--out", folder)
        assert status == 2 and f"--out {folder}: holds {what}" in err
        assert contents(folder) == before
