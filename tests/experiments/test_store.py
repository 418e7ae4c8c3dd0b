import json

import pytest

from orglearn.experiments.folder import OWN, FolderError
from orglearn.experiments.records import metrics_table, runs_table
from orglearn.experiments.store import ResultStore
from orglearn.scenarios import load_scenario

BASE = load_scenario("baseline").values
METRICS = ["fit_org", "vision_fit"]


def write(store, *outcomes):
    return store.append(runs_table(outcomes, BASE), metrics_table(outcomes, METRICS))


def series(a, b):
    return {"fit_org": a, "vision_fit": b}


@pytest.fixture
def store(tmp_path):
    store = ResultStore(tmp_path / "out")
    store.clean()
    return store


def test_parts_are_read_back_whole(store, outcome):
    write(store, outcome(0, series([1, 2], [3, 4])), outcome(1, series([5, 6], [7, 8])))
    write(store, outcome(2, series([9, 9], [9, 9]), point=1))
    runs = store.runs()
    assert runs["run_id"].tolist() == [0, 1, 2]
    assert runs["seed"].tolist() == [1000, 1001, 1002]
    assert runs["network.kind"].tolist() == [BASE["network.kind"]] * 3
    assert runs["environment.shocks"].iloc[0] == "[100]"
    metrics = store.metrics()
    assert metrics["fit_org"].tolist() == [1, 2, 5, 6, 9, 9]
    assert metrics["step"].tolist() == [0, 1] * 3


def test_a_run_recorded_again_is_read_once_from_its_latest_part(store, outcome):
    failed = outcome(0, series([], []), status="failed", error="boom")
    write(store, failed, outcome(1, series([1], [1])))
    write(store, outcome(0, series([4], [4])))
    runs = store.runs()
    assert runs["run_id"].tolist() == [0, 1]
    assert runs["status"].tolist() == ["ok", "ok"]
    assert store.metrics()["fit_org"].tolist() == [4.0, 1.0]


def test_an_interrupted_write_leaves_nothing_counted(store, outcome):
    write(store, outcome(0, series([1], [1])))
    # a crash after the metrics part and before its runs part, and a half-written file
    orphan = store.folder / "metrics" / "part-000002.parquet"
    orphan.write_bytes((store.folder / "metrics" / "part-000001.parquet").read_bytes())
    (store.folder / "runs" / "part-000003.parquet.tmp").write_bytes(b"half")
    assert store.metrics()["run_id"].tolist() == [0]
    store.clean()
    assert not orphan.exists()
    assert not list((store.folder / "runs").glob("*.tmp"))


def test_compaction_keeps_every_run_once(store, outcome):
    for run_id in range(5):
        write(store, outcome(run_id, series([run_id, run_id + 1], [0, 0])))
    write(store, outcome(2, series([20, 21], [0, 0])))
    before = store.metrics()
    store.compact()
    assert len(list((store.folder / "runs").iterdir())) == 1
    assert store.metrics().equals(before)
    assert store.runs()["run_id"].tolist() == [0, 1, 2, 3, 4]


def test_csv_export(store, outcome, tmp_path):
    write(store, outcome(0, series([1, 2], [3, 4])))
    runs, metrics = store.export_csv(tmp_path / "csv")
    assert metrics.read_text().splitlines()[0] == "run_id,step,fit_org,vision_fit"
    assert len(metrics.read_text().splitlines()) == 3
    assert "network.kind" in runs.read_text().splitlines()[0]


def test_two_sweeps_cannot_write_into_one_folder(store, outcome):
    store.lock()
    with pytest.raises(FolderError, match="another sweep"):
        ResultStore(store.folder).lock()
    store.unlock()
    ResultStore(store.folder).lock()


def test_the_metadata_marks_the_folder_as_a_sweep_and_the_writer_protects_its_files(store):
    from orglearn.simulation.outputs import OWN_FILES, SWEEP, folder_kind

    store.write_metadata({"spec": {"name": "s"}, "seed": 1})
    assert store.read_metadata()["kind"] == "sweep"
    assert folder_kind(store.folder) == SWEEP
    assert set(OWN_FILES[SWEEP]) == OWN


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({"kind": "run", "seed": 1}, "is the folder of one run (orglearn run), not a sweep"),
        (
            {"orglearn_version": "0.1.0", "seed": 1, "steps": 5, "scenario": "school"},
            "is the folder of one run (orglearn run), not a sweep",
        ),
        ({"seed": 1, "counts": {}}, "metadata.json: has no 'spec', so it is not a sweep's metadata"),
        ([1, 2], "metadata.json: is not a sweep's metadata"),
    ],
)
def test_metadata_that_is_not_a_sweeps_is_named(store, metadata, message):
    (store.folder / "metadata.json").write_text(json.dumps(metadata))
    with pytest.raises(FolderError, match="expected a sweep's results folder") as info:
        store.read_metadata()
    assert message in str(info.value)


def test_csv_export_writes_only_over_earlier_exports(store, outcome, tmp_path):
    from orglearn.simulation.outputs import OutputError

    write(store, outcome(0, series([1, 2], [3, 4])))
    to = tmp_path / "csv"
    store.export_csv(to)
    with pytest.raises(OutputError, match="add --overwrite"):
        store.export_csv(to)
    store.export_csv(to, overwrite=True)
    (to / "metrics.csv").write_text("step,fit\n")
    with pytest.raises(OutputError, match="was not written by orglearn as an exported metrics table"):
        store.export_csv(to, overwrite=True)
    assert (to / "metrics.csv").read_text() == "step,fit\n"
    store.export_csv(store.folder)
    store.export_csv(store.folder)  # the sweep's own exports are refreshed
    assert sorted(p.name for p in to.iterdir()) == ["metrics.csv", "runs.csv"]
