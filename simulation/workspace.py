"""Scratch memory for the engine: arrays reused from week to week instead of made anew.

A week of the engine works through many intermediate arrays (differences, weights, messages).
Made afresh each time, every large one costs more in page faults than in arithmetic: the memory
allocator hands big arrays back to the operating system when they are freed, and the next week
has to fault the same pages in again (about 1 ms for 2 MB). A :class:`Workspace` keeps one block
of memory per name and hands out views into it, so after the first week the engine allocates
almost nothing. The numbers computed are the same; only where they are written changes.

A scratch array is valid until the next request for the same name, so each user keeps names of
its own (the week's draws take ``draws.*``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import Any, cast

import numpy as np

GROWTH = 1.25
"""How much larger than asked a block is made when it has to grow (arrays whose length changes
from week to week, like the number of conversations, then settle after a few weeks)."""


class Workspace:
    """Named blocks of scratch memory, one per name and dtype, grown when needed."""

    def __init__(self) -> None:
        self._blocks: dict[tuple[str, Any], np.ndarray] = {}
        self._views: dict[tuple[str, Any], tuple[Any, np.ndarray]] = {}

    def take(
        self, name: str, shape: int | tuple[int, ...], dtype: type | np.dtype = np.float64
    ) -> np.ndarray:
        """An uninitialised, C-contiguous array of the given shape, in the memory kept for ``name``.

        Args:
            name: What the array is for; the same name gets the same memory every time.
            shape: The shape wanted now (it may differ from call to call).
            dtype: The element type.

        Returns:
            A view into the block; its contents are whatever was left there.
        """
        key = (name, dtype)
        last = self._views.get(key)
        if last is not None and last[0] == shape:  # the usual case: the same shape as last week
            return last[1]
        sizes = (shape,) if isinstance(shape, int) else shape
        count = math.prod(sizes)
        block = self._blocks.get(key)
        if block is None or block.size < count:
            grown = count if block is None else max(count, int(block.size * GROWTH))
            block = np.empty(grown, dtype=dtype)
            self._blocks[key] = block
        view = block[:count].reshape(sizes)
        self._views[key] = (shape, view)
        return view

    @property
    def nbytes(self) -> int:
        """The memory held, in bytes."""
        return sum(block.nbytes for block in self._blocks.values())

    def clear(self) -> None:
        """Give all memory back (it is taken again on the next request)."""
        self._blocks.clear()
        self._views.clear()


class Cache:
    """Values derived from fixed structure (chart, ties), computed once on first use.

    Mechanisms keep here what depends only on who sits where and who is tied to whom, keyed by
    the parameter values it also depends on, so a changed value is never served stale.
    """

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}

    def get[T](self, key: Hashable, make: Callable[[], T]) -> T:
        """The value stored under ``key``, made by calling ``make()`` the first time."""
        if key not in self._values:
            self._values[key] = make()
        return cast(T, self._values[key])
