"""The Compare tab: two scenarios side by side on the same seeds, one run or many.

A single run shows two lines that differ; twenty runs show how much of that difference was
luck. The paired difference (B − A, seed by seed) is drawn with its spread, and a sentence says
in how many runs B ended higher, so that "one run is an anecdote" is there to see. "With and
without" compares a journey (or the Explore scenario with its scheduled interventions) with
the same scenario without its interventions; the interventions are marked on the charts, and
both arms, every seed, can be downloaded.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

import solara

from orglearn import __version__
from orglearn.scenarios import load_scenario, scenario_names

from ..charts import CHARTS, compare_figure
from ..compare import (
    DEFAULT_RUNS,
    DEFAULT_WEEKS,
    CancelledError,
    Comparison,
    run_pair,
    seeds_from,
    with_and_without,
)
from ..export import build_comparison_pack, comparison_name
from ..limits import MAX_COMPARE_WEEKS, MAX_RUNS
from ..schedule import marks
from ..session import InputError, check_size, offered, parse_seed, parse_whole
from ..text import scenario_label, signed, t
from .background import use_background
from .common import InterventionMarks, Prose, Ui

METRICS = tuple(column for spec in CHARTS for column in spec.columns)
EXPLORE = "(explore)"
"""The subject "the Explore scenario, with its scheduled interventions" (no file has this name)."""


def journeys() -> list[str]:
    """The shipped scenarios that change something during a run."""
    return [name for name in scenario_names() if load_scenario(name).interventions]


@solara.component
def CompareTab(ui: Ui) -> None:  # noqa: N802
    """Choose A, B, metric, seeds and weeks; run; see both and their paired difference."""
    lang = ui.lang.value
    names = scenario_names()
    subjects = solara.use_memo(journeys, [])
    design = solara.use_reactive("pair")
    subject = solara.use_reactive(subjects[0] if subjects else EXPLORE)
    a = solara.use_reactive("rake")
    b = solara.use_reactive("network_org")
    metric = solara.use_reactive("shared_meaning_insights_org")
    mode = solara.use_reactive("single")
    seed_text = solara.use_reactive("1")
    runs_text = solara.use_reactive(str(DEFAULT_RUNS))
    weeks_text = solara.use_reactive(str(DEFAULT_WEEKS))
    result: solara.Reactive[Comparison | None] = solara.use_reactive(None)
    pack = solara.use_reactive(cast_pack(lambda: b""))
    progress = solara.use_reactive(0.0)
    error = solara.use_reactive("")
    started = solara.use_reactive(0)

    def settings() -> tuple[int, int, int]:
        seed = parse_seed(seed_text.value)
        runs = 1 if mode.value == "single" else parse_whole(runs_text.value, 2, MAX_RUNS)
        return seed, runs, parse_whole(weeks_text.value, 1, MAX_COMPARE_WEEKS)

    def work(cancel: threading.Event) -> None:
        if not started.value:
            return
        try:
            seed, runs, weeks = settings()
        except InputError as problem:
            error.value = ui.message(problem)
            return
        try:
            pair = chosen()
            for scenario in pair:
                check_size(scenario.values)  # the app's limits, as for every model it builds
        except InputError as problem:
            error.value = ui.message(problem)
            return
        error.value = ""
        progress.value = 0.01
        paired = design.value == "with_without"
        try:
            comparison = run_pair(pair, seeds_from(seed, runs), weeks, progress.set, cancel, paired)
            pack.value = lambda: build_comparison_pack(
                comparison, arm_names(comparison, ui.lang.value), ui.lang.value
            )
            result.value = comparison
        except CancelledError:
            return
        finally:
            progress.value = 0.0

    def chosen():
        """The two arms, from names the page offered (anything else may be forged)."""
        if design.value == "pair":
            if a.value not in names or b.value not in names:
                raise InputError("journey.not_offered")
            return load_scenario(a.value), load_scenario(b.value)
        if subject.value == EXPLORE:
            scenario = ui.session.pending
            if scenario.model != "orglearn" or not scenario.interventions:
                raise InputError("journey.explore_empty")
            return with_and_without(scenario)
        if subject.value not in subjects:
            raise InputError("journey.not_offered")
        return with_and_without(load_scenario(subject.value))

    def pick(target: solara.Reactive, shown: dict[str, str], label: object) -> None:
        """Set a choice from a menu's label, if the menu offered it (a browser can send anything)."""
        try:
            target.value = shown[offered(label, list(shown))]
        except InputError:
            error.value = ui.t("journey.not_offered")
            return
        error.value = ""

    use_background(work, started.value)
    with solara.Column(gap="8px", classes=["orglearn-compare"]):
        Prose(ui.t("compare.intro"))
        designs = {ui.t(f"journey.design_{d}"): d for d in ("pair", "with_without")}
        solara.ToggleButtonsSingle(
            value=ui.t(f"journey.design_{design.value}"),
            values=list(designs),
            on_value=lambda label: pick(design, designs, label),
            classes=["orglearn-design"],
        )
        with solara.Row(gap="12px", style={"flex-wrap": "wrap"}):
            if design.value == "pair":
                # Keys: a menu bound to a reactive value must not reuse the state of one that is not.
                own = {scenario_label(name, lang): name for name in names}
                for side, arm in (("a", a), ("b", b)):
                    solara.Select(
                        ui.t(f"compare.{side}"),
                        values=list(own),
                        value=scenario_label(arm.value, lang),
                        on_value=functools.partial(pick, arm, own),
                        style={"max-width": "200px"},
                    ).key(side)
            else:
                explore_name = scenario_label(ui.session.pending.name, lang, ui.session.pending.model)
                shown = {ui.t("journey.explore", name=explore_name): EXPLORE}
                shown.update({scenario_label(name, lang): name for name in subjects})
                solara.Select(
                    ui.t("journey.subject"),
                    values=list(shown),
                    value=next((k for k, v in shown.items() if v == subject.value), next(iter(shown))),
                    on_value=lambda label: pick(subject, shown, label),
                    style={"max-width": "320px"},
                    classes=["orglearn-subject"],
                ).key("subject")
            metrics = {ui.t(f"series.{m}"): m for m in METRICS}
            solara.Select(
                ui.t("compare.metric"),
                values=list(metrics),
                value=ui.t(f"series.{metric.value}"),
                on_value=lambda label: pick(metric, metrics, label),
                style={"max-width": "320px"},
            )
        with solara.Row(gap="12px", style={"flex-wrap": "wrap", "align-items": "center"}):
            modes = {ui.t(f"compare.{m}"): m for m in ("single", "ensemble")}
            solara.ToggleButtonsSingle(
                value=ui.t(f"compare.{mode.value}"),
                values=list(modes),
                on_value=lambda label: pick(mode, modes, label),
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
        if design.value == "with_without":
            solara.Text(ui.t("journey.help"), style={"font-size": "0.85em", "color": "#555"})
        if error.value:
            solara.Error(error.value, dense=True)
        if progress.value > 0:
            solara.ProgressLinear(value=progress.value * 100)
        if result.value is not None:
            # A key: the result keeps its place (and its download's state) when the bar above goes.
            ComparisonResult(ui, result.value, metric.value, lang, pack.value).key("result")


def cast_pack(pack: Callable[[], bytes]) -> Callable[[], bytes]:
    """A typed start value for the download's reactive (keeps type checkers quiet)."""
    return pack


@solara.component
def ComparisonResult(  # noqa: N802
    ui: Ui, comparison: Comparison, metric: str, lang: str, download: Callable[[], bytes]
) -> None:
    """The comparison's figure, its summary in words, and the download of both arms.

    ``download`` builds the pack; it is made once per comparison, because a new function on a
    redraw would start the download button afresh (and a click would be lost).
    """
    runs_a, runs_b = comparison.series(metric)
    names = arm_names(comparison, lang)
    seeds = comparison.seeds
    note = ui.t(
        "compare.caption", a=names[0], b=names[1], first=seeds[0], last=seeds[-1], version=__version__
    )
    last = int(comparison.weeks[-1])
    lines = sorted({mark for s in comparison.scenarios for mark in marks(s, lang, last)})
    title = ui.t(f"series.{metric}")
    figure = compare_figure(comparison.weeks, runs_a, runs_b, names, title, lang, note, lines)
    summary = comparison.summary(metric)
    with solara.Column(gap="4px", classes=["orglearn-compare-result"]):
        solara.FigureMatplotlib(figure, format="png")
        InterventionMarks(ui, lines)
        key = "compare.summary_single" if summary["runs"] == 1 else "compare.summary_ensemble"
        Prose(
            ui.t(
                key,
                a=names[0],
                b=names[1],
                mean=signed(summary["mean"], lang),
                low=signed(summary["low"], lang),
                high=signed(summary["high"], lang),
                first=signed(summary["first"], lang),
                higher=summary["b_higher"],
                runs=summary["runs"],
            )
        )
        solara.FileDownload(
            download,
            filename=comparison_name(comparison),
            label=ui.t("journey.export"),
            mime_type="application/zip",
            icon_name="mdi-download",
        )


def arm_names(comparison: Comparison, lang: str) -> tuple[str, str]:
    """How the two arms are called: their scenarios, or "X without/with its interventions"."""
    if not comparison.with_without:
        return tuple(scenario_label(s.name, lang, s.model) for s in comparison.scenarios)  # type: ignore[return-value]
    name = scenario_label(comparison.scenarios[1].name, lang, comparison.scenarios[1].model)
    return t(lang, "journey.without", name=name), t(lang, "journey.with", name=name)
