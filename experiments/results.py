"""A finished (or partly finished) sweep, opened for analysis.

The analysis commands read only the results folder: the metadata says what was run, the design
which points there are, and the store holds the runs. This module checks what those commands
are asked for (a metric, a grouping, a statistic) against what the sweep actually kept, and
turns each run's time series into one number per run: the value in the last week, or the
average over a window of weeks. Parameters and the unit of time are the sweep's model's
(``spec.model``; results written before sweeps knew models are the learning organization's).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from orglearn.experiments.factors import SCENARIO
from orglearn.experiments.folder import METRICS, RUNS
from orglearn.experiments.store import ResultStore
from orglearn.experiments.task import OK
from orglearn.simulation.history import BAND, SETTLE, recovery_weeks

STATISTICS = ("final", "average", "recovery")


class AnalysisError(ValueError):
    """A request the sweep's results cannot answer; the message says what they can."""


def _hint(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


@dataclass
class SweepResults:
    """A results folder with its metadata.

    Attributes:
        store: The folder's store.
        metadata: Its ``metadata.json``.
    """

    store: ResultStore
    metadata: dict[str, Any]

    @classmethod
    def open(cls, folder: Path) -> SweepResults:
        """Open a results folder.

        Raises:
            FolderError: If it holds no sweep (nothing, a run, metadata without the sweep's spec).
            AnalysisError: If the sweep has no runs to read.
        """
        store = ResultStore(folder)
        metadata = store.read_metadata()
        if not (store.folder / RUNS).is_dir():
            raise AnalysisError(
                f"{folder}: has no {RUNS}/ folder, so none of the sweep's runs can be read; expected a "
                f"sweep's results folder with {RUNS}/ and {METRICS}/ beside its metadata.json"
            )
        if store.runs_arrow([]).num_rows == 0:
            raise AnalysisError(
                f"{folder}: the sweep has no finished runs yet; `orglearn sweep --resume --out {folder}` "
                "runs them"
            )
        return cls(store, metadata)

    @property
    def spec(self) -> dict[str, Any]:
        """The sweep's specification as stored."""
        return self.metadata["spec"]

    @property
    def factors(self) -> list[str]:
        """The varied parameters."""
        return list(self.spec["vary"])

    @property
    def metrics(self) -> list[str]:
        """The kept metrics."""
        return list(self.spec["metrics"])

    @property
    def steps(self) -> int:
        """Weeks per run."""
        return int(self.spec["steps"])

    @property
    def model(self) -> str:
        """The model the sweep ran."""
        from orglearn.registry import DEFAULT_MODEL

        return str(self.spec.get("model") or DEFAULT_MODEL)

    @property
    def unit(self) -> str:
        """The model's unit of time, singular (``week``, ``period``)."""
        from orglearn.registry import describe_model

        return describe_model(self.model).unit

    def check_metrics(self, names: list[str]) -> list[str]:
        """Refuse metrics the sweep did not keep."""
        for name in names:
            if name not in self.metrics:
                raise AnalysisError(
                    f"--metric {name}: not kept by this sweep.{_hint(name, self.metrics)} "
                    f"Kept: {', '.join(self.metrics)}"
                )
        return names

    def check_by(self, names: list[str], flag: str = "--by") -> list[str]:
        """Refuse grouping by something that is not a parameter of the runs table.

        Returns:
            The names, each short name (``p1``) completed to its parameter (``march.p1``).
        """
        from orglearn.scenarios import parameter_table

        table = parameter_table(self.model)
        known = [*table, "point", "replication", *(f for f in self.factors if f not in table)]
        full = [name if name in known else table.resolve(name) or name for name in names]
        for name in full:
            if name not in known:
                raise AnalysisError(
                    f"{flag} {name}: not a parameter.{_hint(name, known)} "
                    f"This sweep varied: {', '.join(self.factors) or 'nothing'}"
                )
        return full

    def ok_runs(self, columns: list[str]) -> pd.DataFrame:
        """The successful runs with some of their columns.

        A varied scenario and an intervention's varied week or value are not parameters of the
        runs table: they come from the design.
        """
        from orglearn.scenarios import parameter_table

        table = parameter_table(self.model)
        design_only = [c for c in columns if c == SCENARIO or (c in self.factors and c not in table)]
        stored = [c for c in columns if c not in design_only]
        runs = self.store.runs(["status", "point", *stored] if design_only else ["status", *stored])
        runs = runs[runs["status"] == OK].drop(columns="status")
        if design_only:
            design = self.store.read_design()[["point", *design_only]]
            runs = runs.merge(design, on="point", how="left")
            runs = runs[[c for c in runs.columns if c != "point" or "point" in columns]]
        return runs.reset_index(drop=True)

    def per_run(self, metrics: list[str], statistic: str = "final", since: int = 0) -> pd.DataFrame:
        """One number per successful run and metric.

        Args:
            metrics: The metrics.
            statistic: ``final`` (the last week) or ``average`` (the mean over kept weeks from
                ``since`` on, missing values left out).
            since: First week of the average.

        Returns:
            A table indexed by nothing, with ``run_id`` and one column per metric.
        """
        if statistic not in STATISTICS:
            raise AnalysisError(f"--statistic {statistic}: use one of {', '.join(STATISTICS)}")
        if statistic in ("average", "recovery") and not 0 <= since <= self.steps:
            raise AnalysisError(f"--since {since}: use a {self.unit} from 0 to {self.steps}")
        starts = self.recovery_starts(since) if statistic == "recovery" else {}
        parts = []
        for frame in self.store.iter_metrics(metrics):
            if statistic == "final":
                parts.append(frame.loc[frame["step"] == self.steps, ["run_id", *metrics]])
            elif statistic == "recovery":
                parts.append(_recovery(frame, metrics, starts))
            else:
                window = frame[frame["step"] >= since]
                parts.append(window.groupby("run_id", sort=False)[metrics].mean().reset_index())
        if not parts:
            return pd.DataFrame(columns=["run_id", *metrics])
        return pd.concat(parts, ignore_index=True)

    def recovery_starts(self, since: int) -> dict[int, int]:
        """The week each run's recovery is counted from: ``since``, or the run's own intervention week.

        Without ``since`` the sweep must vary exactly one intervention's week
        (``interventions.NAME.week``); each run then counts from the week of its design point.
        """
        runs = self.store.runs(["point"])
        if since > 0:
            return dict.fromkeys(runs["run_id"].tolist(), since)
        weeks = [f for f in self.factors if f.startswith("interventions.") and f.endswith(".week")]
        if len(weeks) != 1:
            raise AnalysisError(
                "--statistic recovery: give --since WEEK (the week of the intervention), or sweep one "
                "intervention's week (--vary interventions.NAME.week=...)"
            )
        design = self.store.read_design().set_index("point")[weeks[0]]
        return {int(r): int(design[p]) for r, p in zip(runs["run_id"], runs["point"], strict=True)}

    def describe_statistic(self, statistic: str, since: int) -> str:
        """The statistic in words, for headers and captions."""
        if statistic == "recovery":
            start = f"week {since}" if since else "each run's intervention"
            band = f"within {BAND} of the last {SETTLE} kept {self.unit}s"
            return f"{self.unit}s from {start} until settled {band}"
        if statistic == "final":
            rest = ", at rest for runs that came to rest" if self.unit == "period" else ""
            return f"value in the last {self.unit} ({self.steps}{rest})"
        return f"average over {self.unit}s {since}–{self.steps}"

    def caption(self) -> str:
        """Where the numbers come from: scenario, seeds, runs, orglearn version."""
        meta, spec = self.metadata, self.spec
        commit = f", commit {meta['git_commit'][:8]}" if meta.get("git_commit") else ""
        seeds = (
            "the same seeds at every point" if spec.get("common_seeds") else "each run its own derived seed"
        )
        model = "" if self.model == "orglearn" else f"{self.model} "
        return (
            f"Scenario {model}{spec['scenario']} · {spec['steps']} {self.unit}s · "
            f"master seed {meta['seed']}, "
            f"{spec['replications']} replication(s) per point, {seeds} · "
            f"{meta['counts']['ok']} runs · orglearn {meta['orglearn_version']}{commit}"
        )


def _recovery(frame: pd.DataFrame, metrics: list[str], starts: dict[int, int]) -> pd.DataFrame:
    """Per run, :func:`~orglearn.simulation.history.recovery_weeks` of each metric from its start."""
    rows = []
    for run_id, run in frame.groupby("run_id", sort=False):
        series = run.set_index("step")
        start = starts.get(int(run_id), 0)
        rows.append({"run_id": run_id, **{m: recovery_weeks(series[m], start) for m in metrics}})
    return pd.DataFrame(rows, columns=["run_id", *metrics])
