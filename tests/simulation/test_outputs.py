"""The one writer of results: what belongs to a sweep's folder is never written over."""

import json
import re

import pytest

from orglearn.simulation.outputs import SWEEP, OutputError, Product, check_file, owner

ANY = Product("a table", re.compile(r"^a,b$"))


@pytest.fixture
def sweep_folder(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "metadata.json").write_text(json.dumps({"kind": SWEEP, "spec": {}}))
    return folder


def test_parts_set_aside_as_damaged_belong_to_the_sweep(sweep_folder):
    part = sweep_folder / "damaged" / "runs" / "part-000001.parquet"
    assert owner(part) == (SWEEP, sweep_folder)
    with pytest.raises(OutputError, match=f"{part}: belongs to the sweep in {sweep_folder}"):
        check_file(part, ANY, overwrite=True)


def test_files_derived_from_a_sweep_do_not_belong_to_it(sweep_folder):
    assert owner(sweep_folder / "summary.csv") is None
    check_file(sweep_folder / "summary.csv", ANY)
