"""The person inspector: a click on a person shows their levels, goal and traits; a forged click nothing."""

from __future__ import annotations

import ipyvuetify as v
import pytest
import solara
import solara.widgets

from orglearn.app.components.inspector import bar, person_of
from orglearn.app.page import Page
from orglearn.app.session import Session

from .test_components import texts, toggle


@pytest.fixture
def app():
    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def click_network(rc, datum) -> None:
    network = rc.find(solara.widgets.VegaLite).widgets[0]
    network.vue_altair_click(datum)


def test_a_person_is_read_from_the_model_and_only_one_the_chart_drew():
    session = Session()
    person = session.read(lambda model: person_of(model, "0"))
    state = session.model.state
    assert person.role == "director" and person.goal.tolist() == state.goal[0].tolist()
    assert person.meaning.shape == (3, state.goal.shape[1])
    for forged in ("/etc/passwd", "999", 0, None, ["0"]):
        assert session.read(lambda model, f=forged: person_of(model, f)) is None


def test_a_bar_writes_its_value_in_the_language():
    assert "0,25" in bar(0.25, "#000", "nl") and "-1.00" in bar(-3, "#000", "en")


def test_clicking_a_person_opens_the_inspector_in_dutch(app):
    toggle(app, "orglearn-language").v_model = 1
    click_network(app, {"team": 1, "person": "5"})
    facts = texts(app, "orglearn-person-facts")
    assert facts and "in team 1" in facts[0] and "actorschap" in facts[0]
    table = app.find(v.Html, class_="orglearn-person-table").widgets or [
        w for w in app.find(solara.widgets.HTML).widgets if "Regels" in str(w.unsafe_innerHTML)
    ]
    assert table, "no table of levels"
    click_network(app, {"team": 1, "person": "/etc/passwd"})
    assert not texts(app, "orglearn-person-facts")
