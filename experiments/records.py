"""Records: finished runs as Arrow tables, ready to be written to Parquet.

Two tables describe a sweep. The runs table has one row per run: its id, design point,
replication, seed, status, wall time, worker and error text, and the value of every parameter
of the sweep's model's table, so each row says by itself what was run. The metrics table is long: one row per
run and kept week, keyed by ``run_id`` and ``step``, one column per kept metric.

The schemas follow the parameter table and the sweep, never the data, so every file of a sweep
has the same columns and types whatever its runs happened to produce (a file of failed runs
still has a text ``error`` column, not a column of nulls of unknown type).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

from orglearn.experiments.task import RunOutcome
from orglearn.registry import DEFAULT_MODEL
from orglearn.scenarios import parameter_table

RUN_COLUMNS: dict[str, pa.DataType] = {
    "run_id": pa.int64(),
    "point": pa.int64(),
    "replication": pa.int32(),
    "seed": pa.int64(),
    "status": pa.string(),
    "seconds": pa.float64(),
    "worker": pa.string(),
    "error": pa.string(),
}
"""The runs table's own columns; every parameter follows them."""

ARROW_TYPES = {
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "choice": pa.string(),
    "path": pa.string(),
    "levels": pa.string(),
    "steps": pa.string(),
}


def runs_schema(model: str = DEFAULT_MODEL) -> pa.Schema:
    """The runs table's columns: the run's own, then every parameter of the model by dotted name."""
    params = [pa.field(p.name, ARROW_TYPES[p.type]) for p in parameter_table(model).values()]
    return pa.schema([pa.field(k, t) for k, t in RUN_COLUMNS.items()] + params)


def metrics_schema(metrics: Sequence[str]) -> pa.Schema:
    """The metrics table's columns: ``run_id``, ``step``, then each kept metric."""
    return pa.schema(
        [pa.field("run_id", pa.int64()), pa.field("step", pa.int32())]
        + [pa.field(m, pa.float64()) for m in metrics]
    )


def _cell(value: Any) -> Any:
    return json.dumps(list(value)) if isinstance(value, tuple | list) else value


def runs_table(
    outcomes: Sequence[RunOutcome], base: Mapping[str, Any], model: str = DEFAULT_MODEL
) -> pa.Table:
    """The runs table rows of some outcomes.

    Args:
        outcomes: Finished runs.
        base: The base scenario's values; each run's own values are laid over them.
        model: The sweep's model, whose parameters are the table's columns.

    Returns:
        A table with :func:`runs_schema`.
    """
    schema = runs_schema(model)
    columns: dict[str, list[Any]] = {
        "run_id": [o.run_id for o in outcomes],
        "point": [o.point for o in outcomes],
        "replication": [o.replication for o in outcomes],
        "seed": [o.seed for o in outcomes],
        "status": [o.status for o in outcomes],
        "seconds": [o.seconds for o in outcomes],
        "worker": [o.worker for o in outcomes],
        "error": [o.error for o in outcomes],
    }
    for name in parameter_table(model):
        columns[name] = [_cell(o.values.get(name, base[name])) for o in outcomes]
    return pa.table(columns, schema=schema)


def metrics_table(outcomes: Sequence[RunOutcome], metrics: Sequence[str]) -> pa.Table:
    """The metrics table rows of some outcomes (failed runs have none)."""
    schema = metrics_schema(metrics)
    done = [o for o in outcomes if len(o.weeks)]
    if not done:
        return schema.empty_table()
    data = np.concatenate([o.data for o in done], axis=0)
    columns = [
        pa.array(np.concatenate([np.full(len(o.weeks), o.run_id, dtype=np.int64) for o in done])),
        pa.array(np.concatenate([o.weeks for o in done]).astype(np.int32)),
    ] + [pa.array(data[:, j]) for j in range(data.shape[1])]
    return pa.Table.from_arrays(columns, schema=schema)
