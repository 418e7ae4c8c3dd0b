"""The results folder's names, and the checks made before anything is written into one.

A sweep's folder holds only files of its own (:data:`OWN`); :func:`check_new_folder` refuses,
before the first run, a path that is a file, holds someone else's files, cannot be written or
lacks the space the sweep needs, so a sweep never starts where it would lose or mix results.
:func:`write_atomic` writes a file that is either complete or absent. The store itself
(:mod:`.store`) reads and appends the tables inside.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from orglearn.simulation.outputs import replace_file

METADATA = "metadata.json"
SWEEP = "sweep.toml"
SCENARIO = "scenario.toml"
DESIGN = "design.parquet"
RUNS = "runs"
METRICS = "metrics"
LOCK = ".lock"
DAMAGED = "damaged"
OWN = {METADATA, SWEEP, SCENARIO, DESIGN, RUNS, METRICS, LOCK, DAMAGED}
PART = re.compile(r"^part-(\d{6,})\.parquet$")
PART_COLUMN = "_part"
STAMP = b"orglearn.fingerprint"
STAMP_SPEC = b"orglearn.spec"


class FolderError(OSError):
    """A results folder that cannot be used, found before any run starts."""


class DamagedPartError(FolderError):
    """A part of the runs or metrics table that cannot be read."""

    def __init__(self, path: Path, why: str) -> None:
        self.path, self.why = path, why
        folder = path.parent.parent
        super().__init__(
            f"{path}: is damaged and cannot be read ({why}); `orglearn sweep --check {folder}` sets it "
            "aside, and running the sweep again runs its runs again"
        )


def write_atomic(path: Path, data: bytes | pa.Table) -> None:
    """Write a file so that it is either complete or absent, even if the machine stops."""
    if isinstance(data, pa.Table):
        replace_file(path, lambda tmp: pq.write_table(data, tmp, compression="zstd"))
    else:
        replace_file(path, lambda tmp: tmp.write_bytes(data))


def check_new_folder(folder: Path, needed_bytes: int) -> None:
    """Refuse, before anything runs, a folder that cannot hold a new sweep's results.

    Raises:
        FolderError: If the path is a file, holds other files, cannot be written, or its disk
            has less free space than the sweep needs.
    """
    if folder.exists() and not folder.is_dir():
        raise FolderError(f"--out {folder}: is a file, not a folder")
    if folder.is_dir():
        others = sorted(p.name for p in folder.iterdir() if p.name not in OWN)
        if others:
            shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
            raise FolderError(
                f"--out {folder}: holds other files ({shown}) and no sweep; choose a new or empty folder"
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".orglearn-write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as err:
        raise FolderError(f"--out {folder}: cannot write there ({err.strerror or err})") from None
    free = shutil.disk_usage(folder).free
    if needed_bytes > free:
        raise FolderError(
            f"--out {folder}: the sweep needs about {needed_bytes / 1e6:,.0f} MB and the disk has "
            f"{free / 1e6:,.0f} MB free; free some space, or keep fewer metrics (--metrics) or "
            "fewer weeks (--every)"
        )
