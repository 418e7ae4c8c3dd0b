"""The Explore tab: choose a model and a scenario (or load one), change settings, run it, and watch.

The left column holds the model, the scenario, the seed, the run buttons and every setting; the
right column the organization and the charts: for the learning organization the network and the
teams, for March's (1991) model everyone's beliefs against reality. The organization redraws
after every week it is shown (``ui.tick``), the charts when ``ui.charts`` says so (less often
while a run plays); each reads its counter itself, so the controls redraw only when settings
change and a Step leaves them alone. Everything drawn reads
the model under the session's lock, so a run loop never changes it halfway through a drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import solara

from orglearn import __version__
from orglearn.registry import MODELS
from orglearn.scenarios import describe, scenario_names

from ..charts import caption
from ..export import build_pack, pack_name
from ..layout import layout_for
from ..portrayal import GROUP_ABOVE, MEASURES, SIZE, network_chart, offered_team, team_chart
from ..session import InputError, offered
from ..text import scenario_label
from ..uploads import UploadError, read_dropped
from .beliefs_view import BeliefsView
from .common import Problems, Ui, VegaSpec
from .controls import ParameterGroups
from .inspector import PersonInspector, person_of
from .run_charts import RunCharts
from .run_controls import RunControls
from .schedule_view import InterventionPanel
from .upload import ScenarioUpload


@solara.component
def ModelChooser(ui: Ui) -> None:  # noqa: N802
    """Pick the model: the learning organization, or March's (1991) model; each starts afresh."""
    ui.edits.value  # noqa: B018
    session = ui.session
    names = {ui.t(f"model.{name}"): name for name in MODELS}

    def choose(label: str) -> None:
        try:
            session.choose_model(names[offered(label, list(names))])
        except InputError as refused:
            session.refusal = refused  # shown with the settings, like a forged scenario name
            ui.settings_changed()
            return
        ui.team.value = None
        ui.settings_changed()
        ui.model_changed()

    with solara.Column(gap="2px", classes=["orglearn-model"]):
        solara.Select(
            ui.t("model.label"),
            values=list(names),
            value=ui.t(f"model.{session.model_name}"),
            on_value=choose,
        )
        solara.Text(ui.t(f"model.help_{session.model_name}"), style={"font-size": "0.8em", "color": "#555"})


@solara.component
def ScenarioChooser(ui: Ui) -> None:  # noqa: N802
    """Pick a named scenario, or drop a scenario file; a bad file gets a message, not a crash."""
    ui.edits.value  # noqa: B018
    lang = ui.lang.value
    session = ui.session
    upload_problems, set_upload_problems = solara.use_state(cast_list([]))

    def choose(name: str) -> None:
        session.choose_name(name)
        ui.team.value = None
        ui.settings_changed()
        ui.model_changed()

    def dropped(info: dict) -> None:
        try:
            scenario = read_dropped(info)  # refused by its size before any of it is read
        except UploadError as err:
            set_upload_problems([ui.t(err.key), *err.problems])
            return
        set_upload_problems([])
        session.choose(scenario)
        ui.team.value = None
        ui.settings_changed()
        ui.model_changed()

    model = session.model_name
    names = scenario_names(model)
    current = session.scenario.name
    # The menu shows display names; what it sends back goes to the session's own check.
    words = {scenario_label(name, lang, model): name for name in session.offered_names()}
    if current not in words.values():
        words[scenario_label(current, lang, model)] = current
    with solara.Column(gap="4px"):
        solara.Select(
            ui.t("explore.scenario"),
            values=list(words),
            value=scenario_label(current, lang, model),
            on_value=lambda label: choose(words.get(label, label) if isinstance(label, str) else label),
            classes=["orglearn-scenario"],
        )
        text = (
            describe(current, model).get(lang, "")
            if current in names
            else session.scenario.description.get(lang, "")
        )
        if text:
            solara.Text(text, style={"font-size": "0.8em", "color": "#555"})
        ScenarioUpload(ui.t("explore.upload"), on_file=dropped)
        Problems(ui.t("upload.title"), upload_problems)


def _is_offered(label: object, names: dict[str, str]) -> bool:
    """Whether a menu sent one of its own labels (a browser can send anything)."""
    try:
        offered(label, list(names))
    except InputError:
        return False
    return True


def cast_list(items: list[str]) -> list[str]:
    """A typed empty list for ``use_state`` (keeps type checkers quiet)."""
    return items


@solara.component
def NetworkView(ui: Ui, tick: int) -> None:  # noqa: N802
    """The network coloured by the chosen measure, and a bar per team; a click picks a team.

    ``tick`` is the model's change counter: a new value redraws the view.
    """
    if ui.session.running.model != "orglearn":
        return  # the session has just switched to March's model; this view is on its way out
    labels = ui.role_labels()
    measure, team = ui.measure.value, ui.team.value
    numeric = measure if measure not in ("team", "role") else "goal_alignment"

    def draw(model) -> tuple:
        state = model.state
        chart, grouped = network_chart(state, layout_for(state.chart), measure, labels, team)
        bars = team_chart(state, numeric, ui.t(f"measure.{numeric}"), labels, team)
        return chart, grouped, bars, state.size, state.chart.n_teams

    # The charts take copies of the state, under the lock: never half a week, even while playing.
    chart, grouped, bars, size, teams = ui.session.read(draw)
    chosen: solara.Reactive[str | None] = solara.use_reactive(
        None
    )  # the person clicked (their label), shown in the inspector
    person = ui.session.read(lambda model: person_of(model, chosen.value)) if chosen.value else None

    def picked(datum: dict | None) -> None:
        ui.team.value = offered_team(datum, teams)  # a team the charts drew, or none
        label = datum.get("person") if isinstance(datum, dict) else None
        chosen.value = label if isinstance(label, str) else None  # checked against the chart when read

    # As wide as the network: its notes wrap, so the first chart fits beside it at 1280 pixels.
    with solara.Column(gap="4px", classes=["orglearn-network"], style={"max-width": f"{SIZE + 60}px"}):
        with solara.Row(gap="8px", style={"align-items": "center"}):
            names = {ui.t(f"measure.{m}"): m for m in MEASURES}
            solara.Select(
                ui.t("explore.colour_by"),
                values=list(names),
                value=ui.t(f"measure.{measure}"),
                on_value=lambda label: ui.measure.set(names[label]) if _is_offered(label, names) else None,
                style={"max-width": "260px"},
                classes=["orglearn-measure"],
            )
            if team is not None:
                solara.Text(ui.t("explore.team_selected", team=team), classes=["orglearn-team-selected"])
                solara.Button(ui.t("explore.clear_team"), on_click=lambda: ui.team.set(None), text=True)
        solara.Text(ui.t("explore.legend"), style={"font-size": "0.8em", "color": "#555"})
        if grouped:
            solara.Info(ui.t("explore.grouped", people=size, limit=GROUP_ABOVE), dense=True)
        VegaSpec(chart, on_click=picked, lang=ui.lang.value)
        if person is not None:
            PersonInspector(ui, person, on_close=lambda: chosen.set(None))
        elif not grouped:
            solara.Text(ui.t("inspector.hint"), style={"font-size": "0.8em", "color": "#555"})
        solara.Text(ui.t("explore.team_chart"), style={"font-size": "0.8em", "color": "#555"})
        VegaSpec(bars, on_click=picked, lang=ui.lang.value)


@solara.component
def ExportButton(ui: Ui) -> None:  # noqa: N802
    """One click: the pack with charts, data and scenario of the run as it stands.

    It reads ``ui.tick``: the file's name carries the week.
    """
    ui.tick.value  # noqa: B018
    session = ui.session
    lang = ui.lang.value

    def make_pack() -> Callable[[], bytes]:
        def pack() -> bytes:
            with session.lock:
                metrics = session.model.metrics()
                scenario, seed = session.running, session.running_seed
            return build_pack(scenario, seed, metrics, lang)

        return pack

    # One function for as long as the language stays: a new one would make the download button
    # start (and finish) a thread of its own after every week drawn, redrawing the page thrice.
    pack = solara.use_memo(make_pack, [lang])
    name = pack_name(session.running.name, session.running_seed, session.week)
    with solara.Div(classes=["orglearn-export"]):
        solara.FileDownload(
            pack,
            filename=name,
            label=ui.t("explore.export"),
            mime_type="application/zip",
            icon_name="mdi-download",
        )
    solara.Text(
        caption(
            lang,
            session.running.name,
            session.running_seed,
            __version__,
            datetime.now(UTC).date().isoformat(),
        ),
        style={"font-size": "0.75em", "color": "#777"},
    )


@solara.component
def OrganizationView(ui: Ui) -> None:  # noqa: N802
    """The running organization: the network of the learning organization, or March's beliefs.

    It reads ``ui.tick`` and hands it down: every week shown is drawn.
    """
    tick = ui.tick.value
    if ui.session.running.model == "orglearn":
        NetworkView(ui, tick)
    else:
        BeliefsView(ui, tick)


@solara.component
def ExploreTab(ui: Ui) -> None:  # noqa: N802
    """The whole Explore tab.

    The tab itself reads neither change counter (``ui.tick``, ``ui.charts``): each component
    that shows the run reads them itself (the week counter and run buttons, the interventions'
    timeline, the export button, the organization, the charts), so a Step redraws those few and
    Solara never walks the rest of the tab (the model and scenario menus, the settings), which
    no week changes. Both counters change in one batch (:meth:`Ui.model_changed`), so the page
    still redraws once per change.
    """
    with solara.Columns([1, 3], gutters_dense=True):
        with solara.Column(gap="8px", style={"max-height": "calc(100vh - 120px)", "overflow-y": "auto"}):
            ModelChooser(ui)
            ScenarioChooser(ui)
            RunControls(ui)
            InterventionPanel(ui)
            ExportButton(ui)
            ParameterGroups(ui)
        with solara.Row(gap="16px", style={"flex-wrap": "wrap", "align-items": "flex-start"}):
            OrganizationView(ui)
            RunCharts(ui)
