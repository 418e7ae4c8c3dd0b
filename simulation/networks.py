"""The network organization against the rake: how the ties between people are laid.

Rule: *people can only influence those they are tied to; in a rake they are tied to their boss,
in a network organization also across teams and ranks.*

Every kind keeps the reporting lines, so the organization is always connected through its
chart. ``rake`` has only those (plus, optionally, ties inside teams); ``teams`` adds everyone
within a team; ``network_org`` adds bridging ties across teams and lateral ties between the
leads of a department. The generic kinds lay a small-world, scale-free, random or complete
network over the people (ordered by team, so a small world's neighbours are mostly teammates)
and add the reporting lines to it.

Every random choice takes its seed from the model's generator, networkx's included.

References:
    Swieringa, J. & Wierdsma, A. (1990). *Op weg naar een lerende organisatie*. Wolters-Noordhoff.
    Watts, D. J. & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.
    Barabási, A.-L. & Albert, R. (1999). Emergence of scaling in random networks. *Science*
    286, 509-512.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np

from orglearn.simulation.population import draw_beta
from orglearn.simulation.structure import TEAM_LEAD, OrgChart
from orglearn.simulation.ties import Ties, unique_pairs


def group_pairs(group: np.ndarray, members: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of people who share a group (a team, a department), as (i, j) arrays.

    Args:
        group: A group label per person.
        members: Optional subset of people to pair up (default: everyone).

    Returns:
        Index arrays of the pairs, each pair once.
    """
    people = np.arange(len(group)) if members is None else np.asarray(members)
    labels = group[people]
    order = np.argsort(labels, kind="stable")
    people, labels = people[order], labels[order]
    _, start, size = np.unique(labels, return_index=True, return_counts=True)
    src, dst = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for s in np.unique(size):
        if s < 2:
            continue
        firsts = start[size == s]
        block = people[firsts[:, None] + np.arange(s)]  # teams of this size × members
        a, b = np.triu_indices(s, k=1)
        src.append(block[:, a].ravel())
        dst.append(block[:, b].ravel())
    return np.concatenate(src), np.concatenate(dst)


def _bridges(chart: OrgChart, probability: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """With the given probability, each person gets a tie to a random person in another team."""
    n = chart.size
    if chart.n_teams < 2 or probability <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    bridgers = np.flatnonzero(rng.random(n) < probability)
    partner = rng.integers(0, n, size=len(bridgers))
    clash = chart.team[partner] == chart.team[bridgers]
    while clash.any():
        partner[clash] = rng.integers(0, n, size=int(clash.sum()))
        clash = chart.team[partner] == chart.team[bridgers]
    return bridgers, partner


def _generic(kind: str, n: int, degree: int, rewiring: float, seed: int) -> nx.Graph:
    if kind == "small_world":
        return nx.watts_strogatz_graph(n, degree, rewiring, seed=seed)
    if kind == "scale_free":
        return nx.barabasi_albert_graph(n, max(1, degree // 2), seed=seed)
    if kind == "random":
        return nx.fast_gnp_random_graph(n, degree / (n - 1), seed=seed)
    return nx.complete_graph(n)


def build_ties(
    chart: OrgChart,
    values: Mapping[str, Any],
    rng: np.random.Generator,
    chart_ties: tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray] | None = None,
) -> Ties:
    """Lay the network of the kind ``network.kind`` over an org chart.

    Args:
        chart: The organization.
        values: The scenario's values (``network.*`` are read).
        rng: The network's random stream; networkx generators get an integer seed drawn from it.
        chart_ties: For kind ``chart``: (source, target, quality or None, formal) from a file.

    Returns:
        The ties, with qualities drawn from the tie-quality distribution where not given.
    """
    kind = values["network.kind"]
    n = chart.size
    if kind == "chart":
        if chart_ties is None:
            raise ValueError("network.kind 'chart' needs the ties read from the chart file")
        lo, hi, quality, formal = chart_ties
        if quality is None:
            quality = _draw_quality(values, rng, len(lo))
        return Ties.from_edges(n, lo, hi, quality, formal)

    formal_sub, formal_sup = chart.reporting_lines()
    parts = [(formal_sub, formal_sup)]
    if kind == "rake":
        a, b = group_pairs(chart.team)
        keep = rng.random(len(a)) < values["network.team_ties"]
        parts.append((a[keep], b[keep]))
    elif kind in ("teams", "network_org"):
        parts.append(group_pairs(chart.team))
        if kind == "network_org":
            parts.append(_bridges(chart, values["network.bridging"], rng))
            parts.append(group_pairs(chart.department, np.flatnonzero(chart.rank == TEAM_LEAD)))
    else:
        seed = int(rng.integers(2**32))
        graph = _generic(kind, n, values["network.degree"], values["network.rewiring"], seed)
        edges = np.asarray(list(graph.edges()), dtype=np.int64).reshape(-1, 2)
        parts.append((edges[:, 0], edges[:, 1]))

    lo, hi = unique_pairs(np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))
    formal = np.zeros(len(lo), dtype=bool)
    formal[: len(formal_sub)] = True  # reporting lines come first, are unique, and are kept
    return Ties.from_edges(n, lo, hi, _draw_quality(values, rng, len(lo)), formal)


def _draw_quality(values: Mapping[str, Any], rng: np.random.Generator, count: int) -> np.ndarray:
    return draw_beta(rng, values["network.tie_quality_mean"], values["network.tie_quality_sd"], count)
