"""Ties between people: who can influence whom, how well, and whether along a reporting line.

The quality of the connections sets the quality of the whole: every influence along a tie is
scaled by its quality. A tie is *formal* (a reporting line) or *informal*. Ties are undirected;
whether influence flows up or down a tie is decided by the ranks of the two people
(see ``network.voice``).

Ties are kept as plain arrays, an edge list plus the same edges as compressed rows (CSR) with
each person's contacts in ascending order, so the engine can run over them without Python loops
and the readable per-person step sees the contacts in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class Ties:
    """All ties of an organization.

    Attributes:
        size: The number of people.
        source: One end of each tie (always the lower index).
        target: The other end of each tie.
        quality: Quality of each tie, in [0, 1].
        formal: Whether each tie is a reporting line.
        indptr: Row pointers: person ``i``'s contacts are ``indices[indptr[i]:indptr[i+1]]``.
        indices: The contact at each half-tie, ascending within each person's row.
        row: The person at each half-tie (the owner of the row).
        half_quality: The quality of each half-tie.
        half_formal: Whether each half-tie is a reporting line.
        half_edge: The tie each half-tie belongs to (an index into the edge list).
        half_reverse: The other half of each half-tie: person ``j``'s half toward ``i`` for
            ``i``'s half toward ``j`` (what ``j`` makes of a tie can differ from what ``i`` does).
        choice_cdf: Within each row, the cumulative share of quality: choosing a contact with
            probability proportional to quality is counting the entries at or below a uniform
            number.
    """

    size: int
    source: np.ndarray
    target: np.ndarray
    quality: np.ndarray
    formal: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    row: np.ndarray
    half_quality: np.ndarray
    half_formal: np.ndarray
    half_edge: np.ndarray
    half_reverse: np.ndarray
    choice_cdf: np.ndarray

    @classmethod
    def from_edges(
        cls,
        size: int,
        source: np.ndarray,
        target: np.ndarray,
        quality: np.ndarray,
        formal: np.ndarray,
    ) -> Ties:
        """Build ties from an edge list that is already free of loops and duplicates.

        Args:
            size: The number of people.
            source: One end of each tie.
            target: The other end.
            quality: Quality per tie.
            formal: Reporting-line flag per tie.

        Returns:
            The ties, with the edge list sorted and the rows built.
        """
        lo, hi = np.minimum(source, target), np.maximum(source, target)
        order = np.lexsort((hi, lo))
        lo, hi = lo[order].astype(np.int64), hi[order].astype(np.int64)
        quality = np.asarray(quality, dtype=float)[order]
        formal = np.asarray(formal, dtype=bool)[order]
        rows = np.concatenate([lo, hi])
        cols = np.concatenate([hi, lo])
        half = np.lexsort((cols, rows))
        rows, cols = rows[half], cols[half]
        half_quality = np.concatenate([quality, quality])[half]
        half_formal = np.concatenate([formal, formal])[half]
        edge = np.arange(len(lo))
        half_edge = np.concatenate([edge, edge])[half]
        indptr = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=size), out=indptr[1:])
        keys = rows * size + cols  # ascending: rows sorted, contacts sorted within a row
        reverse = np.searchsorted(keys, cols * size + rows).astype(np.int64)
        return cls(
            size=size,
            source=lo,
            target=hi,
            quality=quality,
            formal=formal,
            indptr=indptr,
            indices=cols,
            row=rows,
            half_quality=half_quality,
            half_formal=half_formal,
            half_edge=half_edge,
            half_reverse=reverse,
            choice_cdf=_choice_cdf(indptr, half_quality),
        )

    @property
    def count(self) -> int:
        """The number of ties."""
        return len(self.source)

    def degree(self) -> np.ndarray:
        """The number of contacts per person."""
        return np.diff(self.indptr)

    def contacts(self, person: int) -> slice:
        """The half-ties of one person, as a slice into the row arrays."""
        return slice(int(self.indptr[person]), int(self.indptr[person + 1]))

    def matrix(self, weights: np.ndarray) -> sparse.csr_matrix:
        """A sparse matrix with the given weight on each half-tie, rows as receivers."""
        return sparse.csr_matrix((weights, self.indices, self.indptr), shape=(self.size, self.size))

    def find(self, person: np.ndarray, contact: np.ndarray) -> np.ndarray:
        """The half-tie index of each (person, contact) pair, or -1 where they are not tied."""
        keys = self.row * self.size + self.indices  # ascending: rows sorted, contacts sorted
        wanted = np.asarray(person) * self.size + np.asarray(contact)
        at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
        found = (len(keys) > 0) & (keys[at] == wanted) if len(keys) else np.zeros(len(wanted), bool)
        return np.where(found, at, -1)

    def line_quality(self, superior: np.ndarray) -> np.ndarray:
        """The quality of each person's reporting line; 1 for those who report to nobody."""
        quality = np.ones(self.size)
        has = np.flatnonzero(superior >= 0)
        at = self.find(has, superior[has])
        quality[has] = np.where(at >= 0, self.half_quality[np.maximum(at, 0)], 0.0)
        return quality

    def components(self) -> tuple[int, np.ndarray]:
        """The connected components of the network: (count, label per person)."""
        return sparse.csgraph.connected_components(self.matrix(np.ones(len(self.indices))))


def _choice_cdf(indptr: np.ndarray, quality: np.ndarray) -> np.ndarray:
    """Cumulative quality share within each row; the last entry of each row is exactly 1."""
    degree = np.diff(indptr)
    if len(quality) == 0:
        return np.zeros(0)
    cumulative = np.cumsum(quality)
    before = np.concatenate([[0.0], cumulative])[indptr[:-1]]
    local = cumulative - np.repeat(before, degree)
    has = degree > 0
    total = np.zeros(len(degree))
    total[has] = local[indptr[1:][has] - 1]
    totals = np.repeat(total, degree)
    position = np.arange(len(quality)) - np.repeat(indptr[:-1], degree) + 1
    uniform = position / np.repeat(np.maximum(degree, 1), degree)
    cdf = np.where(totals > 0, local / np.where(totals > 0, totals, 1.0), uniform)
    cdf[indptr[1:][has] - 1] = 1.0
    return cdf


def unique_pairs(source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop loops and duplicates from a list of pairs, keeping the first of each; (lo, hi)."""
    lo, hi = np.minimum(source, target), np.maximum(source, target)
    keep = lo != hi
    lo, hi = lo[keep], hi[keep]
    if len(lo) == 0:
        return lo.astype(np.int64), hi.astype(np.int64)
    key = lo.astype(np.int64) * (int(hi.max()) + 1) + hi
    _, first = np.unique(key, return_index=True)
    first.sort()
    return lo[first].astype(np.int64), hi[first].astype(np.int64)
