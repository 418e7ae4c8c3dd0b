"""Tiny sweeps for the experiment tests: 20 people, a few weeks, so each run takes milliseconds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from orglearn.experiments.runner import SweepOptions, SweepReport, run_sweep
from orglearn.experiments.spec import Source, SweepSpec, build_spec

TINY = {"organization.people": 20}
METRICS = "fit_org,shared_meaning_rules_org,goal_alignment_org,convergence_step_rules"


def tiny_spec(
    vary: dict[str, Any] | None = None, settings: dict[str, Any] | None = None, **values: Any
) -> SweepSpec:
    """A checked sweep of a small organization; keyword arguments override the experiment keys."""
    source = Source()
    source.values = {"replications": 2, "steps": 6, "seed": 7, "metrics": METRICS, **values}
    source.settings = {**TINY, **(settings or {})}
    source.vary = dict(vary if vary is not None else {"management.alignment_effort": "0:1:3"})
    return build_spec(source)


@pytest.fixture
def spec_factory() -> Callable[..., SweepSpec]:
    return tiny_spec


@pytest.fixture
def sweep(tmp_path: Path) -> Callable[..., SweepReport]:
    """Run a sweep serially (unless told otherwise) into a folder under tmp_path."""

    def run(spec: SweepSpec | None, out: str = "results", **options: Any) -> SweepReport:
        options = {"serial": True, "quiet": True, **options}
        return run_sweep(spec, SweepOptions(out=tmp_path / out, **options))

    return run


def outcome(run_id: int, series: dict[str, list[float]], point: int = 0, replication: int = 0, **fields: Any):
    """A finished run made by hand: ``series`` maps each metric to its value per week."""
    import numpy as np

    from orglearn.experiments.task import OK, RunOutcome

    names = list(series)
    weeks = len(next(iter(series.values()))) if series else 0
    data = np.array([series[m] for m in names], dtype=float).T.reshape(weeks, len(names))
    return RunOutcome(
        run_id=run_id,
        point=point,
        replication=replication,
        seed=1000 + run_id,
        status=fields.pop("status", OK),
        seconds=0.01,
        weeks=np.arange(weeks, dtype=np.int32),
        data=data,
        **fields,
    )


@pytest.fixture(name="outcome")
def outcome_fixture() -> Callable[..., Any]:
    """:func:`outcome`, for tests."""
    return outcome


@pytest.fixture
def fake_sweep(tmp_path: Path) -> Callable[..., Path]:
    """A results folder whose runs hold numbers chosen by the test, not made by the model.

    ``value(point_row, replication, week)`` gives every kept metric's value; the design is the
    spec's own, so analyses see a real folder with hand-checkable numbers.
    """
    from orglearn.experiments.plan import prepare, record
    from orglearn.experiments.records import metrics_table, runs_table

    def make(spec: SweepSpec, value: Callable[[Any, int, int], float], failed: tuple[int, ...] = ()) -> Path:
        out = tmp_path / "fake"
        plan = prepare(spec, SweepOptions(out=out))
        record(plan)
        spec, store, metadata, design = plan.spec, plan.store, plan.metadata, plan.design
        outcomes = []
        for _, row in design.iterrows():
            changes = {name: row[name] for name in spec.factor_names}
            for r in range(spec.replications):
                run_id = int(row["point"]) * spec.replications + r
                if run_id in failed:
                    outcomes.append(
                        outcome(
                            run_id,
                            {m: [] for m in spec.metrics},
                            int(row["point"]),
                            r,
                            status="failed",
                            error="Traceback ...\nValueError: made to fail",
                            values=changes,
                        )
                    )
                    continue
                series = [value(row, r, week) for week in range(spec.steps + 1)]
                metrics = {m: series for m in spec.metrics}
                outcomes.append(outcome(run_id, metrics, int(row["point"]), r, values=changes))
        store.append(runs_table(outcomes, spec.base.values), metrics_table(outcomes, spec.metrics))
        metadata["counts"] = {"ok": len(outcomes) - len(failed), "failed": len(failed), "missing": 0}
        store.write_metadata(metadata)
        store.unlock()
        return out

    return make
