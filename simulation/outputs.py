"""Writing results so that nothing already computed is lost.

Every command that writes results (``orglearn run``, ``summarize``, ``export``) goes through
this module, because the ways of losing results are the same for all of them: writing over a
folder or file that orglearn did not make (a sweep, a thesis), and a write that stops halfway
(a full disk) and leaves old and new files mixed. Three rules keep them out:

* **Whole or not at all.** A run folder is written into a temporary folder beside it and
  swapped in only once complete; files are written under a temporary name and renamed. If
  anything fails the temporary copy is removed and the earlier content stays as it was.
* **Only orglearn's own.** A folder is recognised by the ``metadata.json`` it carries (its
  ``kind``: ``run``, ``cascade`` or ``sweep``; a sweep's also has its ``spec``), a file by the header line
  orglearn writes for that purpose. Anything else is refused, even with ``--overwrite``, and so
  is any file that belongs to a run or sweep folder (its metadata, its tables, its parts).
* **One clear message.** An :class:`OSError` becomes an :class:`OutputError` naming the folder
  or file and the reason in words ("no space left on device"), which the command line reports
  with exit status 2.

The sweep's own store (:mod:`orglearn.experiments.store`) appends its parts with
:func:`replace_file` and marks its folder with ``metadata.json`` as a sweep.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARKER = "metadata.json"
RUN = "run"
SWEEP = "sweep"
CASCADE = "cascade"
OWN_FILES = {
    RUN: ("metrics.csv", "agents.csv", "network.csv", "scenario.toml", MARKER),
    CASCADE: ("cascade_weeks.csv", "cascade_people.csv", "cascade_summary.csv", "scenario.toml", MARKER),
    SWEEP: (MARKER, "sweep.toml", "scenario.toml", "design.parquet", "runs", "metrics", ".lock", "damaged"),
}
"""What each kind of folder holds of its own; none of these is ever written over by another command."""

WHAT = {
    RUN: "the folder of one run (orglearn run)",
    SWEEP: "a sweep's results folder (orglearn sweep)",
    CASCADE: "a cascade experiment's folder (orglearn cascade)",
}
_HOLDS = {RUN: "a run", SWEEP: "a sweep's results", CASCADE: "a cascade experiment"}


class OutputError(OSError):
    """An output that cannot or may not be written; the message names it and says why."""


@dataclass(frozen=True)
class Product:
    """A file orglearn writes, and how it recognises one it wrote before.

    Attributes:
        name: The file in words, with its article (``a summary table``).
        header: Matches the first line of such a file, and of nothing else orglearn writes.
    """

    name: str
    header: re.Pattern[str]

    def made(self, path: Path) -> bool:
        """Whether the file at ``path`` is one of these."""
        try:
            with open(path, "rb") as handle:
                first = handle.readline(65536).decode("utf-8", "replace").rstrip("\r\n")
        except OSError:
            return False
        return bool(self.header.search(first))


def reason(err: OSError) -> str:
    """The reason of an OS error in words, without its number: ``no space left on device``."""
    text = err.strerror or str(err)
    return text[:1].lower() + text[1:]


def kind_of(metadata: dict[str, Any]) -> str | None:
    """``run`` or ``sweep`` for a ``metadata.json`` orglearn wrote, else None.

    Runs written before their metadata said their kind are recognised by their keys.
    """
    kind = metadata.get("kind")
    if kind in OWN_FILES:
        return str(kind)
    if "spec" in metadata:
        return SWEEP
    if {"orglearn_version", "seed", "steps", "scenario"} <= metadata.keys():
        return RUN
    return None


def folder_kind(folder: Path) -> str | None:
    """``run`` or ``sweep`` for a folder orglearn wrote, else None (missing, empty, someone else's)."""
    try:
        metadata = json.loads((folder / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return kind_of(metadata) if isinstance(metadata, dict) else None


def _named(flag: str, path: Path) -> str:
    """How a message names a path: after the option that gave it, if one did."""
    return f"{flag} {path}" if flag else str(path)


def _shown(names: Sequence[str]) -> str:
    return ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")


def fsync(path: Path) -> None:
    """Flush a file or folder to the disk (where the file system can)."""
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def replace_file(path: Path, write: Callable[[Path], object]) -> None:
    """Write a file so that it is either complete or absent, even if the machine stops.

    ``write`` writes the content to the temporary path it is given (``path`` + ``.tmp``).
    """
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    fsync(tmp)
    os.replace(tmp, path)
    fsync(path.parent)


# --- folders ------------------------------------------------------------------------------------


def check_folder(folder: Path, kind: str, overwrite: bool = False, flag: str = "--out") -> None:
    """Refuse, before anything runs, a folder that a new ``kind`` may not be written into.

    A missing or empty folder is fine; an earlier folder of the same kind only with
    ``overwrite`` and only if it holds nothing but its own files.

    Raises:
        OutputError: For a file, a folder of another kind, one with files orglearn did not
            write, or an earlier one without ``overwrite``.
    """
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{_named(flag, folder)}: is a file, not a folder")
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    if not names:
        return
    found = folder_kind(folder)
    if found is None:
        raise OutputError(
            f"{_named(flag, folder)}: holds other files ({_shown(names)}) and no {kind}; "
            "choose a new or empty folder"
        )
    if found != kind:
        raise OutputError(
            f"{_named(flag, folder)}: holds {_HOLDS[found]}, not {_HOLDS[kind]}, and is never written over; "
            "choose another folder"
        )
    others = [name for name in names if name not in OWN_FILES[kind]]
    if others:
        raise OutputError(
            f"{_named(flag, folder)}: holds files that are not the {kind}'s ({_shown(others)}); "
            "move them, or choose another folder"
        )
    if not overwrite:
        raise OutputError(
            f"{_named(flag, folder)}: already holds {_HOLDS[kind]} ({', '.join(names)}); "
            "choose another folder or add --overwrite"
        )


def check_writable(folder: Path, flag: str = "--out") -> None:
    """Make sure a folder can be written next to ``folder``, where its temporary copy goes.

    Raises:
        OutputError: If the parent cannot be created or written.
    """
    place = _place(folder)
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        probe = place.parent / f".{place.name}.{secrets.token_hex(4)}.tmp"
        probe.mkdir()
        probe.rmdir()
    except OSError as err:
        raise OutputError(f"{_named(flag, folder)}: cannot write there ({reason(err)})") from None


def _place(folder: Path) -> Path:
    """The folder as an absolute path without ``.`` or ``..``, so that it has a name and a parent."""
    return Path(os.path.abspath(folder))


def _swap(tmp: Path, folder: Path) -> None:
    """Put the complete ``tmp`` where ``folder`` is; the earlier folder is kept until it is in place."""
    folder = _place(folder)
    if not folder.exists():
        os.rename(tmp, folder)
        return
    if not any(folder.iterdir()):  # an empty folder, perhaps the working directory: fill it
        moved = []
        try:
            for entry in sorted(tmp.iterdir()):
                os.rename(entry, folder / entry.name)
                moved.append(folder / entry.name)
        except OSError:
            for path in moved:
                path.unlink(missing_ok=True)
            raise
        tmp.rmdir()
        return
    old = folder.parent / f".{folder.name}.{secrets.token_hex(4)}.old"
    os.rename(folder, old)
    try:
        os.rename(tmp, folder)
    except OSError:
        os.rename(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_folder(
    folder: Path,
    kind: str,
    fill: Callable[[Path], None],
    metadata: dict[str, Any],
    overwrite: bool = False,
    flag: str = "--out",
) -> None:
    """Write an output folder whole, or leave what was there as it was.

    Args:
        folder: Where the folder goes.
        kind: ``run`` or ``cascade`` (the kinds orglearn writes this way).
        fill: Writes the folder's files into the temporary folder it is given.
        metadata: Written last as ``metadata.json``, with ``kind``: the mark of a complete folder.
        overwrite: Whether an earlier folder of the same kind may be replaced.
        flag: The option that named the folder, for messages.

    Raises:
        OutputError: If the folder may not be written (see :func:`check_folder`) or a write
            fails; the message says what happened to the earlier content.
    """
    check_folder(folder, kind, overwrite, flag)
    earlier = folder_kind(folder) == kind
    place = _place(folder)
    tmp = place.parent / f".{place.name}.{secrets.token_hex(4)}.tmp"
    try:
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.mkdir()
        fill(tmp)
        marked = {"kind": kind, **{key: value for key, value in metadata.items() if key != "kind"}}
        (tmp / MARKER).write_text(json.dumps(marked, indent=2) + "\n", "utf-8")
        for path in tmp.iterdir():
            fsync(path)
        fsync(tmp)
        _swap(tmp, folder)
        fsync(place.parent)
    except OSError as err:
        kept = f"the earlier {kind} there is unchanged" if earlier else "nothing was written"
        raise OutputError(f"{_named(flag, folder)}: could not be written ({reason(err)}); {kept}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- files --------------------------------------------------------------------------------------


def owner(path: Path) -> tuple[str, Path] | None:
    """The run or sweep folder that ``path`` belongs to (its kind and folder), if any.

    A path belongs to such a folder if it is one of the folder's own entries or lies inside one
    (``metadata.json``, ``runs/part-000001.parquet``); the files other commands derive from it,
    such as ``summary.csv`` or ``plots/``, do not.
    """
    path = _place(path)
    for folder in path.parents:
        kind = folder_kind(folder)
        if kind is not None:
            own = path.relative_to(folder).parts[0] in OWN_FILES[kind]
            return (kind, folder) if own else None
    return None


def check_file(path: Path, product: Product, overwrite: bool = False, flag: str = "--out") -> None:
    """Refuse a file that may not be written: one orglearn did not write as ``product``.

    Raises:
        OutputError: If the path belongs to a run or sweep, is a folder, exists and is not an
            earlier ``product``, or is an earlier one and ``overwrite`` is not given.
    """
    found = owner(path)
    if found is not None:
        kind, folder = found
        raise OutputError(
            f"{_named(flag, path)}: belongs to the {kind} in {folder} and is never written over; "
            "choose another file"
        )
    if path.is_dir():
        raise OutputError(f"{_named(flag, path)}: is a folder, not a file")
    if not path.exists():
        return
    if not product.made(path):
        raise OutputError(
            f"{_named(flag, path)}: exists and was not written by orglearn as {product.name}; "
            "choose another file, or move this one"
        )
    if not overwrite:
        raise OutputError(
            f"{_named(flag, path)}: already holds {product.name}; choose another file or add --overwrite"
        )


def write_files(
    files: Sequence[tuple[Path, Product]],
    fill: Callable[..., None],
    overwrite: bool = False,
    flag: str = "--out",
) -> list[Path]:
    """Write one or more files together, each whole, or leave every earlier one as it was.

    Args:
        files: Each file with what it holds.
        fill: Called with one temporary path per file, in order; writes their contents.
        overwrite: Whether earlier files orglearn wrote as the same products may be replaced.
        flag: The option that named the files, for messages ("" if none did).

    Returns:
        The files written.

    Raises:
        OutputError: If a file may not be written (see :func:`check_file`) or a write fails.
    """
    for path, product in files:
        check_file(path, product, overwrite, flag)
    token = secrets.token_hex(4)
    temps = [path.with_name(f".{path.name}.{token}.tmp") for path, _ in files]
    where = files[0][0] if len(files) == 1 else files[0][0].parent
    earlier = any(path.exists() for path, _ in files)
    try:
        for path, _ in files:
            path.parent.mkdir(parents=True, exist_ok=True)
        fill(*temps)
        for tmp in temps:
            fsync(tmp)
        for tmp, (path, _) in zip(temps, files, strict=True):
            os.replace(tmp, path)
            fsync(path.parent)
    except OSError as err:
        kept = "the earlier files are unchanged" if earlier else "nothing was written"
        raise OutputError(f"{_named(flag, where)}: could not be written ({reason(err)}); {kept}") from None
    finally:
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return [path for path, _ in files]
