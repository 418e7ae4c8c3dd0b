"""The page Solara serves: a title bar with the language switch, and four tabs.

``Page`` builds one :class:`~.session.Session` per browser session with ``use_memo``, so two
browsers never share a run and a reload starts a fresh one; the session's run loop stops when the
page goes. All four tabs stay mounted and only
the open one is shown, so a comparison or a lesson is still there after a look at Explore.
"""

from __future__ import annotations

import html

import reacton.core
import solara

from .components.common import Ui
from .components.compare_view import CompareTab
from .components.explore import ExploreTab
from .components.info import InfoTab
from .components.learn import LearnTab
from .session import Session
from .text import LANGUAGES, t

TABS = ("explore", "compare", "learn", "info")
STYLE = """
.orglearn-hidden { display: none !important; }
.v-application { font-size: 15px; }
.orglearn-lesson-button.v-btn { height: auto !important; min-height: 36px; padding: 6px 12px; }
.orglearn-lesson-button .v-btn__content { white-space: normal; flex: 1 1 auto; text-align: left;
    letter-spacing: normal; line-height: 1.3; }
.orglearn-prediction .v-btn { height: auto !important; min-height: 36px; }
.orglearn-prediction .v-btn__content { white-space: normal; letter-spacing: normal; }
.orglearn-export .v-btn { max-width: 100%; height: auto !important; min-height: 36px; padding: 6px 12px; }
.orglearn-export .v-btn__content { white-space: normal; flex: 1 1 auto; letter-spacing: normal; }
.orglearn-team-chip.orglearn-team-chip-chosen { background-color: #d81b60 !important;
    color: #fff !important; }
"""
"""The page's few rules of its own: long lesson titles, answers and the export button's label wrap
instead of being cut off or reaching into the charts beside the settings; the highlighted team
in the list of teams takes the colour of its line and of its members' rings."""


@solara.component
def Page() -> None:  # noqa: N802
    """The app."""
    session = solara.use_memo(Session, [])
    highlighted: solara.Reactive[int | None] = solara.use_reactive(None)
    reactives = (
        solara.use_reactive("en"),
        solara.use_reactive(0),
        solara.use_reactive(0),
        highlighted,
        solara.use_reactive("team"),
        solara.use_reactive("explore"),
        solara.use_reactive(0),
    )
    render = reacton.core.get_render_context(required=False)
    ui = solara.use_memo(lambda: Ui(session, *reactives, batch=render), [])
    # When the page closes or reloads, Solara unmounts it: stop the run loop with it.
    solara.use_effect(lambda: session.close, [])
    lang = ui.lang.value
    solara.Title(t(lang, "app.title"))
    solara.Style(STYLE)
    with solara.Column(gap="8px", style={"padding": "8px 16px"}, classes=["orglearn-app"]):
        with solara.Row(gap="16px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.HTML(tag="h2", unsafe_innerHTML=html.escape(t(lang, "app.title")), style={"margin": "0"})
            # Vuetify's tabs directly (not solara.lab.Tabs, which indexes its own list with whatever
            # number the browser sends before any check): only an offered tab is taken.
            solara.v.Tabs(
                v_model=TABS.index(ui.tab.value),
                on_v_model=ui.only_offered(range(len(TABS)), lambda i: ui.tab.set(TABS[i])),
                children=[
                    solara.v.Tab(children=[t(lang, f"tab.{name}")], class_=f"orglearn-tab-{name}")
                    for name in TABS
                ],
            )
            solara.ToggleButtonsSingle(
                value=lang,
                values=list(LANGUAGES),
                on_value=ui.only_offered(LANGUAGES, ui.lang.set),
                classes=["orglearn-language"],
            )
        solara.Text(t(lang, f"tab_help.{ui.tab.value}"), style={"color": "#555"})
        for name, tab in zip(TABS, (ExploreTab, CompareTab, LearnTab, InfoTab), strict=True):
            with solara.Div(classes=[] if name == ui.tab.value else ["orglearn-hidden"]):
                tab(ui)
