"""Scenario files uploaded through the browser, read as data and checked, never trusted.

A served app reads an uploaded file with ``tomllib`` and validates every value against the
parameter table, so a malformed upload ends in a message, not a crash. Two things a scenario
file may do on a person's own machine are refused here, because on a server they would read the
server's files: naming a file (an org chart or a ties list) and extending anything but a shipped
scenario. A file for March's model says so (``[scenario] model = "march1991"``) and is checked
against that model's table and extends only its scenarios.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

from orglearn.registry import DEFAULT_MODEL, MODELS
from orglearn.scenarios import Scenario, ScenarioError, load_scenario, scenario_names
from orglearn.scenarios import parameter_table as _table
from orglearn.scenarios.parameters import LANGUAGES
from orglearn.scenarios.scenario import HEADER, HEADER_KEYS, scenario_from_values

from .limits import MAX_UPLOAD_BYTES, beyond

MAX_BYTES = MAX_UPLOAD_BYTES
MAX_PROBLEM = 300
"""Characters of one problem shown: a value quoted back is cut, so a huge one cannot fill the page."""


class UploadError(ValueError):
    """An upload that cannot be used: a key into the string files and the readable problems."""

    def __init__(self, key: str, problems: list[str] | None = None) -> None:
        self.key = key
        self.problems = problems or []
        super().__init__("\n".join([key, *self.problems]))


def read_dropped(info: Mapping[str, Any]) -> Scenario:
    """Read a file dropped on the page, refusing it by its size before any of it is read.

    The size comes from the browser, so it is checked for what it is, and the read is bounded
    anyway: a file larger than it claimed is read no further than one byte past the limit.

    Args:
        info: Solara's file info: ``name``, ``size``, ``file_obj`` (and ``data`` if already read).

    Raises:
        UploadError: As :func:`read_upload`.
    """
    size = info.get("size")
    if type(size) is not int or size < 0:
        raise UploadError("upload.not_read")
    if size > MAX_BYTES:
        raise UploadError("upload.too_large")
    data = info.get("data")
    if data is None:
        file_obj = info.get("file_obj")
        if file_obj is None:
            raise UploadError("upload.not_read")
        try:
            data = file_obj.read(MAX_BYTES + 1)
        except (OSError, ValueError, TimeoutError):
            raise UploadError("upload.not_read") from None
    name = info.get("name")
    return read_upload(name if isinstance(name, str) else "", bytes(data or b""))


def read_upload(filename: str, data: bytes) -> Scenario:
    """Read an uploaded scenario file and return the validated scenario.

    Args:
        filename: The file's name on the uploader's machine (used as the scenario's name).
        data: Its bytes.

    Returns:
        The scenario, resolved on top of the shipped scenario it extends (or the defaults).

    Raises:
        UploadError: ``upload.too_large``, ``upload.not_text``, ``upload.not_toml`` or
            ``upload.invalid`` (with the problems, each naming the key and what is allowed,
            also for a model larger than the app builds).
    """
    try:
        return _read(filename, data)
    except RecursionError:  # nesting deeper than anything a scenario needs
        raise UploadError("upload.not_toml", ["nested too deeply"]) from None


def _read(filename: str, data: bytes) -> Scenario:
    if len(data) > MAX_BYTES:
        raise UploadError("upload.too_large")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UploadError("upload.not_text") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise UploadError("upload.not_toml", [str(err)]) from None
    source = (filename or "upload.toml").replace("\\", "/").rsplit("/", 1)[-1][:80] or "upload.toml"
    header = raw.pop(HEADER, {})
    if not isinstance(header, dict):
        raise UploadError("upload.invalid", [f"{source}: [{HEADER}] must be a section"])
    problems = [
        f"{source}: [{HEADER}] {key}: unknown key; allowed: {', '.join(HEADER_KEYS)}"
        for key in header
        if key not in HEADER_KEYS
    ]
    model = header.get("model", DEFAULT_MODEL)
    if not isinstance(model, str) or model not in MODELS:
        raise UploadError("upload.invalid", [f"{source}: [{HEADER}] model: use one of {', '.join(MODELS)}"])
    values = _flatten(raw, source, problems, model)
    base_name = header.get("extends")
    if base_name is not None and (not isinstance(base_name, str) or base_name not in scenario_names(model)):
        problems.append(
            f"{source}: [{HEADER}] extends: only a named scenario can be extended here "
            f"({', '.join(scenario_names(model))})"
        )
    if problems:
        raise UploadError("upload.invalid", _short(problems))
    try:
        if base_name:
            base = load_scenario(base_name, model=model)
        else:
            base = scenario_from_values({}, name="defaults", model=model)
        scenario = base.with_values(values, source=source)
    except ScenarioError as err:
        raise UploadError("upload.invalid", _short(list(err.problems))) from None
    too_large = [
        f"{source}: {name}: this app builds at most {most:,} {unit}; "
        "run larger organizations with `orglearn run` on your own machine"
        for name, most, unit in beyond(scenario.values)
    ]
    if too_large:
        raise UploadError("upload.invalid", too_large)
    description = header.get("description", {})
    if not isinstance(description, dict):
        description = dict.fromkeys(LANGUAGES, str(description))
    name = header.get("name")
    name = (name if isinstance(name, str) and name.strip() else source.removesuffix(".toml"))[:80]
    return Scenario(
        name=name,
        description={lang: str(description.get(lang, "")) for lang in LANGUAGES},
        values=scenario.values,
        sources=(*base.sources, source),
        model=model,
    )


def _short(problems: list[str]) -> list[str]:
    """The problems, each cut to :data:`MAX_PROBLEM` characters (at most twenty of them)."""
    cut = [p if len(p) <= MAX_PROBLEM else p[: MAX_PROBLEM - 1] + "…" for p in problems[:20]]
    return cut + ([f"… {len(problems) - 20} more"] if len(problems) > 20 else [])


def _flatten(raw: dict[str, Any], source: str, problems: list[str], model: str) -> dict[str, Any]:
    """Dotted names and values; files named in the upload are refused."""
    table = _table(model)
    values: dict[str, Any] = {}
    for group, entries in raw.items():
        if not isinstance(entries, dict):
            problems.append(f"{source}: {group}: expected a [section] of settings")
            continue
        for key, value in entries.items():
            name = f"{group}.{key}"
            if name in table and table[name].type == "path" and value:
                problems.append(
                    f"{source}: {name}: files cannot be named in an uploaded scenario; "
                    "run it with `orglearn run` on your own machine instead"
                )
                continue
            values[name] = value
    return values
