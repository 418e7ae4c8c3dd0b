"""The checks before a sweep writes into a folder, and writes that are whole or absent."""

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from orglearn.experiments.folder import FolderError, check_new_folder, write_atomic


def test_folders_that_cannot_take_a_sweep_are_refused(tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(FolderError, match=r"holds other files \(notes.txt\)"):
        check_new_folder(tmp_path / "other", 0)
    (tmp_path / "file").write_text("x")
    with pytest.raises(FolderError, match="is a file"):
        check_new_folder(tmp_path / "file", 0)
    with pytest.raises(FolderError, match="cannot write there"):
        check_new_folder(tmp_path / "file" / "below", 0)
    with pytest.raises(FolderError, match="MB free"):
        check_new_folder(tmp_path / "big", 10**18)
    check_new_folder(tmp_path / "new" / "deeper", 1000)
    assert (tmp_path / "new" / "deeper").is_dir()


def test_an_atomic_write_leaves_the_whole_file_and_no_temporary_one(tmp_path):
    write_atomic(tmp_path / "a.bin", b"first")
    write_atomic(tmp_path / "a.bin", b"second")
    write_atomic(tmp_path / "t.parquet", pa.table({"x": [1, 2]}))
    assert (tmp_path / "a.bin").read_bytes() == b"second"
    assert pq.read_table(tmp_path / "t.parquet").column("x").to_pylist() == [1, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", "t.parquet"]
