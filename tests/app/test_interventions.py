"""Interventions in the browser: scheduled in Explore, marked on the charts, compared with and without."""

from __future__ import annotations

import io
import zipfile

import ipyvuetify as v
import pandas as pd
import pytest
import solara

from orglearn.app.compare import run_pair, with_and_without
from orglearn.app.export import build_comparison_pack
from orglearn.app.page import Page
from orglearn.app.schedule import clean_label, marks, offered_settings, schedule, unschedule
from orglearn.app.session import InputError, Session
from orglearn.scenarios import load_scenario
from orglearn.simulation import LearningOrganization


def small(name: str):
    return load_scenario(name).with_values({"organization.people": 30})


def test_only_settings_read_during_a_run_are_offered():
    names = {p.name for p in offered_settings()}
    assert {"management.style", "network.kind", "network.voice"} <= names
    assert "organization.people" not in names and "organization.chart" not in names
    assert offered_settings("march1991") == []


@pytest.mark.parametrize(
    ("week", "setting", "value", "key"),
    [
        ("0", "management.style", "aligning", "problem.whole"),
        ("twenty", "management.style", "aligning", "problem.whole"),
        ("9" * 5000, "management.style", "aligning", "problem.whole"),
        ("20", "network.voice", "1e999", "problem.value"),
        ("20", "organization.people", "10", "schedule.not_offered"),
        ("20", "management.styles", "aligning", "schedule.not_offered"),
        ("20", ["management.style"], "aligning", "schedule.not_offered"),
        ("20", "management.style", "tyrant", "problem.value"),
        ("20", "network.voice", "7", "problem.value"),
        ("20", "network.voice", "nan", "problem.value"),
    ],
)
def test_what_the_page_sends_is_checked_against_what_it_offered(week, setting, value, key):
    session = Session(small("directive"))
    with pytest.raises(InputError) as err:
        schedule(session, week, setting, value)
    assert err.value.key == key
    assert session.pending.interventions == () and session.running.interventions == ()


def test_a_change_ahead_joins_the_running_model_as_if_it_had_been_there_from_the_start():
    session = Session(small("directive"))
    session.step(10)
    item = schedule(session, "20", "management.style", "aligning", "New director")
    assert item.label == {"en": "New director", "nl": "New director"}
    assert [i.name for i in session.running.interventions] == [item.name]
    assert session.model.setup is session.running  # what an export writes down
    session.step(20)
    assert session.model.values["management.style"] == "aligning"
    assert session.model.marks == {20: item.name}
    again = LearningOrganization(session.running, seed=session.running_seed).run(30)
    pd.testing.assert_frame_equal(again, session.model.metrics())
    never = LearningOrganization(small("directive"), seed=1).run(30)
    assert never.iloc[:20].equals(again.iloc[:20]) and not never.equals(again)


def test_a_change_in_a_week_already_run_waits_for_the_reset():
    session = Session(small("directive"))
    session.step(5)
    schedule(session, "3", "network.voice", "0,9")  # a decimal comma, as typed in Dutch
    assert session.running.interventions == () and len(session.pending.interventions) == 1
    assert session.pending.interventions[0].set["network.voice"] == 0.9
    session.reset()
    assert session.running.interventions == session.pending.interventions


def test_removable_before_its_week_only():
    session = Session(small("new_director"))  # the journey's own intervention, at week 100
    schedule(session, "20", "network.kind", "rake")
    session.step(25)
    with pytest.raises(InputError, match="not_removable"):
        unschedule(session, "scheduled_1")
    unschedule(session, "new_director")
    assert [i.name for i in session.running.interventions] == ["scheduled_1"]
    assert [i.name for i in session.pending.interventions] == ["scheduled_1"]
    with pytest.raises(InputError, match="not_removable"):
        unschedule(session, "new_director")


def test_labels_are_plain_text_and_marks_name_them_in_the_pages_language():
    assert clean_label("  a\x00b\n$x$ " + "y" * 200) == "a b $x$ " + "y" * 72
    scenario = small("new_director")
    assert marks(scenario, "nl") == [(100, "Nieuwe directeur: afstemmen in plaats van sturen")]
    assert marks(scenario, "en", last=99) == []


def test_with_and_without_share_seeds_until_the_intervention_and_export_both_arms():
    scenario = small("new_director").with_values({"interventions.new_director.week": 20})
    without, with_ = with_and_without(scenario)
    assert without.interventions == () and with_.interventions == scenario.interventions
    comparison = run_pair((without, with_), (3, 4), 30, with_without=True)
    a, b = comparison.series("goal_alignment_org")
    assert (a[:, :20] == b[:, :20]).all() and (a[:, 25:] != b[:, 25:]).any()
    pack = zipfile.ZipFile(io.BytesIO(build_comparison_pack(comparison, ("A", "B"), "nl")))
    names = set(pack.namelist())
    assert {"a/scenario.toml", "b/scenario.toml", "a/metrics_seed4.csv", "b/metrics_seed3.csv"} <= names
    assert "[[interventions]]" in pack.read("b/scenario.toml").decode()
    assert "[[interventions]]" not in pack.read("a/scenario.toml").decode()
    assert "Startgetallen: 3 tot en met 4" in pack.read("README.txt").decode()


# --- the page, rendered headless -------------------------------------------------------------------


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def texts(rc, cls: str) -> list[str]:
    return [str(c) for w in rc.find(v.Html, class_=cls).widgets for c in w.children]


def button(rc, cls: str) -> v.Btn:
    return next(w for w in rc.find(v.Btn).widgets if cls in (w.class_ or "").split())


def field(rc, cls: str) -> v.TextField:
    return next(w for w in rc.find(v.TextField).widgets if cls in (w.class_ or "").split())


def select(rc, label: str) -> v.Select:
    return next(w for w in rc.find(v.Select).widgets if w.label == label)


def test_scheduling_in_explore_lists_marks_and_removes_in_dutch(app):
    next(w for w in app.find(v.BtnToggle).widgets if "orglearn-language" in (w.class_ or "")).v_model = 1
    select(app, "Scenario").v_model = "Sturend management"
    field(app, "orglearn-schedule-week").v_model = "3"
    select(app, "Instelling").v_model = "Stijl van leidinggeven"
    select(app, "Nieuwe waarde").v_model = "Verbindend"
    button(app, "orglearn-schedule-add").click()
    assert texts(app, "orglearn-error") == []
    assert texts(app, "orglearn-timeline-label") == ["week 3: Stijl van leidinggeven: Verbindend"]
    field(app, "orglearn-schedule-week").v_model = "0"
    button(app, "orglearn-schedule-add").click()
    assert "Gebruik een geheel getal van 1 tot" in " ".join(texts(app, "orglearn-error"))
    for _ in range(4):
        next(w for w in app.find(v.Btn).widgets if "Stap" in w.children).click()
    assert texts(app, "orglearn-chart-marks") == [
        "Gemarkeerde lijnen: week 3: Stijl van leidinggeven: Verbindend"
    ]
    assert not app.find(v.Btn, class_="orglearn-unschedule").widgets  # week 3 has been run
    field(app, "orglearn-schedule-week").v_model = "50"
    button(app, "orglearn-schedule-add").click()
    assert len(texts(app, "orglearn-timeline-label")) == 2
    button(app, "orglearn-unschedule").click()  # the one in week 50, still ahead
    assert texts(app, "orglearn-timeline-label") == ["week 3: Stijl van leidinggeven: Verbindend"]


def wait(condition, seconds: float = 120) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_compare_with_and_without_the_explore_scenarios_intervention(app):
    select(app, "Scenario").v_model = "Directive management"
    field(app, "orglearn-schedule-week").v_model = "5"
    select(app, "New value").v_model = "Aligning"
    field(app, "orglearn-schedule-label").v_model = "New director"
    button(app, "orglearn-schedule-add").click()
    next(w for w in app.find(v.BtnToggle).widgets if "orglearn-design" in (w.class_ or "")).v_model = 1
    subject = select(app, "Scenario with interventions")
    assert subject.items[0] == "The Explore scenario (Directive management) with its interventions"
    assert "New director" in subject.items and "School" not in subject.items
    subject.v_model = subject.items[0]
    weeks = next(w for w in app.find(v.TextField).widgets if w.label == "Weeks")
    weeks.v_model = "12"
    weeks.fire_event("focusout", "12")
    button(app, "orglearn-compare-run").click()
    wait(lambda: texts(app, "orglearn-chart-marks"))
    assert texts(app, "orglearn-chart-marks") == ["Marked lines: week 5: New director"]
    summary = " ".join(str(w.unsafe_innerHTML) for w in app.find(solara.widgets.HTML).widgets)
    assert "<strong>Directive management with interventions</strong>" in summary
    assert "<strong>Directive management without interventions</strong>" in summary


def test_a_forged_subject_is_refused(app):
    next(w for w in app.find(v.BtnToggle).widgets if "orglearn-design" in (w.class_ or "")).v_model = 1
    select(app, "Scenario with interventions").v_model = "../../etc/passwd"
    wait(lambda: any("not on offer" in str(w.children) for w in app.find(v.Alert).widgets))


def test_the_lesson_step_names_its_intervention(app):
    next(
        w
        for w in app.find(v.Btn).widgets
        if "Changing course: what a new style can and cannot undo" in w.children
    ).click()
    assert texts(app, "orglearn-step-marks") == [
        "Week 100: New director: aligning instead of directing (in New director)"
    ]


def test_the_explore_pack_holds_the_scheduled_intervention():
    from orglearn.app.export import build_pack

    session = Session(small("directive"))
    schedule(session, "4", "management.style", "aligning", "New director")
    session.step(6)
    pack = zipfile.ZipFile(io.BytesIO(build_pack(session.running, 1, session.model.metrics(), "en")))
    toml = pack.read("scenario.toml").decode()
    assert 'name = "scheduled_1"' in toml and "week = 4" in toml and "New director" in toml
    assert pack.read("charts.png").startswith(b"\x89PNG")


@pytest.mark.parametrize("design", [0, 1])
def test_forged_menu_values_change_nothing(app, design):
    """Every menu on the page (Explore's, the interventions', Compare's) drops what it never offered."""
    next(w for w in app.find(v.BtnToggle).widgets if "orglearn-design" in (w.class_ or "")).v_model = design
    for index in range(len(app.find(v.Select).widgets)):
        for value in ("/etc/passwd", 12, None, {"a": 1}, ["school"], "x" * 5000):
            app.find(v.Select).widgets[index].v_model = value  # raises if a handler breaks
    assert texts(app, "orglearn-week")[0].startswith("Week 0 · 60 people")
    assert app.find(v.Select).widgets[0].label in ("Scenario A", "Scenario with interventions")
