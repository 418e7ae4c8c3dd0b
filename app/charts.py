"""The charts of a run and of a comparison, drawn with matplotlib from the model's recorder.

The same functions draw the charts on screen and the PNG files of the export pack, so what a
trainer downloads is what the class saw. Every number comes from the model's table of recorded
metrics (``metrics()`` of either model), the table ``orglearn run`` writes as ``metrics.csv``.
Titles and series names are read from the string files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .text import DECIMAL_COMMA, t
from .text import number as write_number


@dataclass(frozen=True)
class ChartSpec:
    """One chart: its key in the string files, its series (metric columns) and its y range.

    The same spec draws the chart on screen (:mod:`.timeseries`, in the browser) and in the
    export pack (here, with matplotlib), so the two always show the same series under the same
    titles.

    Attributes:
        key: The chart's title key (``chart.<key>``) and its file name in the export pack.
        columns: The metric columns drawn, one line each (named by ``series.<column>``).
        ylim: The y range, or None for counts (from 0, whole numbers).
        chance: The value every series of the chart takes for people unrelated to each other
            (positions drawn at random), marked on screen; None where the series do not share one.
            Shared meaning is 0 by construction at every scope (:mod:`orglearn.simulation.metrics`).
            Goal alignment and fit have none in common: a person's agreement is 0 by chance, but an
            average of n people agrees at 1/2 - 1/(2n) (``chance_of_average``), so one line would
            mislead for the team and organization series.
        per_team: The series that is a mean over teams and can be drawn as a line per team on
            screen (:mod:`.team_lines`), or None. Goal alignment and fit have a value per team
            (a team's average goal or rules against the vision or the environment), shared
            meaning within teams too (over one team's pairs). The other series have no team
            form: shared meaning between teams and in the organization, and the organization's
            and the vision's agreement, belong to no one team, and a subculture is a group of
            tied, like-minded people anywhere in the organization, counted for all of it.
    """

    key: str
    columns: tuple[str, ...]
    ylim: tuple[float, float] | None = (-0.2, 1.0)
    chance: float | None = None
    per_team: str | None = None


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec(
        "goal_alignment",
        ("goal_alignment_individual", "goal_alignment_team", "goal_alignment_org"),
        per_team="goal_alignment_team",
    ),
    *(
        ChartSpec(
            f"shared_meaning_{level}",
            tuple(f"shared_meaning_{level}_{scope}" for scope in ("team", "between", "org")),
            chance=0.0,
            per_team=f"shared_meaning_{level}_team",
        )
        for level in ("rules", "insights", "principles")
    ),
    ChartSpec("fit", ("fit_individual", "fit_team", "fit_org", "vision_fit"), per_team="fit_team"),
    ChartSpec("subcultures", ("subcultures_rules", "subcultures_insights", "subcultures_principles"), None),
)
MARCH_CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("knowledge", ("code_knowledge", "individual_knowledge")),
    ChartSpec("diversity", ("belief_diversity", "individual_knowledge_sd"), (0.0, 0.7)),
    ChartSpec("code", ("code_open", "superior_share"), (0.0, 1.0)),
)
"""March's (1991) model: what the code and the individuals know, how diverse they still are, and
how much of the code is still open and how many do better than it."""
COLOURS = ("#1e88e5", "#43a047", "#e53935", "#8e24aa")
PAIR_COLOURS = ("#546e7a", "#fb8c00")
MARK_COLOUR = "#6a1b9a"
CHANCE_COLOUR = "#9e9e9e"
Marks = Sequence[tuple[int, str]]
"""Interventions to mark on a chart: (week, label), the label already in the page's language."""


def draw_marks(axis, marks: Marks) -> None:
    """A dotted vertical line at each intervention's week, with its label at the top.

    Labels are drawn as plain text (no mathtext: a typed ``$`` stays a dollar sign) and clipped
    to the chart; labels of nearby weeks are staggered so they do not cover each other.
    """
    for number, (week, label) in enumerate(marks):
        axis.axvline(week, color=MARK_COLOUR, ls=":", lw=1.3)
        axis.text(
            week,
            0.98 - 0.09 * (number % 3),
            f" {label}",
            transform=axis.get_xaxis_transform(),
            fontsize=6.5,
            color=MARK_COLOUR,
            va="top",
            ha="left",
            parse_math=False,
            clip_on=True,
        )


def caption(lang: str, scenario: str, seed: int | str, version: str, date: str) -> str:
    """The caption under every exported chart: what was run, with which seed, when, by what."""
    return t(lang, "chart.caption", scenario=scenario, seed=seed, version=version, date=date)


def _axes_grid(count: int, columns: int, width: float, height: float) -> tuple[Figure, list]:
    rows = -(-count // columns)
    figure = Figure(figsize=(width * columns, height * rows), dpi=90)
    axes = figure.subplots(rows, columns, squeeze=False).ravel().tolist()
    figure.subplots_adjust(left=0.06, right=0.98, bottom=0.12, top=0.93, wspace=0.22, hspace=0.45)
    for extra in axes[count:]:
        extra.set_visible(False)
    return figure, axes[:count]


def localize(axis, lang: str, last: float | None = None) -> None:
    """Write the axes' numbers as the language does (``0,2`` in Dutch); start at week 0.

    ``last``: the last week drawn; at week 0 the x axis still spans a week, not "−0.04 to 0.04".
    """
    if lang in DECIMAL_COMMA:
        comma = FuncFormatter(lambda value, _position: write_number(round(value, 9), lang))
        axis.xaxis.set_major_formatter(comma)
        axis.yaxis.set_major_formatter(comma)
    if last is not None:
        axis.set_xlim(0, max(1.0, float(last)))


def _finish(axis, spec: ChartSpec, lang: str, unit: str = "week") -> None:
    axis.set_title(t(lang, f"chart.{spec.key}"), fontsize=10)
    axis.set_xlabel(t(lang, f"chart.{unit}"), fontsize=8)
    axis.tick_params(labelsize=8)
    axis.grid(alpha=0.3)
    localize(axis, lang)
    if spec.ylim:
        axis.set_ylim(*spec.ylim)
    else:
        axis.set_ylim(bottom=0)
        axis.yaxis.get_major_locator().set_params(integer=True)


def draw_run(
    axis, frame: pd.DataFrame, spec: ChartSpec, lang: str, unit: str = "week", marks: Marks = ()
) -> None:
    """Draw one chart of one run on an axis (``unit``: ``week`` or ``period``, for the x axis)."""
    for column, colour in zip(spec.columns, COLOURS, strict=False):
        axis.plot(frame["step"], frame[column], color=colour, lw=1.6, label=t(lang, f"series.{column}"))
    if spec.chance is not None:
        axis.axhline(spec.chance, color=CHANCE_COLOUR, ls="--", lw=0.9, label=t(lang, "chart.chance"))
    _finish(axis, spec, lang, unit)
    axis.set_xlim(0, max(1.0, float(frame["step"].iloc[-1])))
    draw_marks(axis, marks)
    axis.legend(fontsize=7, loc="lower right" if spec.ylim else "upper right", framealpha=0.7)


def run_figure(
    frame: pd.DataFrame,
    lang: str,
    specs: Sequence[ChartSpec] = CHARTS,
    columns: int = 3,
    note: str = "",
    unit: str = "week",
    marks: Marks = (),
) -> Figure:
    """All charts of one run in one figure (the dashboard and ``charts.png``), interventions marked."""
    figure, axes = _axes_grid(len(specs), columns, 3.6, 2.6)
    for axis, spec in zip(axes, specs, strict=True):
        draw_run(axis, frame, spec, lang, unit, marks)
    if note:
        figure.supxlabel(note, fontsize=7, color="#555555")
    return figure


def single_figure(
    frame: pd.DataFrame, spec: ChartSpec, lang: str, note: str = "", unit: str = "week", marks: Marks = ()
) -> Figure:
    """One chart of one run, with a caption, as exported to PNG."""
    figure = Figure(figsize=(6.4, 4.0), dpi=100, layout="constrained")
    draw_run(figure.subplots(), frame, spec, lang, unit, marks)
    if note:
        figure.supxlabel(note, fontsize=7, color="#555555")
    return figure


def band(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean and the 10th and 90th percentiles over runs (rows), week by week (columns)."""
    return values.mean(axis=0), np.percentile(values, 10, axis=0), np.percentile(values, 90, axis=0)


def compare_figure(
    weeks: np.ndarray,
    runs_a: np.ndarray,
    runs_b: np.ndarray,
    names: tuple[str, str],
    title: str,
    lang: str,
    note: str = "",
    marks: Marks = (),
) -> Figure:
    """Two scenarios on one metric, and their paired difference, over one or many seeds.

    Args:
        weeks: (W,) the weeks.
        runs_a: (R, W) the metric in scenario A, one row per seed.
        runs_b: (R, W) the same seeds in scenario B (common random numbers).
        names: The two scenarios' names.
        title: The metric's name.
        lang: Language of the labels.
        note: A caption.
        marks: Interventions of either scenario, marked on both charts.

    Returns:
        Left: each scenario (every run thin, mean bold, 10–90% band); right: B − A per seed
        with its mean and band, and the zero line.
    """
    figure = Figure(figsize=(9.6, 3.4), dpi=100, layout="constrained")
    left, right = figure.subplots(1, 2)
    many = len(runs_a) > 1
    for runs, name, colour in ((runs_a, names[0], PAIR_COLOURS[0]), (runs_b, names[1], PAIR_COLOURS[1])):
        mean, low, high = band(runs)
        if many:
            left.plot(weeks, runs.T, color=colour, lw=0.4, alpha=0.35)
            left.fill_between(weeks, low, high, color=colour, alpha=0.18)
        left.plot(weeks, mean, color=colour, lw=2, label=name)
    left.set_title(title, fontsize=10)
    left.legend(fontsize=8)
    difference = runs_b - runs_a
    mean, low, high = band(difference)
    if many:
        right.plot(weeks, difference.T, color="#7e57c2", lw=0.4, alpha=0.35)
        right.fill_between(weeks, low, high, color="#7e57c2", alpha=0.2)
    right.plot(weeks, mean, color="#4527a0", lw=2, label=t(lang, "compare.mean_difference"))
    right.axhline(0, color="black", lw=0.8)
    right.set_title(t(lang, "compare.difference_title", a=names[0], b=names[1]), fontsize=10)
    right.legend(fontsize=8)
    for axis in (left, right):
        axis.set_xlabel(t(lang, "chart.week"), fontsize=8)
        axis.tick_params(labelsize=8)
        axis.grid(alpha=0.3)
        localize(axis, lang, weeks[-1] if len(weeks) else None)
        draw_marks(axis, marks)
    if note:
        figure.supxlabel(note, fontsize=7, color="#555555")
    return figure


def prediction_figure(
    weeks: np.ndarray,
    series: dict[str, np.ndarray],
    title: str,
    lang: str,
    predicted: float | None = None,
    unit: str = "week",
    marks: Marks = (),
) -> Figure:
    """What happened in a lesson step, with the learner's predicted end value marked (and interventions)."""
    figure = Figure(figsize=(6.4, 3.2), dpi=100, layout="constrained")
    axis = figure.subplots()
    for (name, values), colour in zip(series.items(), PAIR_COLOURS, strict=False):
        axis.plot(weeks, values, color=colour, lw=2, label=name)
    if predicted is not None:
        axis.axhline(predicted, color="#d81b60", ls="--", lw=1.5, label=t(lang, "learn.your_prediction"))
    axis.set_title(title, fontsize=10)
    axis.set_xlabel(t(lang, f"chart.{unit}"), fontsize=8)
    axis.grid(alpha=0.3)
    localize(axis, lang, weeks[-1] if len(weeks) else None)
    draw_marks(axis, marks)
    axis.legend(fontsize=8)
    return figure
