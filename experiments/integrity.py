"""What keeps a sweep's folder one sweep: its inputs, its size, and a check that repairs it.

A results folder stays the record of exactly one sweep only if everything the runs depend on
stays the same while it fills, and what it records stays true when a session ends badly:

* **Inputs.** The specification is stored in full, but files the runs read by path (an org
  chart, a ties file) and the scenario files it was built from are not; their SHA-256 is kept
  in ``metadata.json`` and a sweep that would go on with a changed file is refused, naming it,
  instead of mixing runs of two organizations.
* **Size.** How many runs a sweep makes and how much memory its workers need are known before
  anything is built: a sweep far larger than intended, or one whose organizations cannot fit in
  memory, is refused with the numbers rather than found out after minutes or a ``MemoryError``.
* **The check.** ``orglearn sweep --check`` reads every part, sets damaged ones aside, rebuilds a
  lost or stale ``metadata.json`` from the parts, and says in words what it found.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orglearn.experiments.folder import FolderError
from orglearn.experiments.source import SweepError
from orglearn.experiments.store import ResultStore

if TYPE_CHECKING:
    import pandas as pd

    from orglearn.experiments.spec import SweepSpec

MAX_RUNS = 100_000
"""More runs than this are made only with ``--yes``: a grid's size grows faster than people expect."""
BYTES_PER_PERSON = 3 * 1024
"""Memory of one person in a headless run (measured: ~3 KiB; the Mesa form of the model ~6 KiB)."""
PEOPLE = "organization.people"


def _data_files(values: Any, model: str) -> Iterable[str]:
    from orglearn.scenarios import parameter_table

    for name, parameter in parameter_table(model).items():
        if parameter.type == "path" and values.get(name):
            yield str(values[name])


def input_files(spec: SweepSpec, scenario_files: bool = True) -> list[str]:
    """The files the sweep reads: files its runs read by path and (if asked) its scenario files.

    Args:
        spec: The sweep.
        scenario_files: Also the scenario files the base was read from; a sweep resumed from its
            folder alone does not read them (their values are stored), so need not check them.
    """
    files = list(_data_files(spec.base.values, spec.model))
    for values in spec.arms.values():
        files += _data_files(values, spec.model)
    for factor in spec.factors:
        if not factor.is_scenario and factor.parameter.type == "path":
            files += [str(level) for level in factor.levels if level]
    if scenario_files:
        files += [source for source in spec.base.sources if Path(source).is_file()]
    return list(dict.fromkeys(files))


def _sha256(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def fingerprint_inputs(spec: SweepSpec) -> dict[str, str]:
    """Each input file with the SHA-256 of its content, for ``metadata.json``."""
    found = {}
    for path in input_files(spec):
        try:
            found[path] = _sha256(path)
        except OSError as err:
            raise FolderError(
                f"{path}: read by the sweep but cannot be read ({err.strerror or err})"
            ) from None
    return found


def check_inputs(folder: Path, recorded: dict[str, str], spec: SweepSpec, scenario_files: bool) -> list[str]:
    """Refuse to go on with a sweep whose input files changed; return files it did not record yet.

    Raises:
        FolderError: Naming the first file that changed or is gone.
    """
    unrecorded = []
    for path in input_files(spec, scenario_files):
        if path not in recorded:
            unrecorded.append(path)
            continue
        try:
            now = _sha256(path)
        except OSError as err:
            raise FolderError(
                f"{path}: read by the sweep in {folder} but now cannot be read ({err.strerror or err}); "
                "put it back as it was to continue the sweep"
            ) from None
        if now != recorded[path]:
            raise FolderError(
                f"{path}: changed since the sweep in {folder} started (SHA-256 {recorded[path][:12]}… then, "
                f"{now[:12]}… now), so its runs would mix two versions of it; put the file back as it "
                "was to continue, or start the sweep in a new folder"
            )
    return unrecorded


def check_size(spec: SweepSpec, yes: bool) -> str:
    """The number of runs in words, refused past :data:`MAX_RUNS` unless ``yes``, before any point is built.

    Raises:
        SweepError: With the number of runs and how to go ahead.
    """
    from orglearn.experiments.design import point_count

    points = point_count(spec)
    runs = points * spec.replications
    words = (
        f"{runs:,} run{'s' if runs != 1 else ''} ({points:,} design point{'s' if points != 1 else ''} × "
        f"{spec.replications} replication{'s' if spec.replications != 1 else ''})"
    )
    if runs > MAX_RUNS and not yes:
        raise SweepError(
            [
                f"{words} is more than {MAX_RUNS:,}; add --yes to make them all, or use fewer levels, "
                "samples or replications"
            ]
        )
    return words


def check_memory(spec: SweepSpec, design: pd.DataFrame, workers: int) -> None:
    """Refuse a sweep whose largest organization, once per worker, does not fit in free memory.

    Raises:
        SweepError: With the people, the memory needed and the memory available.
    """
    import psutil

    if PEOPLE not in spec.base.values:  # a model without organizations of people
        return
    sizes = [int(spec.base.values[PEOPLE]), *(int(v.get(PEOPLE, 0)) for v in spec.arms.values())]
    if PEOPLE in design:
        sizes.append(int(design[PEOPLE].max()))
    people = max(sizes)
    needed = people * BYTES_PER_PERSON * workers
    available = psutil.virtual_memory().available
    if needed > available:
        raise SweepError(
            [
                f"{PEOPLE}={people:,}: a run needs about {people * BYTES_PER_PERSON / 2**20:,.0f} MiB "
                f"({BYTES_PER_PERSON // 1024} KiB per person) and {workers} worker(s) run at once, "
                f"{needed / 2**20:,.0f} MiB in all, more than the {available / 2**20:,.0f} MiB available; "
                "use fewer --workers or a smaller organization"
            ]
        )


def set_aside(store: ResultStore) -> list[str]:
    """Move damaged parts out of the way, so their runs are run again; say which."""
    damaged = store.damaged()
    moved = store.set_aside([path for path, _ in damaged])
    notes = [f"{path}: damaged ({why}); set aside" for path, why in damaged]
    if moved:
        notes.append(f"damaged parts kept in {store.folder / 'damaged'}/; their runs run again")
    return notes


def check_stamps(store: ResultStore, fingerprint: str) -> None:
    """Refuse a folder with runs parts of another sweep in it (copied in by hand, say)."""
    for stamp, paths in store.stamps().items():
        if stamp and stamp != fingerprint:
            raise FolderError(
                f"{paths[0]}: holds runs of another sweep (fingerprint {stamp}; this folder's is "
                f"{fingerprint}); move it out of {store.folder} to continue"
            )


def lost_metadata(store: ResultStore, spec: SweepSpec | None) -> SweepSpec:
    """The sweep of a folder that lost its ``metadata.json``, from the stamp of its runs parts.

    Args:
        store: The folder.
        spec: The sweep asked for, or None to take the one the parts name.

    Raises:
        FolderError: If the parts do not all name one sweep, or name another than ``spec``.
    """
    import dataclasses

    from orglearn.experiments.spec import spec_from_dict

    stamps = store.stamps()
    where = f"{store.folder}: has lost its metadata.json"
    if "" in stamps or len(stamps) != 1:
        raise FolderError(
            f"{where}, and its runs parts do not all say they belong to one sweep, so it cannot be "
            "repaired or continued; choose another folder"
        )
    fingerprint, parts = next(iter(stamps.items()))
    stored = spec_from_dict(store.stamped_spec(parts[-1]) or {})
    if spec is None:
        return stored
    if spec.seed is None:
        spec = dataclasses.replace(spec, seed=stored.seed)
    if spec.fingerprint() != fingerprint:
        raise FolderError(
            f"{where}, and its runs are those of another sweep (fingerprint {fingerprint}, this one "
            f"{spec.fingerprint()}); choose another folder, or rebuild it with "
            f"`orglearn sweep --check {store.folder}`"
        )
    return spec


def check_folder(folder: Path) -> list[str]:
    """Check a sweep's folder, repair what can be repaired, and say what was found.

    Every part is read whole; damaged ones are set aside in ``damaged/``; a lost or stale
    ``metadata.json`` is rebuilt from the parts.

    Returns:
        Lines for people, the last of them the state of the sweep.

    Raises:
        FolderError: For a folder that cannot be repaired (not a sweep, inputs changed, runs
            of several sweeps, another process writing into it).
    """
    from orglearn.experiments.plan import SweepOptions, prepare, settle

    store = ResultStore(folder)
    if not folder.is_dir():
        raise FolderError(f"{folder}: no such folder")
    if store.exists():
        store.read_metadata()
    elif not store.stamps() or "" in store.stamps():
        raise FolderError(
            f"{folder}: has no metadata.json and no runs parts that say which sweep they are, so it "
            "cannot be repaired"
        )
    lines = []
    store.lock()
    try:
        damaged = store.damaged(thorough=True)
        moved = store.set_aside([path for path, _ in damaged])
    finally:
        store.unlock()
    lines += [f"{path.relative_to(folder)}: damaged ({why})" for path, why in damaged]
    lines += [f"  set aside as {path.relative_to(folder)}; its runs count as missing" for path in moved]
    plan = prepare(None, SweepOptions(out=folder, resume=True, quiet=True))
    try:
        lines += plan.notes
        report = settle(plan)
    finally:
        plan.store.unlock()
    lines += plan.repairs
    if not (damaged or plan.notes or plan.repairs):
        lines.append("nothing to repair")
    lines.append(
        f"{folder}: {report.total - report.missing - report.failed_total} of {report.total} runs ok, "
        f"{report.failed_total} failed, {report.missing} runs missing"
    )
    return lines
