"""What every part of the page shares: the session, the language, and the change counters.

The session (the model) is a plain object owned by the page; the counters are Solara reactive
values. ``ui.tick`` counts changes to the model and ``ui.charts`` the times the charts should
follow (after every click, but only every few seconds while a run plays, because drawing them
takes far longer than a week of the model); on the Explore tab each component that shows the
run reads them itself, never the tab around it. A component that reads ``ui.edits.value``
redraws when the settings change, and every component that shows text reads ``ui.lang.value``
through :meth:`Ui.t`. So a step redraws the charts but not sixty controls, and switching
language redraws the words but never touches the run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import solara
import solara.widgets

from orglearn.simulation.structure import ROLES

from ..session import InputError, Session, offered
from ..text import as_text, t


@dataclass(frozen=True, eq=False)
class Ui:
    """The state one browser session's components share.

    Attributes:
        session: The session's model and settings.
        lang: The language code.
        tick: Counts changes to the model (steps, resets).
        edits: Counts changes to the settings waiting for a reset.
        team: The highlighted team, or None.
        measure: What colours the people.
        tab: The open tab.
        charts: Counts the times the charts of the run should redraw.
        batch: The page's render context, if known: changes made inside it redraw the page
            once when the last of them is done, not once each.
    """

    session: Session
    lang: solara.Reactive[str]
    tick: solara.Reactive[int]
    edits: solara.Reactive[int]
    team: solara.Reactive[int | None]
    measure: solara.Reactive[str]
    tab: solara.Reactive[str]
    charts: solara.Reactive[int]
    batch: Any = None

    def t(self, key: str, **values: Any) -> str:
        """The text for a key in the current language (the reading component follows the language)."""
        return t(self.lang.value, key, **values)

    def model_changed(self, charts: bool = True) -> None:
        """Tell the components that draw the model to redraw (the charts too, unless told not to).

        Both counters change in one batch, so a Step redraws the page once, not twice.
        """
        with self.batch if self.batch is not None else contextlib.nullcontext():
            self.tick.value += 1
            if charts:
                self.charts.value += 1

    def settings_changed(self) -> None:
        """Tell the components that show the settings to redraw."""
        self.edits.value += 1

    def message(self, problem: InputError) -> str:
        """A problem with someone's input, in words, its numbers in the language's format.

        A number out of its range is told with the range and what was typed
        (``problem.range``, or ``problem.range_whole`` for whole numbers).
        """
        lang = self.lang.value
        values = {key: as_text(value, lang) for key, value in problem.values.items()}
        key = problem.key
        if key == "problem.value" and "low" in values:
            key = "problem.range_whole" if problem.values.get("whole") else "problem.range"
        return self.t(key, **values)

    def only_offered(self, options: Any, handler: Callable[[Any], None]) -> Callable[[Any], None]:
        """``handler`` for the values a widget offered; any other value is dropped unseen.

        A select, toggle or tab emits whatever the browser says, so its ``on_value`` must not
        look a value up or use it before this check (a forged one would end in a traceback or
        worse). ``options`` is what the widget was given (a list or the keys of a dict).
        """
        choices = list(options)

        def checked(value: Any) -> None:
            try:
                chosen = offered(value, choices)
            except InputError:
                return
            handler(chosen)

        return checked

    def role_labels(self) -> dict[str, str]:
        """The display words the network and team charts need."""
        words = {role: self.t(f"role.{role}") for role in ROLES}
        for key in ("person", "team", "role", "formal", "informal", "value", "members"):
            words[key] = self.t(f"network.{key}")
        words["measure"] = self.t(f"measure.{self.measure.value}")
        return words


@solara.component
def Problems(title: str, problems: list[str]) -> None:  # noqa: N802
    """A list of problems under a title, shown as an error box (nothing if there are none)."""
    if problems:
        with solara.Error(title, dense=True, classes=["orglearn-problems"]), solara.Column(gap="2px"):
            for problem in problems:
                solara.Text(problem, style={"font-size": "0.85em"})


@solara.component
def InterventionMarks(ui: Ui, lines: Any) -> None:  # noqa: N802
    """Under a chart, the interventions its dotted lines mark: week and name, in the page's words."""
    if lines:
        listed = "; ".join(ui.t("schedule.item", week=w, label=label) for w, label in lines)
        solara.Text(
            ui.t("schedule.marked", marks=listed),
            style={"font-size": "0.8em", "color": "#6a1b9a"},
            classes=["orglearn-chart-marks"],
        )


@solara.component
def Prose(text: str, classes: list[str] | None = None) -> None:  # noqa: N802
    """Markdown text (lessons, summaries) rendered on the server.

    Solara's own Markdown component loads KaTeX from the CDN for formulas; these texts have
    none, and rendering here keeps every asset local. HTML in the text is escaped first, so a
    lesson file can format text but not inject markup.
    """
    import html

    import markdown

    rendered = markdown.markdown(html.escape(text, quote=False))
    solara.HTML(tag="div", unsafe_innerHTML=rendered, classes=["orglearn-prose", *(classes or [])])


FORMAT_LOCALES: dict[str, dict[str, Any]] = {
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
    "nl": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
}
"""How the chart library writes numbers (axes, tooltips) in each language."""


def embed_options(lang: str) -> dict[str, Any]:
    """What the chart library is told besides the chart: the language's numbers, and no menu.

    The chart menu (save as SVG, view source, open in the online editor) exists only in
    English, and one of its entries leaves the offline page.
    """
    return {"actions": False, "formatLocale": FORMAT_LOCALES.get(lang, FORMAT_LOCALES["en"])}


@solara.component
def Vega(chart: Any, on_click: Callable[[Any], None] | None = None, lang: str = "en") -> None:  # noqa: N802
    """An Altair chart drawn in the page, like ``solara.FigureAltair`` but without re-validation.

    Altair checks a chart against the whole Vega-Lite schema every time it is turned into a
    spec; the app's charts are the same few built by its own code, so that check would only cost
    more than a tenth of a second on every week drawn while a run plays.
    """
    VegaSpec(chart.to_dict(validate=False), on_click=on_click, lang=lang)


@solara.component
def VegaSpec(  # noqa: N802
    spec: dict[str, Any], on_click: Callable[[Any], None] | None = None, lang: str = "en"
) -> None:
    """A Vega-Lite spec drawn in the page; a spec that differs only in its data just swaps the data.

    The app's charts are built once and refilled each week (:mod:`..vega`), so a new week
    costs the page its data, not a whole new chart (:mod:`.live_vega`).
    """
    from .live_vega import LiveVegaLite

    spec = {**spec, "usermeta": {**spec.get("usermeta", {}), "embedOptions": embed_options(lang)}}
    LiveVegaLite.element(spec=spec, on_click=on_click, listen_to_click=on_click is not None)


@solara.component
def Slider(  # noqa: N802
    value: float,
    low: float,
    high: float,
    step: float,
    on_value: Callable[[Any], None],
    disabled: bool = False,
) -> None:
    """A slider that hands on exactly what the browser sent.

    Solara's own sliders turn the value into a number before any check of ours, so a forged
    non-number ends in a traceback on the page; here ``on_value`` gets the raw value and must
    check it (:meth:`Ui.only_offered` for menus, a range check for numbers). The value is shown
    beside the slider by the caller, never in a thumb label (which writes ``0.8`` in Dutch too).
    """
    import reacton.ipyvuetify as rv

    rv.Slider(
        v_model=value,
        on_v_model=on_value,
        min=low,
        max=high,
        step=step,
        thumb_label=False,
        dense=False,
        hide_details=True,
        disabled=disabled,
        class_="orglearn-slider-track",
    )
