"""Predictions that count: made by the learner, frozen at the run, never a forged value.

Rendered with ``solara.render`` on lesson 6, whose first step asks for a value.
"""

from __future__ import annotations

import ipyvuetify as v
import pytest
import solara

from orglearn.app.components.prediction import slider_start, typed_prediction
from orglearn.app.page import Page

from .test_components import button, enter, texts, toggle, wait


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def run_button(rc) -> v.Btn:
    return next(w for w in rc.find(v.Btn).widgets if "orglearn-step-run" in (w.class_ or ""))


def prediction_slider(rc) -> v.Slider:
    return next(w for w in rc.find(v.Slider).widgets if w.step == 0.05)


def typed_field(rc) -> v.TextField:
    return next(w for w in rc.find(v.TextField).widgets if "orglearn-prediction-typed" in (w.class_ or ""))


def open_value_step(rc) -> None:
    button(rc, "Individual learning is not yet organizational learning").click()
    assert prediction_slider(rc) is not None


def test_typed_predictions_and_where_the_slider_starts():
    assert typed_prediction("0,35") == 0.35 and typed_prediction(" 0.35 ") == 0.35
    assert typed_prediction("1,5") is None and typed_prediction("nan") is None
    assert typed_prediction(["0.3"]) is None and typed_prediction(0.3) is None
    assert slider_start(0.18) == 0.2 and slider_start(-3) == -0.5


def test_the_sliders_starting_value_is_not_a_prediction(app):
    open_value_step(app)
    slider = prediction_slider(app)
    assert run_button(app).disabled
    slider.v_model = slider.v_model  # what a slider sends when it settles on its start
    assert run_button(app).disabled, "the starting value counted as a prediction"
    for forged in ("half", None, [0.3], float("nan"), 7.0, True):
        prediction_slider(app).v_model = forged
        assert run_button(app).disabled, f"a forged value {forged!r} counted as a prediction"
    prediction_slider(app).v_model = 0.55
    assert not run_button(app).disabled


def test_a_typed_prediction_counts_and_one_out_of_range_gets_the_range_in_dutch(app):
    toggle(app, "orglearn-language").v_model = 1
    button(app, "Individueel leren is nog geen organisatieleren").click()
    enter(typed_field(app), "1,7")
    assert texts(app, "orglearn-error") == ["'1,7' past hier niet: typ een getal van -0,5 tot en met 1."]
    assert run_button(app).disabled
    enter(typed_field(app), "0,35")
    assert not run_button(app).disabled
    assert typed_field(app).v_model == "0,35"
    assert prediction_slider(app).v_model == pytest.approx(0.35)


def test_after_the_run_the_prediction_is_frozen_and_the_verdict_stays(app):
    open_value_step(app)
    prediction_slider(app).v_model = 0.55
    run_button(app).click()
    wait(lambda: app.find(v.Html, class_="orglearn-prediction-said").widgets and run_button(app).disabled)
    wait(lambda: any("You predicted" in str(w.children) for w in app.find(v.Alert).widgets), 300)
    verdict = [str(w.children) for w in app.find(v.Alert).widgets if "You predicted" in str(w.children)]
    assert "You predicted: 0.55." in verdict[0]
    assert prediction_slider(app).disabled and typed_field(app).disabled
    prediction_slider(app).v_model = 0.1  # sent anyway, as a browser can
    enter(typed_field(app), "0.1")
    after = [str(w.children) for w in app.find(v.Alert).widgets if "You predicted" in str(w.children)]
    assert after == verdict, "the verdict rewrote itself"
    assert "0.55" in texts(app, "orglearn-prediction-said")[0]


def test_the_next_button_is_the_same_button_from_before_the_run_to_after_it(app):
    # A click on "Next step" just as a run ends must reach a live button: the bar that comes and
    # goes during the run must not make the page replace the buttons below it.
    open_value_step(app)
    following = button(app, "Next step")
    prediction_slider(app).v_model = 0.55
    run_button(app).click()
    wait(lambda: any("You predicted" in str(w.children) for w in app.find(v.Alert).widgets), 300)
    wait(lambda: not app.find(v.ProgressLinear).widgets)
    assert button(app, "Next step") is following
    assert not following.disabled
