"""Reading a real organization from files: GraphML, or a people CSV with an edge-list CSV.

Users bring their own org chart. Two forms are read:

* **GraphML**: every node has ``team`` and ``role`` (``staff``, ``team_lead``, ``manager``,
  ``director``), optionally ``department`` and ``unit``; every edge is a tie, optionally with
  ``quality`` (0 to 1) and ``formal`` (true for a reporting line). Each person but the director
  has exactly one formal tie to someone of higher rank: their superior.
* **CSV**: a people file with columns ``id``, ``team``, ``role``, ``reports_to`` (empty for the
  director), optionally ``department`` and ``unit``; and, for network kind ``chart``, an edge-list
  file with ``source`` and ``target`` (``quality`` optional). Reporting lines are ties too.

Anything malformed or inconsistent with the roles is refused with a message naming the file, the
row or node, and what is expected. Because everyone but the director reports to someone of
higher rank, and reporting lines are always ties, the network of a chart that is accepted is
connected: everyone can reach the director.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from orglearn.scenarios import ScenarioError
from orglearn.simulation.structure import ABOVE_DEPARTMENTS, DIRECTOR, NO_SUPERIOR, ROLES, OrgChart
from orglearn.simulation.ties import unique_pairs

ChartTies = tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray]


class ChartError(ScenarioError):
    """An org chart or ties file that cannot be used."""

    def __init__(self, path: str | Path, problems: list[str]) -> None:
        super().__init__(
            [f"{path}: {p}" for p in problems[:20]]
            + ([f"{path}: ... and {len(problems) - 20} more"] if len(problems) > 20 else [])
        )


def _codes(labels: list[str]) -> np.ndarray:
    """Number labels in order of first appearance."""
    seen: dict[str, int] = {}
    return np.asarray([seen.setdefault(label, len(seen)) for label in labels], dtype=np.int64)


def _ranks(path: str | Path, ids: list[str], roles: list[str]) -> np.ndarray:
    if len(ids) < 2:  # organization.people is 2 or more too: nobody to learn from otherwise
        raise ChartError(
            path, [f"needs 2 people or more; this chart has {len(ids)} (a director and who reports to them)"]
        )
    bad = [
        f"{who}: role {role!r} is not one of {', '.join(ROLES)}"
        for who, role in zip(ids, roles, strict=True)
        if role not in ROLES
    ]
    if bad:
        raise ChartError(path, bad)
    rank = np.asarray([ROLES.index(r) for r in roles], dtype=np.int8)
    directors = [who for who, r in zip(ids, rank, strict=True) if r == DIRECTOR]
    if len(directors) != 1:
        raise ChartError(
            path,
            [
                f"needs exactly one director, found {len(directors)}"
                + (f" ({', '.join(directors[:5])})" if directors else "")
            ],
        )
    return rank


def _groups(column: list[str] | None, rank: np.ndarray) -> np.ndarray:
    """Department or unit numbers in order of first appearance; -1 for the director."""
    groups = np.where(rank == DIRECTOR, ABOVE_DEPARTMENTS, 0).astype(np.int64)
    if column is not None:
        others = np.flatnonzero(rank != DIRECTOR)
        groups[others] = _codes([str(column[i]) for i in others])
    return groups


def _attribute(data: list[dict], key: str) -> list[str] | None:
    """A node attribute as a column, if every node has it."""
    return [str(d[key]) for d in data] if all(key in d for d in data) else None


def read_graphml(path: str | Path) -> tuple[OrgChart, ChartTies]:
    """Read an org chart and its ties from GraphML (see the module docstring)."""
    try:
        graph = nx.read_graphml(path)
    except (OSError, nx.NetworkXError, ValueError, SyntaxError) as err:
        raise ChartError(path, [f"not readable as GraphML: {err}"]) from None
    if graph.is_directed():
        graph = graph.to_undirected()
    ids = [str(node) for node in graph.nodes]
    index = {node: i for i, node in enumerate(graph.nodes)}
    data = [graph.nodes[node] for node in graph.nodes]
    missing = [
        f"node {who}: missing {key!r}"
        for who, d in zip(ids, data, strict=True)
        for key in ("team", "role")
        if key not in d
    ]
    if missing:
        raise ChartError(path, missing)
    rank = _ranks(path, ids, [str(d["role"]) for d in data])
    edges = list(graph.edges(data=True))
    loops = [f"edge {a}-{b}: {a} is tied to themselves; {_PAIR}" for a, b, _ in edges if a == b]
    if loops:
        raise ChartError(path, loops)
    lo = np.asarray([index[a] for a, _, _ in edges], dtype=np.int64)
    hi = np.asarray([index[b] for _, b, _ in edges], dtype=np.int64)
    formal = np.asarray([str(d.get("formal", False)).lower() in ("true", "1") for *_, d in edges], dtype=bool)
    labels = [f"edge {a}-{b}" for a, b, _ in edges]
    quality = _qualities(path, [d.get("quality") for *_, d in edges], labels, "edge")
    superior = np.full(len(ids), NO_SUPERIOR, dtype=np.int64)
    upward: list[list[int]] = [[] for _ in ids]
    for a, b in zip(lo[formal].tolist(), hi[formal].tolist(), strict=True):
        if rank[a] < rank[b]:
            upward[a].append(b)
        elif rank[b] < rank[a]:
            upward[b].append(a)
    problems = [
        f"node {ids[i]} ({ROLES[rank[i]]}): {len(up)} formal ties to someone of higher "
        "rank; everyone but the director needs exactly one (their superior)"
        for i, up in enumerate(upward)
        if rank[i] != DIRECTOR and len(up) != 1
    ]
    if problems:
        raise ChartError(path, problems)
    for i, up in enumerate(upward):
        if up:
            superior[i] = up[0]
    chart = OrgChart(
        _codes([str(d["team"]) for d in data]),
        _groups(_attribute(data, "department"), rank),
        _groups(_attribute(data, "unit"), rank),
        rank,
        superior,
        tuple(ids),
    )
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)
    return chart, (lo, hi, quality, formal)


_PAIR = "a tie joins two different people"


def _qualities(path: str | Path, raw: list[object], labels: list[str], what: str) -> np.ndarray | None:
    """Tie qualities from a file: all or none given, each a number from 0 to 1 ("nan" is not one)."""
    given = [q for q in raw if q is not None and str(q).strip() != ""]
    if not given:
        return None
    if len(given) != len(raw):
        raise ChartError(
            path, [f"quality is given for some ties but not all; give it for every {what} or none"]
        )
    quality, problems = np.zeros(len(raw)), []
    for i, (label, q) in enumerate(zip(labels, raw, strict=True)):
        try:
            quality[i] = float(str(q).strip())
        except ValueError:
            quality[i] = np.nan
        if not 0 <= quality[i] <= 1:  # also false for nan
            problems.append(f"{label}: quality {str(q).strip()!r}: use a number from 0 to 1")
    if problems:
        raise ChartError(path, problems)
    return quality


def _read_csv(path: str | Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise ChartError(
            path, [f"the file is empty; expected a header row with {', '.join(required)}"]
        ) from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise ChartError(path, [f"not readable as CSV: {err}"]) from None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ChartError(
            path, [f"missing column(s) {', '.join(missing)}; found {', '.join(frame.columns) or 'none'}"]
        )
    return frame


def read_people_csv(path: str | Path, ties_path: str | Path | None) -> tuple[OrgChart, ChartTies | None]:
    """Read an org chart from a people CSV and, when given, its ties from an edge-list CSV."""
    people = _read_csv(path, ("id", "team", "role", "reports_to"))
    ids = [s.strip() for s in people["id"]]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes or "" in ids:
        raise ChartError(path, [f"ids must be unique and non-empty; repeated: {', '.join(dupes[:5])}"])
    index = {who: i for i, who in enumerate(ids)}
    rank = _ranks(path, ids, [r.strip() for r in people["role"]])
    superior = np.full(len(ids), NO_SUPERIOR, dtype=np.int64)
    # An empty team would be read as one team of everyone who left it empty.
    problems = [
        f"row {row} ({who}): team is empty; give everyone a team"
        for row, (who, team) in enumerate(zip(ids, people["team"].str.strip(), strict=True), start=2)
        if not team
    ]
    for row, (who, boss) in enumerate(zip(ids, people["reports_to"].str.strip(), strict=True), start=2):
        if rank[index[who]] == DIRECTOR:
            if boss:
                problems.append(f"row {row} ({who}): the director reports to nobody; leave reports_to empty")
            continue
        if boss not in index:
            problems.append(f"row {row} ({who}): reports_to {boss!r} is not an id in this file")
        elif rank[index[boss]] <= rank[index[who]]:
            problems.append(
                f"row {row} ({who}): reports to {boss}, whose role "
                f"({ROLES[rank[index[boss]]]}) does not rank above {ROLES[rank[index[who]]]}"
            )
        else:
            superior[index[who]] = index[boss]
    if problems:
        raise ChartError(path, problems)
    chart = OrgChart(
        _codes([t.strip() for t in people["team"]]),
        _groups(list(people["department"]) if "department" in people else None, rank),
        _groups(list(people["unit"]) if "unit" in people else None, rank),
        rank,
        superior,
        tuple(ids),
    )
    if not ties_path:
        return chart, None
    edges = _read_csv(ties_path, ("source", "target"))
    unknown = [
        f"row {row}: {who!r} is not an id in {path}"
        for row, (a, b) in enumerate(zip(edges["source"], edges["target"], strict=True), start=2)
        for who in (a.strip(), b.strip())
        if who not in index
    ]
    unknown += [
        f"row {row}: {a.strip()} is tied to themselves; {_PAIR}"
        for row, (a, b) in enumerate(zip(edges["source"], edges["target"], strict=True), start=2)
        if a.strip() == b.strip()
    ]
    first: dict[frozenset[str], int] = {}
    for row, (a, b) in enumerate(zip(edges["source"], edges["target"], strict=True), start=2):
        pair = frozenset((a.strip(), b.strip()))
        if pair in first and len(pair) == 2:  # one tie, one quality: a second row would be dropped
            unknown.append(f"row {row}: {a.strip()} and {b.strip()} are tied in row {first[pair]} already")
        first.setdefault(pair, row)
    if unknown:
        raise ChartError(ties_path, unknown)
    src = np.asarray([index[a.strip()] for a in edges["source"]], dtype=np.int64)
    dst = np.asarray([index[b.strip()] for b in edges["target"]], dtype=np.int64)
    rows = [f"row {row}" for row in range(2, len(edges) + 2)]
    quality = _qualities(ties_path, list(edges["quality"]), rows, "row") if "quality" in edges else None
    sub, sup = chart.reporting_lines()
    all_src, all_dst = np.concatenate([sub, src]), np.concatenate([sup, dst])
    lo, hi = unique_pairs(all_src, all_dst)
    formal = np.zeros(len(lo), dtype=bool)
    formal[: len(sub)] = True
    if quality is not None:
        lookup = {
            (min(a, b), max(a, b)): q for a, b, q in zip(src.tolist(), dst.tolist(), quality, strict=True)
        }
        mean = float(np.mean(quality))
        quality = np.asarray(
            [lookup.get((a, b), mean) for a, b in zip(lo.tolist(), hi.tolist(), strict=True)]
        )
    return chart, (lo, hi, quality, formal)


def read_chart(chart_path: str, ties_path: str) -> tuple[OrgChart, ChartTies | None]:
    """Read an org chart file (GraphML or people CSV) and, where given, its ties file."""
    if not Path(chart_path).is_file():
        raise ChartError(chart_path, ["no such file (organization.chart)"])
    if ties_path and not Path(ties_path).is_file():
        raise ChartError(ties_path, ["no such file (network.ties)"])
    if chart_path.lower().endswith(".graphml"):
        return read_graphml(chart_path)
    if chart_path.lower().endswith(".csv"):
        return read_people_csv(chart_path, ties_path or None)
    raise ChartError(chart_path, ["organization.chart must be a .graphml or a .csv file"])
