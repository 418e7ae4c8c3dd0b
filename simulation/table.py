"""The table of a run's recorded steps, as every model hands it out (``metrics()``, ``metrics.csv``).

Both models keep their recorded steps as plain tuples (cheap to append, every week) and build a
table only when asked; this is how, so that every model's table has the same form: an integer
``step`` column first, then one float column per metric, in the model's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

__all__ = ["steps_table"]


def steps_table(rows: Sequence[tuple[float, ...]], metrics: Iterable[str]) -> pd.DataFrame:
    """Rows of (step, metric values...) as a table with an integer ``step`` column."""
    frame = pd.DataFrame(list(rows), columns=["step", *metrics])
    frame["step"] = frame["step"].astype(int)
    return frame
