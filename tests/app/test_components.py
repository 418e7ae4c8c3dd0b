"""The page rendered with ``solara.render``: step, reset, parameters, language, lessons, compare."""

from __future__ import annotations

import time

import ipyvuetify as v
import pytest
import solara

from orglearn.app.page import Page


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def texts(rc, cls: str) -> list[str]:
    return [str(c) for w in rc.find(v.Html, class_=cls).widgets for c in w.children]


def week(rc) -> str:
    return texts(rc, "orglearn-week")[0]


def button(rc, label: str) -> v.Btn:
    found = [w for w in rc.find(v.Btn).widgets if label in [c for c in w.children if isinstance(c, str)]]
    assert len(found) == 1, (label, len(found))
    return found[0]


def toggle(rc, cls: str) -> v.BtnToggle:
    return next(w for w in rc.find(v.BtnToggle).widgets if cls in (w.class_ or ""))


def open_groups(rc) -> None:
    """Open every parameter group, as a person clicks each header (a closed one holds no controls)."""
    for panels in rc.find(v.ExpansionPanels, class_="orglearn-group").widgets:
        panels.v_model = 0


def field(rc, label: str) -> v.TextField:
    open_groups(rc)
    return next(w for w in rc.find(v.TextField).widgets if w.label == label)


def enter(widget: v.TextField, text: str) -> None:
    """Type into a field and leave it, as a person does (the app reads fields on blur)."""
    widget.v_model = text
    widget.fire_event("focusout", text)


def wait(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_step_and_reset(app):
    assert week(app).startswith("Week 0 · 60 people")
    button(app, "Step").click()
    button(app, "Step").click()
    assert week(app).startswith("Week 2")
    button(app, "Reset").click()
    assert week(app).startswith("Week 0")


def test_a_bad_seed_gets_a_message_and_a_good_one_waits_for_reset(app):
    seed = field(app, "Seed (a whole number)")
    enter(seed, "twelve")
    assert "is not a seed" in str(field(app, "Seed (a whole number)").messages)
    enter(seed, "12")
    button(app, "Reset").click()
    assert week(app).endswith("seed 12")


def test_changing_a_parameter_applies_at_reset(app):
    people = field(app, "People")
    enter(people, "lots")
    assert any("does not fit" in t for t in texts(app, "orglearn-error"))
    enter(people, "30")
    button(app, "Reset").click()
    assert "30 people" in week(app)


def test_switching_language_keeps_the_run(app):
    button(app, "Step").click()
    toggle(app, "orglearn-language").v_model = 1
    assert week(app).startswith("Week 1 · 60 mensen")
    button(app, "Stap").click()
    assert week(app).startswith("Week 2")


def test_loading_a_lesson_and_predicting_before_running(app):
    toggle(app, "orglearn-language").v_model = 1
    button(app, "Hark of netwerk: wie praat met wie").click()
    run = next(w for w in app.find(v.Btn).widgets if "orglearn-step-run" in (w.class_ or ""))
    assert run.disabled
    button(app, "B (Netwerkorganisatie) eindigt hoger").click()
    assert not run.disabled
    assert any("WAT IS HET" in str(w.unsafe_innerHTML) for w in app.find(solara.widgets.HTML).widgets)
    toggle(app, "orglearn-language").v_model = 0
    assert not run.disabled, "the prediction survives a language switch"
    # The run itself happens in a thread; the browser tests wait for its result.


def test_compare_refuses_a_bad_number_of_runs(app):
    toggle(app, "orglearn-mode").v_model = 1
    enter(field(app, "Runs (seeds)"), "1000")
    next(w for w in app.find(v.Btn).widgets if "orglearn-compare-run" in (w.class_ or "")).click()
    wait(lambda: any("whole number from 2 to 100" in str(w.children) for w in app.find(v.Alert).widgets))


def shown(rc, kind, cls: str) -> bool:
    """Whether a widget of a kind with a class is anywhere on the page."""
    stack, seen = list(rc.find().widgets), set()
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        if isinstance(widget, kind) and cls in (getattr(widget, "class_", None) or "").split():
            return True
        stack.extend(c for c in getattr(widget, "children", None) or [] if hasattr(c, "children"))
    return False


def choose(rc, label: str, value: str) -> None:
    """Pick an option of a menu, as a person does."""
    next(w for w in rc.find(v.Select).widgets if w.label == label).v_model = value


def test_marchs_model_on_the_explore_tab(app):
    choose(app, "Model", "March (1991): exploration and exploitation")
    assert week(app) == "Period 0 · 50 individuals · seed 1"
    assert shown(app, v.Sheet, "orglearn-beliefs") and not shown(app, v.Sheet, "orglearn-network")
    button(app, "Step").click()
    assert week(app).startswith("Period 1 ·")
    enter(field(app, "Individuals (n) (people)"), "20")
    button(app, "Reset").click()
    assert week(app) == "Period 0 · 20 individuals · seed 1"
    choose(app, "Scenario", "fast_learners")
    for _ in range(40):
        button(app, "Step").click()
    assert shown(app, v.Alert, "orglearn-at-rest"), "fast learners come to rest within 40 periods"
    toggle(app, "orglearn-language").v_model = 1
    assert week(app).startswith("Periode ") and "50 individuen" in week(app)
    choose(app, "Model", "De lerende organisatie")
    assert week(app) == "Week 0 · 60 mensen · startgetal 1"
    assert shown(app, v.Sheet, "orglearn-network")


def test_the_march_lesson_opens_in_explore(app):
    button(app, "Exploration and exploitation: why slow learners help").click()
    labels = [c for w in app.find(v.Btn).widgets for c in w.children if isinstance(c, str)]
    assert "Run up to 300 periods" in labels
    button(app, "Open in Explore").click()
    assert week(app) == "Period 0 · 50 individuals · seed 1"
