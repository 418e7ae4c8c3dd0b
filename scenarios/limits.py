"""Limits on what orglearn takes in: the size and shape of its TOML files, and a run's memory.

Every scenario, experiment and claim file is read by :func:`read_limited`, so a file that is too
big, nested too deeply, holds too many values or numbers too large for the model's 64-bit arrays
is refused with its name, the key and the limit, before any of it is used. ``tomllib`` alone would
answer such files with a ``RecursionError`` or a ``ValueError`` from deep inside the parser.

:func:`memory_problem` estimates the memory a run needs before the organization is built, so a
huge organization is refused with the numbers instead of ending in a ``MemoryError`` half-way.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from orglearn.registry import MODELS
from orglearn.scenarios.parameters import LANGUAGES

MAX_BYTES = 1 << 20
"""A scenario or experiment file is a page of settings; a megabyte is far beyond any real one."""
MAX_DEPTH = 16
"""Tables and arrays inside each other; the deepest real file (an intervention's list) has 4."""
MAX_VALUES = 10_000
"""Keys and array items in one file; the parameter table itself has a few hundred."""
INT_LIMIT = 2**63
"""Whole numbers must fit the model's 64-bit integers: from -2**63 to 2**63 - 1."""
MAX_EXTENDS = 32
"""Files in one ``extends`` chain; real chains are two or three files long."""

Raise = Callable[[list[str]], Exception]


def kind(value: Any) -> str:
    """Say in words what a TOML value is, for messages such as ``expected a table, found text``."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a number ({_short(value)})"
    if isinstance(value, float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"text ({value[:40]!r})"
    return f"a date or time ({value})"


def _short(number: int) -> str:
    text = str(number)
    return text if len(text) <= 24 else f"{text[:12]}... ({len(text)} digits)"


def read_limited(path: Path, error: Raise, tables: Iterable[str] = ()) -> dict[str, Any]:
    """Read a TOML file within the limits above, or raise ``error`` with every problem found.

    Args:
        path: The file.
        error: Builds the exception to raise from the list of problems (the caller's own type).
        tables: Top-level names that must be tables where present (``[experiment]``, say).

    Returns:
        The parsed document.
    """
    text = _text(path, error)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise error([f"{path}: not valid TOML: {err}"]) from None
    except RecursionError:
        raise error([f"{path}: nested more than {MAX_DEPTH} levels deep (lists in lists)"]) from None
    except ValueError:  # Python's limit on the digits of a whole number, met inside the parser
        raise error([f"{path}: line {_long_number_line(text)}: {_RANGE}"]) from None
    problems = _walk(doc, str(path))
    for name in tables:
        if name in doc and not isinstance(doc[name], dict):
            problems.append(
                f"{path}: {name}: expected a table ([{name}] followed by key = value lines), "
                f"found {kind(doc[name])}"
            )
    if problems:
        raise error(problems)
    return doc


_RANGE = f"a whole number beyond 64 bits; use one from -2**63 to 2**63 - 1 ({-INT_LIMIT} to {INT_LIMIT - 1})"


def _text(path: Path, error: Raise) -> str:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise error([f"{path}: larger than {MAX_BYTES // 2**20} MiB; a settings file is far smaller"])
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise error([f"{path}: cannot be read: {err}"]) from None


def _long_number_line(text: str) -> int:
    found = re.search(r"[0-9_]{4000,}", text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _walk(doc: dict[str, Any], source: str) -> list[str]:
    """Check depth, count and whole numbers without recursion, naming the first offending keys."""
    problems: list[str] = []
    count = 0
    stack: list[tuple[str, Any, int]] = [("", doc, 0)]
    while stack and len(problems) < 20:
        key, value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                problems.append(f"{source}: {key}: nested more than {MAX_DEPTH} levels deep")
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for inner, item in items:
                count += 1
                name = (
                    f"{key}[{inner}]" if isinstance(value, list) else f"{key}.{inner}" if key else str(inner)
                )
                stack.append((name, item, depth + 1))
            if count > MAX_VALUES:
                return [f"{source}: more than {MAX_VALUES:,} values; a settings file has far fewer"]
        elif isinstance(value, int) and not isinstance(value, bool) and not -INT_LIMIT <= value < INT_LIMIT:
            problems.append(f"{source}: {key}: {_short(value)} is {_RANGE}")
    return problems


def header_problems(header: Mapping[str, Any], at: str, keys: Iterable[str]) -> list[str]:
    """Check a scenario's ``[scenario]`` table: its keys, and that each value has its shape.

    Args:
        header: The table.
        at: How messages name it (the file and ``[scenario]``).
        keys: The keys allowed.

    Returns:
        One message per problem, naming the key and what is allowed.
    """
    keys = tuple(keys)
    problems = [f"{at} {key}: unknown key; allowed: {', '.join(keys)}" for key in header if key not in keys]
    for key in ("name", "extends"):
        if key in header and not isinstance(header[key], str):
            problems.append(f"{at} {key}: expected text, found {kind(header[key])}")
    if "model" in header and not (isinstance(header["model"], str) and header["model"] in MODELS):
        problems.append(f"{at} model: {header['model']!r} is not allowed; use one of {', '.join(MODELS)}")
    description = header.get("description", {})
    if not isinstance(description, dict):
        problems.append(
            f"{at} description: expected a text per language ({', '.join(LANGUAGES)}), "
            f'for example description.en = "...", found {kind(description)}'
        )
        return problems
    for lang, text in description.items():
        if lang not in LANGUAGES:
            problems.append(f"{at} description.{lang}: unknown language; allowed: {', '.join(LANGUAGES)}")
        elif not isinstance(text, str):
            problems.append(f"{at} description.{lang}: expected text, found {kind(text)}")
    return problems


# --- memory ----------------------------------------------------------------------------------

PERSON_BYTES = {"headless": 3 * 1024, "mesa": 6 * 1024}
"""Memory per person, by form: the array engine alone (sweeps) or inside the Mesa model (``run``).

Measured with ``tracemalloc`` as the peak of building an organization and running three weeks,
from 4,000 to 32,000 people (the slope, so fixed costs drop out): 1.6 KiB per person headless
and 4.3 KiB in the Mesa form for a rake. The constants are about 1.5 times that, for what
``tracemalloc`` does not see (the allocator's slack, the interpreter).
"""
TIE_BYTES = {"headless": 256, "mesa": 1024}
"""Memory per tie, measured the same way (teams against rake): 215 and 720 bytes."""
SNAPSHOT_BYTES = 512
"""One person's row of ``agents.csv`` in memory (about 40 columns of 8 bytes, and the index)."""
WEEK_BYTES = {"headless": 0, "mesa": 1200}
"""Bytes one week adds to a run's record of its metrics: 1,150 measured (tracemalloc over 2,000
weeks of ``baseline`` at 20 people). A sweep's run keeps only the weeks it stores, and the sweep
counts those in its own disk estimate."""


def estimated_ties(values: Mapping[str, Any]) -> int:
    """The number of ties the network kind will give, from the sizes alone (an upper estimate)."""
    n = int(values["organization.people"])
    kind = values["network.kind"]
    team = max(1, min(n, int(values["organization.team_size"])))
    in_teams = n * (team - 1) // 2
    if kind == "rake":
        return n - 1 + int(in_teams * float(values["network.team_ties"]))
    if kind == "teams":
        return n - 1 + in_teams
    if kind == "network_org":
        return 3 * n + in_teams
    if kind == "complete":
        return n * (n - 1) // 2
    return n - 1 + n * int(values["network.degree"]) // 2 + n


def _chart_size(values: Mapping[str, Any]) -> tuple[int, int]:
    """People and ties of a chart file: its rows (CSV) or its nodes and edges (GraphML)."""
    chart, ties = str(values["organization.chart"]), str(values.get("network.ties") or "")
    try:
        text = Path(chart).read_text("utf-8", errors="replace")
        if chart.lower().endswith(".graphml"):
            return text.count("<node"), text.count("<edge")
        people = max(0, text.count("\n") - 1)
        extra = Path(ties).read_text("utf-8", errors="replace").count("\n") if ties else 0
        return people, people + extra
    except OSError:
        return 0, 0  # the chart reader says what is wrong with the file


def memory_needed(
    values: Mapping[str, Any], form: str = "mesa", steps: int = 0, snapshot_every: int | None = None
) -> int:
    """Estimate the bytes one run needs, before anything is built.

    Args:
        values: A validated scenario's values (orglearn's model).
        form: ``mesa`` for ``orglearn run`` and the app, ``headless`` for a sweep's runs.
        steps: Weeks to run, for the record of the metrics and the snapshots kept.
        snapshot_every: Weeks between snapshots of everyone (None: the first and last week only).

    Returns:
        The estimate in bytes.
    """
    if values.get("organization.chart"):
        people, ties = _chart_size(values)
    else:
        people, ties = int(values["organization.people"]), estimated_ties(values)
    snapshots = 2 + (steps // snapshot_every if snapshot_every else 0)
    return (
        people * (PERSON_BYTES[form] + snapshots * SNAPSHOT_BYTES)
        + ties * TIE_BYTES[form]
        + steps * WEEK_BYTES[form]
    )


def memory_problem(
    values: Mapping[str, Any],
    form: str = "mesa",
    steps: int = 0,
    snapshot_every: int | None = None,
    available: int | None = None,
) -> str | None:
    """Say why a run would not fit in memory, or None when it fits.

    Args:
        values: A validated scenario's values.
        form: See :func:`memory_needed`.
        steps: See :func:`memory_needed`.
        snapshot_every: See :func:`memory_needed`.
        available: Bytes free (default: what the system has available now, from ``psutil``).

    Returns:
        A message naming the estimate, the memory available and what to change, or None.
    """
    if "organization.people" not in values:
        return None  # another model's scenario: its sizes are small by construction
    needed = memory_needed(values, form, steps, snapshot_every)
    if available is None:
        try:
            import psutil
        except ImportError:
            return None
        available = int(psutil.virtual_memory().available)
    if needed <= available:
        return None
    people = values["organization.people"] if not values.get("organization.chart") else "the chart's"
    weeks = f", {WEEK_BYTES[form]:,} bytes a week of {steps:,}" if WEEK_BYTES[form] and steps else ""
    return (
        f"organization.people = {people} with network.kind = {values['network.kind']}: a run needs "
        f"about {needed / 2**20:,.0f} MiB ({PERSON_BYTES[form] // 1024} KiB a person, "
        f"{TIE_BYTES[form]} bytes a tie{weeks}), but {available / 2**20:,.0f} MiB is available; "
        "use fewer people, fewer weeks, or a network with fewer ties"
    )
