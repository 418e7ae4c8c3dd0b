"""The run's buttons on the Explore tab: seed, Reset, Step, Play and Pause, speed, long runs.

Play and the long runs ("Run N weeks", "Run to week W") hand the model to the session's run
loop (:mod:`..player`), which advances it in its own thread. This module only follows the loop:
:func:`follow` looks at the model every :data:`FRAME` seconds and redraws the counter and the
organization with the latest week, so when drawing is slow the picture skips weeks instead of
queueing them; the charts, which take much longer to draw, follow every :data:`CHART_EVERY`
seconds (drawn in a thread of their own) and once more when the loop stops. If no page has been
connected for :data:`GRACE` seconds (a closed tab whose goodbye never arrived), the follower
stops the loop.
"""

from __future__ import annotations

import threading
import time

import solara

from ..model_view import app_model
from ..player import MAX_WEEK, SPEEDS
from ..session import InputError, Session, parse_speed
from .background import use_background
from .common import Ui

FRAME = 0.15
"""Seconds between two pictures of a running model."""
CHART_EVERY = 1.5
"""Seconds between two chart redraws while the model runs."""
GRACE = 2.0
"""Seconds a run goes on with no page connected."""


def _page_gone(context: object | None) -> bool:
    """Whether Solara tracks pages for this context and none of them is connected."""
    status = getattr(context, "page_status", None)
    if not status:
        return False  # rendered without a server (tests): nothing to watch
    return all(getattr(value, "name", str(value)) != "CONNECTED" for value in status.values())


def _current_context() -> object | None:
    try:
        from solara.server import kernel_context

        return kernel_context.get_current_context()
    except Exception:  # no server: nothing to watch
        return None


class Drawn:
    """What the page has finished drawing: the last change counters its components rendered.

    The follower changes a counter only once the page has drawn the previous change, so a slow
    drawing makes it skip weeks instead of piling up redraws.
    """

    def __init__(self) -> None:
        self.tick = -1
        self.charts = -1


def follow(ui: Ui, drawn: Drawn, cancel: threading.Event) -> None:
    """Redraw the page from the running model until the loop stops or the page goes."""
    session = ui.session
    context = _current_context()
    shown, charts_at, alone_since = -1, time.monotonic(), None
    while not cancel.is_set():
        running = session.player.playing
        now = time.monotonic()
        if not running:
            ui.model_changed()
            return
        week = session.week
        if week != shown and drawn.tick >= ui.tick.value:
            shown = week
            charts = now - charts_at >= CHART_EVERY and drawn.charts >= ui.charts.value
            if charts:
                charts_at = now
            ui.model_changed(charts=charts)  # draws the page in this thread, however long it takes
        if _page_gone(context):
            alone_since = alone_since or now
            if now - alone_since >= GRACE:
                session.pause()
        else:
            alone_since = None
        cancel.wait(max(0.02, now + FRAME - time.monotonic()))


@solara.component
def RunControls(ui: Ui) -> None:  # noqa: N802
    """Seed, Reset, Step, Play/Pause, speed and the week counter, and a note on pending edits.

    It reads both change counters (``ui.tick``, ``ui.charts``): the week counter follows the
    model, and the counters it has drawn tell the follower that the page is ready for the next
    week.
    """
    ui.edits.value  # noqa: B018
    tick, charts = ui.tick.value, ui.charts.value
    session = ui.session
    view = session.view()
    playing = session.player.playing
    seed_text, set_seed_text = solara.use_state(str(session.seed))
    seed_error, set_seed_error = solara.use_state("")
    # A run opened from elsewhere (a lesson) brings its own seed: show it.
    solara.use_effect(lambda: set_seed_text(str(session.seed)), [view.seed])
    speed_error, set_speed_error = solara.use_state("")
    speed = solara.use_reactive(session.player.speed)
    started = solara.use_reactive(0)
    drawn = solara.use_memo(Drawn, [])
    solara.use_effect(lambda: setattr(drawn, "tick", tick), [tick])
    solara.use_effect(lambda: setattr(drawn, "charts", charts), [charts])
    use_background(lambda cancel: follow(ui, drawn, cancel), started.value)

    def seed_changed(text: str) -> None:
        set_seed_text(text)
        try:
            session.set_seed(text)
        except InputError as problem:
            set_seed_error(ui.message(problem))
        else:
            set_seed_error("")
        ui.settings_changed()

    def reset() -> None:
        session.reset()
        ui.model_changed()

    def step() -> None:
        if not session.player.playing:
            session.step()
            ui.model_changed()

    def play_or_pause() -> None:
        if session.player.playing:
            session.pause()
            ui.model_changed()
        else:
            session.play(speed.value)
            started.value += 1

    def speed_changed(label: str) -> None:
        try:
            chosen = parse_speed(label)
        except InputError as problem:
            set_speed_error(ui.message(problem))
            return
        set_speed_error("")
        speed.value = chosen
        if session.player.playing and session.player.target == MAX_WEEK:
            session.play(chosen)
            started.value += 1

    unit = app_model(view.running.model).unit
    with solara.Column(gap="6px"):
        solara.InputText(
            ui.t("explore.seed"),
            value=seed_text,
            on_value=seed_changed,
            continuous_update=False,
            error=seed_error or False,
            classes=["orglearn-seed"],
        )
        with solara.Row(gap="6px", style={"flex-wrap": "wrap"}):
            solara.Button(ui.t("explore.reset"), on_click=reset, icon_name="mdi-restart", outlined=True)
            solara.Button(ui.t("explore.step"), on_click=step, icon_name="mdi-step-forward", disabled=playing)
            solara.Button(
                ui.t("explore.pause") if playing else ui.t("explore.play"),
                on_click=play_or_pause,
                icon_name="mdi-pause" if playing else "mdi-play",
                color="primary",
                classes=["orglearn-play"],
            )
        solara.Select(
            ui.t(f"explore.speed_{unit}"),
            values=[str(s) for s in SPEEDS],
            value=str(speed.value),
            on_value=speed_changed,
            classes=["orglearn-speed"],
        )
        if speed_error:
            solara.Text(speed_error, style={"color": "#c62828"}, classes=["orglearn-error"])
        counter = "explore.week" if unit == "week" else "explore.period"
        solara.Text(
            ui.t(counter, week=view.week, people=view.people, seed=view.seed),
            classes=["orglearn-week"],
            style={"font-weight": "bold"},
        )
        if playing and session.player.target != MAX_WEEK:
            solara.Text(
                ui.t(f"explore.running_{unit}", week=session.player.target), classes=["orglearn-running"]
            )
        if session.player.error is not None:
            solara.Error(ui.t("explore.run_failed"), dense=True)
        if view.at_rest:
            solara.Info(ui.t("explore.at_rest"), dense=True, classes=["orglearn-at-rest"])
        if session.changed:
            solara.Warning(ui.t("explore.pending"), dense=True)

            def revert() -> None:
                session.revert()
                ui.settings_changed()

            solara.Button(ui.t("explore.revert"), on_click=revert, text=True)
        LongRuns(ui, unit, on_start=lambda: started.set(started.value + 1))


@solara.component
def LongRuns(ui: Ui, unit: str, on_start) -> None:  # noqa: N802
    """Run a typed number of weeks, or up to a typed week, checked on the server before it runs."""
    session: Session = ui.session
    weeks, set_weeks = solara.use_state("")
    until, set_until = solara.use_state("")
    error, set_error = solara.use_state("")

    def run(start, text: str) -> None:
        try:
            start(text)
        except InputError as problem:
            set_error(ui.message(problem))
            return
        set_error("")
        on_start()

    with solara.Column(gap="2px", classes=["orglearn-long-runs"]):
        with solara.Row(gap="6px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.InputText(
                ui.t(f"explore.run_for_{unit}"),
                value=weeks,
                on_value=set_weeks,
                continuous_update=True,
                classes=["orglearn-run-for"],
            )
            solara.Button(
                ui.t("explore.run_for_button"),
                on_click=lambda: run(session.run_for, weeks),
                outlined=True,
                classes=["orglearn-run-for-button"],
            )
        with solara.Row(gap="6px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.InputText(
                ui.t(f"explore.run_to_{unit}"),
                value=until,
                on_value=set_until,
                continuous_update=True,
                classes=["orglearn-run-to"],
            )
            solara.Button(
                ui.t(f"explore.run_to_button_{unit}"),
                on_click=lambda: run(session.run_to, until),
                outlined=True,
                classes=["orglearn-run-to-button"],
            )
        solara.Text(
            ui.t("explore.long_runs_hint", low=1, high=MAX_WEEK),
            style={"font-size": "0.75em", "color": "#777"},
            classes=["orglearn-long-runs-hint"],
        )
        if error:
            solara.Text(
                error, style={"font-size": "0.85em", "color": "#c62828"}, classes=["orglearn-run-error"]
            )
