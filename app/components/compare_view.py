"""The Compare tab: two scenarios side by side on the same seeds, one run or many.

A single run shows two lines that differ; twenty runs show how much of that difference was
luck. The paired difference (B − A, seed by seed) is drawn with its spread, and a sentence says
in how many runs B ended higher, so that "one run is an anecdote" is there to see.
"""

from __future__ import annotations

import threading

import solara

from orglearn import __version__
from orglearn.scenarios import load_scenario, scenario_names

from ..charts import CHARTS, compare_figure
from ..compare import DEFAULT_RUNS, DEFAULT_WEEKS, MAX_RUNS, CancelledError, Comparison, run_pair, seeds_from
from ..session import InputError, parse_seed
from .common import Prose, Ui

METRICS = tuple(column for spec in CHARTS for column in spec.columns)


@solara.component
def CompareTab(ui: Ui) -> None:  # noqa: N802
    """Choose A, B, metric, seeds and weeks; run; see both and their paired difference."""
    lang = ui.lang.value
    names = scenario_names()
    a = solara.use_reactive("rake")
    b = solara.use_reactive("network_org")
    metric = solara.use_reactive("shared_meaning_insights_org")
    mode = solara.use_reactive("single")
    seed_text = solara.use_reactive("1")
    runs_text = solara.use_reactive(str(DEFAULT_RUNS))
    weeks_text = solara.use_reactive(str(DEFAULT_WEEKS))
    result = solara.use_reactive(None)
    progress = solara.use_reactive(0.0)
    error = solara.use_reactive("")
    started = solara.use_reactive(0)

    def settings() -> tuple[int, int, int]:
        seed = parse_seed(seed_text.value)
        runs = 1 if mode.value == "single" else _whole(runs_text.value, 2, MAX_RUNS)
        return seed, runs, _whole(weeks_text.value, 1, 2000)

    def work(cancel: threading.Event) -> None:
        if not started.value:
            return
        try:
            seed, runs, weeks = settings()
        except InputError as problem:
            error.value = ui.message(problem)
            return
        error.value = ""
        progress.value = 0.01
        pair = (load_scenario(a.value), load_scenario(b.value))
        try:
            result.value = run_pair(pair, seeds_from(seed, runs), weeks, progress.set, cancel)
        except CancelledError:
            return
        finally:
            progress.value = 0.0

    solara.use_thread(work, dependencies=[started.value], intrusive_cancel=False)
    with solara.Column(gap="8px", classes=["orglearn-compare"]):
        Prose(ui.t("compare.intro"))
        with solara.Row(gap="12px", style={"flex-wrap": "wrap"}):
            solara.Select(ui.t("compare.a"), values=names, value=a, style={"max-width": "200px"})
            solara.Select(ui.t("compare.b"), values=names, value=b, style={"max-width": "200px"})
            metrics = {ui.t(f"series.{m}"): m for m in METRICS}
            solara.Select(
                ui.t("compare.metric"),
                values=list(metrics),
                value=ui.t(f"series.{metric.value}"),
                on_value=lambda label: metric.set(metrics[label]),
                style={"max-width": "320px"},
            )
        with solara.Row(gap="12px", style={"flex-wrap": "wrap", "align-items": "center"}):
            modes = {ui.t(f"compare.{m}"): m for m in ("single", "ensemble")}
            solara.ToggleButtonsSingle(
                value=ui.t(f"compare.{mode.value}"),
                values=list(modes),
                on_value=lambda label: mode.set(modes[label]),
                classes=["orglearn-mode"],
            )
            solara.InputText(ui.t("compare.first_seed"), value=seed_text, continuous_update=False)
            if mode.value == "ensemble":
                solara.InputText(ui.t("compare.runs"), value=runs_text, continuous_update=False)
            solara.InputText(ui.t("compare.weeks"), value=weeks_text, continuous_update=False)
            solara.Button(
                ui.t("compare.run"),
                on_click=lambda: started.set(started.value + 1),
                color="primary",
                disabled=progress.value > 0,
                classes=["orglearn-compare-run"],
            )
        solara.Text(ui.t(f"compare.mode_{mode.value}"), style={"font-size": "0.85em", "color": "#555"})
        if error.value:
            solara.Error(error.value, dense=True)
        if progress.value > 0:
            solara.ProgressLinear(value=progress.value * 100)
        if result.value is not None:
            ComparisonResult(ui, result.value, metric.value, lang)


def _whole(text: str, low: int, high: int) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        raise InputError("problem.whole", low=low, high=high) from None
    if not low <= value <= high:
        raise InputError("problem.whole", low=low, high=high)
    return value


@solara.component
def ComparisonResult(ui: Ui, comparison: Comparison, metric: str, lang: str) -> None:  # noqa: N802
    """The comparison's figure and its summary in words."""
    runs_a, runs_b = comparison.series(metric)
    names = comparison.names
    seeds = comparison.seeds
    note = ui.t(
        "compare.caption", a=names[0], b=names[1], first=seeds[0], last=seeds[-1], version=__version__
    )
    figure = compare_figure(comparison.weeks, runs_a, runs_b, names, ui.t(f"series.{metric}"), lang, note)
    summary = comparison.summary(metric)
    with solara.Column(gap="4px", classes=["orglearn-compare-result"]):
        solara.FigureMatplotlib(figure, format="png")
        key = "compare.summary_single" if summary["runs"] == 1 else "compare.summary_ensemble"
        Prose(
            ui.t(
                key,
                a=names[0],
                b=names[1],
                mean=f"{summary['mean']:+.3f}",
                low=f"{summary['low']:+.3f}",
                high=f"{summary['high']:+.3f}",
                first=f"{summary['first']:+.3f}",
                higher=summary["b_higher"],
                runs=summary["runs"],
            )
        )
