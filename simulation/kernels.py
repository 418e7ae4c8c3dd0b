"""Array kernels shared by the mechanisms and the metrics, lean and in a fixed order of arithmetic.

What numpy still does in a week (the metrics, the week's draws) goes through these kernels. They
keep the exact order of every addition of the plain numpy expressions they replace, so a metric
reads the same whichever path computed it; they only avoid temporaries, repeated passes and calls:

- :func:`row_sums` and :func:`row_means` are numpy's sums over the themes of each row, done down
  the columns for all rows at once (numpy makes one call per row, which costs more than the sum).
- :class:`SparseRows` multiplies a sparse matrix into memory the caller owns; :class:`Grouping`
  adds up rows per team.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

PAIRWISE = 8
"""numpy adds up fewer than 8 numbers one after another, and more with 8 running sums."""
PAIRWISE_BLOCK = 128
"""Longer runs numpy splits in two halves first."""


def row_sums(a: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``np.add.reduce(a, axis=-1)`` for a 2-D array, bit for bit, at a fraction of its cost.

    numpy adds each row on its own, with a call per row that costs far more than the few themes
    it adds. Here the same additions, in numpy's order (one after another below 8 numbers, else
    its pairwise scheme), run down the columns for all rows at once. A test checks the result
    against numpy for every number of themes a scenario allows.

    Args:
        a: (M, D) numbers.
        out: (M,) array to write the sums into.

    Returns:
        ``out``.
    """
    _pairwise(a, 0, a.shape[1], out)
    return out


def _pairwise(a: np.ndarray, start: int, count: int, out: np.ndarray) -> None:
    if count < PAIRWISE:  # numpy adds from -0.0 on, and -0.0 + x is x: start from the first column
        if count == 1:
            np.copyto(out, a[:, start])
        else:
            np.add(a[:, start], a[:, start + 1], out=out)
        for column in range(start + 2, start + count):
            out += a[:, column]
        return
    if count > PAIRWISE_BLOCK:
        half = count // 2
        half -= half % PAIRWISE
        other = np.empty_like(out)
        _pairwise(a, start, half, out)
        _pairwise(a, start + half, count - half, other)
        out += other
        return
    sums = a[:, start : start + PAIRWISE].copy()
    whole = count - count % PAIRWISE
    for block in range(start + PAIRWISE, start + whole, PAIRWISE):
        sums += a[:, block : block + PAIRWISE]
    np.add(sums[:, 0], sums[:, 1], out=out)
    out += sums[:, 2] + sums[:, 3]
    out += (sums[:, 4] + sums[:, 5]) + (sums[:, 6] + sums[:, 7])
    for column in range(start + whole, start + count):
        out += a[:, column]


def row_means(a: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``np.mean(a, axis=-1)`` for a 2-D array, bit for bit (the sum, divided by the count)."""
    row_sums(a, out)
    out /= a.shape[1]
    return out


class SparseRows:
    """A sparse matrix kept as plain row arrays, multiplied into memory the caller owns.

    ``product(x, out)`` is ``csr_matrix((data, indices, indptr)) @ x`` bit for bit: it calls the
    same compiled routine scipy's ``@`` calls, on the same arrays, into a zeroed ``out``. It skips
    building a scipy matrix and allocating the result (both cost more than the product itself in
    an organization of a thousand people), and it falls back to scipy's public ``@`` where that
    routine cannot be reached.

    Attributes:
        indptr: (rows + 1,) row pointers.
        indices: The column of each entry, ascending within each row.
        data: The value of each entry (callers may rewrite it in place between products).
        shape: (rows, columns).
    """

    def __init__(
        self, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, shape: tuple[int, int]
    ) -> None:
        self.indptr = np.ascontiguousarray(indptr, dtype=np.int64)
        self.indices = np.ascontiguousarray(indices, dtype=np.int64)
        self.data = np.ascontiguousarray(data, dtype=np.float64)
        self.shape = shape

    def product(self, x: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Write ``self @ x`` into ``out``: (rows,) for (columns,) ``x``, (rows, K) for (columns, K).

        Args:
            x: The dense operand.
            out: A C-contiguous float array of the result's shape; overwritten.

        Returns:
            ``out``.
        """
        rows, columns = self.shape
        out.fill(0.0)
        x = np.ascontiguousarray(x, dtype=np.float64)
        flat = x if x.ndim == 1 else x.reshape(columns, -1)
        if _csr_matvecs is None:  # scipy without its compiled sparse routines: its public product
            matrix = sparse.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)
            out[...] = (matrix @ flat).reshape(out.shape)
        elif x.ndim == 1:
            _csr_matvec(rows, columns, self.indptr, self.indices, self.data, flat, out)
        else:
            vectors = flat.shape[1]
            _csr_matvecs(
                rows, columns, vectors, self.indptr, self.indices, self.data, flat.ravel(), out.ravel()
            )
        return out


def ones_by_row(row: np.ndarray, rows: int) -> SparseRows:
    """A matrix of ones that adds up entries by ``row``, each row's entries in their given order."""
    indptr = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=rows), out=indptr[1:])
    order = np.argsort(row, kind="stable")
    return SparseRows(indptr, order, np.ones(len(row)), (rows, len(row)))


class Grouping:
    """People by group (team): sums of their rows per group, bit for bit as ``np.bincount`` gives."""

    def __init__(self, group: np.ndarray, groups: int) -> None:
        """Sort people into groups.

        Args:
            group: (N,) the group of each person, from 0 to ``groups - 1``.
            groups: The number of groups.
        """
        self.groups = groups
        self.counts = np.bincount(group, minlength=groups)
        self.sizes = self.counts.astype(float)
        self.pairs = float(np.sum(self.sizes * (self.sizes - 1) / 2))
        self.matrix = ones_by_row(group, groups)

    def sums(self, values: np.ndarray) -> np.ndarray:
        """(groups, ...) sums of (N, ...) values, each group's members in ascending order."""
        return self.matrix.product(values, np.empty((self.groups, *values.shape[1:])))


try:  # the compiled routines behind scipy's sparse products
    from scipy.sparse._sparsetools import csr_matvec as _csr_matvec
    from scipy.sparse._sparsetools import csr_matvecs as _csr_matvecs
except ImportError:  # pragma: no cover
    _csr_matvec = _csr_matvecs = None
