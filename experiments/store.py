"""The results folder: an append-only store that loses nothing already written.

Layout::

    metadata.json       version, git commit, the full sweep, the master seed, every session
    sweep.toml          the sweep as an experiment file (rerun it with ``orglearn sweep``)
    scenario.toml       the base scenario, every value written out
    design.parquet      the design points (and their unit coordinates for sampled designs)
    runs/part-N.parquet     runs table rows: id, point, replication, seed, status, parameters
    metrics/part-N.parquet  metrics rows of the same runs: run_id, step, one column per metric

Results stream to disk as runs finish, a few each second, in numbered parts of whole runs. A part
is written to a temporary name, flushed to the disk and then renamed, so a part is either whole
or absent; the metrics part is written before the runs part with the same number, and a run
counts as done only once its runs row is on disk. An interrupted write therefore leaves at
worst a metrics part without runs, which is ignored and removed. Where a run appears in more
than one part (a failed run tried again, or a crash during compaction), its latest record wins,
and its metrics are read from that same part only, so every run is read exactly once.

When a sweep completes, its parts are compacted into one part per table in the same safe way.

Every runs part carries the sweep's fingerprint and specification in its Parquet key-value
metadata (:data:`STAMP`), so the runs table itself says which sweep it belongs to: a folder that
lost its ``metadata.json`` can be told apart from another sweep's, and rebuilt. A part that
cannot be read (a bad disk, a copy cut short) is named, and :meth:`ResultStore.set_aside` moves
it with its partner into ``damaged/`` (never deletes it), so its runs count as missing and run again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from orglearn.experiments.folder import (
    DAMAGED,
    DESIGN,
    LOCK,
    METADATA,
    METRICS,
    PART,
    PART_COLUMN,
    RUNS,
    STAMP,
    STAMP_SPEC,
    DamagedPartError,
    FolderError,
    write_atomic,
)
from orglearn.simulation.outputs import RUN as RUN_KIND
from orglearn.simulation.outputs import SWEEP as SWEEP_KIND
from orglearn.simulation.outputs import (
    WHAT,
    OutputError,
    Product,
    folder_kind,
    fsync,
    kind_of,
    write_files,
)


def _read(path: Path, columns: Sequence[str] | None = None, footer: bool = False) -> Any:
    """Read a part (or only its footer), or name it as damaged."""
    try:
        return pq.read_metadata(path) if footer else pq.read_table(path, columns=columns)
    except (FileNotFoundError, PermissionError):
        raise
    except (pa.ArrowException, ValueError, OSError) as err:
        raise DamagedPartError(path, str(err).split(". ")[0].split(": ")[-1]) from None


def _read_footer(path: Path) -> Any:
    return _read(path, footer=True)


EXPORTED_RUNS = Product("an exported runs table", re.compile(r"^run_id,point,replication,seed,status,"))
EXPORTED_METRICS = Product("an exported metrics table", re.compile(r"^run_id,step(,|$)"))
_EXPECTED = (
    "expected a sweep's results folder (orglearn sweep): metadata.json with the sweep's spec, "
    "runs/ and metrics/"
)


class ResultStore:
    """The results folder of one sweep.

    Attributes:
        folder: The folder.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock: Any = None
        self.stamp: dict[bytes, bytes] = {}
        """Key-value metadata every new runs part carries (see :meth:`stamp_with`)."""

    def stamp_with(self, fingerprint: str, spec: dict[str, Any]) -> None:
        """Mark the runs parts written from now on as the sweep's with this fingerprint."""
        self.stamp = {STAMP: fingerprint.encode(), STAMP_SPEC: json.dumps(spec).encode()}

    # --- the folder ---------------------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the folder holds a sweep."""
        return (self.folder / METADATA).is_file()

    def lock(self) -> None:
        """Take the folder for this process; refuse if another sweep is writing into it.

        Raises:
            FolderError: If another process holds the folder.
        """
        try:
            import fcntl
        except ImportError:  # no advisory locks on this system
            return
        handle = open(self.folder / LOCK, "a+")  # noqa: SIM115 (held until unlock)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise FolderError(
                f"--out {self.folder}: another sweep is writing into this folder right now"
            ) from None
        self._lock = handle

    def unlock(self) -> None:
        """Release the folder."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def read_metadata(self) -> dict[str, Any]:
        """The folder's ``metadata.json``.

        Raises:
            FolderError: If it is missing or unreadable, or not a sweep's (a run's, or one
                without the sweep's ``spec``).
        """
        path = self.folder / METADATA
        try:
            metadata = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise FolderError(f"{self.folder}: holds no sweep (no {METADATA}); {_EXPECTED}") from None
        except (OSError, ValueError) as err:
            raise FolderError(f"{path}: cannot be read ({err})") from None
        if not isinstance(metadata, dict):
            raise FolderError(f"{path}: is not a sweep's metadata (not a JSON object); {_EXPECTED}")
        if kind_of(metadata) == RUN_KIND:
            raise FolderError(f"{self.folder}: is {WHAT[RUN_KIND]}, not a sweep; {_EXPECTED}")
        if not isinstance(metadata.get("spec"), dict):
            raise FolderError(f"{path}: has no 'spec', so it is not a sweep's metadata; {_EXPECTED}")
        return metadata

    def write_metadata(self, metadata: dict[str, Any]) -> None:
        """Replace ``metadata.json`` in one step; its ``kind`` marks the folder as a sweep."""
        marked = {"kind": SWEEP_KIND, **metadata}
        write_atomic(self.folder / METADATA, (json.dumps(marked, indent=2) + "\n").encode())

    def write_text(self, name: str, text: str) -> None:
        """Write one of the folder's text files."""
        write_atomic(self.folder / name, text.encode())

    def write_design(self, design: pd.DataFrame) -> None:
        """Store the design points."""
        write_atomic(self.folder / DESIGN, pa.Table.from_pandas(design, preserve_index=False))

    def read_design(self) -> pd.DataFrame:
        """The stored design points."""
        return pq.read_table(self.folder / DESIGN).to_pandas()

    # --- writing ------------------------------------------------------------------------------

    def _parts(self, kind: str) -> dict[int, Path]:
        folder = self.folder / kind
        if not folder.is_dir():
            return {}
        found = (PART.match(p.name) for p in folder.iterdir())
        return {int(m.group(1)): folder / m.group(0) for m in found if m}

    def clean(self) -> None:
        """Remove what an interrupted write left: temporary files and metrics parts without runs."""
        for kind in (RUNS, METRICS):
            (self.folder / kind).mkdir(parents=True, exist_ok=True)
            for tmp in (self.folder / kind).glob("*.tmp"):
                tmp.unlink()
        runs = self._parts(RUNS)
        for number, path in self._parts(METRICS).items():
            if number not in runs:
                path.unlink()

    def append(self, runs: pa.Table, metrics: pa.Table) -> int:
        """Write one part: the metrics first, then the runs that make them count.

        Returns:
            The part's number.
        """
        number = max([*self._parts(RUNS), *self._parts(METRICS), 0]) + 1
        name = f"part-{number:06d}.parquet"
        write_atomic(self.folder / METRICS / name, metrics)
        write_atomic(self.folder / RUNS / name, self._stamped(runs))
        return number

    def _stamped(self, runs: pa.Table) -> pa.Table:
        return runs.replace_schema_metadata({**(runs.schema.metadata or {}), **self.stamp})

    def stamps(self) -> dict[str, list[Path]]:
        """The runs parts by the sweep fingerprint they carry (``""``: none, or unreadable)."""
        found: dict[str, list[Path]] = {}
        for _, path in sorted(self._parts(RUNS).items()):
            try:
                meta = pq.read_schema(path).metadata or {}
            except (pa.ArrowException, ValueError, OSError):
                meta = {}
            found.setdefault(meta.get(STAMP, b"").decode(), []).append(path)
        return found

    def stamped_spec(self, path: Path) -> dict[str, Any] | None:
        """The specification a runs part carries, if it carries one."""
        raw = (pq.read_schema(path).metadata or {}).get(STAMP_SPEC)
        return json.loads(raw) if raw else None

    def damaged(self, thorough: bool = False) -> list[tuple[Path, str]]:
        """The parts that cannot be read, with why.

        Args:
            thorough: Read every part whole; otherwise the runs parts' ids and statuses and the
                metrics parts' footers (what a sweep reads before it starts), which finds parts
                cut short or overwritten but not every damaged page of metrics.
        """
        found = []
        for kind in (RUNS, METRICS):
            for _, path in sorted(self._parts(kind).items()):
                try:
                    if thorough or kind == RUNS:
                        _read(path, None if thorough else ["run_id", "status"])
                    else:
                        _read_footer(path)
                except DamagedPartError as err:
                    found.append((path, err.why))
        return found

    def set_aside(self, paths: Sequence[Path]) -> list[Path]:
        """Move damaged parts, each with its partner of the same number, into ``damaged/``.

        Nothing is deleted: the files may still be read by hand. Their runs count as missing.

        Returns:
            The files moved, at their new places.
        """
        moved = []
        for name in sorted({p.name for p in paths}):
            for kind in (RUNS, METRICS):
                source = self.folder / kind / name
                if not source.exists():
                    continue
                target = self.folder / DAMAGED / kind / name
                target.parent.mkdir(parents=True, exist_ok=True)
                copy = 1
                while target.exists():
                    target = target.with_name(f"{name}.{copy}")
                    copy += 1
                os.replace(source, target)
                moved.append(target)
        fsync(self.folder / DAMAGED)
        return moved

    # --- reading ------------------------------------------------------------------------------

    def runs_arrow(self, columns: Sequence[str] | None = None) -> pa.Table:
        """The runs table, the latest record of each run, with the part it came from."""
        parts = sorted(self._parts(RUNS).items())
        if not parts:
            return pa.table({"run_id": pa.array([], pa.int64()), PART_COLUMN: pa.array([], pa.int64())})
        wanted = None if columns is None else list(dict.fromkeys(["run_id", *columns]))
        tables = []
        for number, path in parts:
            table = _read(path, wanted)
            tables.append(table.append_column(PART_COLUMN, pa.array(np.full(len(table), number))))
        table = pa.concat_tables(tables)
        ids = table["run_id"].to_numpy()
        latest = ~pd.Series(ids).duplicated(keep="last").to_numpy()
        return table if latest.all() else table.filter(pa.array(latest))

    def runs(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The runs table as a DataFrame, one row per run, sorted by run id."""
        frame = self.runs_arrow(columns).to_pandas()
        return frame.drop(columns=PART_COLUMN).sort_values("run_id", ignore_index=True)

    def _accepted(self) -> dict[int, np.ndarray]:
        """Per part, the ids of the successful runs whose latest record is in that part."""
        runs = self.runs_arrow(["status"])
        ok = runs.filter(pc.equal(runs["status"], "ok")) if runs.num_rows else runs
        parts = ok[PART_COLUMN].to_numpy()
        ids = ok["run_id"].to_numpy()
        return {int(p): ids[parts == p] for p in np.unique(parts)}

    def iter_metrics_arrow(self, columns: Sequence[str] | None = None) -> Iterator[pa.Table]:
        """The metrics table, part by part (whole runs in each), each run exactly once."""
        wanted = None if columns is None else list(dict.fromkeys(["run_id", "step", *columns]))
        files = self._parts(METRICS)
        for number, ids in sorted(self._accepted().items()):
            table = _read(files[number], wanted)
            keep = pc.is_in(table["run_id"], value_set=pa.array(ids))
            yield table if pc.all(keep).as_py() else table.filter(keep)

    def iter_metrics(self, columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        """:meth:`iter_metrics_arrow` as DataFrames."""
        for table in self.iter_metrics_arrow(columns):
            yield table.to_pandas()

    def metrics(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The whole metrics table (for small sweeps and tests), sorted by run and week."""
        parts = list(self.iter_metrics(columns))
        if not parts:
            return pd.DataFrame(columns=["run_id", "step", *(columns or [])])
        frame = pd.concat(parts, ignore_index=True)
        return frame.sort_values(["run_id", "step"], ignore_index=True)

    # --- tidying and export -------------------------------------------------------------------

    def compact(self) -> None:
        """Merge all parts into one per table, safely: write the merged part, then drop the rest."""
        old_runs, old_metrics = self._parts(RUNS), self._parts(METRICS)
        if len(old_runs) <= 1:
            return
        runs = self.runs_arrow().drop_columns([PART_COLUMN])
        stamp = pq.read_schema(old_runs[max(old_runs)]).metadata or {}
        runs = runs.replace_schema_metadata({k: v for k, v in stamp.items() if k.startswith(b"orglearn.")})
        number = max([*old_runs, *old_metrics]) + 1
        name = f"part-{number:06d}.parquet"
        tmp = self.folder / METRICS / (name + ".tmp")
        schema = pq.read_schema(next(iter(old_metrics.values())))
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for table in self.iter_metrics_arrow():
                writer.write_table(table)
        fsync(tmp)
        os.replace(tmp, self.folder / METRICS / name)
        write_atomic(self.folder / RUNS / name, runs)
        for path in old_runs.values():
            path.unlink()
        for path in old_metrics.values():
            path.unlink()

    def export_csv(self, folder: Path, overwrite: bool = False) -> list[Path]:
        """Write ``runs.csv`` and ``metrics.csv`` (one header, rows streamed) into a folder.

        Both are written whole or not at all, and only over earlier exported tables: those in
        the sweep's own folder are refreshed, those elsewhere only with ``overwrite``.

        Raises:
            OutputError: If a file may not be written or a write fails.
        """
        own = os.path.abspath(folder) == os.path.abspath(self.folder)
        kind = None if own or not folder.is_dir() else folder_kind(folder)
        if kind is not None and kind != RUN_KIND:  # a run's folder is named file by file below
            raise OutputError(
                f"--to {folder}: holds {WHAT[kind]}, and another sweep's tables would read as its own; "
                "choose another folder"
            )
        files = [(folder / "runs.csv", EXPORTED_RUNS), (folder / "metrics.csv", EXPORTED_METRICS)]

        def fill(runs_path: Path, metrics_path: Path) -> None:
            self.runs().to_csv(runs_path, index=False)
            with open(metrics_path, "w", encoding="utf-8", newline="") as handle:
                header = True
                for frame in self.iter_metrics():
                    frame.to_csv(handle, index=False, header=header)
                    header = False

        return write_files(files, fill, overwrite or own, "" if own else "--to")
