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
from typing import Any

from orglearn.scenarios import Scenario, ScenarioError, load_scenario, scenario_names
from orglearn.scenarios import parameter_table as _table
from orglearn.scenarios.models import DEFAULT_MODEL, MODELS
from orglearn.scenarios.parameters import LANGUAGES
from orglearn.scenarios.scenario import HEADER, HEADER_KEYS, scenario_from_values

MAX_BYTES = 256 * 1024


class UploadError(ValueError):
    """An upload that cannot be used: a key into the string files and the readable problems."""

    def __init__(self, key: str, problems: list[str] | None = None) -> None:
        self.key = key
        self.problems = problems or []
        super().__init__("\n".join([key, *self.problems]))


def read_upload(filename: str, data: bytes) -> Scenario:
    """Read an uploaded scenario file and return the validated scenario.

    Args:
        filename: The file's name on the uploader's machine (used as the scenario's name).
        data: Its bytes.

    Returns:
        The scenario, resolved on top of the shipped scenario it extends (or the defaults).

    Raises:
        UploadError: ``upload.too_large``, ``upload.not_text``, ``upload.not_toml`` or
            ``upload.invalid`` (with the problems, each naming the key and what is allowed).
    """
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
    source = filename or "upload.toml"
    header = raw.pop(HEADER, {})
    if not isinstance(header, dict):
        raise UploadError("upload.invalid", [f"{source}: [{HEADER}] must be a section"])
    problems = [
        f"{source}: [{HEADER}] {key}: unknown key; allowed: {', '.join(HEADER_KEYS)}"
        for key in header
        if key not in HEADER_KEYS
    ]
    model = header.get("model", DEFAULT_MODEL)
    if model not in MODELS:
        raise UploadError("upload.invalid", [f"{source}: [{HEADER}] model: use one of {', '.join(MODELS)}"])
    values = _flatten(raw, source, problems, model)
    base_name = header.get("extends")
    if base_name is not None and base_name not in scenario_names(model):
        problems.append(
            f"{source}: [{HEADER}] extends: only a named scenario can be extended here "
            f"({', '.join(scenario_names(model))})"
        )
    if problems:
        raise UploadError("upload.invalid", problems)
    try:
        if base_name:
            base = load_scenario(base_name, model=model)
        else:
            base = scenario_from_values({}, name="defaults", model=model)
        scenario = base.with_values(values, source=source)
    except ScenarioError as err:
        raise UploadError("upload.invalid", list(err.problems)) from None
    description = header.get("description", {})
    if not isinstance(description, dict):
        description = dict.fromkeys(LANGUAGES, str(description))
    name = str(header.get("name") or source.rsplit("/", 1)[-1].removesuffix(".toml"))
    return Scenario(
        name=name,
        description={lang: str(description.get(lang, "")) for lang in LANGUAGES},
        values=scenario.values,
        sources=(*base.sources, source),
        model=model,
    )


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
